using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using PBudget.Core.Proposals;
using PBudget.Core.Publishing;
using PBudget.Core.Schemes;
using PBudget.Site.Tests.Support;

namespace PBudget.Site.Tests.Generator;

/// <summary>The ward proposal lists, their filter pages, the proposal pages, and what ward and scheme pages say about proposals.</summary>
public sealed class ProposalPagesTests
{
    private const string Riverside = "schemes/" + SampleSites.RiversideId;
    private const string Abbey = Riverside + "/wards/E05900001";
    private const string Castle = Riverside + "/wards/E05900002";

    [Fact]
    public async Task BuildAsync_RealisticSite_WritesAListPerWardFiltersForWardsWithProposalsAndAPagePerProposal()
    {
        var scheme = SampleSites.Riverside();
        var site = await BuiltSite.BuildAsync(new PublishedSite([scheme]));

        Assert.All(scheme.Wards, ward => Assert.True(site.Output.Files.ContainsKey($"{Riverside}/wards/{ward.Code}/proposals/index.html"), ward.Name));
        Assert.All(scheme.Wards.SelectMany(w => w.ProposalList), p => Assert.True(site.Output.Files.ContainsKey($"{Riverside}/proposals/{p.Id}/index.html"), p.Title));

        string[] filters =
        [
            "status/submitted", "status/feasible", "status/not-feasible", "status/merged",
            "category/community-and-wellbeing", "category/environment-and-green-spaces", "category/play-sport-and-young-people",
            "category/streets-and-transport", "category/arts-culture-and-heritage", "category/other",
        ];
        Assert.Equal(
            filters.Order(StringComparer.Ordinal),
            site.Pages.Where(p => p.StartsWith($"{Abbey}/proposals/", StringComparison.Ordinal) && p != $"{Abbey}/proposals/index.html")
                .Select(p => p[$"{Abbey}/proposals/".Length..^"/index.html".Length]));

        // Hillside has no proposals, so its list says so and there is nothing to filter.
        Assert.Single(site.Pages, p => p.StartsWith($"{Riverside}/wards/E05900006/proposals/", StringComparison.Ordinal));
        Assert.False(site.Output.Files.ContainsKey($"{Abbey}/proposals/status/withdrawn/index.html"));
    }

    [Theory]
    [InlineData("E05900001", "status/submitted", new[] { "abbeyartwk" })]
    [InlineData("E05900001", "status/feasible", new[] { "abbeybench", "abbeycrssg" })]
    [InlineData("E05900001", "status/not-feasible", new[] { "abbeysprts" })]
    [InlineData("E05900001", "status/merged", new[] { "abbeydupes" })]
    [InlineData("E05900001", "category/environment-and-green-spaces", new[] { "abbeybench", "abbeydupes" })]
    [InlineData("E05900001", "category/community-and-wellbeing", new string[0])] // its only proposal was withdrawn
    [InlineData("E05900002", "status/feasible", new[] { "caspntrs22", "cashstry22", "cassprthaw" })]
    [InlineData("E05900002", "category/other", new[] { "casdgbns22" })]
    [InlineData("E05900003", "status/submitted", new[] { "stmaryfsh2" })]
    public async Task BuildAsync_FilterPage_ListsExactlyTheMatchingProposals(string ward, string filter, string[] expected)
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var page = site.Page($"{Riverside}/wards/{ward}/proposals/{filter}/index.html");

        Assert.Equal(expected, ListedIds(page));
    }

    [Fact]
    public async Task BuildAsync_EveryFilterPage_ListsTheWardsMatchingProposalsThatAreNotWithdrawn()
    {
        var scheme = SampleSites.Riverside();
        var site = await BuiltSite.BuildAsync(new PublishedSite([scheme]));
        var checkedPages = 0;

        foreach (var ward in scheme.Wards.Where(w => w.ProposalList.Count > 0))
        {
            var listed = ward.ProposalList.Where(p => p.Status != ProposalStatus.Withdrawn).ToList();
            Assert.Equal(listed.Select(p => p.Id), ListedIds(site.Page($"{Riverside}/wards/{ward.Code}/proposals/index.html")));
            foreach (var status in new[] { ProposalStatus.Submitted, ProposalStatus.Feasible, ProposalStatus.NotFeasible, ProposalStatus.Merged })
            {
                var slug = status == ProposalStatus.NotFeasible ? "not-feasible" : status.ToString().ToLowerInvariant();
                Assert.Equal(listed.Where(p => p.Status == status).Select(p => p.Id), ListedIds(site.Page($"{Riverside}/wards/{ward.Code}/proposals/status/{slug}/index.html")));
                checkedPages++;
            }

            foreach (var category in ProposalCategories.All)
            {
                var slug = string.Join('-', category.ToLowerInvariant().Split([' ', ','], StringSplitOptions.RemoveEmptyEntries));
                Assert.Equal(listed.Where(p => p.Category == category).Select(p => p.Id), ListedIds(site.Page($"{Riverside}/wards/{ward.Code}/proposals/category/{slug}/index.html")));
                checkedPages++;
            }
        }

        Assert.Equal(30, checkedPages);
    }

    [Fact]
    public async Task BuildAsync_FilterPage_MarksTheCurrentFilterAndOffersToClearIt()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());
        const string list = $"/{Abbey}/proposals/";

        var filtered = site.Page($"{Abbey}/proposals/status/not-feasible/index.html");
        var unfiltered = site.Page($"{Abbey}/proposals/index.html");

        var current = Assert.Single(filtered.QuerySelectorAll("main [aria-current]"));
        Assert.Equal("page", current.GetAttribute("aria-current"));
        Assert.Equal($"{list}status/not-feasible/", current.GetAttribute("href"));
        Assert.Equal("Not feasible (1)", current.TextContent);
        Assert.Equal("Not feasible – Proposals for Abbey – Riverside Ward Budgets 2026-27 – PBudget", filtered.Title);
        Assert.Equal("1 proposal with the status ‘Not feasible’", filtered.GetElementById("results")!.TextContent);
        var clear = Assert.Single(filtered.QuerySelectorAll("main a"), a => a.TextContent.StartsWith("Clear filter", StringComparison.Ordinal));
        Assert.Equal(list, clear.GetAttribute("href"));

        var all = Assert.Single(unfiltered.QuerySelectorAll("main [aria-current='page']"));
        Assert.Equal("All proposals (5)", all.TextContent);
        Assert.DoesNotContain(unfiltered.QuerySelectorAll("main a"), a => a.TextContent.StartsWith("Clear filter", StringComparison.Ordinal));

        // Filters are plain links to other pages: nothing on the page needs a form or a script to filter.
        Assert.Empty(filtered.QuerySelectorAll("main form, main button, main select"));
        // All, four statuses, six categories, and "Clear filter".
        Assert.Equal(12, filtered.QuerySelectorAll("nav[aria-labelledby='filter-heading'] a[href^='" + list + "']").Length);
    }

    [Fact]
    public async Task BuildAsync_EmptyFilterPage_SaysSoPlainly()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var page = site.Page($"{Abbey}/proposals/category/other/index.html");
        var main = page.QuerySelector("main")!.TextContent;

        Assert.Equal("0 proposals in ‘Other’", page.GetElementById("results")!.TextContent);
        Assert.Contains("No proposals for Abbey are in the category ‘Other’.", main, StringComparison.Ordinal);
        Assert.Contains("No proposals for Castle have the status ‘Merged’.", site.Page($"{Castle}/proposals/status/merged/index.html").QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("No proposals have been published for Hillside yet.", site.Page($"{Riverside}/wards/E05900006/proposals/index.html").QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_ProposalList_ShowsTitleLinkTagsSummaryCategoryAndCost()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var abbey = Items(site.Page($"{Abbey}/proposals/index.html"));
        var castle = Items(site.Page($"{Castle}/proposals/index.html"));

        var benches = abbey["abbeybench"];
        Assert.Equal("Benches on Abbey Green", benches.QuerySelector("h3 a")!.TextContent);
        Assert.Equal(["Feasible"], Tags(benches));
        Assert.Contains("A short summary of benches on abbey green.", benches.TextContent, StringComparison.Ordinal);
        Assert.Equal("Environment and green spaces", Facts(benches)["Category"]);
        Assert.Equal("£2,800", Facts(benches)["Cost"]);
        Assert.Equal("Estimated £8,000", Facts(abbey["abbeyartwk"])["Cost"]);
        Assert.Equal(["Waiting for review"], Tags(abbey["abbeyartwk"]));
        Assert.Equal(["Not feasible"], Tags(abbey["abbeysprts"]));
        Assert.Equal(["Merged"], Tags(abbey["abbeydupes"]));
        Assert.Equal(["Feasible", "Shortlisted"], Tags(castle["caspntrs22"]));
        Assert.Equal(["Feasible"], Tags(castle["cassprthaw"]));
        Assert.Contains("govuk-tag--green", benches.QuerySelector("strong.govuk-tag")!.ClassList);
    }

    [Fact]
    public async Task BuildAsync_WithdrawnProposal_HasItsOwnPageButNoListCountOrLinkShowsIt()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());
        const string link = $"/{Riverside}/proposals/abbeyfrdge/";

        var page = site.Page($"{Riverside}/proposals/abbeyfrdge/index.html");

        Assert.Equal("Community fridge", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Withdrawn"], Tags(page.QuerySelector("main")!));
        Assert.Contains("withdrew it, so it will not go to the vote", page.QuerySelector(".govuk-inset-text")!.TextContent, StringComparison.Ordinal);
        Assert.All(site.Pages, path => Assert.Null(site.Page(path).QuerySelector($"a[href='{link}']")));
        Assert.DoesNotContain("Community fridge", site.Output.ReadText($"{Abbey}/proposals/index.html"), StringComparison.Ordinal);
        Assert.DoesNotContain("abbeyfrdge", site.Output.ReadText($"{Riverside}/data/proposals.csv"), StringComparison.Ordinal);
        Assert.Contains("5 proposals have been published for Abbey.", site.Page($"{Abbey}/index.html").QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_HiddenProposal_IsNotInTheModelSoHasNoPage()
    {
        // The publisher leaves hidden proposals out of the model; the site shows exactly what it is given.
        var scheme = SampleSites.Riverside();
        var withoutArt = scheme with
        {
            Wards = [.. scheme.Wards.Select(w => w with { Proposals = w.ProposalList.Where(p => p.Id != "abbeyartwk").ToList() })],
        };
        var site = await BuiltSite.BuildAsync(new PublishedSite([withoutArt]));

        Assert.False(site.Output.Files.ContainsKey($"{Riverside}/proposals/abbeyartwk/index.html"));
        Assert.All(site.Pages, path => Assert.DoesNotContain("abbeyartwk", site.Output.ReadText(path), StringComparison.Ordinal));
        Assert.Empty(ListedIds(site.Page($"{Abbey}/proposals/status/submitted/index.html")));
    }

    [Fact]
    public async Task BuildAsync_ProposalPage_ShowsTheProposalAndTheOfficersReview()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var page = site.Page($"{Riverside}/proposals/abbeybench/index.html");
        var main = page.QuerySelector("main")!;
        var facts = Facts(main);

        Assert.Equal("Benches on Abbey Green – Abbey – Riverside Ward Budgets 2026-27 – PBudget", page.Title);
        Assert.Equal("Benches on Abbey Green", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Feasible"], Tags(main));
        Assert.Equal("A short summary of benches on abbey green.", main.QuerySelector(".govuk-body-l")!.TextContent);
        Assert.Contains("Combines 2 residents’ proposals", main.TextContent, StringComparison.Ordinal);
        Assert.Equal("<strong>Benches on Abbey Green</strong>", main.QuerySelector("h2 + div p strong")!.OuterHtml);
        Assert.Equal("Abbey", facts["Ward"]);
        Assert.Equal($"/{Abbey}/", main.QuerySelector(".govuk-summary-list a")!.GetAttribute("href"));
        Assert.Equal("Environment and green spaces", facts["Category"]);
        Assert.Equal("£3,000 (the resident’s estimate)", facts["Estimated cost"]);
        Assert.Equal("£2,800 (checked by council officers)", facts["Reviewed cost"]);
        Assert.Equal("Four benches at £600 each, and £400 to fit them.", facts["How the cost was worked out"]);
        Assert.Equal("The parks team can fit them in spring.", facts["Officers’ review"]);
        Assert.Equal("16 June 2026", facts["Submitted"]); // 11:30pm UTC on the 15th is the 16th in the UK
        Assert.Equal("2026-06-15T23:30:00Z", main.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.False(facts.ContainsKey("Organisation"));
        Assert.False(facts.ContainsKey("Location"));
    }

    [Fact]
    public async Task BuildAsync_ProposalPageForAnOrganisation_ShowsItAndTheLocationButNoReview()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var main = site.Page($"{Riverside}/proposals/abbeyartwk/index.html").QuerySelector("main")!;
        var facts = Facts(main);

        Assert.Equal("Abbey Arts Collective", facts["Organisation"]);
        Assert.Equal("RV1 2AB", facts["Location"]);
        Assert.Equal("Not reviewed yet", facts["Reviewed cost"]);
        Assert.Equal(["Waiting for review"], Tags(main));
        Assert.DoesNotContain("Combines", main.TextContent, StringComparison.Ordinal);
        Assert.Equal("The council cannot buy equipment for a private club.", Facts(site.Page($"{Riverside}/proposals/abbeysprts/index.html").QuerySelector("main")!)["Why it is not feasible"]);
    }

    [Fact]
    public async Task BuildAsync_ShortlistedProposalPage_SaysItIsOnTheShortlist()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var main = site.Page($"{Riverside}/proposals/caspntrs22/index.html").QuerySelector("main")!;

        Assert.Equal(["Feasible", "Shortlisted"], Tags(main));
        Assert.Contains("This proposal is on Castle’s shortlist", main.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("shortlist", site.Page($"{Riverside}/proposals/cassprthaw/index.html").QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task BuildAsync_MergedProposal_LinksToTheProposalItWasMergedInto()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var inset = site.Page($"{Riverside}/proposals/abbeydupes/index.html").QuerySelector(".govuk-inset-text")!;

        Assert.Equal(["Merged"], Tags(inset.ParentElement!));
        var link = Assert.Single(inset.QuerySelectorAll("a"));
        Assert.Equal($"/{Riverside}/proposals/abbeybench/", link.GetAttribute("href"));
        Assert.Equal("Benches on Abbey Green", link.TextContent);
    }

    [Fact]
    public async Task BuildAsync_MergedIntoAProposalThatIsNotPublished_SaysSoWithoutALink()
    {
        var scheme = SampleSites.Riverside();
        var target = scheme with
        {
            Wards = [.. scheme.Wards.Select(w => w with { Proposals = w.ProposalList.Where(p => p.Id != "abbeybench").ToList() })],
        };
        var site = await BuiltSite.BuildAsync(new PublishedSite([target]));

        var inset = site.Page($"{Riverside}/proposals/abbeydupes/index.html").QuerySelector(".govuk-inset-text")!;

        Assert.Empty(inset.QuerySelectorAll("a"));
        Assert.Contains("merged it into that proposal", inset.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_HostileDescription_IsShownAsTextWithNoScriptOrUnsafeLink()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());
        const string path = $"{Riverside}/proposals/abbeycrssg/index.html";

        var html = site.Output.ReadText(path);
        var page = site.Page(path);
        var description = page.QuerySelector("h2 + div")!;

        Assert.Equal(["/assets/site.mjs"], page.QuerySelectorAll("script").Select(s => s.GetAttribute("src")));
        Assert.Empty(page.QuerySelectorAll("img, [onerror], [onclick]"));
        Assert.Empty(description.QuerySelectorAll("div"));
        Assert.DoesNotContain("javascript:alert(1)", page.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? ""), StringComparer.OrdinalIgnoreCase);
        Assert.All(page.QuerySelectorAll("a[href]"), a => Assert.Matches("^(/|#|https://|mailto:)", a.GetAttribute("href")!));
        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Equal(
            ["https://www.example.gov.uk/report", "mailto:crossing@example.org"],
            description.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal(
            ["Read the road safety report", "x", "a photo of the crossing", "javascript:alert(3)", "tricky", "Email crossing@example.org"],
            description.QuerySelectorAll("li").Select(li => li.TextContent));

        // The resident's "# Why we need it" sits below the page's own headings.
        Assert.Equal("Why we need it", description.QuerySelector("h3")!.TextContent);
        Assert.Single(page.QuerySelectorAll("h1"));
    }

    [Fact]
    public async Task BuildAsync_AwkwardTitle_IsEncodedInEveryPageThatShowsIt()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());
        const string encoded = "Fish &amp; chips &lt;night&gt; for &quot;older&quot; residents, &#x27;with&#x27; a quiz";

        var page = site.Page($"{Riverside}/proposals/stmaryfsh2/index.html");

        Assert.Equal(SampleSites.AwkwardTitle, page.QuerySelector("h1")!.TextContent);
        Assert.Equal($"{SampleSites.AwkwardTitle} – St Mary's – Riverside Ward Budgets 2026-27 – PBudget", page.Title);
        Assert.Equal("St Mary's \"Friends\" & Co", Facts(page.QuerySelector("main")!)["Organisation"]);
        Assert.Empty(page.QuerySelectorAll("main night"));
        foreach (var path in new[] { $"{Riverside}/proposals/stmaryfsh2/index.html", $"{Riverside}/wards/E05900003/proposals/index.html", $"{Riverside}/wards/E05900003/proposals/status/submitted/index.html" })
        {
            Assert.Contains(encoded, site.Output.ReadText(path), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BuildAsync_WardPage_CountsProposalsByStatusAndLinksToTheList()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var main = site.Page($"{Abbey}/index.html").QuerySelector("main")!;
        var counts = main.QuerySelectorAll("table tbody tr").ToDictionary(r => r.Children[0].TextContent.Trim(), r => r.Children[1].TextContent.Trim());
        var links = main.QuerySelectorAll("table tbody a").Select(a => a.GetAttribute("href"));

        Assert.Equal(new Dictionary<string, string> { ["Waiting for review"] = "1", ["Feasible"] = "2", ["Not feasible"] = "1", ["Merged"] = "1" }, counts);
        Assert.Equal(
            ["submitted", "feasible", "not-feasible", "merged"],
            links.Select(l => l![$"/{Abbey}/proposals/status/".Length..^1]));
        Assert.Equal("See all proposals for Abbey", main.QuerySelector($"a[href='/{Abbey}/proposals/']")!.TextContent);
        Assert.Null(main.QuerySelector("#shortlist"));
    }

    [Fact]
    public async Task BuildAsync_WardWithSignedOffShortlist_SaysWhenAndListsTheShortlistedProposals()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var main = site.Page($"{Castle}/index.html").QuerySelector("main")!;

        Assert.NotNull(main.QuerySelector("#shortlist"));
        Assert.Contains("The shortlist for Castle was signed off on 1 October 2026.", main.TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-10-01T10:00:00Z", main.QuerySelector("#shortlist ~ p time")!.GetAttribute("datetime"));
        Assert.Equal(
            ["Planters on Castle Street (£4,500)", "Castle history trail (£9,000)"],
            main.QuerySelectorAll("#shortlist ~ ul li").Select(li => li.TextContent));
        Assert.Equal(
            [$"/{Riverside}/proposals/caspntrs22/", $"/{Riverside}/proposals/cashstry22/"],
            main.QuerySelectorAll("#shortlist ~ ul a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task BuildAsync_WardWithSignedOffShortlistButNothingOnIt_SaysSo()
    {
        var scheme = SampleSites.Riverside();
        var empty = scheme with
        {
            Wards = [.. scheme.Wards.Select(w => w.Code == "E05900002" ? w with { Proposals = [.. w.ProposalList.Select(p => p with { Shortlisted = false })] } : w)],
        };
        var site = await BuiltSite.BuildAsync(new PublishedSite([empty]));

        Assert.Contains("No proposals are on the shortlist.", site.Page($"{Castle}/index.html").QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_WardWithoutProposals_SaysNoneHaveBeenPublished()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var main = site.Page($"{Riverside}/wards/E05900006/index.html").QuerySelector("main")!;

        Assert.Contains("No proposals have been published for Hillside yet.", main.TextContent, StringComparison.Ordinal);
        Assert.Empty(main.QuerySelectorAll("table"));
    }

    [Theory]
    [InlineData(SchemePhase.ShortlistSignOff, "Shortlist sign-off")]
    [InlineData(SchemePhase.ProposalsOpen, "Proposals open")]
    [InlineData(SchemePhase.SetUp, "Setting up")]
    public async Task BuildAsync_SchemeHome_ShowsTheCurrentStage(SchemePhase phase, string expected)
    {
        var site = await BuiltSite.BuildAsync(new PublishedSite([SampleSites.Riverside() with { Phase = phase }]));

        var summary = site.Page($"{Riverside}/index.html").QuerySelectorAll(".govuk-summary-list__row")
            .ToDictionary(r => r.QuerySelector("dt")!.TextContent.Trim(), r => r.QuerySelector("dd")!.TextContent.Trim());

        Assert.Equal(expected, summary["Current stage"]);
    }

    [Fact]
    public async Task BuildAsync_ProposalPages_NeverPublishResidentsNames()
    {
        // The model has no names to publish; this guards against pages inventing a "proposed by" line.
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        Assert.All(site.Pages.Where(p => p.Contains("/proposals/", StringComparison.Ordinal)), path =>
            Assert.DoesNotContain("proposed by", site.Output.ReadText(path), StringComparison.OrdinalIgnoreCase));
    }

    private static List<string> ListedIds(IHtmlDocument page) =>
        page.QuerySelectorAll("#results ~ ul > li h3 a").Select(a => a.GetAttribute("href")!.Split('/')[^2]).ToList();

    private static Dictionary<string, IElement> Items(IHtmlDocument page) =>
        page.QuerySelectorAll("#results ~ ul > li").ToDictionary(li => li.QuerySelector("h3 a")!.GetAttribute("href")!.Split('/')[^2]);

    private static List<string> Tags(IElement element) =>
        element.QuerySelectorAll(".govuk-tag").Select(t => t.TextContent.Trim()).ToList();

    private static Dictionary<string, string> Facts(IElement element) =>
        element.QuerySelectorAll(".govuk-summary-list__row").ToDictionary(r => r.QuerySelector("dt")!.TextContent.Trim(), r => r.QuerySelector("dd")!.TextContent.Trim());

    [Fact]
    public async Task BuildAsync_ProposalsOpen_WardPagesLinkToTheProposalFormAndOtherwiseDoNot()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var open = site.Page("schemes/hillford-2026-27/wards/W05000101/index.html");
        var start = open.QuerySelector("a.govuk-button--start");
        Assert.NotNull(start);
        Assert.Equal("/api/forms/schemes/hillford-2026-27/wards/W05000101/propose", start.GetAttribute("href"));
        Assert.Equal("Propose a project", start.TextContent.Trim());
        Assert.Contains(open.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/api/forms/schemes/hillford-2026-27/proposals/mine");

        // Riverside is past proposals: no invitation.
        Assert.Null(site.Page($"{Abbey}/index.html").QuerySelector("a.govuk-button--start"));
    }

    [Fact]
    public async Task BuildAsync_StaffConsolePage_ListsEachSchemeWithItsStageAndLinksToTheConsole()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var page = site.Page("manage/index.html");
        var links = page.QuerySelectorAll("main a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Contains(("/api/forms/manage/schemes/riverside-2026-27", "Riverside Ward Budgets (2026-27)"), links);
        Assert.Contains("now at the “Shortlist sign-off” stage", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(site.Page("index.html").QuerySelectorAll("footer a"), a => a.GetAttribute("href") == "/manage/");
    }
}
