using PBudget.Core.Publishing;
using PBudget.Core.Schemes;
using PBudget.Site.Tests.Support;

namespace PBudget.Site.Tests.Generator;

/// <summary>What the site says about voting: a ward's page invites its residents to vote while voting is open, and only then.</summary>
public sealed class VotingPagesTests
{
    private const string Abbey = "schemes/" + SampleSites.RiversideId + "/wards/E05900001/index.html";

    [Fact]
    public async Task BuildAsync_VotingOpen_WardPagesHaveAVoteNowStartButtonToTheBallotPaper()
    {
        var site = await BuiltSite.BuildAsync(new PublishedSite([SampleSites.Riverside() with { Phase = SchemePhase.Voting }]));

        var page = site.Page(Abbey);
        var start = Assert.Single(page.QuerySelectorAll("a.govuk-button--start"));
        Assert.Equal("Vote now", start.TextContent.Trim());
        Assert.Equal($"/api/forms/schemes/{SampleSites.RiversideId}/wards/E05900001/vote", start.GetAttribute("href"));
        Assert.Equal("button", start.GetAttribute("role"));
        Assert.Equal("Vote", page.QuerySelector("#vote")!.TextContent.Trim());
    }

    [Theory]
    [InlineData(SchemePhase.SetUp)]
    [InlineData(SchemePhase.ProposalsOpen)]
    [InlineData(SchemePhase.ShortlistSignOff)]
    [InlineData(SchemePhase.Counting)]
    [InlineData(SchemePhase.Results)]
    public async Task BuildAsync_VotingNotOpen_WardPagesDoNotInviteAVote(SchemePhase phase)
    {
        var site = await BuiltSite.BuildAsync(new PublishedSite([SampleSites.Riverside() with { Phase = phase }]));

        var page = site.Page(Abbey);
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.GetAttribute("href")?.EndsWith("/vote", StringComparison.Ordinal) == true);
        Assert.Null(page.QuerySelector("#vote"));
    }
}
