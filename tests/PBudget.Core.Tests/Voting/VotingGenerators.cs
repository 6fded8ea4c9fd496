using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using PBudget.Core.Proposals;
using PBudget.Core.Voting;

namespace PBudget.Core.Tests.Voting;

/// <summary>A ward's shortlist, its budget and a knapsack ballot, often near the budget's edge.</summary>
public sealed record KnapsackScenario(ShortlistEntry[] Shortlist, long BudgetPence, BallotChoice[] Choices)
{
    public override string ToString() =>
        $"budget {BudgetPence}p; shortlist {string.Join(", ", Shortlist.Select(entry => $"{entry.ProposalId}={entry.CostPence}p"))}; "
        + $"ballot {string.Join(", ", Choices.Select(choice => $"{choice.ProposalId}×{choice.Points}"))}";
}

public static class VotingGenerators
{
    /// <summary>Every valid rule shape: approval, knapsack with and without a minimum, cumulative with and without a cap.</summary>
    public static Gen<BallotRule> Rule { get; } = Gen.OneOf(
        Gen.Choose(1, 5).Select(max => new BallotRule(BallotKind.Approval, MaxChoices: max)),
        Gen.Constant(BallotRule.Default),
        Gen.Choose(0, 100).Select(share => new BallotRule(BallotKind.Knapsack, MinBudgetSharePercent: share)),
        from points in Gen.Choose(1, 20)
        from cap in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1, points).Select(value => (int?)value))
        select new BallotRule(BallotKind.Cumulative, Points: points, MaxPointsPerProject: cap));

    /// <summary>Choices with few distinct ids (so repeats are common), mixed case, and any points including invalid ones.</summary>
    public static Gen<BallotChoice[]> Choices { get; } =
        (from id in Gen.Elements("a", "b", "B", "c", "ab", "a-1", "_", "z")
         from points in Gen.Choose(-2, 12)
         select new BallotChoice(id, points)).ArrayOf();

    /// <summary>A cost in pence from nothing to £10bn (10¹² pence), weighted to small and round amounts.</summary>
    public static Gen<long> Cost { get; } = Gen.Frequency(
        (3, Gen.Choose(0, 1_000_000).Select(value => (long)value)),
        (2, Gen.Choose(0, 100_000).Select(value => value * 1_000L)),
        (2, from high in Gen.Choose(0, 1_000_000) from low in Gen.Choose(0, 999_999) select (high * 1_000_000L) + low),
        (1, Gen.Elements(0L, 1L, 99L, 100L, 1_000_000_000_000L)));

    /// <summary>1–12 proposals with distinct ids and random costs.</summary>
    public static Gen<ShortlistEntry[]> Shortlist { get; } =
        from count in Gen.Choose(1, 12)
        from numbers in Gen.Choose(0, 99).ArrayOf(count)
        let ids = numbers.Distinct().Select(number => "p" + number.ToString("D2", CultureInfo.InvariantCulture)).ToArray()
        from costs in Cost.ArrayOf(ids.Length)
        select ids.Zip(costs, (id, cost) => new ShortlistEntry(id, cost)).ToArray();

    /// <summary>
    /// Some shortlisted proposals, sometimes with a repeat or an unknown id, in any order; the budget is mostly within a
    /// few pence of what they cost, so both sides of the limit are tried.
    /// </summary>
    public static Gen<KnapsackScenario> Knapsack { get; } =
        from shortlist in Shortlist
        from chosen in Gen.SubListOf(shortlist)
        from extra in Gen.Frequency(
            (6, Gen.Constant(Array.Empty<BallotChoice>())),
            (1, Gen.Elements(shortlist).Select(entry => new[] { new BallotChoice(entry.ProposalId) })),
            (1, Gen.Constant(new[] { new BallotChoice("unknown") })))
        from choices in Gen.Shuffle(chosen.Select(entry => new BallotChoice(entry.ProposalId)).Concat(extra))
        let cost = chosen.Sum(entry => (decimal)entry.CostPence)
        from budget in Gen.Frequency(
            (4, Gen.Choose(-3, 3).Select(delta => (long)Math.Max(0, cost + delta))),
            (2, Cost),
            (1, Gen.Constant(0L)))
        select new KnapsackScenario(shortlist, budget, choices);

    /// <summary>A payload of 16 characters from the alphabet, for building codes with a known check character.</summary>
    public static Gen<string> Payload { get; } =
        Gen.Elements(VotingCodes.Alphabet.ToCharArray()).ArrayOf(VotingCodes.RandomCharacters).Select(characters => new string(characters));

    /// <summary>A valid code made from a random payload: the one check character that <see cref="VotingCodes.TryNormalise"/> accepts.</summary>
    public static Gen<string> Code { get; } = Payload.Select(payload =>
        VotingCodes.Alphabet.Select(check => payload + check).Single(candidate => VotingCodes.TryNormalise(candidate, out _, out _)));
}
