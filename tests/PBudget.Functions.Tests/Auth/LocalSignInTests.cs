using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PBudget.Functions.Auth;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Auth;

public sealed class LocalSignInTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> ProductionAzureAd = new()
    {
        ["AzureAd:TenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
        ["AzureAd:ClientId"] = "22222222-2222-2222-2222-222222222222",
        ["AzureAd:Audience"] = "api://pbudget",
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public async Task The_local_sign_in_cannot_be_switched_on_outside_development(string environment)
    {
        var settings = new Dictionary<string, string?>(ProductionAzureAd) { ["LocalSignIn:Enabled"] = "true" };
        await using var app = new PBudgetApp(azurite, environment, settings);

        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("only allowed in Development", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_there_is_no_token_endpoint_and_a_locally_signed_token_is_rejected()
    {
        await using var app = new PBudgetApp(azurite, "Production", ProductionAzureAd);
        var client = app.CreateClient();
        using var forger = new LocalTokenIssuer("api://pbudget");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forger.Issue(PBudgetApp.Admin));

        var token = await client.PostAsJsonAsync("/dev/token", new { userId = PBudgetApp.Admin.Id }, Cancel);
        var schemes = await client.GetAsync("/api/schemes", Cancel);

        Assert.NotEqual(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, schemes.StatusCode);
    }

    [Fact]
    public async Task In_development_a_token_from_the_sign_in_works_against_the_api()
    {
        await using var app = new PBudgetApp(azurite);
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/dev/token", new { userId = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a01" }, Cancel);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("accessToken").GetString());
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me", Cancel);

        Assert.Equal("Alex Admin", me.GetProperty("name").GetString());
        Assert.Equal(["Admin"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!));
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_rejected_even_in_development()
    {
        await using var app = new PBudgetApp(azurite);
        var client = app.CreateClient();
        using var forger = new LocalTokenIssuer("api://pbudget-local");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forger.Issue(PBudgetApp.Admin));

        var response = await client.GetAsync("/api/schemes", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_rejected()
    {
        await using var app = new PBudgetApp(azurite);
        var issuer = (LocalTokenIssuer)app.Services.GetService(typeof(LocalTokenIssuer))!;
        var client = app.CreateClient();

        // Signed by the app's own trusted key, but expired ten minutes ago (beyond the five-minute clock skew).
        var expired = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = LocalTokenIssuer.Issuer,
            Audience = issuer.Audience,
            IssuedAt = DateTime.UtcNow.AddHours(-1),
            NotBefore = DateTime.UtcNow.AddHours(-1),
            Expires = DateTime.UtcNow.AddMinutes(-10),
            Claims = new Dictionary<string, object> { ["oid"] = PBudgetApp.Admin.Id, ["name"] = "Ada Admin", ["roles"] = new[] { "Admin" } },
            SigningCredentials = new SigningCredentials(issuer.SigningKey, SecurityAlgorithms.RsaSha256),
        });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", expired);

        var response = await client.GetAsync("/api/schemes", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
