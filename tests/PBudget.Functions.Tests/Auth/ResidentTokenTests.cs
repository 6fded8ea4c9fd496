using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using PBudget.Functions.Auth;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Auth;

/// <summary>
/// Residents' tokens from Entra External ID, validated by Microsoft.Identity.Web's second JWT scheme. Entra's servers
/// cannot be reached here, so the scheme is given the tenant's signing key and issuer as its metadata document would.
/// </summary>
public sealed class ResidentTokenTests : IAsyncLifetime, IDisposable
{
    private const string TenantId = "5b2f8a4e-3c1d-4e6f-9a7b-2c8d1e0f4a61";
    private const string Instance = "https://pbudgettest.ciamlogin.com/";
    private const string Issuer = "https://pbudgettest.ciamlogin.com/" + TenantId + "/v2.0";
    private const string Audience = "8c3e1f2a-7b4d-4c6e-a1f0-9d2b3c4e5f60";

    private readonly RSA rsa = RSA.Create(2048);
    private readonly RsaSecurityKey key;
    private readonly PBudgetApp app;

    public ResidentTokenTests(AzuriteFixture azurite)
    {
        key = new RsaSecurityKey(rsa) { KeyId = "ciam-test" };
        app = new PBudgetApp(
            azurite,
            settings: new Dictionary<string, string?>
            {
                ["ExternalId:Instance"] = Instance,
                ["ExternalId:TenantId"] = TenantId,
                ["ExternalId:ClientId"] = Audience,
            },
            services: services => services.PostConfigure<JwtBearerOptions>(ResidentTokens.Scheme, options =>
            {
                var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
                configuration.SigningKeys.Add(key);
                options.Configuration = configuration;
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
                options.TokenValidationParameters.ValidIssuer = Issuer;
                options.TokenValidationParameters.ValidAudience = Audience;
                options.TokenValidationParameters.IssuerSigningKey = key;
            }));
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();

    public void Dispose() => rsa.Dispose();

    private string Token(string audience = Audience, string[]? roles = null, SecurityKey? signingKey = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["oid"] = "c1a2b3d4-0000-4000-8000-00000000cafe",
            ["sub"] = "c1a2b3d4-0000-4000-8000-00000000cafe",
            ["name"] = "Cara Customer",
            ["email"] = "cara@example.org",
            ["scp"] = "access_as_user",
            ["tid"] = TenantId,
            ["ver"] = "2.0",
        };
        if (roles is not null)
        {
            claims["roles"] = roles;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey ?? key, SecurityAlgorithms.RsaSha256),
        });
    }

    private HttpClient Client(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_resident_signed_in_with_External_ID_proposes_a_project_as_themselves()
    {
        var id = await ProposalFlow.SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);

        var response = await Client(Token()).PostAsJsonAsync($"/api/schemes/{id}/wards/E05000001/proposals", ProposalFlow.Proposal(), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var me = JsonDocument.Parse(await Client(Token()).GetStringAsync("/api/me", Cancel)).RootElement;
        Assert.Equal("Cara Customer", me.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_resident_token_that_claims_a_staff_role_gets_no_staff_access()
    {
        var response = await Client(Token(roles: ["Admin"])).GetAsync("/api/schemes", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_resident_token_for_another_app_or_signed_by_another_key_is_refused()
    {
        using var other = RSA.Create(2048);

        var wrongAudience = await Client(Token(audience: "api://someone-else")).GetAsync("/api/me", Cancel);
        var wrongKey = await Client(Token(signingKey: new RsaSecurityKey(other) { KeyId = "ciam-test" })).GetAsync("/api/me", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongAudience.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
    }

    [Fact]
    public async Task Staff_tokens_still_go_to_the_workforce_scheme_beside_resident_tokens()
    {
        var response = await app.ClientFor(PBudgetApp.Admin).GetAsync("/api/schemes", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
