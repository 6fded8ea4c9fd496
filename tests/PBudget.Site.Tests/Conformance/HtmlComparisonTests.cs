namespace PBudget.Site.Tests.Conformance;

public sealed class HtmlComparisonTests
{
    [Theory]
    [InlineData("<a class=\"govuk-link x\" href=\"/a\">Text</a>", "<a href=\"/a\" class=\"x govuk-link\">\n  Text\n</a>")]
    [InlineData("<button hidden aria-hidden=\"true\">Menu</button>", "<button aria-hidden=\"true\" hidden=\"\">Menu</button>")]
    [InlineData("<ul>\n  <li>One</li>\n</ul>", "<ul><li>One</li></ul>")]
    public void Differences_SameHtmlDifferentlyWritten_FindsNone(string expected, string actual)
    {
        Assert.Empty(HtmlComparison.Differences(expected, actual));
    }

    [Theory]
    [InlineData("<a class=\"govuk-link\" href=\"/a\">Text</a>", "<a class=\"govuk-link\" href=\"/b\">Text</a>")]
    [InlineData("<a class=\"govuk-link\" href=\"/a\">Text</a>", "<a class=\"govuk-link govuk-link--inverse\" href=\"/a\">Text</a>")]
    [InlineData("<a class=\"govuk-link\" href=\"/a\">Text</a>", "<a class=\"govuk-link\" href=\"/a\">Other text</a>")]
    [InlineData("<nav aria-label=\"Breadcrumb\"><ol></ol></nav>", "<nav><ol></ol></nav>")]
    [InlineData("<p>One</p>", "<p>One</p><p>Two</p>")]
    [InlineData("<span>&lt;b&gt;</span>", "<span><b></b></span>")]
    public void Differences_DifferentHtml_FindsThem(string expected, string actual)
    {
        Assert.NotEmpty(HtmlComparison.Differences(expected, actual));
    }
}
