using PBudget.Core.Proposals;

namespace PBudget.Core.Tests.Proposals;

public sealed class ProposalDetailsTests
{
    private static (ProposalDetails? Details, IDictionary<string, string[]> Errors) Parse(
        string? title = "Benches for Hyde Park Corner",
        string? summary = "Three benches by the bus stop.",
        string? description = "Older residents wait **standing** for the 56.",
        string? cost = "1,500",
        string? category = "Streets and transport",
        string? postcode = null,
        string? point = null,
        string? organisation = null)
    {
        var (details, errors) = ProposalDetails.Parse(title, summary, description, cost, category, postcode, point, organisation);
        return (details, errors.ToDictionary());
    }

    [Fact]
    public void Parse_GoodProposal_NormalisesEveryField()
    {
        var (details, errors) = Parse(title: "  Benches  ", category: "streets AND transport", postcode: "ls14ap", organisation: "Friends of the Park");

        Assert.Empty(errors);
        Assert.Equal("Benches", details!.Title);
        Assert.Equal("Streets and transport", details.Category);
        Assert.Equal(150_000, details.EstimatedCostPence);
        Assert.Equal("LS1 4AP", details.Location!.Postcode);
        Assert.Equal("Friends of the Park", details.Organisation);
    }

    [Fact]
    public void Parse_EverythingMissing_ReportsEveryRequiredField()
    {
        var (details, errors) = Parse(title: "", summary: " ", description: null, cost: "", category: null);

        Assert.Null(details);
        Assert.Equal(["category", "description", "estimatedCost", "summary", "title"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Enter a title for your project.", Assert.Single(errors["title"]));
    }

    [Theory]
    [InlineData("2500", 250_000)]
    [InlineData("£2,500.50", 250_050)]
    [InlineData("12,345,678", 1_234_567_800)]
    [InlineData("0.5", 50)]
    [InlineData(" 99.99 ", 9_999)]
    public void TryParsePounds_AmountsPeopleWrite_AreExactPence(string text, long pence)
    {
        Assert.True(ProposalDetails.TryParsePounds(text, out var parsed));
        Assert.Equal(pence, parsed);
    }

    [Theory]
    [InlineData("2.505")]
    [InlineData("1,50")]
    [InlineData("-10")]
    [InlineData("1e5")]
    [InlineData("ten pounds")]
    [InlineData("£")]
    public void TryParsePounds_NotAnAmount_IsRefused(string text)
    {
        Assert.False(ProposalDetails.TryParsePounds(text, out _));
    }

    [Theory]
    [InlineData("0", "more than £0")]
    [InlineData("1000000.01", "£1,000,000 or less")]
    [InlineData("lots", "amount in pounds")]
    public void Parse_BadCost_SaysWhatIsWrong(string cost, string expected)
    {
        var (_, errors) = Parse(cost: cost);

        Assert.Contains(expected, Assert.Single(errors["estimatedCost"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooLong_SaysTheLimitAndTheLength()
    {
        var (_, errors) = Parse(title: new string('a', ProposalDetails.MaxTitleLength + 1));

        Assert.Equal("This must be 100 characters or fewer; you have 101.", Assert.Single(errors["title"]));
    }

    [Fact]
    public void Parse_TitleOnTwoLines_IsRefusedButDescriptionMayHaveParagraphs()
    {
        var (_, errors) = Parse(title: "One\nTwo", description: "Para one.\r\n\r\nPara two.");

        Assert.Equal(["title"], errors.Keys);
    }

    [Theory]
    [InlineData("SW1A1AA", "SW1A 1AA")]
    [InlineData("m1 1ae", "M1 1AE")]
    [InlineData(" b33  8th ", "B33 8TH")]
    [InlineData("CR2 6XH", "CR2 6XH")]
    public void NormalisePostcode_AnySpacingAndCase_GivesRoyalMailForm(string text, string expected)
    {
        Assert.Equal(expected, ProposalDetails.NormalisePostcode(text));
    }

    [Theory]
    [InlineData("SW1A")]
    [InlineData("12345")]
    [InlineData("SW1A 1A")]
    public void Parse_BadPostcode_IsRefused(string postcode)
    {
        var (_, errors) = Parse(postcode: postcode);

        Assert.Contains("full UK postcode", Assert.Single(errors["postcode"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PointInTheUk_IsKept()
    {
        var (details, errors) = Parse(point: "53.799700, -1.549200");

        Assert.Empty(errors);
        Assert.Equal(53.7997m, details!.Location!.Latitude);
        Assert.Equal(-1.5492m, details.Location.Longitude);
    }

    [Theory]
    [InlineData("-1.5492, 53.7997", "not in the United Kingdom")]
    [InlineData("53.8", "latitude and longitude separated by a comma")]
    public void Parse_BadPoint_SaysWhy(string point, string expected)
    {
        var (_, errors) = Parse(point: point);

        Assert.Contains(expected, Assert.Single(errors["point"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PostcodeAndPoint_AskForOne()
    {
        var (_, errors) = Parse(postcode: "LS1 4AP", point: "53.8, -1.5");

        Assert.Equal(["location"], errors.Keys);
    }

    [Fact]
    public void Parse_UnknownCategory_ListsTheCategories()
    {
        var (_, errors) = Parse(category: "Roads");

        Assert.Contains("Streets and transport", Assert.Single(errors["category"]), StringComparison.Ordinal);
    }
}
