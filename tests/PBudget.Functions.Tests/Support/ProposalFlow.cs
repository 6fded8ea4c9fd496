using System.Net.Http.Json;
using System.Text.Json;
using PBudget.Functions.Auth;

namespace PBudget.Functions.Tests.Support;

/// <summary>Steps the proposal tests share: a scheme in a given phase, a proposal, a review.</summary>
public static class ProposalFlow
{
    public static readonly LocalUser Resident = new("0a6b3c58-0000-4000-8000-000000000011", "Rita Resident", [], "rita@example.org");

    public static readonly LocalUser OtherResident = new("0a6b3c58-0000-4000-8000-000000000012", "Omar Other", [], "omar@example.org");

    public static object Proposal(string title = "Benches by the bus stop", string cost = "1,500") => new
    {
        title,
        summary = "Three benches by the 56 stop.",
        description = "Older residents wait **standing**.",
        estimatedCost = cost,
        category = "Streets and transport",
        postcode = "LS1 4AP",
    };

    /// <summary>A scheme with the test wards, the councillor holding E05000001 and E05000002, moved on to <paramref name="phase"/>.</summary>
    public static async Task<string> SchemeInPhaseAsync(PBudgetApp app, string phase, CancellationToken cancellationToken)
    {
        var admin = app.ClientFor(PBudgetApp.Admin);
        var id = await TestData.CreateSchemeWithWardsAsync(admin, cancellationToken);
        (await admin.PutAsJsonAsync($"/api/schemes/{id}/councillors/{PBudgetApp.Councillor.Id}", new { displayName = "Cllr Cass", wards = new[] { "E05000001", "E05000002" } }, cancellationToken)).EnsureSuccessStatusCode();
        await MoveToAsync(app, id, phase, cancellationToken);
        return id;
    }

    /// <summary>Moves the scheme on, one phase at a time, until it is in <paramref name="phase"/>.</summary>
    public static async Task MoveToAsync(PBudgetApp app, string schemeId, string phase, CancellationToken cancellationToken)
    {
        string[] order = ["SetUp", "ProposalsOpen", "Review", "ShortlistSignOff", "Voting", "Counting", "Results", "Delivery"];
        var admin = app.ClientFor(PBudgetApp.Admin);
        var current = (await admin.GetFromJsonAsync<JsonElement>($"/api/schemes/{schemeId}", cancellationToken)).GetProperty("phase").GetString()!;
        for (var i = Array.IndexOf(order, current) + 1; i <= Array.IndexOf(order, phase); i++)
        {
            var response = await admin.PostAsJsonAsync($"/api/schemes/{schemeId}/phase", new { to = order[i] }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Moving to {order[i]} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }
    }

    public static async Task<string> ProposeAsync(PBudgetApp app, string schemeId, LocalUser author, CancellationToken cancellationToken, string ward = "E05000001", string cost = "1,500", string title = "Benches by the bus stop")
    {
        var response = await app.ClientFor(author).PostAsJsonAsync($"/api/schemes/{schemeId}/wards/{ward}/proposals", Proposal(title, cost), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Proposing failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString()!;
    }

    public static async Task ReviewAsync(PBudgetApp app, string schemeId, string proposalId, bool feasible, CancellationToken cancellationToken, string cost = "1,200")
    {
        var response = await app.ClientFor(PBudgetApp.Officer).PostAsJsonAsync(
            $"/api/schemes/{schemeId}/proposals/{proposalId}/review",
            new { feasible, reason = feasible ? "Highways agree." : "Not council land.", reviewedCost = feasible ? cost : null, costExplanation = feasible ? "Supplier quote." : null },
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Review failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }
}
