using Microsoft.AspNetCore.Components;

namespace PBudget.Site.Components;

/// <summary>The meta section of <see cref="Footer"/>.</summary>
public sealed record FooterMeta
{
    /// <summary>A heading only screen readers hear; "Support links" when not set.</summary>
    public string? VisuallyHiddenTitle { get; init; }

    /// <summary>Trusted markup shown below the links; wins over <see cref="Text"/>.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>Text shown below the links.</summary>
    public string? Text { get; init; }

    /// <summary>The links.</summary>
    public IReadOnlyList<FooterLink>? Items { get; init; }
}

/// <summary>A link in the footer.</summary>
public sealed record FooterLink
{
    /// <summary>The link's text.</summary>
    public required string Text { get; init; }

    /// <summary>Where the link goes.</summary>
    public required string Href { get; init; }

    /// <summary>Extra HTML attributes for the link.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>A section of links in the footer's navigation.</summary>
public sealed record FooterNavigationSection
{
    /// <summary>The section's heading.</summary>
    public required string Title { get; init; }

    /// <summary>How many columns the links are set in.</summary>
    public int? Columns { get; init; }

    /// <summary>The section's width as a GOV.UK grid width, such as <c>one-third</c>; <c>full</c> when not set.</summary>
    public string? Width { get; init; }

    /// <summary>The links; one without both text and a link is left out.</summary>
    public IReadOnlyList<FooterNavigationItem>? Items { get; init; }
}

/// <summary>A link in a footer navigation section. Both fields are needed for it to be shown.</summary>
public sealed record FooterNavigationItem
{
    /// <summary>The link's text.</summary>
    public string? Text { get; init; }

    /// <summary>Where the link goes.</summary>
    public string? Href { get; init; }

    /// <summary>Extra HTML attributes for the link.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>The licence the footer says the content is under.</summary>
public sealed record FooterContentLicence
{
    /// <summary>The Open Government Licence v3.0, GOV.UK Frontend's default wording.</summary>
    public static FooterContentLicence OpenGovernmentLicence { get; } = new();

    /// <summary>Trusted markup describing the licence; wins over <see cref="Text"/>. Neither set means the default wording.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>Text describing the licence.</summary>
    public string? Text { get; init; }
}
