using System.Globalization;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Logging.Abstractions;
using PBudget.Core.Proposals;
using PBudget.Core.Publishing;
using PBudget.Site.Tests.Support;

namespace PBudget.Site.Tests.Generator;

public sealed class SiteGeneratorTests
{
    private const string Riverside = "schemes/" + SampleSites.RiversideId;

    [Fact]
    public async Task BuildAsync_RealisticSite_WritesEveryPageDataFileAndAsset()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        string[] expected =
        [
            "index.html", "404.html", "accessibility/index.html",
            $"{Riverside}/index.html", $"{Riverside}/wards/index.html", $"{Riverside}/data/index.html",
            $"{Riverside}/data/budgets.csv", $"{Riverside}/data/proposals.csv", $"{Riverside}/data/scheme.json",
            $"{Riverside}/wards/E05900001/proposals/index.html", $"{Riverside}/wards/E05900001/proposals/status/feasible/index.html",
            $"{Riverside}/wards/E05900001/proposals/category/other/index.html", $"{Riverside}/proposals/abbeybench/index.html",
            .. SampleSites.Riverside().Wards.Select(w => $"{Riverside}/wards/{w.Code}/index.html"),
            "schemes/hillford-2026-27/wards/W05000102/index.html",
            "assets/govuk-frontend.min.css", "assets/govuk-frontend.min.js", "assets/site.mjs", "assets/pbudget-icon.svg",
            "assets/manifest.json", "assets/fonts/bold-b542beb274-v2.woff2", "assets/fonts/light-94a07e06a1-v2.woff2",
        ];
        Assert.All(expected, path => Assert.True(site.Output.Files.ContainsKey(path), $"{path} was not written."));
    }

    [Fact]
    public async Task BuildAsync_RealisticSite_ReportsWhatWasWritten()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        // 4 site pages (home, accessibility, not found, staff console); per scheme a home, ward list and open data page;
        // per ward a page and a proposal list; ten filter pages (four statuses, six categories) for each of the three
        // wards with proposals; and one page per proposal.
        Assert.Equal(4 + (2 * 3) + ((10 + 2) * 2) + (3 * 10) + 11, site.Report.Pages);
        Assert.Equal(site.Pages.Count(), site.Report.Pages);
        Assert.Equal(site.Output.Files.Count, site.Report.Files);
        Assert.Equal(site.Output.Files.Values.Sum(f => (long)f.Length), site.Report.Bytes);
    }

    [Fact]
    public async Task BuildAsync_WardPage_ShowsTheBudgetLargeAndTheWardsFigures()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var page = site.Page($"{Riverside}/wards/E05900001/index.html");

        Assert.Equal("Abbey", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("£24,960", page.QuerySelector("main .govuk-\\!-font-size-80")!.TextContent);
        var summary = page.QuerySelectorAll(".govuk-summary-list__row")
            .ToDictionary(r => r.QuerySelector("dt")!.TextContent.Trim(), r => r.QuerySelector("dd")!.TextContent.Trim());
        Assert.Equal("12,480", summary["Population"]);
        Assert.Equal("£2", summary["Budget per resident"]);
        Assert.Equal("Central", summary["Area"]);
        Assert.Contains("The scheme’s rule gave Abbey £24,960.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Councillors have not moved any money", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".govuk-inset-text"));
    }

    [Theory]
    [InlineData("E05900002", "£22,250", "Councillors moved £2,500 into Castle from other wards, so its budget is £22,250.")]
    [InlineData("E05900004", "£19,564", "Councillors moved £2,500 from Riverside to other wards, so its budget is £19,564.")]
    public async Task BuildAsync_WardWithCouncillorAdjustment_ExplainsItInWords(string code, string budget, string explanation)
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var page = site.Page($"{Riverside}/wards/{code}/index.html");

        Assert.Equal(budget, page.QuerySelector("main .govuk-\\!-font-size-80")!.TextContent);
        Assert.Equal(explanation, page.QuerySelector(".govuk-inset-text")!.TextContent.Trim());
    }

    [Fact]
    public async Task BuildAsync_WardWithNoPopulation_SaysBudgetPerResidentIsNotKnown()
    {
        var scheme = SampleSites.Scheme("empty-2026-27", "Empty", [SampleSites.Ward("E05000001", "Docklands", null, 0)]);
        var site = await BuiltSite.BuildAsync(new PublishedSite([scheme]));

        var text = site.Page("schemes/empty-2026-27/wards/E05000001/index.html").QuerySelector("main")!.TextContent;

        Assert.Contains("Not known: no population was recorded", text, StringComparison.Ordinal);
        Assert.Contains("£15,000", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_WardList_TotalsRowAddsUpTheWards()
    {
        var scheme = SampleSites.Riverside();
        var site = await BuiltSite.BuildAsync(new PublishedSite([scheme]));

        var rows = site.Page($"{Riverside}/wards/index.html").QuerySelectorAll("table tbody tr")
            .Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray())
            .ToList();
        var wards = rows[..^1];
        var total = rows[^1];

        Assert.Equal(10, wards.Count);
        Assert.Equal("Total", total[0]);
        Assert.Equal(wards.Sum(r => Number(r[2])), Number(total[2]));
        Assert.Equal(wards.Sum(r => Number(r[3])), Number(total[3]));
        Assert.Equal(scheme.TotalPopulation, Number(total[2]));
        Assert.Equal(scheme.TotalBudgetPence / 100, Number(total[3]));
        Assert.Equal("£230,458", total[3]);
    }

    [Fact]
    public async Task BuildAsync_WardList_LinksEachWardOnceWithNumbersRightAligned()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var page = site.Page($"{Riverside}/wards/index.html");
        var links = page.QuerySelectorAll("main a[href^='/schemes/riverside-2026-27/wards/E059']").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(SampleSites.Riverside().Wards.Select(w => $"/schemes/riverside-2026-27/wards/{w.Code}/"), links);
        Assert.NotNull(page.QuerySelector("table caption"));
        Assert.All(page.QuerySelectorAll("table tr"), row =>
        {
            var kind = row.ParentElement!.LocalName == "thead" ? "govuk-table__header--numeric" : "govuk-table__cell--numeric";
            Assert.Contains(kind, row.Children[2].ClassList);
            Assert.Contains(kind, row.Children[3].ClassList);
        });
    }

    [Fact]
    public async Task BuildAsync_SchemeHome_ExplainsTheSchemeAndLinksOnwards()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var page = site.Page($"{Riverside}/index.html");
        var main = page.QuerySelector("main")!;
        var summary = main.QuerySelectorAll(".govuk-summary-list__row")
            .ToDictionary(r => r.QuerySelector("dt")!.TextContent.Trim(), r => r.QuerySelector("dd")!.TextContent.Trim());

        Assert.Equal("£230,458", summary["Total budget"]);
        Assert.Equal("10", summary["Number of wards"]);
        Assert.Equal("113,849", summary["Total population"]);
        Assert.Contains(SampleSites.Riverside().BudgetRule, main.TextContent, StringComparison.Ordinal);
        Assert.Contains("Published on 23 November 2026 at 9:05am.", main.TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-11-23T09:05:00Z", main.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.NotNull(main.QuerySelector($"a[href='/schemes/{SampleSites.RiversideId}/wards/']"));
        Assert.NotNull(main.QuerySelector($"a[href='/schemes/{SampleSites.RiversideId}/data/']"));
    }

    [Fact]
    public async Task BuildAsync_HomePage_ListsEverySchemeWithYearAndBudget()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var rows = site.Page("index.html").QuerySelectorAll("table tbody tr")
            .Select(r => string.Join(" | ", r.Children.Select(c => c.TextContent.Trim())))
            .ToList();

        Assert.Equal(["Hillford Community Fund | 2026-27 | £30,000", "Riverside Ward Budgets | 2026-27 | £230,458"], rows);
    }

    [Fact]
    public async Task BuildAsync_HostileWardName_IsEncodedNotExecuted()
    {
        const string hostile = "<script>alert('pwned')</script> & <b>bold</b>";
        var site = await BuiltSite.BuildAsync(new PublishedSite([SampleSites.Awkward(hostile)]));

        foreach (var path in new[] { "schemes/awkward-2026-27/wards/E05000001/index.html", "schemes/awkward-2026-27/wards/index.html" })
        {
            var html = site.Output.ReadText(path);
            var page = site.Page(path);

            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
            Assert.Equal(["/assets/site.mjs"], page.QuerySelectorAll("script").Select(s => s.GetAttribute("src")));
            Assert.Empty(page.QuerySelectorAll("main b"));
        }

        Assert.Equal(hostile, site.Page("schemes/awkward-2026-27/wards/E05000001/index.html").QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("index.html", "Participatory budgeting – PBudget")]
    [InlineData("accessibility/index.html", "Accessibility statement – PBudget")]
    [InlineData("404.html", "Page not found – PBudget")]
    [InlineData("schemes/riverside-2026-27/index.html", "Riverside Ward Budgets 2026-27 – PBudget")]
    [InlineData("schemes/riverside-2026-27/wards/index.html", "Wards – Riverside Ward Budgets 2026-27 – PBudget")]
    [InlineData("schemes/riverside-2026-27/wards/E05900003/index.html", "St Mary's – Riverside Ward Budgets 2026-27 – PBudget")]
    [InlineData("schemes/riverside-2026-27/data/index.html", "Open data – Riverside Ward Budgets 2026-27 – PBudget")]
    [InlineData("schemes/riverside-2026-27/wards/E05900001/proposals/index.html", "Proposals for Abbey – Riverside Ward Budgets 2026-27 – PBudget")]
    [InlineData("schemes/riverside-2026-27/wards/E05900001/proposals/category/streets-and-transport/index.html", "Streets and transport – Proposals for Abbey – Riverside Ward Budgets 2026-27 – PBudget")]
    [InlineData("schemes/riverside-2026-27/proposals/abbeycrssg/index.html", "Safer crossing on Mill Lane – Abbey – Riverside Ward Budgets 2026-27 – PBudget")]
    public async Task BuildAsync_Page_HasTitleFromSpecificToService(string path, string title)
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        Assert.Equal(title, site.Page(path).Title);
    }

    [Fact]
    public async Task BuildAsync_SchemeNameWithItsYear_IsNotRepeatedInTitles()
    {
        var scheme = SampleSites.Riverside() with { Name = "Riverside 2026-27" };
        var site = await BuiltSite.BuildAsync(new PublishedSite([scheme]));

        Assert.Equal("Wards – Riverside 2026-27 – PBudget", site.Page($"{Riverside}/wards/index.html").Title);
    }

    [Fact]
    public async Task BuildAsync_EveryPage_IsWellFormedGovukTemplate()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        Assert.All(site.Pages, path =>
        {
            var errors = new List<string>();
            var parser = new HtmlParser(new HtmlParserOptions { IsStrictMode = false });
            parser.Error += (_, e) => errors.Add(e.ToString() ?? "");
            var html = site.Output.ReadText(path);
            var page = parser.ParseDocument(html);

            Assert.True(errors.Count == 0, $"{path}: {string.Join("; ", errors)}");
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
            Assert.Single(page.QuerySelectorAll("h1"));
            Assert.Single(page.QuerySelectorAll("main#main-content"));
            Assert.Equal("#main-content", page.QuerySelector("body > a.govuk-skip-link:first-child")!.GetAttribute("href"));
            Assert.Equal("PBudget", page.QuerySelector("header .govuk-service-navigation__service-name")!.TextContent.Trim());
            Assert.Empty(page.QuerySelectorAll("svg.govuk-header__logotype, .govuk-header__logo, svg.govuk-footer__crown"));
            Assert.NotNull(page.QuerySelector("footer a[href='/accessibility/']"));
            Assert.NotNull(page.QuerySelector("footer a[href$='data/'], footer a[href='/#open-data']"));
            var ids = page.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
            Assert.Equal(ids.Distinct().Count(), ids.Count);
        });
    }

    [Fact]
    public async Task BuildAsync_EveryPage_StampsTheGovukFrontendVersion()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        Assert.All(site.Pages, path =>
            Assert.Equal("6.6.0", site.Page(path).QuerySelector("meta[name='govuk-frontend-version']")?.GetAttribute("content")));
    }

    [Fact]
    public async Task BuildAsync_NoSchemes_StillWritesTheSitePages()
    {
        var site = await BuiltSite.BuildAsync(new PublishedSite([]));

        Assert.Equal(4, site.Report.Pages);
        Assert.Contains("No schemes have been published yet.", site.Page("index.html").QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_Files_HaveTheirContentTypes()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());
        var types = site.Output.ContentTypes;

        Assert.Equal("text/html; charset=utf-8", types["index.html"]);
        Assert.Equal("text/csv; charset=utf-8", types[$"{Riverside}/data/budgets.csv"]);
        Assert.Equal("application/json; charset=utf-8", types[$"{Riverside}/data/scheme.json"]);
        Assert.Equal("text/css; charset=utf-8", types["assets/govuk-frontend.min.css"]);
        Assert.Equal("text/javascript; charset=utf-8", types["assets/site.mjs"]);
        Assert.Equal("font/woff2", types["assets/fonts/bold-b542beb274-v2.woff2"]);
    }

    public static TheoryData<string, PublishedSite, string> InvalidSites() => new()
    {
        { "an identifier that climbs out of the site", new([SampleSites.Riverside() with { Id = "../../etc" }]), "identifier must be lowercase" },
        { "two schemes with one identifier", new([SampleSites.Riverside(), SampleSites.Riverside()]), "appears 2 times" },
        { "a ward code that is not an ONS code", new([SampleSites.Awkward("x") with { Wards = [SampleSites.Ward("E05/../x", "Bad", null, 1), SampleSites.Ward("E05000002", "Plain", null, 5_000)], TotalBudgetPence = 3_000_000, TotalPopulation = 5_001 }]), "not an ONS ward code" },
        { "a ward listed twice", new([SampleSites.Scheme("twice-2026-27", "Twice", [SampleSites.Ward("E05000001", "A", null, 1), SampleSites.Ward("E05000001", "B", null, 1)])]), "appears more than once" },
        { "a total that disagrees with the wards", new([SampleSites.Riverside() with { TotalBudgetPence = 1 }]), "add up to 23045800 pence" },
        { "a population total that disagrees with the wards", new([SampleSites.Riverside() with { TotalPopulation = 1 }]), "populations add up to 113849" },
        { "a proposal identifier that climbs out of the site", new([WithProposals([SampleSites.Proposal("../../etc", "Bad", "Other", ProposalStatus.Submitted, 1)])]), "is not a proposal identifier" },
        { "a proposal in two wards", new([WithProposals([SampleSites.Proposal("abcdefgh22", "One", "Other", ProposalStatus.Submitted, 1)], [SampleSites.Proposal("abcdefgh22", "Two", "Other", ProposalStatus.Submitted, 1)])]), "appears more than once in the scheme" },
        { "a category the scheme does not have", new([WithProposals([SampleSites.Proposal("abcdefgh22", "Odd", "Potholes", ProposalStatus.Submitted, 1)])]), "the category 'Potholes' is not one of" },
        { "a negative cost", new([WithProposals([SampleSites.Proposal("abcdefgh22", "Odd", "Other", ProposalStatus.Feasible, -1)])]), "costs cannot be negative" },
        { "a proposal that combines nobody's", new([WithProposals([SampleSites.Proposal("abcdefgh22", "Odd", "Other", ProposalStatus.Feasible, 1) with { ProposerCount = 0 }])]), "at least one resident's proposal" },
        { "a proposal with no title", new([WithProposals([SampleSites.Proposal("abcdefgh22", " ", "Other", ProposalStatus.Feasible, 1)])]), "the title is empty" },
    };

    private static PublishedScheme WithProposals(IReadOnlyList<PublishedProposal> first, IReadOnlyList<PublishedProposal>? second = null) =>
        SampleSites.Scheme("proposals-2026-27", "Proposals", [SampleSites.Ward("E05000001", "One", null, 1) with { Proposals = first }, SampleSites.Ward("E05000002", "Two", null, 1) with { Proposals = second }]);

    [Theory]
    [MemberData(nameof(InvalidSites))]
    public async Task BuildAsync_ModelItCannotShow_ThrowsAndWritesNothing(string why, PublishedSite site, string message)
    {
        var output = new InMemorySiteOutput();

        var error = await Assert.ThrowsAsync<SiteModelException>(() =>
            new SiteGenerator(NullLoggerFactory.Instance).BuildAsync(site, output, TestContext.Current.CancellationToken));

        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{why}: {error.Message}");
        Assert.NotEmpty(error.Problems);
        Assert.Empty(output.Files);
    }

    [Fact]
    public async Task BuildAsync_Cancelled_StopsWithCancellation()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new SiteGenerator().BuildAsync(SampleSites.Realistic(), new InMemorySiteOutput(), cancellation.Token));
    }

    private static long Number(string text) => long.Parse(text.TrimStart('£'), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
