using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using PBudget.Functions.Auth;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Auth;

public sealed partial class BrowserSessionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string DemoResidentId = LocalTokenIssuer.DemoUsers.Single(u => u.Roles.Count == 0).Id;

    private readonly PBudgetApp app = new(azurite);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<string> AntiforgeryTokenAsync(HttpClient browser, string returnUrl = "/")
    {
        var page = await browser.GetStringAsync("/dev/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl), Cancel);
        return TokenPattern().Match(page).Groups[1].Value;
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string? token, string userId, string returnUrl)
    {
        var fields = new Dictionary<string, string> { ["userId"] = userId, ["returnUrl"] = returnUrl };
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        return browser.PostAsync("/dev/session", new FormUrlEncodedContent(fields), Cancel);
    }

    [Fact]
    public async Task A_browser_signed_in_with_the_local_page_is_the_same_person_to_the_api()
    {
        var browser = Browser();
        var token = await AntiforgeryTokenAsync(browser);

        var signIn = await SignInAsync(browser, token, DemoResidentId, "/schemes/");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/schemes/", signIn.Headers.Location!.OriginalString);
        var me = JsonDocument.Parse(await browser.GetStringAsync("/api/me", Cancel)).RootElement;
        Assert.Equal("Rae Resident", me.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Signing_in_without_the_anti_forgery_token_is_refused_and_no_session_starts()
    {
        var browser = Browser();
        await AntiforgeryTokenAsync(browser);

        var signIn = await SignInAsync(browser, token: null, DemoResidentId, "/");

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me", Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Signing_in_never_redirects_to_another_site(string returnUrl)
    {
        var browser = Browser();
        var token = await AntiforgeryTokenAsync(browser);

        var signIn = await SignInAsync(browser, token, DemoResidentId, returnUrl);

        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_page_request_without_a_session_is_sent_to_sign_in_but_a_script_gets_401()
    {
        var browser = Browser();

        using var page = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        page.Headers.Accept.ParseAdd("text/html");
        var asPage = await browser.SendAsync(page, Cancel);
        var asScript = await browser.GetAsync("/api/me", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, asPage.StatusCode);
        Assert.StartsWith("http://localhost/dev/sign-in?ReturnUrl=", asPage.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, asScript.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var browser = Browser();
        var token = await AntiforgeryTokenAsync(browser);
        await SignInAsync(browser, token, DemoResidentId, "/");

        // Anti-forgery tokens belong to the person signed in, so the sign-out form carries a new one.
        var signedInToken = await AntiforgeryTokenAsync(browser);
        var forged = await browser.PostAsync("/api/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Cancel);
        var signOut = await browser.PostAsync("/api/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = signedInToken }), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_session_cookie_is_http_only_and_same_site()
    {
        var browser = Browser();
        var token = await AntiforgeryTokenAsync(browser);

        var signIn = await SignInAsync(browser, token, DemoResidentId, "/");

        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(BrowserSessions.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
