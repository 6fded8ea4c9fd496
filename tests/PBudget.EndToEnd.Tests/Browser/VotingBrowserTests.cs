using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PBudget.EndToEnd.Tests.Browser;

/// <summary>
/// Residents voting on the site's pages in Chromium, against the real app and Azurite: with a voting code and
/// JavaScript off, with JavaScript on (the live "what is left" line), and signed in, changing their vote. Every page
/// of the journey is checked with axe against WCAG 2.2 A and AA, with and without JavaScript.
/// </summary>
public sealed partial class VotingBrowserTests(VotingBrowserFixture fixture) : IClassFixture<VotingBrowserFixture>
{
    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_JavaScript_a_resident_votes_with_a_code_is_told_when_over_budget_and_gets_a_receipt()
    {
        var scheme = fixture.Knapsack;
        var code = scheme.TakeCode();
        var (context, tab, problems) = await OpenAsync(javaScript: false);
        await using var _ = context;

        // From the ward's page on the public site, once it has been published with voting open.
        var wardPage = $"/schemes/{scheme.Id}/wards/{VotingBrowserFixture.Ward}/";
        await fixture.App.WaitForAsync("the ward page to invite a vote", async () =>
            (await fixture.App.Client.GetStringAsync(wardPage, Cancel)).Contains("Vote now", StringComparison.Ordinal) ? "published" : null, Cancel);
        await tab.GotoAsync(Url(wardPage));
        await tab.GetByRole(AriaRole.Button, new() { Name = "Vote now" }).ClickAsync();

        // The ballot paper: the rule in words, the projects with their costs, and the two ways to vote.
        Assert.EndsWith(scheme.Start, tab.Url, StringComparison.Ordinal);
        Assert.Equal("Vote in Abbey", await tab.Locator("h1").TextContentAsync());
        var main = await MainTextAsync(tab);
        Assert.Contains("Choose projects costing up to £20,000 in total.", main, StringComparison.Ordinal);
        Assert.Contains("£12,000", await tab.Locator(".govuk-summary-card", new() { HasText = "Youth club" }).TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Equal(0, await tab.Locator("main form").CountAsync());
        Assert.Equal(1, await tab.GetByRole(AriaRole.Button, new() { Name = "Sign in to vote" }).CountAsync());
        await CheckAsync(tab, "ballot paper", javaScript: false);

        // The choose page: the code, the projects as checkboxes, and a status line that says what the next page will tell.
        await tab.GetByRole(AriaRole.Button, new() { Name = "I have a voting code" }).ClickAsync();
        var codeInput = tab.GetByLabel("Voting code");
        Assert.Equal("off", await codeInput.GetAttributeAsync("autocomplete"));
        Assert.Equal("false", await codeInput.GetAttributeAsync("spellcheck"));
        Assert.Contains("7K3M-Q9XW-2HDR-F4TN-8", await tab.Locator("#code-hint").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Equal("When you continue, the next page tells you what is left.", (await tab.GetByRole(AriaRole.Status).TextContentAsync())?.Trim());
        await CheckAsync(tab, "choose page", javaScript: false);

        // Over budget: the same page, the error summary linking to the checkboxes, and everything typed and ticked kept.
        var typed = code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        await codeInput.FillAsync(typed);
        await tab.GetByLabel("Play area").CheckAsync();
        await tab.GetByLabel("Youth club").CheckAsync();
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.StartsWith("Error: ", await tab.TitleAsync(), StringComparison.Ordinal);
        var error = tab.Locator(".govuk-error-summary a[href='#choices']");
        Assert.Equal(
            "The projects you chose cost £22,000, which is £2,000 more than the ward's budget of £20,000.",
            (await error.TextContentAsync())?.Trim());
        Assert.Contains("£2,000 more", await tab.Locator("#choices-error").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Equal(typed, await tab.GetByLabel("Voting code").InputValueAsync());
        Assert.True(await tab.GetByLabel("Play area").IsCheckedAsync());
        Assert.True(await tab.GetByLabel("Youth club").IsCheckedAsync());
        Assert.False(await tab.GetByLabel("Bulb planting").IsCheckedAsync());
        await CheckAsync(tab, "choose page over budget", javaScript: false);

        // Within budget: check your vote, with the total and what is left.
        await tab.GetByLabel("Youth club").UncheckAsync();
        await tab.GetByLabel("Bulb planting").CheckAsync();
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.StartsWith("Check your vote", await tab.TitleAsync(), StringComparison.Ordinal);
        var rows = await SummaryAsync(tab);
        Assert.Equal("£18,000", rows["Total cost"]);
        Assert.Equal("£2,000 of £20,000", rows["Left"]);
        Assert.Equal("£10,000", rows["Play area"]);
        Assert.Equal("£8,000", rows["Bulb planting"]);
        Assert.Equal(code, rows["Voting code"]);
        Assert.DoesNotContain("Youth club", rows.Keys);
        await CheckAsync(tab, "check your vote", javaScript: false);

        // Change, and back to check: the choices travel in the form, not on the server.
        await tab.GetByRole(AriaRole.Button, new() { Name = "Change your vote for “Bulb planting”" }).ClickAsync();
        Assert.True(await tab.GetByLabel("Bulb planting").IsCheckedAsync());
        Assert.Equal(typed, await tab.GetByLabel("Voting code").InputValueAsync());
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        // Cast: a 303 to a receipt that shows the tracking code and the ward, never the choices.
        await tab.GetByRole(AriaRole.Button, new() { Name = "Cast your vote" }).ClickAsync();
        Assert.Matches("/vote/receipt\\?code=[0-9a-f]{64}&at=", tab.Url);
        var tracking = TrackingCodeIn(tab.Url);
        var panel = await tab.Locator(".govuk-panel").TextContentAsync() ?? "";
        Assert.Contains("Your vote has been recorded", panel, StringComparison.Ordinal);
        Assert.Contains(Display(tracking), panel, StringComparison.Ordinal);
        main = await MainTextAsync(tab);
        Assert.Contains("You voted in Abbey", main, StringComparison.Ordinal);
        Assert.Contains("will be published with the results", main, StringComparison.Ordinal);
        Assert.DoesNotContain("Play area", main, StringComparison.Ordinal);
        Assert.DoesNotContain("Bulb planting", main, StringComparison.Ordinal);
        Assert.False(await tab.GetByRole(AriaRole.Button, new() { Name = "Print your receipt" }).IsVisibleAsync(), "The print button needs JavaScript, so it is hidden without it.");
        await CheckAsync(tab, "receipt", javaScript: false);

        Assert.Contains((tracking, false), await fixture.ReceiptsAsync(scheme.Id, Cancel));
        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    [Fact]
    public async Task With_JavaScript_the_status_line_says_what_is_left_as_projects_are_ticked_and_the_receipt_can_be_printed()
    {
        var scheme = fixture.Knapsack;
        var (context, tab, problems) = await OpenAsync(javaScript: true);
        await using var _ = context;

        await tab.GotoAsync(Url(scheme.Start));
        await CheckAsync(tab, "ballot paper", javaScript: true);
        await tab.GetByRole(AriaRole.Button, new() { Name = "I have a voting code" }).ClickAsync();
        var status = tab.GetByRole(AriaRole.Status);
        Assert.Equal("polite", await status.GetAttributeAsync("aria-live"));
        await WaitForTextAsync(status, "£20,000 of £20,000 left");
        await CheckAsync(tab, "choose page", javaScript: true);

        await tab.GetByLabel("Play area").CheckAsync();
        await WaitForTextAsync(status, "£10,000 of £20,000 left");
        await tab.GetByLabel("Youth club").CheckAsync();
        await WaitForTextAsync(status, "£2,000 over the budget of £20,000");
        await tab.GetByLabel("Youth club").UncheckAsync();
        await tab.GetByLabel("Bulb planting").CheckAsync();
        await WaitForTextAsync(status, "£2,000 of £20,000 left");
        await CheckAsync(tab, "choose page with projects ticked", javaScript: true);

        await tab.GetByLabel("Voting code").FillAsync(scheme.TakeCode());
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.StartsWith("Check your vote", await tab.TitleAsync(), StringComparison.Ordinal);
        await CheckAsync(tab, "check your vote", javaScript: true);
        await tab.GetByRole(AriaRole.Button, new() { Name = "Cast your vote" }).ClickAsync();
        await tab.WaitForURLAsync(new Regex("/vote/receipt\\?"));
        await tab.GetByRole(AriaRole.Button, new() { Name = "Print your receipt" }).WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 10_000 });
        await CheckAsync(tab, "receipt", javaScript: true);

        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    [Fact]
    public async Task With_JavaScript_approval_and_cumulative_ballots_say_how_many_choices_or_points_are_left()
    {
        var approval = await fixture.OpenVotingAsync("Approval Borough", new { kind = "Approval", maxChoices = 2 }, codes: 1, Cancel);
        var cumulative = await fixture.OpenVotingAsync("Points Borough", new { kind = "Cumulative", points = 10, maxPointsPerProject = 6 }, codes: 1, Cancel);
        var (context, tab, problems) = await OpenAsync(javaScript: true);
        await using var _ = context;

        await tab.GotoAsync(Url(approval.Start + "/code"));
        Assert.Contains("Choose up to 2 projects.", await MainTextAsync(tab), StringComparison.Ordinal);
        var status = tab.GetByRole(AriaRole.Status);
        await WaitForTextAsync(status, "You can choose 2 more");
        await tab.GetByLabel("Play area").CheckAsync();
        await WaitForTextAsync(status, "You can choose 1 more");
        await CheckAsync(tab, "approval ballot", javaScript: true);

        await tab.GotoAsync(Url(cumulative.Start + "/code"));
        Assert.Equal("Share your points", await tab.Locator("h1").TextContentAsync());
        Assert.Contains("Share 10 points among the projects, at most 6 for any one project.", await MainTextAsync(tab), StringComparison.Ordinal);
        status = tab.GetByRole(AriaRole.Status);
        await WaitForTextAsync(status, "10 points left");
        await tab.GetByLabel("Play area").FillAsync("6");
        await WaitForTextAsync(status, "4 points left");
        await tab.GetByLabel("Youth club").FillAsync("5");
        await WaitForTextAsync(status, "1 point too many");
        Assert.Equal("numeric", await tab.GetByLabel("Youth club").GetAttributeAsync("inputmode"));
        await CheckAsync(tab, "points ballot", javaScript: true);

        // Too many points: the server says so on the same page, above the boxes and linked to the first, with the points kept.
        await tab.GetByLabel("Voting code").FillAsync(cumulative.TakeCode());
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var firstBox = await tab.Locator("input[data-pbudget-points]").First.GetAttributeAsync("id");
        Assert.Equal("You gave 11 points; you have 10 to share.", (await tab.Locator($".govuk-error-summary a[href='#{firstBox}']").TextContentAsync())?.Trim());
        Assert.Contains("You gave 11 points", await tab.Locator("#points-error").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Equal("5", await tab.GetByLabel("Youth club").InputValueAsync());
        await CheckAsync(tab, "points ballot with an error", javaScript: true);

        await tab.GetByLabel("Youth club").FillAsync("4");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var rows = await SummaryAsync(tab);
        Assert.Equal("6 points (costs £10,000)", rows["Play area"]);
        Assert.Equal("0 of 10", rows["Points left"]);
        await CheckAsync(tab, "check your points", javaScript: true);

        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    [Fact]
    public async Task A_signed_in_resident_votes_then_changes_their_vote_and_gets_a_new_receipt()
    {
        var scheme = await fixture.OpenVotingAsync("Account Borough", ballotRule: null, codes: 1, Cancel);
        var (context, tab, problems) = await OpenAsync(javaScript: false);
        await using var _ = context;

        // Not signed in: sent to sign in, and back to the ballot.
        await tab.GotoAsync(Url(scheme.Start));
        await tab.GetByRole(AriaRole.Button, new() { Name = "Sign in to vote" }).ClickAsync();
        Assert.Contains("/dev/sign-in", tab.Url, StringComparison.Ordinal);
        await tab.GetByRole(AriaRole.Button, new() { Name = "Sign in as Rae Resident" }).ClickAsync();
        Assert.EndsWith(scheme.Start + "/account", tab.Url, StringComparison.Ordinal);
        Assert.Equal(0, await tab.GetByLabel("Voting code").CountAsync());
        await CheckAsync(tab, "choose page signed in", javaScript: false);

        await tab.GetByLabel("Play area").CheckAsync();
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Contains("You can change your vote until voting closes", await MainTextAsync(tab), StringComparison.Ordinal);
        await tab.GetByRole(AriaRole.Button, new() { Name = "Cast your vote" }).ClickAsync();
        var first = TrackingCodeIn(tab.Url);

        // The ballot paper now shows the vote and its receipt code, and offers to change it.
        await tab.GotoAsync(Url(scheme.Start));
        var vote = await SummaryAsync(tab);
        Assert.Equal("Chosen", vote["Play area"]);
        Assert.Equal(Display(first), vote["Receipt code"]);
        Assert.Equal(0, await tab.GetByRole(AriaRole.Button, new() { Name = "I have a voting code" }).CountAsync());
        await CheckAsync(tab, "ballot paper with the resident's vote", javaScript: false);

        await tab.GetByRole(AriaRole.Button, new() { Name = "Change your vote" }).ClickAsync();
        Assert.True(await tab.GetByLabel("Play area").IsCheckedAsync(), "The current vote is ticked.");
        await tab.GetByLabel("Play area").UncheckAsync();
        await tab.GetByLabel("Bulb planting").CheckAsync();
        await tab.GetByLabel("Youth club").CheckAsync();
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("£0 of £20,000", (await SummaryAsync(tab))["Left"]);
        await tab.GetByRole(AriaRole.Button, new() { Name = "Cast your vote" }).ClickAsync();

        var second = TrackingCodeIn(tab.Url);
        Assert.NotEqual(first, second);
        Assert.Contains(Display(second), await tab.Locator(".govuk-panel").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Contains("This vote replaces the one you cast before.", await MainTextAsync(tab), StringComparison.Ordinal);
        await CheckAsync(tab, "receipt for a changed vote", javaScript: false);

        await tab.GotoAsync(Url(scheme.Start));
        vote = await SummaryAsync(tab);
        Assert.Equal(Display(second), vote["Receipt code"]);
        Assert.Equal("Chosen", vote["Bulb planting"]);
        Assert.DoesNotContain("Play area", vote.Keys);

        // The first receipt stays in the published list, marked as replaced; the second is the one counted.
        var receipts = await fixture.ReceiptsAsync(scheme.Id, Cancel);
        Assert.Contains((first, true), receipts);
        Assert.Contains((second, false), receipts);
        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    private string Url(string path) => new Uri(fixture.Address, path).ToString();

    private static string TrackingCodeIn(string url) => TrackingCodePattern().Match(url).Groups[1].Value;

    private static string Display(string code) => string.Join(' ', code.ToUpperInvariant().Chunk(8).Select(c => new string(c)));

    private static async Task<string> MainTextAsync(IPage tab) => await tab.Locator("main").TextContentAsync() ?? "";

    /// <summary>Every summary list row on the page, key to value.</summary>
    private static async Task<Dictionary<string, string>> SummaryAsync(IPage tab)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in await tab.Locator(".govuk-summary-list__row").AllAsync())
        {
            rows[(await row.Locator("dt").TextContentAsync() ?? "").Trim()] = (await row.Locator("dd.govuk-summary-list__value").TextContentAsync() ?? "").Trim();
        }

        return rows;
    }

    private static async Task WaitForTextAsync(ILocator locator, string text)
    {
        try
        {
            await locator.Filter(new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(text) + "\\s*$") }).WaitForAsync(new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The status line says '{(await locator.TextContentAsync())?.Trim()}', not '{text}'.");
        }
    }

    /// <summary>
    /// A fresh browser context. Without JavaScript, every script the pages load is refused (axe is JavaScript, and
    /// Chromium's switch for JavaScript would stop it too). With it, any console error, such as a script refused by the
    /// pages' Content-Security-Policy, is a problem.
    /// </summary>
    [Fact]
    public async Task An_officer_enters_paper_ballots_by_sheet_and_by_code_and_a_sheet_cannot_be_entered_twice()
    {
        var scheme = await fixture.OpenVotingAsync("Paper Borough", ballotRule: null, codes: 1, Cancel);
        var code = scheme.TakeCode();
        var (context, tab, problems) = await OpenAsync(javaScript: false);
        await using var _ = context;
        var page = $"/api/forms/manage/schemes/{scheme.Id}/wards/{VotingBrowserFixture.Ward}/voting";

        await tab.GotoAsync(Url(page));
        await tab.GetByRole(AriaRole.Button, new() { Name = "Sign in as Olu Officer" }).ClickAsync();
        Assert.EndsWith(page, tab.Url, StringComparison.Ordinal);
        await CheckAsync(tab, "staff voting page", javaScript: false);

        await tab.GetByLabel("Sheet number").FillAsync("p-0001");
        await tab.GetByLabel("Play area").CheckAsync();
        await tab.GetByRole(AriaRole.Button, new() { Name = "Enter this ballot" }).ClickAsync();
        Assert.Contains("Entered sheet P-0001", await MainTextAsync(tab), StringComparison.Ordinal);
        Assert.Equal("1", (await SummaryAsync(tab))["Paper ballots"]);
        await CheckAsync(tab, "staff voting page after an entry", javaScript: false);

        // The same sheet again is refused, with the typed answers kept for correction.
        await tab.GetByLabel("Sheet number").FillAsync("P-0001");
        await tab.GetByLabel("Bulb planting").CheckAsync();
        await tab.GetByRole(AriaRole.Button, new() { Name = "Enter this ballot" }).ClickAsync();
        Assert.Contains("This paper ballot sheet has already been entered.", await tab.Locator(".govuk-error-summary").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.True(await tab.GetByLabel("Bulb planting").IsCheckedAsync());
        await CheckAsync(tab, "staff voting page with an error", javaScript: false);

        // A ballot with a voting code; the code then cannot be used online.
        await tab.GetByLabel("Sheet number").FillAsync("");
        await tab.GetByLabel("Voting code").FillAsync(code);
        await tab.GetByRole(AriaRole.Button, new() { Name = "Enter this ballot" }).ClickAsync();
        Assert.Contains("Entered the ballot with code", await MainTextAsync(tab), StringComparison.Ordinal);
        var summary = await SummaryAsync(tab);
        Assert.Equal("2", summary["Paper ballots"]);
        Assert.Equal("1", summary["Codes used on paper"]);
        using var anonymous = new HttpClient { BaseAddress = fixture.Address };
        var online = await anonymous.PostAsJsonAsync($"/api/schemes/{scheme.Id}/wards/{VotingBrowserFixture.Ward}/code-ballots", new { code, choices = new[] { new { proposalId = scheme.Projects["Play area"] } } }, Cancel);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, online.StatusCode);
        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    private async Task<(IBrowserContext Context, IPage Tab, List<string> Problems)> OpenAsync(bool javaScript)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            JavaScriptEnabled = true,
        });
        if (!javaScript)
        {
            await context.RouteAsync("**/*", route => route.Request.ResourceType == "script" ? route.AbortAsync("blockedbyclient") : route.ContinueAsync());
        }

        var tab = await context.NewPageAsync();
        tab.SetDefaultTimeout(30_000);
        var problems = new List<string>();
        tab.Response += (_, response) =>
        {
            if (response.Status >= 500)
            {
                problems.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
        if (javaScript)
        {
            tab.Console += (_, message) =>
            {
                // A page answered with 422 or 409 is logged as a failed load; such answers are asserted on where they are expected.
                if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal))
                {
                    problems.Add($"Console error on {tab.Url}: {message.Text}");
                }
            };
            tab.PageError += (_, error) => problems.Add($"Script error on {tab.Url}: {error}");
        }

        return (context, tab, problems);
    }

    private static async Task CheckAsync(IPage tab, string what, bool javaScript)
    {
        // A click that submits a form returns once the next page starts to load; its scripts run by the load event.
        await tab.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal(0, await tab.EvaluateAsync<int>("document.querySelectorAll('script:not([src])').length"));
        Assert.True(
            javaScript == await tab.EvaluateAsync<bool>("document.body.classList.contains('govuk-frontend-supported')"),
            $"{what}: GOV.UK Frontend's script {(javaScript ? "did not run" : "ran")} ({tab.Url})");
        var result = await tab.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags } })
            .WaitAsync(TimeSpan.FromMinutes(1), Cancel);
        Assert.NotEmpty(result.Passes);
        Assert.True(result.Violations.Length == 0, $"{what} ({tab.Url}, JavaScript {(javaScript ? "on" : "off")}) has WCAG violations:\n" + string.Join("\n", result.Violations.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => "    " + n.Html)))));
    }

    [GeneratedRegex("[?&]code=([0-9a-f]{64})")]
    private static partial Regex TrackingCodePattern();
}
