using System.Net.Http.Json;
using System.Text.Json;
using PBudget.Functions.Auth;

namespace PBudget.Functions.Tests.Support;

/// <summary>A scheme with voting open in Abbey (budget £24,960) on three projects, and residents who live there.</summary>
public static class VotingFlow
{
    // Abbey is E05000001 and Castle E05000002 (see TestData.WardsCsv).
    public const string PostcodesCsv = """
        postcode,ward_code
        AB1 1AA,E05000001
        AB1 1AB,E05000001
        CA1 1AA,E05000002
        """;

    public static readonly LocalUser AbbeyVoter = new("0a6b3c58-0000-4000-8000-000000000021", "Avery Abbey", [], "avery@example.org", "ab1 1aa");

    public static readonly LocalUser CastleVoter = new("0a6b3c58-0000-4000-8000-000000000022", "Cary Castle", [], "cary@example.org", "CA1 1AA");

    public static readonly LocalUser Homeless = new("0a6b3c58-0000-4000-8000-000000000023", "Nora Nopostcode", [], "nora@example.org");

    /// <summary>The scheme id and Abbey's three shortlisted projects, costing £10,000, £8,000 and £12,000.</summary>
    public sealed record VotingScheme(string Id, string Ten, string Eight, string Twelve);

    /// <summary>Sets everything up and opens voting, with the given ballot rule (knapsack when null).</summary>
    public static async Task<VotingScheme> OpenVotingAsync(PBudgetApp app, CancellationToken cancellationToken, object? ballotRule = null)
    {
        var id = await ProposalFlow.SchemeInPhaseAsync(app, "ProposalsOpen", cancellationToken);
        var admin = app.ClientFor(PBudgetApp.Admin);
        (await admin.PutAsync($"/api/schemes/{id}/postcodes", TestData.Csv(PostcodesCsv), cancellationToken)).EnsureSuccessStatusCode();
        if (ballotRule is not null)
        {
            await EnsureAsync(await admin.PutAsJsonAsync($"/api/schemes/{id}/ballot-rule", ballotRule, cancellationToken), cancellationToken);
        }

        var ten = await ProposalFlow.ProposeAsync(app, id, ProposalFlow.Resident, cancellationToken, cost: "10,000", title: "Play area");
        var eight = await ProposalFlow.ProposeAsync(app, id, ProposalFlow.Resident, cancellationToken, cost: "8,000", title: "Bulb planting");
        var twelve = await ProposalFlow.ProposeAsync(app, id, ProposalFlow.OtherResident, cancellationToken, cost: "12,000", title: "Youth club");
        await ProposalFlow.MoveToAsync(app, id, "Review", cancellationToken);
        await ProposalFlow.ReviewAsync(app, id, ten, feasible: true, cancellationToken, cost: "10,000");
        await ProposalFlow.ReviewAsync(app, id, eight, feasible: true, cancellationToken, cost: "8,000");
        await ProposalFlow.ReviewAsync(app, id, twelve, feasible: true, cancellationToken, cost: "12,000");
        await ProposalFlow.MoveToAsync(app, id, "ShortlistSignOff", cancellationToken);
        await EnsureAsync(
            await app.ClientFor(PBudgetApp.Councillor).PostAsJsonAsync($"/api/schemes/{id}/wards/E05000001/shortlist/sign-off", new { proposalIds = new[] { ten, eight, twelve } }, cancellationToken),
            cancellationToken);
        await ProposalFlow.MoveToAsync(app, id, "Voting", cancellationToken);
        return new VotingScheme(id, ten, eight, twelve);
    }

    public static object Ballot(params string[] proposalIds) => new { choices = proposalIds.Select(p => new { proposalId = p }).ToArray() };

    public static object CodeBallot(string code, params string[] proposalIds) => new { code, choices = proposalIds.Select(p => new { proposalId = p }).ToArray() };

    /// <summary>Issues codes for a ward as the admin and returns them as printed.</summary>
    public static async Task<string[]> IssueCodesAsync(PBudgetApp app, string schemeId, int count, CancellationToken cancellationToken, string ward = "E05000001")
    {
        var response = await app.ClientFor(PBudgetApp.Admin).PostAsJsonAsync($"/api/schemes/{schemeId}/wards/{ward}/code-batches", new { count }, cancellationToken);
        await EnsureAsync(response, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return [.. body.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)];
    }

    public static async Task<JsonElement> ReconcileAsync(PBudgetApp app, string schemeId, CancellationToken cancellationToken, string ward = "E05000001") =>
        await app.ClientFor(PBudgetApp.Officer).GetFromJsonAsync<JsonElement>($"/api/schemes/{schemeId}/wards/{ward}/reconciliation", cancellationToken);

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
