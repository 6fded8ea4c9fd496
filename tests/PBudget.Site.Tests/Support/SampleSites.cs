using PBudget.Core.Proposals;
using PBudget.Core.Publishing;
using PBudget.Core.Schemes;

namespace PBudget.Site.Tests.Support;

/// <summary>Published models for the tests: a realistic borough, and one with awkward names.</summary>
public static class SampleSites
{
    public const string RiversideId = "riverside-2026-27";

    public static readonly DateTimeOffset PublishedAt = new(2026, 11, 23, 9, 5, 0, TimeSpan.Zero);

    /// <summary>
    /// A fictional borough: ten wards in three areas, £2 a head with a £15,000 floor, and two councillors'
    /// adjustments that cancel out within the Central area. Abbey, Castle and St Mary's have proposals (Castle's
    /// shortlist is signed off); the other seven have none. The scheme is at shortlist sign-off.
    /// </summary>
    public static PublishedScheme Riverside() => Scheme(
        RiversideId,
        "Riverside Ward Budgets",
        [
            Ward("E05900001", "Abbey", "Central", 12_480) with { Proposals = AbbeyProposals() },
            Ward("E05900002", "Castle", "Central", 9_875, adjustmentPence: 250_000) with { Proposals = CastleProposals(), ShortlistSignedOffAt = ShortlistSignedOffAt },
            Ward("E05900003", "St Mary's", "Central", 14_210) with { Proposals = [StMarysProposal()] },
            Ward("E05900004", "Riverside", "Central", 11_032, adjustmentPence: -250_000),
            Ward("E05900005", "Northgate", "North", 10_544),
            Ward("E05900006", "Hillside", "North", 6_120),
            Ward("E05900007", "Oakwood", "North", 13_390),
            Ward("E05900008", "Southfields", "South", 12_005),
            Ward("E05900009", "Meadow Vale", "South", 8_760),
            Ward("E05900010", "Kingsmead", "South", 15_433),
        ],
        SchemePhase.ShortlistSignOff);

    /// <summary>When Castle's shortlist was signed off: 11am on 1 October 2026, UK time.</summary>
    public static readonly DateTimeOffset ShortlistSignedOffAt = new(2026, 10, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A title that breaks naive HTML and CSV writers.</summary>
    public const string AwkwardTitle = "Fish & chips <night> for \"older\" residents, 'with' a quiz";

    /// <summary>A resident's description that tries raw HTML, script links and a script image.</summary>
    public const string HostileMarkdown = """
        # Why we need it

        Children cross here <script>alert('x')</script> every day. <img src=x onerror="alert(4)">

        * [Read the road safety report](https://www.example.gov.uk/report)
        * [x](javascript:alert(1))
        * ![a photo of the crossing](javascript:alert(2))
        * <javascript:alert(3)>
        * [tricky](JaVaScRiPt&#58;alert(5))
        * Email <crossing@example.org>

        <div onclick="alert(6)">Click me</div>
        """;

    /// <summary>
    /// Abbey has one proposal of every status: a merged pair (benches), one not feasible, one waiting for review, one
    /// withdrawn (the only one in its category) and one whose description is hostile Markdown. Nothing is shortlisted.
    /// </summary>
    public static IReadOnlyList<PublishedProposal> AbbeyProposals() =>
    [
        Proposal("abbeybench", "Benches on Abbey Green", "Environment and green spaces", ProposalStatus.Feasible, 300_000, reviewedPence: 280_000) with
        {
            FeasibilityReason = "The parks team can fit them in spring.",
            CostExplanation = "Four benches at £600 each, and £400 to fit them.",
            ProposerCount = 2,
        },
        Proposal("abbeydupes", "More benches please", "Environment and green spaces", ProposalStatus.Merged, 150_000) with { MergedInto = "abbeybench" },
        Proposal("abbeysprts", "Kit for the youth football team", "Play, sport and young people", ProposalStatus.NotFeasible, 200_000) with
        {
            FeasibilityReason = "The council cannot buy equipment for a private club.",
        },
        Proposal("abbeyartwk", "Street art on the underpass", "Arts, culture and heritage", ProposalStatus.Submitted, 800_000) with
        {
            Organisation = "Abbey Arts Collective",
            Location = "RV1 2AB",
        },
        Proposal("abbeyfrdge", "Community fridge", "Community and wellbeing", ProposalStatus.Withdrawn, 100_000),
        Proposal("abbeycrssg", "Safer crossing on Mill Lane", "Streets and transport", ProposalStatus.Feasible, 1_500_000, reviewedPence: 1_200_000) with
        {
            DescriptionMarkdown = HostileMarkdown,
            FeasibilityReason = "Highways can build a zebra crossing here.",
        },
    ];

    /// <summary>Castle's shortlist is signed off: two affordable feasible proposals are on it; one is too dear and one not feasible.</summary>
    public static IReadOnlyList<PublishedProposal> CastleProposals() =>
    [
        Proposal("caspntrs22", "Planters on Castle Street", "Environment and green spaces", ProposalStatus.Feasible, 500_000, reviewedPence: 450_000) with { Shortlisted = true },
        Proposal("cashstry22", "Castle history trail", "Arts, culture and heritage", ProposalStatus.Feasible, 900_000, reviewedPence: 900_000) with { Shortlisted = true },
        Proposal("cassprthaw", "New sports hall", "Play, sport and young people", ProposalStatus.Feasible, 4_000_000, reviewedPence: 5_000_000) with
        {
            FeasibilityReason = "It can be built, but costs more than the ward's budget.",
        },
        Proposal("casdgbns22", "Dog bins on the riverside path", "Other", ProposalStatus.NotFeasible, 120_000) with
        {
            FeasibilityReason = "The path belongs to the canal trust, not the council.",
        },
    ];

    /// <summary>St Mary's one proposal has a title and organisation that need encoding in HTML and quoting in CSV.</summary>
    public static PublishedProposal StMarysProposal() =>
        Proposal("stmaryfsh2", AwkwardTitle, "Community and wellbeing", ProposalStatus.Submitted, 250_050) with
        {
            Summary = "Fish, chips & a \"quiz\" once a month",
            Organisation = "St Mary's \"Friends\" & Co",
        };

    public static PublishedProposal Proposal(string id, string title, string category, ProposalStatus status, long estimatedPence, long? reviewedPence = null) => new(
        id,
        title,
        $"A short summary of {title.ToLowerInvariant()}.",
        $"A longer description of **{title}**.\n\nIt has *two* paragraphs.",
        category,
        status,
        estimatedPence,
        reviewedPence,
        FeasibilityReason: null,
        CostExplanation: null,
        Organisation: null,
        Location: null,
        Shortlisted: false,
        MergedInto: null,
        ProposerCount: 1,
        SubmittedAt: new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero));

    /// <summary>A second, smaller scheme with proposals open, so ward pages invite residents to propose.</summary>
    public static PublishedScheme Hillford() => Scheme(
        "hillford-2026-27",
        "Hillford Community Fund",
        [
            Ward("W05000101", "Bryn", null, 4_210),
            Ward("W05000102", "Castell", null, 5_872),
        ],
        SchemePhase.ProposalsOpen);

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

    public static PublishedScheme Scheme(string id, string name, IReadOnlyList<PublishedWard> wards, SchemePhase phase = SchemePhase.SetUp) => new(
        id,
        name,
        "2026-27",
        "Each ward gets £2 for each resident, and at least £15,000. Budgets are rounded down to the nearest pound.",
        wards.Sum(w => w.BudgetPence),
        wards.Sum(w => w.Population),
        wards,
        PublishedAt,
        phase);
}
