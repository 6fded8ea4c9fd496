using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Api;

public sealed class BudgetTransferTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly PBudgetApp app = new(azurite);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_councillor_moves_money_between_their_wards_and_the_total_is_unchanged()
    {
        var id = await SchemeWithCouncillorAsync(["E05000001", "E05000002"]);
        var councillor = app.ClientFor(PBudgetApp.Councillor);

        var response = await councillor.PostAsJsonAsync($"/api/schemes/{id}/budget-transfers", Transfer("E05000001", "E05000002", 100_000), Cancel);

        response.EnsureSuccessStatusCode();
        var budgets = await BudgetsAsync(id);
        Assert.Equal(2_496_000 - 100_000, budgets["E05000001"]);
        Assert.Equal(1_975_000 + 100_000, budgets["E05000002"]);
        Assert.Equal(7_971_000, budgets.Values.Sum());
    }

    [Fact]
    public async Task A_councillor_cannot_move_money_into_or_out_of_a_ward_they_do_not_hold()
    {
        var id = await SchemeWithCouncillorAsync(["E05000001"]);

        var response = await app.ClientFor(PBudgetApp.Councillor).PostAsJsonAsync($"/api/schemes/{id}/budget-transfers", Transfer("E05000001", "E05000002", 100_000), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("E05000002", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(2_496_000, (await BudgetsAsync(id))["E05000001"]);
    }

    [Fact]
    public async Task Another_councillor_cannot_adjust_wards_assigned_to_someone_else()
    {
        var id = await SchemeWithCouncillorAsync(["E05000001", "E05000002"]);

        var response = await app.ClientFor(PBudgetApp.OtherCouncillor).PostAsJsonAsync($"/api/schemes/{id}/budget-transfers", Transfer("E05000001", "E05000002", 100_000), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Moving_money_between_areas_is_refused_when_the_scheme_allows_only_moves_within_an_area()
    {
        var id = await SchemeWithCouncillorAsync(["E05000001", "E05000003"]);

        var response = await app.ClientFor(PBudgetApp.Councillor).PostAsJsonAsync($"/api/schemes/{id}/budget-transfers", Transfer("E05000001", "E05000003", 100_000), Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("same area", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moving_more_than_the_schemes_limit_is_refused_and_changes_nothing()
    {
        var id = await SchemeWithCouncillorAsync(["E05000001", "E05000002"]);

        // 25% of Castle's £19,750 is £4,937.50; moving £5,000 into it is over the limit.
        var response = await app.ClientFor(PBudgetApp.Councillor).PostAsJsonAsync($"/api/schemes/{id}/budget-transfers", Transfer("E05000001", "E05000002", 500_000), Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(1_975_000, (await BudgetsAsync(id))["E05000002"]);
    }

    [Fact]
    public async Task A_transfer_without_a_reason_is_a_400_naming_the_field()
    {
        var id = await SchemeWithCouncillorAsync(["E05000001", "E05000002"]);

        var response = await app.ClientFor(PBudgetApp.Councillor).PostAsJsonAsync($"/api/schemes/{id}/budget-transfers", new { fromWard = "E05000001", toWard = "E05000002", amountPence = 100 }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task A_transfer_is_audited_with_before_after_and_reason()
    {
        var id = await SchemeWithCouncillorAsync(["E05000001", "E05000002"]);
        (await app.ClientFor(PBudgetApp.Councillor).PostAsJsonAsync($"/api/schemes/{id}/budget-transfers", Transfer("E05000001", "E05000002", 100_000), Cancel)).EnsureSuccessStatusCode();

        var audit = await app.ClientFor(PBudgetApp.Admin).GetFromJsonAsync<JsonElement[]>($"/api/schemes/{id}/audit?take=1", Cancel);

        var entry = Assert.Single(audit!);
        Assert.Equal("budget.transferred", entry.GetProperty("action").GetString());
        Assert.Equal(PBudgetApp.Councillor.Id, entry.GetProperty("actorId").GetString());
        Assert.Contains("\"budgetPence\":2496000", entry.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"budgetPence\":2396000", entry.GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.Contains("Play area match funding", entry.GetProperty("after").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_transfers_never_change_the_total_or_lose_a_move()
    {
        var id = await SchemeWithCouncillorAsync(["E05000001", "E05000002"]);
        var councillor = app.ClientFor(PBudgetApp.Councillor);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            councillor.PostAsJsonAsync($"/api/schemes/{id}/budget-transfers", Transfer("E05000001", "E05000002", 10_000), Cancel)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"Unexpected {r.StatusCode}"));
        var moved = responses.Count(r => r.StatusCode == HttpStatusCode.OK) * 10_000;
        var budgets = await BudgetsAsync(id);
        Assert.Equal(2_496_000 - moved, budgets["E05000001"]);
        Assert.Equal(1_975_000 + moved, budgets["E05000002"]);
        Assert.Equal(7_971_000, budgets.Values.Sum());
    }

    [Fact]
    public async Task Assigning_a_councillor_to_a_ward_outside_the_scheme_is_refused()
    {
        var admin = app.ClientFor(PBudgetApp.Admin);
        var id = await TestData.CreateSchemeWithWardsAsync(admin, Cancel);

        var response = await admin.PutAsJsonAsync($"/api/schemes/{id}/councillors/{PBudgetApp.Councillor.Id}", new { displayName = "Cllr Cass", wards = new[] { "E05999999" } }, Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("E05999999", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Councillor_assignments_can_be_read_back_and_replaced()
    {
        var id = await SchemeWithCouncillorAsync(["E05000001", "E05000002"]);
        var admin = app.ClientFor(PBudgetApp.Admin);
        (await admin.PutAsJsonAsync($"/api/schemes/{id}/councillors/{PBudgetApp.Councillor.Id}", new { displayName = "Cllr Cass", wards = new[] { "E05000003" } }, Cancel)).EnsureSuccessStatusCode();

        var councillors = await admin.GetFromJsonAsync<JsonElement[]>($"/api/schemes/{id}/councillors", Cancel);

        var cass = Assert.Single(councillors!);
        Assert.Equal(["E05000003"], cass.GetProperty("wards").EnumerateArray().Select(w => w.GetString()!));
    }

    private static object Transfer(string from, string to, long amountPence) =>
        new { fromWard = from, toWard = to, amountPence, reason = "Play area match funding" };

    private async Task<string> SchemeWithCouncillorAsync(string[] wards)
    {
        var admin = app.ClientFor(PBudgetApp.Admin);
        var id = await TestData.CreateSchemeWithWardsAsync(admin, Cancel);
        (await admin.PutAsJsonAsync($"/api/schemes/{id}/councillors/{PBudgetApp.Councillor.Id}", new { displayName = "Cllr Cass", wards }, Cancel)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<Dictionary<string, long>> BudgetsAsync(string id)
    {
        var wards = await app.ClientFor(PBudgetApp.Officer).GetFromJsonAsync<JsonElement[]>($"/api/schemes/{id}/wards", Cancel);
        return wards!.ToDictionary(w => w.GetProperty("code").GetString()!, w => w.GetProperty("budgetPence").GetInt64());
    }
}
