using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Api;

public sealed class WardsApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly PBudgetApp app = new(azurite);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Importing_wards_computes_each_budget_from_the_rule()
    {
        var admin = app.ClientFor(PBudgetApp.Admin);
        var id = TestData.NewSchemeId();
        (await admin.PostAsJsonAsync("/api/schemes", TestData.SchemeRequest(id), Cancel)).EnsureSuccessStatusCode();

        var response = await admin.PutAsync($"/api/schemes/{id}/wards", TestData.Csv(TestData.WardsCsv), Cancel);

        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(4, body.RootElement.GetProperty("added").GetInt32());

        // £24,960 + £19,750 + £15,000 (minimum) + £20,000 = £79,710.
        Assert.Equal(7_971_000, body.RootElement.GetProperty("totalBudgetPence").GetInt64());
        var budgets = body.RootElement.GetProperty("wards").EnumerateArray().ToDictionary(w => w.GetProperty("code").GetString()!, w => w.GetProperty("budgetPence").GetInt64());
        Assert.Equal(2_496_000, budgets["E05000001"]);
        Assert.Equal(1_500_000, budgets["E05000003"]);
        Assert.Equal("Kingsmead, East", body.RootElement.GetProperty("wards").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "E05000004").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_refused_with_each_line_and_field_and_changes_nothing()
    {
        var admin = app.ClientFor(PBudgetApp.Admin);
        var id = await TestData.CreateSchemeWithWardsAsync(admin, Cancel);
        const string Bad = """
            code,name,population,area
            E05000001,Abbey Renamed,99999,Central
            X05000009,Nowhere,100,North
            E05000010,,abc,North
            """;

        var response = await admin.PutAsync($"/api/schemes/{id}/wards", TestData.Csv(Bad), Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Line 3, code", text, StringComparison.Ordinal);
        Assert.Contains("Line 4, name", text, StringComparison.Ordinal);
        Assert.Contains("Line 4, population", text, StringComparison.Ordinal);
        var wards = await admin.GetFromJsonAsync<JsonElement[]>($"/api/schemes/{id}/wards", Cancel);
        Assert.Equal("Abbey", wards!.Single(w => w.GetProperty("code").GetString() == "E05000001").GetProperty("name").GetString());
        Assert.Equal(4, wards!.Length);
    }

    [Fact]
    public async Task Reimporting_updates_wards_in_place_without_duplicates()
    {
        var admin = app.ClientFor(PBudgetApp.Admin);
        var id = await TestData.CreateSchemeWithWardsAsync(admin, Cancel);
        const string Update = """
            code,name,population,area
            E05000001,Abbey,13000,Central
            E05000005,Northfield,5000,North
            """;

        var response = await admin.PutAsync($"/api/schemes/{id}/wards", TestData.Csv(Update), Cancel);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(1, body.RootElement.GetProperty("added").GetInt32());
        Assert.Equal(1, body.RootElement.GetProperty("updated").GetInt32());
        var wards = await admin.GetFromJsonAsync<JsonElement[]>($"/api/schemes/{id}/wards", Cancel);
        Assert.Equal(5, wards!.Length);

        // 13,000 × £2 = £26,000; Northfield 5,000 × £2 = £10,000 → the £15,000 minimum.
        Assert.Equal(2_600_000, wards.Single(w => w.GetProperty("code").GetString() == "E05000001").GetProperty("budgetPence").GetInt64());
        Assert.Equal(1_500_000, wards.Single(w => w.GetProperty("code").GetString() == "E05000005").GetProperty("budgetPence").GetInt64());
    }

    [Fact]
    public async Task A_ward_list_that_is_not_csv_is_refused_with_415()
    {
        var admin = app.ClientFor(PBudgetApp.Admin);
        var id = await TestData.CreateSchemeWithWardsAsync(admin, Cancel);

        var response = await admin.PutAsync($"/api/schemes/{id}/wards", new StringContent("{}", Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_ward_list_over_a_mebibyte_is_refused_with_413()
    {
        var admin = app.ClientFor(PBudgetApp.Admin);
        var id = await TestData.CreateSchemeWithWardsAsync(admin, Cancel);
        var huge = "code,name,population\n" + new string('x', 1024 * 1024);

        var response = await admin.PutAsync($"/api/schemes/{id}/wards", TestData.Csv(huge), Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Importing_into_a_scheme_that_does_not_exist_is_a_404()
    {
        var response = await app.ClientFor(PBudgetApp.Admin).PutAsync("/api/schemes/no-such-scheme/wards", TestData.Csv(TestData.WardsCsv), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
