using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PBudget.Site.Tests.Support;

namespace PBudget.Site.Tests.Accessibility;

/// <summary>Every page of a realistic site, in real Chromium with JavaScript on, has no WCAG 2.2 AA violations.</summary>
public sealed class JavaScriptOnAccessibilityTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    public static TheoryData<string> Pages() => new(AccessibilityCheck.GeneratedPages());

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Page_InChromiumWithJavaScript_HasNoWcag22AaViolations(string page) => AccessibilityCheck.RunAsync(site, page, javaScript: true);

    [Fact]
    public void Pages_CheckedInTheBrowser_AreEveryPageInTheServedFolder()
    {
        var served = Directory.GetFiles(site.Folder, "*.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(site.Folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(served, AccessibilityCheck.GeneratedPages());
    }

    [Theory]
    [InlineData("schemes/riverside-2026-27/wards/E05900001/proposals/index.html")] // a ward's proposals
    [InlineData("schemes/riverside-2026-27/wards/E05900001/proposals/status/feasible/index.html")] // a filter with results
    [InlineData("schemes/riverside-2026-27/wards/E05900001/proposals/category/other/index.html")] // a filter with none
    [InlineData("schemes/riverside-2026-27/wards/E05900006/proposals/index.html")] // a ward with no proposals
    [InlineData("schemes/riverside-2026-27/proposals/abbeycrssg/index.html")] // hostile Markdown
    [InlineData("schemes/riverside-2026-27/proposals/abbeydupes/index.html")] // merged
    [InlineData("schemes/riverside-2026-27/proposals/abbeyfrdge/index.html")] // withdrawn
    [InlineData("schemes/riverside-2026-27/proposals/stmaryfsh2/index.html")] // awkward title
    public void Pages_CheckedInTheBrowser_IncludeEachKindOfProposalPage(string page)
    {
        Assert.Contains(page, AccessibilityCheck.GeneratedPages());
    }
}

/// <summary>Every page of a realistic site, in real Chromium with the page's JavaScript off, has no WCAG 2.2 AA violations.</summary>
public sealed class JavaScriptOffAccessibilityTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    public static TheoryData<string> Pages() => new(AccessibilityCheck.GeneratedPages());

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Page_InChromiumWithoutJavaScript_HasNoWcag22AaViolations(string page) => AccessibilityCheck.RunAsync(site, page, javaScript: false);
}

/// <summary>
/// Opens one page of the served site in Chromium and runs axe against WCAG 2.2 level A and AA (the two classes
/// above run in parallel). Set PBUDGET_SCREENSHOTS to a folder to keep a full-page screenshot of each page.
/// </summary>
internal static class AccessibilityCheck
{
    private const string NotFoundPage = "404.html";

    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static async Task RunAsync(BrowserSiteFixture site, string page, bool javaScript)
    {
        await using var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        if (!javaScript)
        {
            // axe is JavaScript, and Chromium's switch to turn JavaScript off stops axe too (its run never finishes).
            // So the page's own scripts are refused instead; with no inline scripts (checked below) the page then
            // behaves exactly as it does with JavaScript off.
            await context.RouteAsync("**/*", route => route.Request.ResourceType == "script" ? route.AbortAsync("blockedbyclient") : route.ContinueAsync());
        }

        var tab = await context.NewPageAsync();
        tab.SetDefaultTimeout(30_000);
        var problems = new List<string>();
        tab.RequestFailed += (_, request) =>
        {
            if (javaScript || request.ResourceType != "script")
            {
                problems.Add($"request failed: {request.Url} ({request.Failure})");
            }
        };
        tab.Console += (_, message) =>
        {
            // Failed loads are reported (with their address) by the request and response handlers.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                problems.Add($"console error: {message.Text}");
            }
        };

        // The host serves 404.html for any missing address, so that is how it is reached.
        var address = page == NotFoundPage ? "/no-such-page/" : "/" + page[..^"index.html".Length];
        tab.Response += (_, response) =>
        {
            if (response.Status >= 400 && !(page == NotFoundPage && response.Url.EndsWith(address, StringComparison.Ordinal)))
            {
                problems.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
        var response = await tab.GotoAsync(new Uri(site.Address, address).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        Assert.Equal(page == NotFoundPage ? 404 : 200, response!.Status);
        Assert.Equal(0, await tab.EvaluateAsync<int>("document.querySelectorAll('script:not([src])').length"));
        Assert.Equal(javaScript, await tab.EvaluateAsync<bool>("document.body.classList.contains('govuk-frontend-supported')"));
        Assert.True(problems.Count == 0, $"{page}: " + string.Join("; ", problems));

        var result = await tab.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags } })
            .WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        await SaveScreenshotAsync(tab, page, javaScript);

        Assert.NotEmpty(result.Passes);
        Assert.True(result.Violations.Length == 0, $"{page} (JavaScript {(javaScript ? "on" : "off")}) has WCAG violations:\n" + Describe(result.Violations));
    }

    /// <summary>Every HTML page the generator writes for the realistic site the fixture serves.</summary>
    public static List<string> GeneratedPages()
    {
        var output = new InMemorySiteOutput();

        // Theory data is gathered before any test runs; this build is the same model the fixture serves.
        new SiteGenerator().BuildAsync(SampleSites.Realistic(), output, CancellationToken.None).GetAwaiter().GetResult();
        return output.Files.Keys.Where(p => p.EndsWith(".html", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    private static string Describe(AxeResultItem[] violations) => string.Join("\n", violations.Select(v =>
        $"- {v.Id} ({v.Impact}): {v.Help} [{v.HelpUrl}]\n" +
        string.Join("\n", v.Nodes.Select(n =>
            $"    at {n.Target}: {string.Join(" ", n.Any.Concat(n.All).Concat(n.None).Select(check => check.Message))}\n      {n.Html}"))));

    private static async Task SaveScreenshotAsync(IPage tab, string page, bool javaScript)
    {
        var folder = Environment.GetEnvironmentVariable("PBUDGET_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var name = page.Replace('/', '_').Replace(".html", "", StringComparison.Ordinal) + (javaScript ? "" : "-nojs") + ".png";
        await tab.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }
}
