using PBudget.Site.Pages;

namespace PBudget.Site.Tests;

public sealed class FormatTests
{
    [Theory]
    [InlineData("2026-11-23T09:05:00Z", "23 November 2026 at 9:05am")]
    [InlineData("2026-07-01T08:00:00Z", "1 July 2026 at 9:00am")] // British Summer Time
    [InlineData("2026-03-02T12:30:00Z", "2 March 2026 at 12:30pm")]
    [InlineData("2026-01-05T00:15:00Z", "5 January 2026 at 12:15am")]
    [InlineData("2026-07-01T23:30:00Z", "2 July 2026 at 12:30am")] // the UK date, not the UTC one
    public void DateTime_Moment_IsUkTimeInGovukStyle(string moment, string expected)
    {
        Assert.Equal(expected, Format.DateTime(DateTimeOffset.Parse(moment, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-10-01T10:00:00Z", "1 October 2026")]
    [InlineData("2026-06-15T23:30:00Z", "16 June 2026")] // British Summer Time: already the next day in the UK
    [InlineData("2026-12-31T23:30:00Z", "31 December 2026")] // Greenwich Mean Time
    public void Date_Moment_IsTheUkDateInGovukStyle(string moment, string expected)
    {
        Assert.Equal(expected, Format.Date(DateTimeOffset.Parse(moment, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(2_496_000, 12_480, "£2")]
    [InlineData(2_225_000, 9_875, "£2.25")]
    [InlineData(1_000, 3, "£3.33")]
    [InlineData(1_000, 0, null)]
    public void PerHead_BudgetAndPopulation_IsNearestPenny(long budgetPence, long population, string? expected)
    {
        Assert.Equal(expected, Format.PerHead(budgetPence, population));
    }
}
