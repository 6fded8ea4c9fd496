using Microsoft.AspNetCore.Components;

namespace PBudget.Site.Forms.Components;

/// <summary>One checkbox, or a divider between them.</summary>
public sealed record CheckboxesItem
{
    /// <summary>The item's label text; ignored when <see cref="Html"/> is set.</summary>
    public string? Text { get; init; }

    /// <summary>Trusted markup for the label; wins over <see cref="Text"/>.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>The item's id; by default the id prefix, then the prefix and "-2", "-3"...</summary>
    public string? Id { get; init; }

    /// <summary>The name this item sends; the checkboxes' name when not set.</summary>
    public string? Name { get; init; }

    /// <summary>The value the form sends when this item is ticked.</summary>
    public string? Value { get; init; }

    /// <summary>Classes and attributes for the item's label.</summary>
    public CheckboxesItemLabel? Label { get; init; }

    /// <summary>A hint under the item's label.</summary>
    public HintOptions? Hint { get; init; }

    /// <summary>Text of a divider (such as "or") shown instead of an item.</summary>
    public string? Divider { get; init; }

    /// <summary>Whether the item is ticked; when not set, it is ticked if its value is one of the checkboxes' values.</summary>
    public bool? Checked { get; init; }

    /// <summary>Content revealed when the item is ticked.</summary>
    public CheckboxesConditional? Conditional { get; init; }

    /// <summary>"exclusive" for a "none of these" item that unticks the others (with JavaScript).</summary>
    public string? Behaviour { get; init; }

    /// <summary>Whether the item cannot be ticked.</summary>
    public bool Disabled { get; init; }

    /// <summary>Extra HTML attributes for the item's input.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>Classes and attributes for a checkbox item's label (its text is the item's).</summary>
public sealed record CheckboxesItemLabel
{
    /// <summary>Extra classes for the label.</summary>
    public string? Classes { get; init; }

    /// <summary>Extra HTML attributes for the label.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>Content revealed under a ticked checkbox (without JavaScript it is always shown).</summary>
public sealed record CheckboxesConditional
{
    /// <summary>Trusted markup to reveal.</summary>
    public RenderFragment? Html { get; init; }
}
