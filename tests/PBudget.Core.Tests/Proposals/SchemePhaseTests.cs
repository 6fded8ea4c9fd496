using PBudget.Core.Schemes;

namespace PBudget.Core.Tests.Proposals;

public sealed class SchemePhaseTests
{
    [Fact]
    public void Next_WalksEveryPhaseInOrderAndStopsAtDelivery()
    {
        var walked = new List<SchemePhase> { SchemePhase.SetUp };
        while (walked[^1].Next() is { } next)
        {
            walked.Add(next);
        }

        Assert.Equal(Enum.GetValues<SchemePhase>(), walked);
    }

    [Theory]
    [InlineData(SchemePhase.SetUp, false, false, false)]
    [InlineData(SchemePhase.ProposalsOpen, true, true, false)]
    [InlineData(SchemePhase.Review, false, true, false)]
    [InlineData(SchemePhase.ShortlistSignOff, false, true, true)]
    [InlineData(SchemePhase.Voting, false, false, false)]
    [InlineData(SchemePhase.Delivery, false, false, false)]
    public void Allows_EachPhase_PermitsOnlyItsOwnActions(SchemePhase phase, bool proposals, bool review, bool signOff)
    {
        Assert.Equal(proposals, phase.AllowsProposals());
        Assert.Equal(review, phase.AllowsReview());
        Assert.Equal(signOff, phase.AllowsSignOff());
    }

    [Fact]
    public void Refusal_AfterVotingOpens_SaysTheShortlistsAreFinal()
    {
        Assert.Equal("You cannot change a proposal now: voting opened and the shortlists are final.", SchemePhase.Counting.Refusal("change a proposal"));
        Assert.Equal("You cannot propose a project in the 'Review' phase.", SchemePhase.Review.Refusal("propose a project"));
    }

    [Theory]
    [InlineData("proposalsopen", true)]
    [InlineData("Voting", true)]
    [InlineData("3", false)]
    [InlineData("Closed", false)]
    [InlineData(null, false)]
    public void TryParse_NamesOnly(string? text, bool expected)
    {
        Assert.Equal(expected, SchemePhases.TryParse(text, out _));
    }
}
