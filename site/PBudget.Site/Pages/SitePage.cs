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
