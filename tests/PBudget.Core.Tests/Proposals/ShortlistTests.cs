using PBudget.Core.Proposals;

namespace PBudget.Core.Tests.Proposals;

public sealed class ShortlistTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static Proposal Make(string id, ProposalStatus status, long? reviewedCost, bool hidden = false, long estimate = 100_000) => new(
        id,
        "riverside-2026-27",
        "E05011234",
        "user-" + id,
        "Resident " + id,
        new ProposalDetails("Project " + id, "Summary", "Description", estimate, "Other", null, null),
        status,
        reviewedCost is null && status != ProposalStatus.Feasible ? null : new FeasibilityReview(status == ProposalStatus.Feasible, "Checked", reviewedCost, "Quotes", "Olu Officer", At),
        hidden ? new Moderation(true, "Personal details", "Olu Officer", At) : null,
        null,
        [],
        At,
        At);

    [Fact]
    public void For_MixedProposals_KeepsFeasibleVisibleAffordableOnesCheapestFirst()
    {
        var proposals = new[]
        {
            Make("a", ProposalStatus.Feasible, 300_000),
            Make("b", ProposalStatus.Feasible, 100_000),
            Make("c", ProposalStatus.NotFeasible, 50_000),
            Make("d", ProposalStatus.Feasible, 500_001),
            Make("e", ProposalStatus.Feasible, 200_000, hidden: true),
            Make("f", ProposalStatus.Submitted, null),
            Make("g", ProposalStatus.Feasible, 500_000),
        };

        var shortlist = Shortlists.For(proposals, wardBudgetPence: 500_000);

        Assert.Equal(["b", "a", "g"], shortlist.Select(p => p.Id));
    }

    [Fact]
    public void CostPence_ReviewedCostReplacesTheEstimate()
    {
        Assert.Equal(100_000, Make("a", ProposalStatus.Submitted, null).CostPence);
        Assert.Equal(250_000, Make("a", ProposalStatus.Feasible, 250_000).CostPence);
    }

    [Fact]
    public void NewId_IsValidAndDiffersEachTime()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => Proposal.NewId()).ToList();

        Assert.All(ids, id => Assert.True(Proposal.IsValidId(id), id));
        Assert.Equal(100, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.False(Proposal.IsValidId("../scheme"));
    }
}
