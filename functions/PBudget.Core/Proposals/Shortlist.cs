namespace PBudget.Core.Proposals;

/// <summary>A ward's shortlist: the proposals that go to the vote, as signed off by a councillor or an admin.</summary>
/// <param name="WardCode">The ward.</param>
/// <param name="Entries">Each shortlisted proposal's id and the reviewed cost it was signed off at.</param>
/// <param name="SignedOffBy">Who signed it off.</param>
/// <param name="At">When.</param>
public sealed record ShortlistSignOff(string WardCode, IReadOnlyList<ShortlistEntry> Entries, string SignedOffBy, DateTimeOffset At);

/// <summary>A proposal on a signed-off shortlist and the cost it was signed off at, in pence.</summary>
public sealed record ShortlistEntry(string ProposalId, long CostPence);

/// <summary>A councillor's declared interest in a proposal, which stops them signing off a shortlist that contains it.</summary>
public sealed record InterestDeclaration(string WardCode, string ProposalId, string CouncillorId, string CouncillorName, string Interest, DateTimeOffset At);

/// <summary>Works out a ward's shortlist from its proposals.</summary>
public static class Shortlists
{
    /// <summary>The feasible, visible proposals whose reviewed cost fits the ward's budget, cheapest first, then by title.</summary>
    public static IReadOnlyList<Proposal> For(IEnumerable<Proposal> wardProposals, long wardBudgetPence) =>
        wardProposals
            .Where(p => p.QualifiesForShortlist(wardBudgetPence))
            .OrderBy(p => p.CostPence)
            .ThenBy(p => p.Details.Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
}
