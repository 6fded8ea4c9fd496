using System.Text.RegularExpressions;
using PBudget.Site.Tests.Support;

namespace PBudget.Site.Tests.Generator;

/// <summary>Every link, stylesheet, script and icon in the generated site points at something the site contains.</summary>
public sealed partial class LinkCheckerTests
{
    [Fact]
    public async Task BuildAsync_EveryInternalLinkInEveryPage_ResolvesToAGeneratedFile()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());
        var broken = new List<string>();
        var checkedLinks = 0;

        foreach (var path in site.Pages)
        {
            var page = site.Page(path);
            var references = page.QuerySelectorAll("a[href], link[href]").Select(e => e.GetAttribute("href")!)
                .Concat(page.QuerySelectorAll("script[src], img[src]").Select(e => e.GetAttribute("src")!));
            foreach (var reference in references)
            {
                var target = new Uri(new Uri("https://site.test/" + path), reference);
                if (target.Host != "site.test")
                {
                    continue;
                }

                // The forms are served by the function app (ADR 0006), not written as files: check their shape instead.
                if (target.AbsolutePath.StartsWith(SitePaths.AppFormsPrefix, StringComparison.Ordinal))
                {
                    if (!AppFormLink().IsMatch(target.AbsolutePath))
                    {
                        broken.Add($"{path}: {reference} (not a form the app serves)");
                    }

                    continue;
                }

                checkedLinks++;
                var file = SitePaths.FileFor(target.AbsolutePath);
                if (!site.Output.Files.ContainsKey(file))
                {
                    broken.Add($"{path}: {reference} (no {file})");
                }
                else if (target.Fragment.Length > 1 && file.EndsWith(".html", StringComparison.Ordinal)
                         && site.Page(file).GetElementById(target.Fragment[1..]) is null)
                {
                    broken.Add($"{path}: {reference} (no element with id {target.Fragment[1..]} in {file})");
                }
            }
        }

        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join("\n", broken));

        // Guards the checker itself: a realistic site has hundreds of internal links.
        Assert.True(checkedLinks > 200, $"Only {checkedLinks} links were checked.");
    }

    [Fact]
    public async Task BuildAsync_StylesheetUrls_ResolveToCopiedAssets()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var urls = CssUrl().Matches(site.Output.ReadText("assets/govuk-frontend.min.css")).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(urls);
        Assert.All(urls, url => Assert.True(site.Output.Files.ContainsKey(SitePaths.FileFor(url)), $"The stylesheet refers to {url}, which was not copied."));
    }

    [Fact]
    public async Task BuildAsync_NotFoundPage_UsesOnlyLinksThatWorkFromAnyAddress()
    {
        // The host serves 404.html at whatever address was asked for, so a relative link would resolve differently each time.
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());
        var page = site.Page("404.html");

        var references = page.QuerySelectorAll("a[href], link[href]").Select(e => e.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(e => e.GetAttribute("src")!));

        Assert.All(references, reference => Assert.Matches("^(/|#|https://)", reference));
    }

    [GeneratedRegex(@"url\((/[^)""']+)\)")]
    private static partial Regex CssUrl();

    [System.Text.RegularExpressions.GeneratedRegex("^/api/forms/(schemes/[a-z0-9-]+/(wards/[EWS][0-9]{8}/propose|proposals/mine)|manage/schemes/[a-z0-9-]+)$")]
    private static partial System.Text.RegularExpressions.Regex AppFormLink();
}
