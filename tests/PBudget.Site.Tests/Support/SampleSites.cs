using PBudget.Core.Publishing;

namespace PBudget.Site.Tests.Support;

/// <summary>Published models for the tests: a realistic borough, and one with awkward names.</summary>
public static class SampleSites
{
    public const string RiversideId = "riverside-2026-27";

    public static readonly DateTimeOffset PublishedAt = new(2026, 11, 23, 9, 5, 0, TimeSpan.Zero);

    /// <summary>
    /// A fictional borough: ten wards in three areas, £2 a head with a £15,000 floor, and two councillors'
    /// adjustments that cancel out within the Central area.
    /// </summary>
    public static PublishedScheme Riverside() => Scheme(
        RiversideId,
        "Riverside Ward Budgets",
        [
            Ward("E05900001", "Abbey", "Central", 12_480),
            Ward("E05900002", "Castle", "Central", 9_875, adjustmentPence: 250_000),
            Ward("E05900003", "St Mary's", "Central", 14_210),
            Ward("E05900004", "Riverside", "Central", 11_032, adjustmentPence: -250_000),
            Ward("E05900005", "Northgate", "North", 10_544),
            Ward("E05900006", "Hillside", "North", 6_120),
            Ward("E05900007", "Oakwood", "North", 13_390),
            Ward("E05900008", "Southfields", "South", 12_005),
            Ward("E05900009", "Meadow Vale", "South", 8_760),
            Ward("E05900010", "Kingsmead", "South", 15_433),
        ]);

    /// <summary>A second, smaller scheme, so the home page lists more than one.</summary>
    public static PublishedScheme Hillford() => Scheme(
        "hillford-2026-27",
        "Hillford Community Fund",
        [
            Ward("W05000101", "Bryn", null, 4_210),
            Ward("W05000102", "Castell", null, 5_872),
        ]);

    public static PublishedSite Realistic() => new([Hillford(), Riverside()]);

    /// <summary>Ward names that break naive HTML and CSV writers.</summary>
    public static PublishedScheme Awkward(string wardName, string? area = "North, \"Upper\"") => Scheme(
        "awkward-2026-27",
        "Awkward Names",
        [
            Ward("E05000001", wardName, area, 10_000),
            Ward("E05000002", "Plain", "South", 5_000),
        ]);

    public static PublishedWard Ward(string code, string name, string? area, long population, long adjustmentPence = 0)
    {
        // £2 a head, at least £15,000, rounded down to the pound: the shape of the demo scheme's rule.
        var computed = Math.Max(population * 200, 1_500_000) / 100 * 100;
        return new PublishedWard(code, name, area, population, computed + adjustmentPence, computed);
    }

    public static PublishedScheme Scheme(string id, string name, IReadOnlyList<PublishedWard> wards) => new(
        id,
        name,
        "2026-27",
        "Each ward gets £2 for each resident, and at least £15,000. Budgets are rounded down to the nearest pound.",
        wards.Sum(w => w.BudgetPence),
        wards.Sum(w => w.Population),
        wards,
        PublishedAt);
}
