namespace PBudget.Cli.Demo;

/// <summary>
/// The demo scheme a local run seeds: a fictional borough with real-looking wards. The ward codes
/// (E059000xx) are outside the range ONS has issued, so they can never be mistaken for a real ward.
/// </summary>
internal static class DemoScheme
{
    public const string Id = "riverside-2026-27";

    /// <summary>The demo admin and councillor, matching the local sign-in's demo people.</summary>
    public const string AdminUserId = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a01";

    public const string CouncillorUserId = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a03";

    public static readonly string[] CouncillorWards = ["E05900005", "E05900006"];

    public static object CreateRequest => new
    {
        id = Id,
        name = "Riverside Ward Budgets",
        financialYear = "2026-27",
        budgetRule = new
        {
            pencePerHead = 200,
            minimumPerWardPence = 1_500_000,
            roundingUnit = "Pound",
            roundingDirection = "Down",
        },
        adjustments = new { scope = "WithinArea", maxChangePercent = 25 },
    };

    public static string WardsCsv()
    {
        using var stream = typeof(DemoScheme).Assembly.GetManifestResourceStream("PBudget.Cli.Demo.riverside-wards.csv")
            ?? throw new InvalidOperationException("The demo ward list is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
