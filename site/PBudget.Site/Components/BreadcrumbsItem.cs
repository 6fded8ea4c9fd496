using Microsoft.AspNetCore.Components;

namespace PBudget.Site.Components;

/// <summary>One crumb of <see cref="Breadcrumbs"/>.</summary>
public sealed record BreadcrumbsItem
{
    /// <summary>The crumb's text; ignored when <see cref="Html"/> is set.</summary>
    public string? Text { get; init; }

    /// <summary>Trusted markup for the crumb; wins over <see cref="Text"/>.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>The crumb's link; without one the crumb is the current page.</summary>
    public string? Href { get; init; }

    /// <summary>Extra HTML attributes for the crumb's link.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}
