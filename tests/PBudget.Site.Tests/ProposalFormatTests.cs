using PBudget.Core.Proposals;
using PBudget.Site.Pages;
using PBudget.Site.Tests.Support;

namespace PBudget.Site.Tests;

public sealed class ProposalFormatTests
{
    [Theory]
    [InlineData("Community and wellbeing", "community-and-wellbeing")]
    [InlineData("Play, sport and young people", "play-sport-and-young-people")]
    [InlineData("Arts, culture and heritage", "arts-culture-and-heritage")]
    [InlineData("Other", "other")]
    [InlineData("  Café & Co!  ", "caf-co")]
    public void CategorySlug_Category_IsLowercaseWordsJoinedByHyphens(string category, string expected)
    {
        Assert.Equal(expected, ProposalFormat.CategorySlug(category));
    }

    [Fact]
    public void CategorySlug_EveryCategory_IsDistinctAndSafeInAnAddress()
    {
        var slugs = ProposalCategories.All.Select(ProposalFormat.CategorySlug).ToList();

        Assert.Equal(slugs.Count, slugs.Distinct(StringComparer.Ordinal).Count());
        Assert.All(slugs, slug => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", slug));
    }

    [Fact]
    public void StatusSlug_EveryStatus_IsDistinct()
    {
        var slugs = Enum.GetValues<ProposalStatus>().Select(ProposalFormat.StatusSlug).ToList();

        Assert.Equal(slugs.Count, slugs.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Cost_ReviewedOrNot_PrefersTheReviewedCostAndLabelsAnEstimate()
    {
        var proposal = SampleSites.Proposal("abcdefgh22", "Benches", "Other", ProposalStatus.Submitted, 250_050);

        Assert.Equal("Estimated £2,500.50", ProposalFormat.Cost(proposal));
        Assert.Equal("£2,000", ProposalFormat.Cost(proposal with { ReviewedCostPence = 200_000 }));
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(2, "Combines 2 residents’ proposals")]
    [InlineData(12, "Combines 12 residents’ proposals")]
    public void Combines_ProposerCount_NamesOnlyACombination(int count, string? expected)
    {
        var proposal = SampleSites.Proposal("abcdefgh22", "Benches", "Other", ProposalStatus.Feasible, 1) with { ProposerCount = count };

        Assert.Equal(expected, ProposalFormat.Combines(proposal));
    }
}
