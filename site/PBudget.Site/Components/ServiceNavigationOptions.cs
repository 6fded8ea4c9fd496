using Microsoft.AspNetCore.Components;

namespace PBudget.Site.Components;

/// <summary>One item of <see cref="ServiceNavigation"/>.</summary>
public sealed record ServiceNavigationItem
{
    /// <summary>The person is on this page; takes precedence over <see cref="Active"/>.</summary>
    public bool Current { get; init; }

    /// <summary>The person is somewhere within this section.</summary>
    public bool Active { get; init; }

    /// <summary>Trusted markup for the item; wins over <see cref="Text"/>.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>The item's text.</summary>
    public string? Text { get; init; }

    /// <summary>The item's link; without one the item is plain text.</summary>
    public string? Href { get; init; }

    /// <summary>Extra HTML attributes for the item's link.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>Trusted markup injected at fixed points of <see cref="ServiceNavigation"/>.</summary>
public sealed record ServiceNavigationSlots
{
    /// <summary>At the start of the container.</summary>
    public RenderFragment? Start { get; init; }

    /// <summary>At the end of the container.</summary>
    public ServiceNavigationEndSlot? End { get; init; }

    /// <summary>Before the first navigation item (inside the list).</summary>
    public RenderFragment? NavigationStart { get; init; }

    /// <summary>After the last navigation item (inside the list).</summary>
    public RenderFragment? NavigationEnd { get; init; }
}

/// <summary>The end slot of <see cref="ServiceNavigation"/>.</summary>
public sealed record ServiceNavigationEndSlot
{
    /// <summary>The markup.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary><c>inline</c> puts it on the same line as the navigation; below it otherwise.</summary>
    public string? Align { get; init; }
}
