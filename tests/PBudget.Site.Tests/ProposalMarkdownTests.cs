using AngleSharp.Html.Parser;
using PBudget.Site.Pages;

namespace PBudget.Site.Tests;

public sealed class ProposalMarkdownTests
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public void ToHtml_JavaScriptLink_KeepsTheWordsWithoutALink()
    {
        var html = ProposalMarkdown.ToHtml("[x](javascript:alert(1))");

        Assert.Equal("<p class=\"govuk-body\">x</p>\n", html);
    }

    [Fact]
    public void ToHtml_RawScript_IsShownAsText()
    {
        var html = ProposalMarkdown.ToHtml("<script>alert('x')</script>\n\nHello <b>there</b>");
        var body = Parser.ParseDocument(html).Body!;

        Assert.Empty(body.QuerySelectorAll("script, b"));
        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Equal("Hello <b>there</b>", body.QuerySelectorAll("p")[^1].TextContent);
    }

    [Theory]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x](JAVASCRIPT:alert(1))")]
    [InlineData("[x](javascript&#58;alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[x](vbscript:msgbox)")]
    [InlineData("[x](file:///etc/passwd)")]
    [InlineData("[x](//evil.example/)")]
    [InlineData("[x](/relative/page)")]
    [InlineData("[x][ref]\n\n[ref]: javascript:alert(1)")]
    [InlineData("[![inner](javascript:alert(1))](javascript:alert(2))")]
    public void ToHtml_UnsafeAddress_IsNeverALinkOrImage(string markdown)
    {
        var body = Parser.ParseDocument(ProposalMarkdown.ToHtml(markdown)).Body!;

        Assert.Empty(body.QuerySelectorAll("a, img, [src], [href]"));
    }

    [Theory]
    [InlineData("[report](https://www.example.gov.uk/report)", "https://www.example.gov.uk/report", "report")]
    [InlineData("[site](HTTP://example.org)", "HTTP://example.org", "site")]
    [InlineData("<https://example.org/a?b=c&d=e>", "https://example.org/a?b=c&d=e", "https://example.org/a?b=c&d=e")]
    [InlineData("[email us](mailto:team@example.org)", "mailto:team@example.org", "email us")]
    [InlineData("<team@example.org>", "mailto:team@example.org", "team@example.org")]
    [InlineData("[](https://example.org/)", "https://example.org/", "https://example.org/")]
    public void ToHtml_SafeAddress_IsAGovukLinkMarkedAsResidentsOwn(string markdown, string href, string text)
    {
        var link = Assert.Single(Parser.ParseDocument(ProposalMarkdown.ToHtml(markdown)).Body!.QuerySelectorAll("a"));

        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Equal(text, link.TextContent);
        Assert.Contains("govuk-link", link.ClassList);
        Assert.Equal("nofollow ugc noopener", link.GetAttribute("rel"));
    }

    [Fact]
    public void ToHtml_Image_BecomesALinkToItAndIsNeverEmbedded()
    {
        var body = Parser.ParseDocument(ProposalMarkdown.ToHtml("![the green](https://example.org/green.jpg) and ![](https://example.org/x.png)")).Body!;

        Assert.Empty(body.QuerySelectorAll("img"));
        Assert.Equal(
            [("https://example.org/green.jpg", "the green"), ("https://example.org/x.png", "image")],
            body.QuerySelectorAll("a").Select(a => (a.GetAttribute("href"), a.TextContent)));
    }

    [Theory]
    [InlineData("# Top", 3, "h3")]
    [InlineData("## Second", 3, "h4")]
    [InlineData("###### Deepest", 3, "h6")]
    [InlineData("# Top", 2, "h2")]
    public void ToHtml_Heading_StartsBelowThePagesHeadings(string markdown, int topLevel, string element)
    {
        var heading = Parser.ParseDocument(ProposalMarkdown.ToHtml(markdown, topLevel)).Body!.FirstElementChild!;

        Assert.Equal(element, heading.LocalName);
        Assert.Contains("govuk-heading-s", heading.ClassList);
    }

    [Fact]
    public void ToHtml_Blocks_GetGovukFrontendClasses()
    {
        var body = Parser.ParseDocument(ProposalMarkdown.ToHtml("Para\n\n* a\n* b\n\n1. one\n\n> quoted\n\n---")).Body!;

        Assert.Equal(
            ["p govuk-body", "ul govuk-list govuk-list--bullet", "ol govuk-list govuk-list--number", "blockquote govuk-inset-text", "hr govuk-section-break govuk-section-break--m govuk-section-break--visible"],
            body.Children.Select(e => e.LocalName + " " + e.ClassName));
    }

    [Theory]
    [InlineData("https://example.org", true)]
    [InlineData("http://example.org", true)]
    [InlineData("mailto:a@example.org", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" javascript:alert(1)", false)]
    [InlineData("java\tscript:alert(1)", false)]
    [InlineData(" https://example.org", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("/local", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsSafeUrl_Address_OnlyAbsoluteHttpHttpsAndMailto(string? url, bool expected)
    {
        Assert.Equal(expected, ProposalMarkdown.IsSafeUrl(url));
    }
}
