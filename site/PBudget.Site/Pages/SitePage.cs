using Microsoft.AspNetCore.Components;

namespace PBudget.Site.Pages;

/// <summary>A whole page of the site, rendered from one typed model.</summary>
/// <typeparam name="TModel">What the page shows.</typeparam>
public abstract class SitePage<TModel> : ComponentBase
    where TModel : class
{
    /// <summary>What the page shows.</summary>
    [Parameter, EditorRequired]
    public TModel Model { get; set; } = null!;

    protected override void OnParametersSet()
    {
        if (Model is null)
        {
            throw new InvalidOperationException($"{GetType().Name} was rendered without its model.");
        }
    }
}

/// <summary>What a ward's page shows: the ward, and the scheme it belongs to.</summary>
/// <param name="Scheme">The ward's scheme.</param>
/// <param name="Ward">The ward.</param>
public sealed record WardPageModel(Core.Publishing.PublishedScheme Scheme, Core.Publishing.PublishedWard Ward);

/// <summary>What a ward's proposal list shows: every listed proposal, or those one filter lets through.</summary>
/// <param name="Scheme">The ward's scheme.</param>
/// <param name="Ward">The ward.</param>
/// <param name="Filter">The filter this page applies, or null for the whole list.</param>
public sealed record WardProposalsPageModel(Core.Publishing.PublishedScheme Scheme, Core.Publishing.PublishedWard Ward, ProposalFilter? Filter);

/// <summary>What a proposal's page shows: the proposal, its ward and its scheme.</summary>
/// <param name="Scheme">The proposal's scheme.</param>
/// <param name="Ward">The ward it is for.</param>
/// <param name="Proposal">The proposal.</param>
public sealed record ProposalPageModel(Core.Publishing.PublishedScheme Scheme, Core.Publishing.PublishedWard Ward, Core.Publishing.PublishedProposal Proposal)
{
    /// <summary>The published proposal this one was merged into, if it was and that proposal is published.</summary>
    public Core.Publishing.PublishedProposal? MergedInto => Proposal.MergedInto is { } id
        ? Scheme.Wards.SelectMany(w => w.ProposalList).FirstOrDefault(p => p.Id == id)
        : null;
}

/// <summary>Which part of a scheme a page belongs to, for the navigation.</summary>
public enum SchemeSection
{
    /// <summary>Not a scheme's page.</summary>
    None,

    /// <summary>The scheme's home page.</summary>
    Overview,

    /// <summary>The ward list and the ward pages.</summary>
    Wards,

    /// <summary>The open data page.</summary>
    OpenData,
}
