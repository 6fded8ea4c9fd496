using PBudget.Cli.Commands;
using PBudget.Cli.Demo;

namespace PBudget.Cli.Voting;

/// <summary>
/// A scheme made for one benchmark run and taken to voting through the API, as people would: created with one ward,
/// proposals by the demo resident, reviewed by the demo officer, the shortlist signed off by the demo councillor.
/// </summary>
internal sealed class BenchScheme : IDisposable
{
    public const string WardCode = "E05900099";

    /// <summary>Olu Officer of the local sign-in; the other demo people are <see cref="DemoScheme"/>'s.</summary>
    private const string OfficerUserId = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a02";

    // One ward of 10,000 people at £2 a head: a £20,000 budget, which every mix of the three projects fits.
    private const string WardsCsv = "code,name,population,area\nE05900099,Benchmark Ward,10000,Central\n";

    private static readonly (string Title, string Cost)[] Projects =
    [
        ("Benchmark play area", "8,000"),
        ("Benchmark street trees", "6,000"),
        ("Benchmark youth club kit", "4,000"),
    ];

    private readonly HttpClient admin;
    private readonly HttpClient officer;

    private BenchScheme(string id, HttpClient admin, HttpClient officer, IReadOnlyList<string> proposalIds)
    {
        Id = id;
        this.admin = admin;
        this.officer = officer;
        ProposalIds = proposalIds;
    }

    public string Id { get; }

    /// <summary>The shortlist: every project on the ballot paper.</summary>
    public IReadOnlyList<string> ProposalIds { get; }

    public static async Task<BenchScheme> SetUpAsync(Uri app, HttpMessageHandler handler, CancellationToken cancellationToken)
    {
        var id = "bench-" + Guid.NewGuid().ToString("N")[..12];
        var adminHttp = Client(app, handler);
        var officerHttp = Client(app, handler);
        using var councillorHttp = Client(app, handler);
        using var residentHttp = Client(app, handler);
        try
        {
            var admin = await SignedInAsync(adminHttp, DemoScheme.AdminUserId, cancellationToken);
            var officer = await SignedInAsync(officerHttp, OfficerUserId, cancellationToken);
            await SignedInAsync(councillorHttp, DemoScheme.CouncillorUserId, cancellationToken);
            var resident = await SignedInAsync(residentHttp, DemoScheme.ResidentUserId, cancellationToken);

            await admin.CreateSchemeIfMissingAsync(
                new
                {
                    id,
                    name = "Ballot benchmark",
                    financialYear = "2026-27",
                    budgetRule = new { pencePerHead = 200, minimumPerWardPence = 1_500_000, roundingUnit = "Pound", roundingDirection = "Down" },
                    adjustments = new { scope = "WithinArea", maxChangePercent = 25 },
                },
                cancellationToken);
            (await admin.ImportWardsAsync(id, WardsCsv, cancellationToken)).Dispose();
            await admin.AssignCouncillorAsync(id, DemoScheme.CouncillorUserId, "Cllr Chris Councillor", [WardCode], cancellationToken);
            await admin.MovePhaseAsync(id, "ProposalsOpen", cancellationToken);

            var proposals = new List<string>();
            foreach (var (title, cost) in Projects)
            {
                proposals.Add(await resident.ProposeAsync(
                    id,
                    WardCode,
                    new { title, summary = "A project proposed for the ballot benchmark.", description = "Made by `pbudget bench ballots`.", estimatedCost = cost, category = "Play, sport and young people" },
                    cancellationToken));
            }

            await admin.MovePhaseAsync(id, "Review", cancellationToken);
            for (var i = 0; i < proposals.Count; i++)
            {
                await officer.ReviewAsync(
                    id,
                    proposals[i],
                    new { feasible = true, reason = "Feasible for the benchmark.", reviewedCost = Projects[i].Cost, costExplanation = "The estimate, unchanged." },
                    cancellationToken);
            }

            await admin.MovePhaseAsync(id, "ShortlistSignOff", cancellationToken);
            await new VotingApiClient(councillorHttp).SignOffShortlistAsync(id, WardCode, proposals, cancellationToken);
            await admin.MovePhaseAsync(id, "Voting", cancellationToken);
            return new BenchScheme(id, adminHttp, officerHttp, proposals);
        }
        catch
        {
            adminHttp.Dispose();
            officerHttp.Dispose();
            throw;
        }
    }

    /// <summary>Issues codes as the admin, in batches as large as the API allows, and returns them as printed.</summary>
    public async Task<IReadOnlyList<string>> IssueCodesAsync(int count, CancellationToken cancellationToken)
    {
        const int MaxPerBatch = 10_000;
        var api = new VotingApiClient(admin);
        var codes = new List<string>(count);
        while (codes.Count < count)
        {
            var batch = await api.IssueCodesAsync(Id, WardCode, Math.Min(MaxPerBatch, count - codes.Count), cancellationToken);
            codes.AddRange(batch.Codes);
        }

        return codes;
    }

    /// <summary>The ward's figures, read as the demo officer.</summary>
    public Task<WardFigures> ReconcileAsync(CancellationToken cancellationToken) =>
        new VotingApiClient(officer).ReconcileAsync(Id, WardCode, cancellationToken);

    public void Dispose()
    {
        admin.Dispose();
        officer.Dispose();
    }

    private static HttpClient Client(Uri app, HttpMessageHandler handler) =>
        new(handler, disposeHandler: false) { BaseAddress = app, Timeout = TimeSpan.FromSeconds(100) };

    private static async Task<PBudgetApiClient> SignedInAsync(HttpClient http, string userId, CancellationToken cancellationToken)
    {
        var api = new PBudgetApiClient(http);
        await api.UseLocalSignInAsync(userId, cancellationToken);
        return api;
    }
}
