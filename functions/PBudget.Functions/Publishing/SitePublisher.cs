using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using PBudget.Core.Publishing;
using PBudget.Functions.Storage;
using PBudget.Site;

namespace PBudget.Functions.Publishing;

/// <summary>
/// Builds the published model from storage and renders the whole public site into the configured output.
/// A pure function of what is stored, so running it twice, or for a stale message, is harmless.
/// </summary>
public sealed partial class SitePublisher(
    SchemeStore store,
    SiteGenerator generator,
    IOptions<PublishingOptions> options,
    TimeProvider clock,
    ILogger<SitePublisher> logger)
{
    public async Task<SiteBuildReport> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var site = await BuildModelAsync(cancellationToken).ConfigureAwait(false);
        var report = await generator.BuildAsync(site, CreateOutput(), cancellationToken).ConfigureAwait(false);
        LogPublished(logger, request.SchemeId, request.Reason, site.Schemes.Count);
        return report;
    }

    /// <summary>Every scheme that has wards; a scheme without wards is still being set up and is not shown.</summary>
    public async Task<PublishedSite> BuildModelAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var schemes = new List<PublishedScheme>();
        foreach (var stored in await store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var wards = await store.GetWardsAsync(stored.Scheme.Id, cancellationToken).ConfigureAwait(false);
            if (wards.Count == 0)
            {
                continue;
            }

            schemes.Add(new PublishedScheme(
                stored.Scheme.Id,
                stored.Scheme.Name,
                stored.Scheme.FinancialYear,
                stored.Scheme.Rule.Describe(),
                wards.Sum(w => w.BudgetPence),
                wards.Sum(w => w.Population),
                wards.Select(w => new PublishedWard(w.Code, w.Name, w.Area, w.Population, w.BudgetPence, w.ComputedPence)).ToList(),
                now));
        }

        return new PublishedSite(schemes);
    }

    private ISiteOutput CreateOutput()
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.OutputFolder))
        {
            return new FolderSiteOutput(settings.OutputFolder);
        }

        var service = !string.IsNullOrWhiteSpace(settings.BlobConnectionString)
            ? new BlobServiceClient(settings.BlobConnectionString)
            : new BlobServiceClient(settings.BlobServiceUri, new DefaultAzureCredential());
        return new BlobSiteOutput(service.GetBlobContainerClient(settings.ContainerName));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published the site for scheme {SchemeId} ({Reason}): {SchemeCount} schemes")]
    private static partial void LogPublished(ILogger logger, string schemeId, string reason, int schemeCount);
}
