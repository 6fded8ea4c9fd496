using Microsoft.Extensions.Options;
using PBudget.Core.Proposals;
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
    ProposalStore proposals,
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

            var schemeProposals = await proposals.ListAsync(stored.Scheme.Id, cancellationToken).ConfigureAwait(false);
            var signOffs = (await proposals.ListSignOffsAsync(stored.Scheme.Id, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.WardCode, StringComparer.Ordinal);
            schemes.Add(new PublishedScheme(
                stored.Scheme.Id,
                stored.Scheme.Name,
                stored.Scheme.FinancialYear,
                stored.Scheme.Rule.Describe(),
                wards.Sum(w => w.BudgetPence),
                wards.Sum(w => w.Population),
                wards.Select(w => new PublishedWard(
                    w.Code, w.Name, w.Area, w.Population, w.BudgetPence, w.ComputedPence,
                    PublishedProposals(schemeProposals, w.Code, signOffs.GetValueOrDefault(w.Code)),
                    signOffs.GetValueOrDefault(w.Code)?.At)).ToList(),
                now,
                stored.Phase));
        }

        return new PublishedSite(schemes);
    }

    /// <summary>
    /// A ward's proposals as the public may see them: never a hidden one, and never the author's name or email (an
    /// organisation they proposed for is public). A merged duplicate is kept so links to it still lead somewhere.
    /// </summary>
    internal static IReadOnlyList<PublishedProposal> PublishedProposals(IEnumerable<StoredProposal> proposals, string wardCode, ShortlistSignOff? signOff)
    {
        var shortlisted = signOff?.Entries.Select(e => e.ProposalId).ToHashSet(StringComparer.Ordinal) ?? [];
        return proposals
            .Select(s => s.Proposal)
            .Where(p => p.WardCode == wardCode && !p.IsHidden)
            .Select(p => new PublishedProposal(
                p.Id,
                p.Details.Title,
                p.Details.Summary,
                p.Details.Description,
                p.Details.Category,
                p.Status,
                p.Details.EstimatedCostPence,
                p.Review?.ReviewedCostPence,
                p.Review?.Reason,
                p.Review?.CostExplanation,
                p.Details.Organisation,
                p.Details.Location?.ToString() is { Length: > 0 } location ? location : null,
                shortlisted.Contains(p.Id),
                p.MergedInto,
                p.Credits.Count,
                p.SubmittedAt))
            .ToList();
    }

    private ISiteOutput CreateOutput()
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.OutputFolder))
        {
            return new FolderSiteOutput(settings.OutputFolder);
        }

        return new BlobSiteOutput(settings.SiteContainer());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published the site for scheme {SchemeId} ({Reason}): {SchemeCount} schemes")]
    private static partial void LogPublished(ILogger logger, string schemeId, string reason, int schemeCount);
}
