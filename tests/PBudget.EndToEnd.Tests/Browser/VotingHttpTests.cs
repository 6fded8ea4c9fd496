using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PBudget.EndToEnd.Tests.Browser;

/// <summary>
/// The voting pages over plain HTTP, as a browser without JavaScript (or a forger) sends it: anti-forgery, each refusal
/// explained on a page rather than as a problem document, and a receipt that is never cached.
/// </summary>
public sealed class VotingHttpTests(VotingBrowserFixture fixture) : IClassFixture<VotingBrowserFixture>
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static readonly HtmlParser Parser = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private VotingScheme Scheme => fixture.Knapsack;

    private string CodePage => Scheme.Start + "/code";

    private string PlayArea => Scheme.Projects["Play area"];

    private string BulbPlanting => Scheme.Projects["Bulb planting"];

    [Fact]
    public async Task Casting_a_vote_without_the_anti_forgery_token_is_refused_and_nothing_is_stored()
    {
        var code = Scheme.TakeCode();
        using var client = Browser();

        using var forged = await client.PostAsync(CodePage, Form(null, code, "check", PlayArea), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // The code still works, so the forged post spent nothing.
        var token = await TokenAsync(client, CodePage);
        using var cast = await client.PostAsync(CodePage, Form(token, code, "check", PlayArea), Cancel);
        Assert.Equal(HttpStatusCode.SeeOther, cast.StatusCode);

        // The same for a signed-in resident's ballot.
        using var resident = await SignedInAsync(VotingBrowserFixture.ResidentId);
        using var forgedAccount = await resident.PostAsync(Scheme.Start + "/account", Form(null, null, "check", PlayArea), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, forgedAccount.StatusCode);
        using var api = await fixture.ApiClientAsync(VotingBrowserFixture.ResidentId);
        using var mine = await api.GetAsync($"/api/schemes/{Scheme.Id}/wards/{VotingBrowserFixture.Ward}/my-ballot", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, mine.StatusCode);
    }

    [Fact]
    public async Task A_mistyped_or_unknown_voting_code_is_explained_beside_the_code_with_the_choices_kept()
    {
        using var client = Browser();
        var unknown = UnissuedCode();
        var typo = unknown[..^1] + (unknown[^1] == 'A' ? 'B' : 'A');

        using var mistyped = await client.PostAsync(CodePage, Form(await TokenAsync(client, CodePage), typo, "check", PlayArea), Cancel);

        var page = await PageAsync(mistyped, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("That code has a typing mistake: check it against your letter.", ErrorLink(page, "code"));

        using var wrong = await client.PostAsync(CodePage, Form(await TokenAsync(client, CodePage), unknown, "check", PlayArea), Cancel);

        page = await PageAsync(wrong, HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("That is not a voting code for Abbey.", ErrorLink(page, "code"), StringComparison.Ordinal);
        Assert.Contains("That is not a voting code for Abbey.", page.QuerySelector("#code-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(unknown, page.QuerySelector("input#code")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector($"input[name='choices'][value='{PlayArea}'][checked]"));
        Assert.Null(page.QuerySelector($"input[name='choices'][value='{BulbPlanting}'][checked]"));
    }

    [Fact]
    public async Task A_voting_code_that_was_used_already_is_explained_beside_the_code()
    {
        var code = Scheme.TakeCode();
        using var client = Browser();
        using var first = await client.PostAsync(CodePage, Form(await TokenAsync(client, CodePage), code, "check", PlayArea), Cancel);
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);

        using var again = await client.PostAsync(CodePage, Form(await TokenAsync(client, CodePage), code, "check", BulbPlanting), Cancel);

        var page = await PageAsync(again, HttpStatusCode.Conflict);
        Assert.Equal("This voting code has already been used to vote online. Each voting code can be used once.", ErrorLink(page, "code"));
        Assert.NotNull(page.QuerySelector($"input[name='choices'][value='{BulbPlanting}'][checked]"));
    }

    [Fact]
    public async Task Voting_pages_say_plainly_when_voting_has_closed_or_not_yet_opened_and_offer_no_form()
    {
        var closed = await fixture.OpenVotingAsync("Closed Borough", ballotRule: null, codes: 1, Cancel);
        var code = closed.TakeCode();
        using var client = Browser();
        var token = await TokenAsync(client, closed.Start + "/code");
        using (var admin = await fixture.ApiClientAsync(VotingBrowserFixture.AdminId))
        {
            await fixture.MoveAsync(admin, closed.Id, "Counting", Cancel);
        }

        // A ballot filled in before voting closed and cast just after: the closed receipt chains refuse it at once.
        using var late = await client.PostAsync(closed.Start + "/code", Form(token, code, "check", closed.Projects["Play area"]), Cancel);
        var page = await PageAsync(late, HttpStatusCode.Conflict);
        Assert.Contains("has closed", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("main form"));

        // Ballot papers are cached for a few seconds while voting is open, so the pages follow the phase shortly after.
        await fixture.App.WaitForAsync("the ballot paper to say voting has closed", async () =>
            (await client.GetStringAsync(closed.Start, Cancel)).Contains("Voting in Abbey has closed", StringComparison.Ordinal) ? "closed" : null, Cancel);
        using var start = await client.GetAsync(closed.Start, Cancel);
        page = await PageAsync(start, HttpStatusCode.OK);
        Assert.Null(page.QuerySelector("main form"));

        using var choose = await client.GetAsync(closed.Start + "/code", Cancel);
        page = await PageAsync(choose, HttpStatusCode.Conflict);
        Assert.Contains("Voting in Abbey has closed", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("main form"));

        var notYet = "notyet-" + Guid.NewGuid().ToString("N")[..8];
        using (var admin = await fixture.ApiClientAsync(VotingBrowserFixture.AdminId))
        {
            (await admin.PostAsJsonAsync("/api/schemes", new { id = notYet, name = "Later Borough", financialYear = "2026-27", budgetRule = new { pencePerHead = 200, roundingUnit = "Pound" } }, Cancel)).EnsureSuccessStatusCode();
            (await admin.PutAsync($"/api/schemes/{notYet}/wards", new StringContent($"code,name,population,area\n{VotingBrowserFixture.Ward},Abbey,1000,North\n", System.Text.Encoding.UTF8, "text/csv"), Cancel)).EnsureSuccessStatusCode();
        }

        using var early = await client.GetAsync($"/api/forms/schemes/{notYet}/wards/{VotingBrowserFixture.Ward}/vote", Cancel);
        page = await PageAsync(early, HttpStatusCode.OK);
        Assert.Contains("Voting in Abbey has not opened yet.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("main form"));
    }

    [Fact]
    public async Task The_receipt_is_never_stored_by_a_cache_and_shows_the_tracking_code_and_ward_but_not_the_choices()
    {
        using var client = Browser();
        using var cast = await client.PostAsync(CodePage, Form(await TokenAsync(client, CodePage), Scheme.TakeCode(), "check", PlayArea), Cancel);
        Assert.Equal(HttpStatusCode.SeeOther, cast.StatusCode);
        var location = cast.Headers.Location!.OriginalString;
        Assert.StartsWith(Scheme.Start + "/receipt?code=", location, StringComparison.Ordinal);
        var tracking = location.Split("code=")[1][..64];

        using var receipt = await client.GetAsync(location, Cancel);

        var page = await PageAsync(receipt, HttpStatusCode.OK);
        Assert.True(receipt.Headers.CacheControl?.NoStore, "The receipt must not be cached.");
        Assert.Contains("script-src 'self'", receipt.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", receipt.Headers.GetValues("Referrer-Policy").Single());
        var main = page.QuerySelector("main")!.TextContent;
        Assert.Contains(string.Join(' ', tracking.ToUpperInvariant().Chunk(8).Select(c => new string(c))), page.QuerySelector(".govuk-panel")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("You voted in Abbey", main, StringComparison.Ordinal);
        Assert.DoesNotContain("Play area", main, StringComparison.Ordinal);

        using var bogus = await client.GetAsync(Scheme.Start + "/receipt?code=not-a-code", Cancel);
        await PageAsync(bogus, HttpStatusCode.NotFound);

        // Only an address the app made shows a receipt: the same code with another signature, or none, is refused.
        var forged = location.Replace("sig=", "sig=0", StringComparison.Ordinal);
        using var forgedReceipt = await client.GetAsync(forged, Cancel);
        await PageAsync(forgedReceipt, HttpStatusCode.NotFound);
        using var unsigned = await client.GetAsync(Scheme.Start + "/receipt?code=" + tracking, Cancel);
        await PageAsync(unsigned, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Voting_with_an_account_sends_a_browser_without_a_session_to_sign_in_and_back()
    {
        using var client = Browser();

        using var response = await client.GetAsync(Scheme.Start + "/account", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dev/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(Scheme.Start + "/account"), response.Headers.Location!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resident_whose_postcode_is_in_another_ward_is_told_so_and_offered_the_code_instead()
    {
        var elsewhere = await fixture.OpenVotingAsync("Elsewhere Borough", ballotRule: null, codes: 1, Cancel, residentsWard: VotingBrowserFixture.OtherWard);
        using var resident = await SignedInAsync(VotingBrowserFixture.ResidentId);

        using var choose = await resident.GetAsync(elsewhere.Start + "/account", Cancel);

        var page = await PageAsync(choose, HttpStatusCode.Forbidden);
        Assert.Contains($"Your postcode {VotingBrowserFixture.ResidentPostcode} is not in Abbey but in another ward", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == elsewhere.Start + "/code");
        Assert.Null(page.QuerySelector("main form"));

        // Casting anyway is refused the same way.
        var token = await TokenAsync(resident, CodePage);
        using var cast = await resident.PostAsync(elsewhere.Start + "/account", Form(token, null, "check", elsewhere.Projects["Play area"]), Cancel);
        page = await PageAsync(cast, HttpStatusCode.Forbidden);
        Assert.Contains("is not in Abbey", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(string? token, string? code, string step, params string[] choices)
    {
        var fields = new List<KeyValuePair<string, string>> { new("step", step) };
        if (token is not null)
        {
            fields.Add(new("__RequestVerificationToken", token));
        }

        if (code is not null)
        {
            fields.Add(new("code", code));
        }

        fields.AddRange(choices.Select(c => new KeyValuePair<string, string>("choices", c)));
        return new FormUrlEncodedContent(fields);
    }

    /// <summary>The page as a document, after checking it is HTML (never a problem document) with the expected status.</summary>
    private static async Task<IHtmlDocument> PageAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(status == response.StatusCode, $"Expected {(int)status} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return Parser.ParseDocument(body);
    }

    private static string? ErrorLink(IHtmlDocument page, string field) =>
        page.QuerySelector($".govuk-error-summary a[href='#{field}']")?.TextContent.Trim();

    private HttpClient Browser()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = fixture.Address };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    /// <summary>The anti-forgery token of a page's form, as the browser would send it back.</summary>
    private static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var page = Parser.ParseDocument(await client.GetStringAsync(path, Cancel));
        return page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{path} has no form with an anti-forgery token.");
    }

    /// <summary>Signs in through the local sign-in page's form, as a browser does, and keeps the session cookie.</summary>
    private async Task<HttpClient> SignedInAsync(string demoUserId)
    {
        var client = Browser();
        var token = await TokenAsync(client, "/dev/sign-in");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["userId"] = demoUserId, ["returnUrl"] = "/" });
        using var response = await client.PostAsync("/dev/session", form, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>A code with a valid check character (Luhn mod 32, as the app's codes have) that was never issued.</summary>
    private static string UnissuedCode()
    {
        var payload = string.Concat(Enumerable.Range(0, 16).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]));
        var sum = 0;
        var doubled = true;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var value = Alphabet.IndexOf(payload[i], StringComparison.Ordinal);
            var addend = doubled ? value * 2 : value;
            sum += (addend / Alphabet.Length) + (addend % Alphabet.Length);
            doubled = !doubled;
        }

        var check = Alphabet[(Alphabet.Length - (sum % Alphabet.Length)) % Alphabet.Length];
        return $"{payload[..4]}-{payload[4..8]}-{payload[8..12]}-{payload[12..16]}-{check}";
    }
}
