using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PBudget.Testing;

namespace PBudget.EndToEnd.Tests.Browser;

/// <summary>
/// The real app against Azurite with voting open in a scheme, set up through the JSON API as officers would (wards,
/// postcodes, a councillor, proposals, review, sign-off, the phase moves, voting codes), and Debian's Chromium to vote
/// on the site's pages. Shared by the tests of one class.
/// </summary>
public sealed class VotingBrowserFixture(AzuriteFixture azurite)
    : BrowserAppFixture(azurite, "the browser tests of the voting pages", "/assets/govuk-frontend.min.css", "/assets/site.mjs", "/assets/voting.mjs")
{
    /// <summary>The postcode of Rae Resident, the demo resident.</summary>
    public const string ResidentPostcode = "RV4 1AA";

    /// <summary>The ward that votes: 10,000 residents at £2 a head, so £20,000.</summary>
    public const string Ward = "E05000601";

    public const string WardName = "Abbey";

    /// <summary>A ward with no projects on its ballot.</summary>
    public const string OtherWard = "E05000602";

    /// <summary>The projects on Abbey's ballot, with their reviewed costs in pounds.</summary>
    public static readonly IReadOnlyList<(string Title, int Pounds)> Projects = [("Play area", 10_000), ("Bulb planting", 8_000), ("Youth club", 12_000)];

    private VotingScheme? knapsack;

    /// <summary>The scheme with voting open under the default rule (knapsack: projects costing up to the ward's budget).</summary>
    public VotingScheme Knapsack => knapsack ?? throw new InvalidOperationException("The scheme is not set up.");

    protected override async Task SetUpAsync(CancellationToken cancel) =>
        knapsack = await OpenVotingAsync("Voting Borough", ballotRule: null, codes: 12, cancel);

    /// <summary>
    /// A new scheme with voting open in <see cref="Ward"/> on <see cref="Projects"/>, the given ballot rule (knapsack when
    /// null), the demo resident's postcode in <paramref name="residentsWard"/>, and <paramref name="codes"/> voting codes for the ward.
    /// </summary>
    public async Task<VotingScheme> OpenVotingAsync(string name, object? ballotRule, int codes, CancellationToken cancel, string residentsWard = Ward)
    {
        var id = "vote-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = await App.SignedInClientAsync(AdminId, cancel);
        using var officer = await App.SignedInClientAsync(OfficerId, cancel);
        using var councillor = await App.SignedInClientAsync(CouncillorId, cancel);
        using var resident = await App.SignedInClientAsync(ResidentId, cancel);
        await EnsureAsync(await admin.PostAsJsonAsync("/api/schemes", new { id, name, financialYear = "2026-27", budgetRule = new { pencePerHead = 200, roundingUnit = "Pound" } }, cancel), cancel);
        await EnsureAsync(await admin.PutAsync($"/api/schemes/{id}/wards", Csv($"code,name,population,area\n{Ward},{WardName},10000,North\n{OtherWard},Bridge,10000,South\n"), cancel), cancel);
        await EnsureAsync(await admin.PutAsync($"/api/schemes/{id}/postcodes", Csv($"postcode,ward_code\n{ResidentPostcode},{residentsWard}\nRV4 2BB,{OtherWard}\n"), cancel), cancel);
        await EnsureAsync(await admin.PutAsJsonAsync($"/api/schemes/{id}/councillors/{CouncillorId}", new { displayName = "Cllr Chris", wards = new[] { Ward } }, cancel), cancel);
        if (ballotRule is not null)
        {
            await EnsureAsync(await admin.PutAsJsonAsync($"/api/schemes/{id}/ballot-rule", ballotRule, cancel), cancel);
        }

        await MoveAsync(admin, id, "ProposalsOpen", cancel);
        var projects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (title, pounds) in Projects)
        {
            var proposed = await EnsureAsync(await resident.PostAsJsonAsync($"/api/schemes/{id}/wards/{Ward}/proposals", new
            {
                title,
                summary = $"{title} for everyone in {WardName}.",
                description = $"A project: {title}.",
                estimatedCost = pounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                category = "Community and wellbeing",
            }, cancel), cancel);
            projects[title] = proposed.GetProperty("id").GetString()!;
        }

        await MoveAsync(admin, id, "Review", cancel);
        foreach (var (title, pounds) in Projects)
        {
            await EnsureAsync(await officer.PostAsJsonAsync($"/api/schemes/{id}/proposals/{projects[title]}/review", new
            {
                feasible = true,
                reason = "Parks agree.",
                reviewedCost = pounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                costExplanation = "Supplier quote.",
            }, cancel), cancel);
        }

        await MoveAsync(admin, id, "ShortlistSignOff", cancel);
        await EnsureAsync(await councillor.PostAsJsonAsync($"/api/schemes/{id}/wards/{Ward}/shortlist/sign-off", new { proposalIds = projects.Values.ToArray() }, cancel), cancel);
        await MoveAsync(admin, id, "Voting", cancel);
        var batch = await EnsureAsync(await admin.PostAsJsonAsync($"/api/schemes/{id}/wards/{Ward}/code-batches", new { count = codes }, cancel), cancel);
        var issued = batch.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        return new VotingScheme(id, projects, new Queue<string>(issued));
    }

    /// <summary>Moves a scheme on to the next phase.</summary>
    public async Task MoveAsync(HttpClient admin, string schemeId, string phase, CancellationToken cancel) =>
        await EnsureAsync(await admin.PostAsJsonAsync($"/api/schemes/{schemeId}/phase", new { to = phase }, cancel), cancel);

    /// <summary>The ward's receipt codes as the receipts endpoint gives them to officers.</summary>
    public async Task<List<(string Code, bool Superseded)>> ReceiptsAsync(string schemeId, CancellationToken cancel)
    {
        using var officer = await App.SignedInClientAsync(OfficerId, cancel);
        var body = await EnsureAsync(await officer.GetAsync($"/api/schemes/{schemeId}/wards/{Ward}/receipts", cancel), cancel);
        return [.. body.GetProperty("chains").EnumerateArray()
            .SelectMany(chain => chain.GetProperty("codes").EnumerateArray())
            .Select(entry => (entry.GetProperty("code").GetString()!, entry.GetProperty("superseded").GetBoolean()))];
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task<JsonElement> EnsureAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancel);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} failed: {(int)response.StatusCode} {body}");
            }

            return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}

/// <summary>A scheme with voting open: its id, the projects on the ballot by title, and unused voting codes as printed.</summary>
public sealed class VotingScheme(string id, IReadOnlyDictionary<string, string> projects, Queue<string> codes)
{
    public string Id { get; } = id;

    public IReadOnlyDictionary<string, string> Projects { get; } = projects;

    public string Start => $"/api/forms/schemes/{Id}/wards/{VotingBrowserFixture.Ward}/vote";

    /// <summary>An unused voting code; each test takes its own.</summary>
    public string TakeCode()
    {
        lock (codes)
        {
            return codes.Dequeue();
        }
    }
}
