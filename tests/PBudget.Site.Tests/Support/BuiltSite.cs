using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Logging.Abstractions;
using PBudget.Core.Publishing;

namespace PBudget.Site.Tests.Support;

/// <summary>A site built in memory, with helpers to read its pages.</summary>
public sealed class BuiltSite
{
    private static readonly HtmlParser Parser = new();

    private BuiltSite(InMemorySiteOutput output, SiteBuildReport report)
    {
        Output = output;
        Report = report;
    }

    public InMemorySiteOutput Output { get; }

    public SiteBuildReport Report { get; }

    public IEnumerable<string> Pages => Output.Files.Keys.Where(p => p.EndsWith(".html", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public static async Task<BuiltSite> BuildAsync(PublishedSite site)
    {
        var output = new InMemorySiteOutput();
        var report = await new SiteGenerator(NullLoggerFactory.Instance).BuildAsync(site, output, TestContext.Current.CancellationToken);
        return new BuiltSite(output, report);
    }

    public IHtmlDocument Page(string path) => Parser.ParseDocument(Output.ReadText(path));
}
