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

    /// <summary>The demo resident of the local sign-in, who proposes the demo projects.</summary>
    public const string ResidentUserId = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a04";

    /// <summary>Projects the demo resident proposes on the first run, with the officers' review of some of them (null: not reviewed yet).</summary>
    public static IReadOnlyList<DemoProposal> Proposals { get; } =
    [
        new("E05900005", "Benches along the river path", "Five benches between the footbridge and the lock, so older residents can rest.", "2,400", "Streets and transport", "Feasible", "1,950"),
        new("E05900005", "Wildflower verges on Northgate Road", "Turn the mown verges into wildflower strips that feed bees and need less cutting.", "3,500", "Environment and green spaces", null, null),
        new("E05900006", "Hillside youth football kit", "Kit and goals for the Saturday youth league at Hillside rec.", "1,800", "Play, sport and young people", "Feasible", "1,800"),
        new("E05900006", "Private car park resurfacing", "Resurface the car park behind the shops on Hill Street.", "9,000", "Streets and transport", "NotFeasible", null),
    ];

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

    private static readonly string[] DemoPostcodeUnits = ["1AA", "1AB", "2AA"];

    /// <summary>
    /// The demo postcode lookup: three made-up postcodes in each ward, RV{n} 1AA, RV{n} 1AB and RV{n} 2AA for ward
    /// E059000{n}, so the demo resident (RV4 1AA) lives in Riverside and can vote there once voting opens.
    /// </summary>
    public static string PostcodesCsv() =>
        "postcode,ward_code\n" + string.Concat(Enumerable.Range(1, 12).SelectMany(n => DemoPostcodeUnits.Select(unit =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"RV{n} {unit},E059000{n:00}\n"))));
}

/// <summary>A demo proposal and, if reviewed, the decision: "Feasible" with a reviewed cost, or "NotFeasible".</summary>
internal sealed record DemoProposal(string WardCode, string Title, string Summary, string EstimatedCost, string Category, string? Decision, string? ReviewedCost)
{
    public object Request => new
    {
        title = Title,
        summary = Summary,
        description = Summary + "\n\nThis is a **demo proposal** seeded by `pbudget seed`.",
        estimatedCost = EstimatedCost,
        category = Category,
    };

    public object? Review => Decision switch
    {
        "Feasible" => new { feasible = true, reason = "Parks and highways officers agree it can be done this year.", reviewedCost = ReviewedCost, costExplanation = "From the council's framework supplier prices." },
        "NotFeasible" => new { feasible = false, reason = "The car park is private land, so council money cannot be spent on it." },
        _ => null,
    };
}
