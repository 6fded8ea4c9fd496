using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using PBudget.Functions.Auth;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Auth;

/// <summary>
/// Browser sign-in in Azure: Microsoft.Identity.Web's OpenID Connect web-app flow, Entra ID for staff and External ID for
/// residents. Entra's servers cannot be reached here, so each scheme gets its metadata as the discovery document gives it,
/// and the tests check the authorisation request the browser is sent with, which is the documented contract.
/// </summary>
public sealed class WebSignInTests(AzuriteFixture azurite)
{
    private const string StaffClient = "3a1b2c3d-0000-4000-8000-00000000aaaa";
    private const string ResidentClient = "3a1b2c3d-0000-4000-8000-00000000bbbb";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private PBudgetApp ProductionApp(bool configured = true, string? publicOrigin = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Site:PublicOrigin"] = publicOrigin,
            ["AzureAd:TenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
            ["AzureAd:ClientId"] = "22222222-2222-2222-2222-222222222222",
            ["AzureAd:Audience"] = "api://pbudget",
        };
        if (configured)
        {
            settings["StaffSignIn:Instance"] = "https://login.microsoftonline.com/";
            settings["StaffSignIn:TenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47";
            settings["StaffSignIn:ClientId"] = StaffClient;
            settings["ResidentSignIn:Instance"] = "https://pbudgettest.ciamlogin.com/";
            settings["ResidentSignIn:TenantId"] = "5b2f8a4e-3c1d-4e6f-9a7b-2c8d1e0f4a61";
            settings["ResidentSignIn:ClientId"] = ResidentClient;
        }

        return new PBudgetApp(azurite, "Production", settings, services =>
        {
            foreach (var (scheme, authorize) in new[] { (WebSignIn.StaffScheme, "https://staff.login.test/authorize"), (WebSignIn.ResidentScheme, "https://residents.login.test/authorize") })
            {
                services.PostConfigure<OpenIdConnectOptions>(scheme, options =>
                {
                    var metadata = new OpenIdConnectConfiguration { AuthorizationEndpoint = authorize, Issuer = authorize.Replace("/authorize", "", StringComparison.Ordinal) };
                    options.Configuration = metadata;
                    options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(metadata);
                });
            }
        });
    }

    private static HttpClient Browser(PBudgetApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_staff_page_sends_the_browser_to_the_councils_Entra_ID_and_back_to_the_app()
    {
        await using var app = ProductionApp();

        var response = await Browser(app).GetAsync("/api/account/sign-in?returnUrl=/api/forms/manage/schemes/riverside-2026-27", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = response.Headers.Location!;
        Assert.Equal("https://staff.login.test/authorize", target.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(target.Query);
        Assert.Equal(StaffClient, query["client_id"].ToString());
        Assert.Equal("http://localhost/api/account/signin-staff", query["redirect_uri"].ToString());
        Assert.Contains("openid", query["scope"].ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
    }

    [Fact]
    public async Task Behind_the_public_site_the_browser_is_sent_back_to_the_sites_own_address()
    {
        await using var app = ProductionApp(publicOrigin: "https://pb.example.gov.uk");

        var response = await Browser(app).GetAsync("/api/account/sign-in?returnUrl=/api/forms/manage/schemes/riverside-2026-27", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal("https://pb.example.gov.uk/api/account/signin-staff", query["redirect_uri"].ToString());
    }

    [Theory]
    [InlineData("http://pb.example.gov.uk")]
    [InlineData("https://pb.example.gov.uk/pb")]
    [InlineData("pb.example.gov.uk")]
    public void A_public_origin_that_is_not_an_https_origin_stops_start_up_saying_so(string origin)
    {
        using var app = ProductionApp(publicOrigin: origin);

        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("Site:PublicOrigin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_residents_form_sends_the_browser_to_External_ID()
    {
        await using var app = ProductionApp();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/api/forms/schemes/riverside-2026-27/wards/E05900005/propose");
        page.Headers.Accept.ParseAdd("text/html");

        var first = await Browser(app).SendAsync(page, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("http://localhost/api/account/sign-in?ReturnUrl=", first.Headers.Location!.ToString(), StringComparison.Ordinal);

        var second = await Browser(app).GetAsync(first.Headers.Location, Cancel);

        var query = QueryHelpers.ParseQuery(second.Headers.Location!.Query);
        Assert.Equal("https://residents.login.test/authorize", second.Headers.Location.GetLeftPart(UriPartial.Path));
        Assert.Equal(ResidentClient, query["client_id"].ToString());
        Assert.Equal("http://localhost/api/account/signin-resident", query["redirect_uri"].ToString());
    }

    [Fact]
    public async Task Without_browser_sign_in_configured_the_sign_in_page_says_so()
    {
        await using var app = ProductionApp(configured: false);

        var response = await Browser(app).GetAsync("/api/account/sign-in?returnUrl=/api/forms/manage/schemes/x", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("StaffSignIn", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_sign_in_goes_to_the_local_sign_in_page_and_never_off_site()
    {
        await using var app = new PBudgetApp(azurite);

        var local = await Browser(app).GetAsync("/api/account/sign-in?returnUrl=/api/forms/schemes/x/proposals/mine", Cancel);
        var offSite = await Browser(app).GetAsync("/api/account/sign-in?returnUrl=https://evil.example/", Cancel);

        Assert.Equal("/dev/sign-in?returnUrl=%2Fapi%2Fforms%2Fschemes%2Fx%2Fproposals%2Fmine", local.Headers.Location!.OriginalString);
        Assert.Equal("/dev/sign-in?returnUrl=%2F", offSite.Headers.Location!.OriginalString);
    }
}
