using PBudget.Core.Proposals;
using PBudget.Core.Publishing;

namespace PBudget.Site.Pages;

/// <summary>
/// One way to narrow a ward's proposal list, by status or by category. The site is static files, so each filter is a
/// page of its own and choosing one is following a link: it works without JavaScript.
/// </summary>
/// <param name="Status">The status it keeps, for a status filter.</param>
/// <param name="Category">The category it keeps, for a category filter.</param>
public sealed record ProposalFilter(ProposalStatus? Status, string? Category)
{
    /// <summary>One filter for each status that lists show.</summary>
    public static IReadOnlyList<ProposalFilter> ByStatus { get; } = ProposalFormat.ListedStatuses.Select(s => new ProposalFilter(s, null)).ToList();

    /// <summary>One filter for each of the scheme's categories.</summary>
    public static IReadOnlyList<ProposalFilter> ByCategory { get; } = ProposalCategories.All.Select(c => new ProposalFilter(null, c)).ToList();

    /// <summary>Every filter: each gets a page for every ward that has proposals, even when it would show none.</summary>
    public static IReadOnlyList<ProposalFilter> All { get; } = [.. ByStatus, .. ByCategory];

    /// <summary>What the filter keeps, as its link says it.</summary>
    public string Label => Status is { } status ? ProposalFormat.Status(status) : Category ?? "";

    /// <summary>Whether the filter keeps a proposal.</summary>
    public bool Matches(PublishedProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return Status is { } status ? proposal.Status == status : proposal.Category == Category;
    }

    /// <summary>The filter's page for a ward.</summary>
    public string Link(string schemeId, string wardCode) => Status is { } status
        ? SitePaths.WardProposalsWithStatus(schemeId, wardCode, ProposalFormat.StatusSlug(status))
        : SitePaths.WardProposalsInCategory(schemeId, wardCode, ProposalFormat.CategorySlug(Category ?? ""));
}
