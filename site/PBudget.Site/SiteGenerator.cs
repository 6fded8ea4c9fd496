using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PBudget.Core.Publishing;
using PBudget.Site.Pipeline;

namespace PBudget.Site;

/// <summary>
/// Builds the public site from the published model: checks the model, renders the pages, writes the open data and
/// copies the assets, stage by stage. Safe to share: each build has its own renderer.
/// </summary>
public sealed partial class SiteGenerator
{
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;

    /// <summary>Creates a generator that logs nothing.</summary>
    public SiteGenerator()
        : this(NullLoggerFactory.Instance)
    {
    }

    /// <summary>Creates a generator that logs each stage.</summary>
    public SiteGenerator(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<SiteGenerator>();
    }

    /// <summary>Builds the whole site into <paramref name="output"/>.</summary>
    /// <exception cref="SiteModelException">The model cannot be shown (for example a duplicate ward or totals that disagree); nothing was written.</exception>
    public async Task<SiteBuildReport> BuildAsync(PublishedSite site, ISiteOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(output);

        // Checked before the first write, so a bad model never leaves half a site behind.
        var problems = SiteModelRules.Check(site);
        if (problems.Count > 0)
        {
            throw new SiteModelException(problems);
        }

        var total = Stopwatch.StartNew();
        await using var renderer = new PageRenderer(loggerFactory);
        var context = new SiteBuildContext(site, renderer, output);
        foreach (var stage in SiteStages.All)
        {
            var timer = Stopwatch.StartNew();
            var before = context.Report();
            foreach (var step in stage.Steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await step.RunAsync(context, cancellationToken).ConfigureAwait(false);
            }

            var written = context.Report().Files - before.Files;
            LogStage(logger, stage.Name, written, timer.ElapsedMilliseconds);
        }

        var report = context.Report();
        LogBuilt(logger, site.Schemes.Count, report.Pages, report.Files, report.Bytes, total.ElapsedMilliseconds);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stage '{Stage}' wrote {Files} files in {ElapsedMs} ms")]
    private static partial void LogStage(ILogger logger, string stage, int files, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built the site for {Schemes} schemes: {Pages} pages, {Files} files, {Bytes} bytes in {ElapsedMs} ms")]
    private static partial void LogBuilt(ILogger logger, int schemes, int pages, int files, long bytes, long elapsedMs);
}
