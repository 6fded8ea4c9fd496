using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;

namespace PBudget.EndToEnd.Tests.Browser;

/// <summary>The forms' protections over plain HTTP, as a browser without JavaScript (or a forger) would send it.</summary>
public sealed class FormsHttpTests(FormsBrowserFixture fixture) : IClassFixture<FormsBrowserFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_request_without_a_session_is_sent_to_sign_in_and_back()
    {
        using var client = Browser(out _);
        var start = $"/api/forms/schemes/{fixture.SchemeId}/wards/{FormsBrowserFixture.ResidentWard}/propose";

        using var response = await client.GetAsync(start, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dev/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(start), response.Headers.Location!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_the_anti_forgery_token_is_refused_and_nothing_is_stored()
    {
        using var client = await SignedInAsync(FormsBrowserFixture.ResidentId);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["title"] = "Forged",
            ["summary"] = "Forged.",
            ["description"] = "Forged.",
            ["estimatedCost"] = "100",
            ["category"] = "Other",
            ["step"] = "check",
        });

        using var response = await client.PostAsync($"/api/forms/schemes/{fixture.SchemeId}/wards/{FormsBrowserFixture.ResidentWard}/propose", form, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var mine = await client.GetStringAsync($"/api/forms/schemes/{fixture.SchemeId}/proposals/mine", Cancel);
        Assert.DoesNotContain("Forged", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proposing_in_a_scheme_that_is_not_open_explains_why_instead_of_failing()
    {
        var schemeId = "closed-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = await fixture.ApiClientAsync(FormsBrowserFixture.AdminId);
        (await admin.PostAsJsonAsync("/api/schemes", new { id = schemeId, name = "Closed Borough", financialYear = "2026-27", budgetRule = new { pencePerHead = 200, roundingUnit = "Pound" } }, Cancel)).EnsureSuccessStatusCode();
        (await admin.PutAsync($"/api/schemes/{schemeId}/wards", new StringContent("code,name,population,area\nE05000501,Dale,1000,West\n", System.Text.Encoding.UTF8, "text/csv"), Cancel)).EnsureSuccessStatusCode();
        using var client = await SignedInAsync(FormsBrowserFixture.ResidentId);

        using var response = await client.GetAsync($"/api/forms/schemes/{schemeId}/wards/E05000501/propose", Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("still being set up", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resident_cannot_open_the_staff_console()
    {
        using var client = await SignedInAsync(FormsBrowserFixture.ResidentId);

        using var response = await client.GetAsync($"/api/forms/manage/schemes/{fixture.SchemeId}", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private HttpClient Browser(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.Address };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    /// <summary>Signs in through the local sign-in page's form, as a browser does, and keeps the session cookie.</summary>
    private async Task<HttpClient> SignedInAsync(string demoUserId)
    {
        var client = Browser(out _);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/dev/sign-in", Cancel));
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["userId"] = demoUserId, ["returnUrl"] = "/" });
        using var response = await client.PostAsync("/dev/session", form, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
