using System.Net.Http.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PBudget.EndToEnd.Tests.Browser;

/// <summary>
/// People using the forms in Chromium with JavaScript off, against the real app and Azurite: a resident proposes a
/// project, an officer reviews one. Every page of the app's forms is checked with axe against WCAG 2.2 A and AA.
/// </summary>
public sealed class FormsBrowserTests(FormsBrowserFixture fixture) : IClassFixture<FormsBrowserFixture>
{
    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    [Fact]
    public async Task A_resident_proposes_a_project_fixing_an_error_on_the_way_and_sees_it_in_their_proposals()
    {
        var (context, tab, problems) = await OpenAsync();
        await using var _ = context;
        var start = $"/api/forms/schemes/{fixture.SchemeId}/wards/{FormsBrowserFixture.ResidentWard}/propose";

        // Not signed in: sent to sign in, and back.
        await tab.GotoAsync(new Uri(fixture.Address, start).ToString());
        Assert.Contains("/dev/sign-in", tab.Url, StringComparison.Ordinal);
        await tab.GetByRole(AriaRole.Button, new() { Name = "Sign in as Rae Resident" }).ClickAsync();
        Assert.EndsWith(start, tab.Url, StringComparison.Ordinal);
        await CheckAsync(tab, "question 1");

        // Question 1 with the summary left out: the same page, with the error summary and what was typed kept.
        await tab.GetByLabel("Project title").FillAsync("Benches for Abbey Park");
        await tab.GetByLabel("Describe your project").FillAsync("Six benches along the main path, so older residents can rest.");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.StartsWith("Error: ", await tab.TitleAsync(), StringComparison.Ordinal);
        var summaryLink = tab.Locator(".govuk-error-summary a[href='#summary']");
        Assert.Equal("Enter a short summary.", (await summaryLink.TextContentAsync())?.Trim());
        Assert.Equal("Benches for Abbey Park", await tab.GetByLabel("Project title").InputValueAsync());
        Assert.Contains("Enter a short summary.", await tab.Locator("#summary-error").TextContentAsync() ?? "", StringComparison.Ordinal);
        await CheckAsync(tab, "question 1 with an error");

        await tab.GetByLabel("Summary").FillAsync("Six new benches in Abbey Park.");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await CheckAsync(tab, "question 2");
        await tab.GetByLabel("How much do you think it would cost, in pounds?").FillAsync("2,500");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await CheckAsync(tab, "question 3");
        await tab.GetByLabel("Environment and green spaces").CheckAsync();
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await CheckAsync(tab, "question 4");
        await tab.GetByLabel("Postcode (optional)").FillAsync("ls1 4ap");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await CheckAsync(tab, "question 5");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        // Check answers, change one, and come back to the check page.
        Assert.StartsWith("Check your answers", await tab.TitleAsync(), StringComparison.Ordinal);
        var answers = await tab.Locator(".govuk-summary-list").TextContentAsync() ?? "";
        Assert.Contains("£2,500", answers, StringComparison.Ordinal);
        Assert.Contains("LS1 4AP", answers, StringComparison.Ordinal);
        Assert.Contains("Environment and green spaces", answers, StringComparison.Ordinal);
        await CheckAsync(tab, "check answers");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Change estimated cost" }).ClickAsync();
        Assert.Equal("2,500", await tab.GetByLabel("How much do you think it would cost, in pounds?").InputValueAsync());
        await tab.GetByLabel("How much do you think it would cost, in pounds?").FillAsync("3000");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Contains("£3,000", await tab.Locator(".govuk-summary-list").TextContentAsync() ?? "", StringComparison.Ordinal);

        // Submit: a 303 to the confirmation, with the reference.
        await tab.GetByRole(AriaRole.Button, new() { Name = "Submit proposal" }).ClickAsync();
        Assert.Matches("/proposals/[a-z0-9]{10}/submitted$", tab.Url);
        var reference = tab.Url.Split('/')[^2];
        Assert.Contains(reference, await tab.Locator(".govuk-panel").TextContentAsync() ?? "", StringComparison.Ordinal);
        await CheckAsync(tab, "confirmation");

        await tab.GetByRole(AriaRole.Link, new() { Name = "See your proposals" }).ClickAsync();
        var card = tab.Locator(".govuk-summary-card", new() { HasText = "Benches for Abbey Park" });
        Assert.Contains("Waiting for review", await card.TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Contains(reference, await card.TextContentAsync() ?? "", StringComparison.Ordinal);
        await CheckAsync(tab, "your proposals");

        // Change it: the check page with the saved answers, one answer changed, saved, and back to the list.
        await card.GetByRole(AriaRole.Link, new() { Name = "Change “Benches for Abbey Park”" }).ClickAsync();
        Assert.StartsWith("Check your answers", await tab.TitleAsync(), StringComparison.Ordinal);
        Assert.Contains("£3,000", await tab.Locator(".govuk-summary-list").TextContentAsync() ?? "", StringComparison.Ordinal);
        await CheckAsync(tab, "changing a proposal");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Change summary" }).ClickAsync();
        await tab.GetByLabel("Summary").FillAsync("Eight new benches in Abbey Park.");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await tab.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        Assert.Contains("?changed=" + reference, tab.Url, StringComparison.Ordinal);
        Assert.Contains("Your changes to proposal " + reference + " are saved", await tab.Locator("main").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Single(await tab.Locator(".govuk-summary-card", new() { HasText = "Benches for Abbey Park" }).AllAsync());

        // Withdraw it while proposals are open.
        await tab.GetByRole(AriaRole.Button, new() { Name = "Withdraw “Benches for Abbey Park”" }).ClickAsync();
        Assert.Contains("Withdrawn", await tab.Locator(".govuk-summary-card", new() { HasText = "Benches for Abbey Park" }).TextContentAsync() ?? "", StringComparison.Ordinal);
        await CheckAsync(tab, "your proposals after withdrawing");

        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    [Fact]
    public async Task An_officer_marks_a_proposal_feasible_with_a_cost_and_finds_it_under_the_feasible_filter()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var resident = await fixture.ApiClientAsync(FormsBrowserFixture.ResidentId);
        (await resident.PostAsJsonAsync($"/api/schemes/{fixture.SchemeId}/wards/{FormsBrowserFixture.ReviewWard}/proposals", new
        {
            title = "Bridge Street planters",
            summary = "Planters with flowers along Bridge Street.",
            description = "Ten large planters, planted and cared for by the residents' group.",
            estimatedCost = "1800",
            category = "Environment and green spaces",
        }, cancel)).EnsureSuccessStatusCode();

        var (context, tab, problems) = await OpenAsync();
        await using var _ = context;
        await tab.GotoAsync(new Uri(fixture.Address, $"/api/forms/manage/schemes/{fixture.SchemeId}").ToString());
        await tab.GetByRole(AriaRole.Button, new() { Name = "Sign in as Olu Officer" }).ClickAsync();
        await CheckAsync(tab, "scheme's wards");

        await tab.GetByRole(AriaRole.Link, new() { Name = "Bridge", Exact = true }).ClickAsync();
        await CheckAsync(tab, "review queue");
        await tab.GetByRole(AriaRole.Link, new() { Name = "Bridge Street planters" }).ClickAsync();
        await CheckAsync(tab, "review page");

        // Feasible without a cost is refused on the page, and what was typed is kept.
        var feasibility = tab.Locator("form", new() { HasText = "Save feasibility decision" });
        await feasibility.GetByLabel("Yes, it is feasible").CheckAsync();
        await feasibility.GetByLabel("Reason for the decision").FillAsync("Highways agree; the group will water them.");
        await feasibility.GetByRole(AriaRole.Button, new() { Name = "Save feasibility decision" }).ClickAsync();
        Assert.StartsWith("Error: ", await tab.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await tab.Locator(".govuk-error-summary a[href='#reviewedCost']").CountAsync());
        await CheckAsync(tab, "review page with errors");

        feasibility = tab.Locator("form", new() { HasText = "Save feasibility decision" });
        Assert.Equal("Highways agree; the group will water them.", await feasibility.GetByLabel("Reason for the decision").InputValueAsync());
        await feasibility.GetByLabel("Reviewed cost, in pounds").FillAsync("2,400");
        await feasibility.GetByLabel("How the cost was worked out").FillAsync("Supplier quote for ten planters and planting.");
        await feasibility.GetByRole(AriaRole.Button, new() { Name = "Save feasibility decision" }).ClickAsync();
        Assert.Contains($"/wards/{FormsBrowserFixture.ReviewWard}/proposals", tab.Url, StringComparison.Ordinal);

        await tab.GetByRole(AriaRole.Link, new() { Name = "Feasible", Exact = true }).ClickAsync();
        Assert.EndsWith("?status=feasible", tab.Url, StringComparison.Ordinal);
        var row = tab.Locator("tr", new() { HasText = "Bridge Street planters" });
        Assert.Contains("£2,400", await row.TextContentAsync() ?? "", StringComparison.Ordinal);
        await CheckAsync(tab, "feasible filter");

        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    [Fact]
    public async Task An_admin_hides_a_proposal_and_moves_the_phase_on_and_a_councillor_signs_off_the_shortlist()
    {
        var cancel = TestContext.Current.CancellationToken;
        const string Ward = "E05000401";
        var schemeId = "shortlist-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = await fixture.ApiClientAsync(FormsBrowserFixture.AdminId);
        using var officer = await fixture.ApiClientAsync(FormsBrowserFixture.OfficerId);
        using var resident = await fixture.ApiClientAsync(FormsBrowserFixture.ResidentId);
        (await admin.PostAsJsonAsync("/api/schemes", new { id = schemeId, name = "Shortlist Borough", financialYear = "2026-27", budgetRule = new { pencePerHead = 200, roundingUnit = "Pound" } }, cancel)).EnsureSuccessStatusCode();
        (await admin.PutAsync($"/api/schemes/{schemeId}/wards", new StringContent($"code,name,population,area\n{Ward},Castle,10000,East\n", System.Text.Encoding.UTF8, "text/csv"), cancel)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/schemes/{schemeId}/councillors/{FormsBrowserFixture.CouncillorId}", new { displayName = "Cllr Chris", wards = new[] { Ward } }, cancel)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/schemes/{schemeId}/phase", new { to = "ProposalsOpen" }, cancel)).EnsureSuccessStatusCode();
        var feasible = await ProposeAsync(resident, schemeId, Ward, "Castle green fruit trees", cancel);
        await ProposeAsync(resident, schemeId, Ward, "Castle car park", cancel);
        (await officer.PostAsJsonAsync($"/api/schemes/{schemeId}/proposals/{feasible}/review",
            new { feasible = true, reason = "Parks agree.", reviewedCost = "1,500", costExplanation = "Nursery quote." }, cancel)).EnsureSuccessStatusCode();

        var (context, tab, problems) = await OpenAsync();
        await using (context)
        {
            await tab.GotoAsync(new Uri(fixture.Address, $"/api/forms/manage/schemes/{schemeId}").ToString());
            await tab.GetByRole(AriaRole.Button, new() { Name = "Sign in as Alex Admin" }).ClickAsync();

            // Hide one proposal, giving the reason its author is told.
            await tab.GetByRole(AriaRole.Link, new() { Name = "Castle", Exact = true }).ClickAsync();
            await tab.GetByRole(AriaRole.Link, new() { Name = "Castle car park" }).ClickAsync();
            var moderation = tab.Locator("form", new() { HasText = "Save moderation decision" });
            await moderation.GetByLabel("Hide it").CheckAsync();
            await moderation.GetByLabel("Reason").FillAsync("It names a private person.");
            await moderation.GetByRole(AriaRole.Button, new() { Name = "Save moderation decision" }).ClickAsync();
            Assert.Contains("Hidden", await tab.Locator("tr", new() { HasText = "Castle car park" }).TextContentAsync() ?? "", StringComparison.Ordinal);

            await tab.GetByRole(AriaRole.Link, new() { Name = "All wards" }).ClickAsync();
            await tab.GetByRole(AriaRole.Button, new() { Name = "Move to Review" }).ClickAsync();
            Assert.Contains("Phase: Review", await tab.Locator("main").TextContentAsync() ?? "", StringComparison.Ordinal);
            await CheckAsync(tab, "scheme page as an admin");
            await tab.GetByRole(AriaRole.Button, new() { Name = "Move to Shortlist sign-off" }).ClickAsync();
            Assert.Contains("Phase: Shortlist sign-off", await tab.Locator("main").TextContentAsync() ?? "", StringComparison.Ordinal);

            // Voting cannot open before the shortlist is signed off: the refusal is shown on the page.
            await tab.GetByRole(AriaRole.Button, new() { Name = "Move to Voting" }).ClickAsync();
            Assert.Contains("Castle", await tab.Locator(".govuk-error-summary").TextContentAsync() ?? "", StringComparison.Ordinal);
            await CheckAsync(tab, "scheme page with a refused move");
        }

        var (councillorContext, councillorTab, councillorProblems) = await OpenAsync();
        await using (councillorContext)
        {
            await councillorTab.GotoAsync(new Uri(fixture.Address, $"/api/forms/manage/schemes/{schemeId}/wards/{Ward}/shortlist").ToString());
            await councillorTab.GetByRole(AriaRole.Button, new() { Name = "Sign in as Cllr Chris Councillor" }).ClickAsync();
            var shortlist = await councillorTab.Locator("table").TextContentAsync() ?? "";
            Assert.Contains("Castle green fruit trees", shortlist, StringComparison.Ordinal);
            Assert.DoesNotContain("Castle car park", shortlist, StringComparison.Ordinal);
            await CheckAsync(councillorTab, "shortlist");
            await councillorTab.GetByRole(AriaRole.Button, new() { Name = "Sign off this shortlist" }).ClickAsync();
            Assert.Contains("Signed off by", await councillorTab.Locator("main").TextContentAsync() ?? "", StringComparison.Ordinal);
            await CheckAsync(councillorTab, "signed-off shortlist");
        }

        problems.AddRange(councillorProblems);
        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    private static async Task<string> ProposeAsync(HttpClient resident, string schemeId, string ward, string title, CancellationToken cancel)
    {
        using var response = await resident.PostAsJsonAsync($"/api/schemes/{schemeId}/wards/{ward}/proposals", new
        {
            title,
            summary = title + ", for everyone.",
            description = "A project for " + title + ".",
            estimatedCost = "1200",
            category = "Environment and green spaces",
        }, cancel);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancel)).GetProperty("id").GetString()!;
    }

    /// <summary>A fresh browser context with the pages' own scripts refused, so the pages behave as with JavaScript off.</summary>
    private async Task<(IBrowserContext Context, IPage Tab, List<string> Problems)> OpenAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            JavaScriptEnabled = true,
        });

        // axe is JavaScript, and Chromium's switch to turn JavaScript off stops it too; so every script the pages load
        // is refused instead, and the pages have no inline scripts (checked on each page).
        await context.RouteAsync("**/*", route => route.Request.ResourceType == "script" ? route.AbortAsync("blockedbyclient") : route.ContinueAsync());
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
        return (context, tab, problems);
    }

    private static async Task CheckAsync(IPage tab, string what)
    {
        Assert.Equal(0, await tab.EvaluateAsync<int>("document.querySelectorAll('script:not([src])').length"));
        Assert.False(await tab.EvaluateAsync<bool>("document.body.classList.contains('govuk-frontend-supported')"), $"{what}: GOV.UK Frontend's script ran");
        var result = await tab.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags } })
            .WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.NotEmpty(result.Passes);
        Assert.True(result.Violations.Length == 0, $"{what} ({tab.Url}) has WCAG violations:\n" + string.Join("\n", result.Violations.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => "    " + n.Html)))));
    }
}
