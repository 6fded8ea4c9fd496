using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Api;

public sealed class SchemesApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly PBudgetApp app = new(azurite);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task An_admin_creates_a_scheme_and_gets_its_location_and_etag()
    {
        var admin = app.ClientFor(PBudgetApp.Admin);
        var id = TestData.NewSchemeId();

        var response = await admin.PostAsJsonAsync("/api/schemes", TestData.SchemeRequest(id), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/schemes/{id}", response.Headers.Location?.AbsolutePath);
        Assert.NotNull(response.Headers.ETag);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(200, body.RootElement.GetProperty("budgetRule").GetProperty("pencePerHead").GetInt64());
        Assert.Equal("Pound", body.RootElement.GetProperty("budgetRule").GetProperty("roundingUnit").GetString());
        Assert.Contains("£2 for every resident", body.RootElement.GetProperty("budgetRuleDescription").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_scheme_with_an_id_in_use_is_a_409_problem()
    {
        var admin = app.ClientFor(PBudgetApp.Admin);
        var id = TestData.NewSchemeId();
        (await admin.PostAsJsonAsync("/api/schemes", TestData.SchemeRequest(id), Cancel)).EnsureSuccessStatusCode();

        var again = await admin.PostAsJsonAsync("/api/schemes", TestData.SchemeRequest(id), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Contains(id, await again.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_scheme_gets_a_400_listing_every_field()
    {
        var admin = app.ClientFor(PBudgetApp.Admin);

        var response = await admin.PostAsJsonAsync(
            "/api/schemes",
            new { id = "X", name = "", financialYear = "2026-28", budgetRule = new { pencePerHead = 200, totalPotPence = 100 } },
            Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("id", out _));
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("financialYear", out _));
        Assert.True(errors.TryGetProperty("budgetRule.totalPotPence", out _));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"id\": 42, \"budgetRule\": \"lots\"}")]
    [InlineData("{\"id\":\"abc\",\"budgetRule\":{\"roundingUnit\":\"Guinea\"}}")]
    public async Task A_body_that_is_not_a_scheme_is_a_400_problem_not_a_500(string body)
    {
        var admin = app.ClientFor(PBudgetApp.Admin);

        var response = await admin.PostAsync("/api/schemes", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Reading_a_scheme_that_does_not_exist_is_a_404_problem()
    {
        var response = await app.ClientFor(PBudgetApp.Officer).GetAsync("/api/schemes/no-such-scheme", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/schemes/a%23b")]
    [InlineData("/api/schemes/a%3Fb/wards")]
    [InlineData("/api/schemes/UPPER/audit")]
    [InlineData("/api/schemes/a'b/councillors")]
    public async Task A_scheme_id_that_cannot_exist_is_a_404_problem_not_a_server_error(string path)
    {
        var response = await app.ClientFor(PBudgetApp.Admin).GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Changing_the_rules_with_a_stale_etag_is_a_412_and_changes_nothing()
    {
        var admin = app.ClientFor(PBudgetApp.Admin);
        var id = await TestData.CreateSchemeWithWardsAsync(admin, Cancel);
        var read = await admin.GetAsync($"/api/schemes/{id}", Cancel);
        var staleETag = read.Headers.ETag!;
        var first = await PutRulesAsync(admin, id, staleETag, pencePerHead: 300);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var second = await PutRulesAsync(admin, id, staleETag, pencePerHead: 400);

        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        using var scheme = JsonDocument.Parse(await admin.GetStringAsync($"/api/schemes/{id}", Cancel));
        Assert.Equal(300, scheme.RootElement.GetProperty("budgetRule").GetProperty("pencePerHead").GetInt64());
    }

    [Fact]
    public async Task Changing_the_rules_recomputes_every_wards_budget()
    {
        var admin = app.ClientFor(PBudgetApp.Admin);
        var id = await TestData.CreateSchemeWithWardsAsync(admin, Cancel);

        var response = await PutRulesAsync(admin, id, null, pencePerHead: 300);

        response.EnsureSuccessStatusCode();
        var wards = await admin.GetFromJsonAsync<JsonElement[]>($"/api/schemes/{id}/wards", Cancel);
        var hillside = wards!.Single(w => w.GetProperty("code").GetString() == "E05000003");

        // 7,034 × £3 = £21,102, now above the £15,000 minimum.
        Assert.Equal(2_110_200, hillside.GetProperty("budgetPence").GetInt64());
    }

    [Fact]
    public async Task Every_change_is_audited_with_who_and_what()
    {
        var admin = app.ClientFor(PBudgetApp.Admin);
        var id = await TestData.CreateSchemeWithWardsAsync(admin, Cancel);
        (await PutRulesAsync(admin, id, null, pencePerHead: 250)).EnsureSuccessStatusCode();

        var audit = await app.ClientFor(PBudgetApp.Officer).GetFromJsonAsync<JsonElement[]>($"/api/schemes/{id}/audit", Cancel);

        Assert.Equal(["scheme.rules-changed", "wards.imported", "scheme.created"], audit!.Select(a => a.GetProperty("action").GetString()!));
        Assert.All(audit!, entry => Assert.Equal(PBudgetApp.Admin.Id, entry.GetProperty("actorId").GetString()));
        Assert.Contains("\"pencePerHead\":200", audit![0].GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"pencePerHead\":250", audit![0].GetProperty("after").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_is_served_and_lists_the_endpoints()
    {
        var document = await app.CreateClient().GetStringAsync("/api/openapi/v1.json", Cancel);

        Assert.Contains("/api/schemes/{schemeId}/budget-transfers", document, StringComparison.Ordinal);
        Assert.Contains("/api/schemes/{schemeId}/wards", document, StringComparison.Ordinal);
        Assert.DoesNotContain("\"/Publish\"", document, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PutRulesAsync(HttpClient client, string id, EntityTagHeaderValue? ifMatch, long pencePerHead)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/schemes/{id}/rules")
        {
            Content = JsonContent.Create(new
            {
                budgetRule = new { pencePerHead, minimumPerWardPence = 1_500_000, roundingUnit = "Pound" },
                adjustments = new { scope = "WithinArea", maxChangePercent = 25 },
            }),
        };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return await client.SendAsync(request, Cancel);
    }
}
