using Microsoft.AspNetCore.Components;

namespace PBudget.Site.Components;

/// <summary>One row of a <see cref="SummaryList"/>.</summary>
public sealed record SummaryListRow
{
    /// <summary>Extra classes for the row.</summary>
    public string? Classes { get; init; }

    /// <summary>What the row is about.</summary>
    public required SummaryListCell Key { get; init; }

    /// <summary>The row's answer.</summary>
    public required SummaryListCell Value { get; init; }

    /// <summary>Links that act on the row, such as "Change".</summary>
    public SummaryListActions? Actions { get; init; }
}

/// <summary>A summary list key or value.</summary>
public sealed record SummaryListCell
{
    /// <summary>The text; ignored when <see cref="Html"/> is set.</summary>
    public string? Text { get; init; }

    /// <summary>Trusted markup; wins over <see cref="Text"/>.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>Extra classes for the key or value.</summary>
    public string? Classes { get; init; }
}

/// <summary>The action links of a summary list row or card.</summary>
public sealed record SummaryListActions
{
    /// <summary>The links.</summary>
    public IReadOnlyList<SummaryListAction>? Items { get; init; }

    /// <summary>Extra classes for the actions' container.</summary>
    public string? Classes { get; init; }
}

/// <summary>One action link.</summary>
public sealed record SummaryListAction
{
    /// <summary>Where the link goes.</summary>
    public required string Href { get; init; }

    /// <summary>The link's text; ignored when <see cref="Html"/> is set.</summary>
    public string? Text { get; init; }

    /// <summary>Trusted markup for the link; wins over <see cref="Text"/>.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>Extra words only screen readers hear, such as the row's name.</summary>
    public string? VisuallyHiddenText { get; init; }

    /// <summary>Extra classes for the link.</summary>
    public string? Classes { get; init; }

    /// <summary>Extra HTML attributes for the link.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>The summary card around a <see cref="SummaryList"/>.</summary>
public sealed record SummaryListCard
{
    /// <summary>The card's heading.</summary>
    public SummaryListCardTitle? Title { get; init; }

    /// <summary>Links that act on the whole card.</summary>
    public SummaryListActions? Actions { get; init; }

    /// <summary>Extra classes for the card.</summary>
    public string? Classes { get; init; }

    /// <summary>Extra HTML attributes for the card.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>A summary card's heading.</summary>
public sealed record SummaryListCardTitle
{
    /// <summary>The heading's text; ignored when <see cref="Html"/> is set.</summary>
    public string? Text { get; init; }

    /// <summary>Trusted markup for the heading; wins over <see cref="Text"/>.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>The heading level, 1 to 6; 2 when not set.</summary>
    public int? HeadingLevel { get; init; }

    /// <summary>Extra classes for the heading.</summary>
    public string? Classes { get; init; }
}
