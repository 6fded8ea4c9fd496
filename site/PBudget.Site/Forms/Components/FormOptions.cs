using Microsoft.AspNetCore.Components;

namespace PBudget.Site.Forms.Components;

/// <summary>A form control's label (the <c>label</c> option of inputs and textareas, and of radio items).</summary>
public sealed record LabelOptions
{
    /// <summary>The label's text; ignored when <see cref="Html"/> is set.</summary>
    public string? Text { get; init; }

    /// <summary>Trusted markup for the label; wins over <see cref="Text"/>.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>Extra classes, for example <c>govuk-label--l</c>.</summary>
    public string? Classes { get; init; }

    /// <summary>Wraps the label in the page's h1, for question pages with one question.</summary>
    public bool IsPageHeading { get; init; }

    /// <summary>Extra HTML attributes for the label.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>Hint text under a label or legend (the <c>hint</c> option).</summary>
public sealed record HintOptions
{
    /// <summary>The hint's text; ignored when <see cref="Html"/> is set.</summary>
    public string? Text { get; init; }

    /// <summary>Trusted markup for the hint; wins over <see cref="Text"/>.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>Extra classes for the hint.</summary>
    public string? Classes { get; init; }

    /// <summary>Extra HTML attributes for the hint.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>An inline error message (the <c>errorMessage</c> option); its presence marks the field as in error.</summary>
public sealed record ErrorMessageOptions
{
    /// <summary>The message; ignored when <see cref="Html"/> is set.</summary>
    public string? Text { get; init; }

    /// <summary>Trusted markup for the message; wins over <see cref="Text"/>.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>Extra classes for the message.</summary>
    public string? Classes { get; init; }

    /// <summary>Words only screen readers hear before the message; "Error" when not set, none when empty.</summary>
    public string? VisuallyHiddenText { get; init; }

    /// <summary>Extra HTML attributes for the message.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>The form group around a control (the <c>formGroup</c> option).</summary>
public sealed record FormGroupOptions
{
    /// <summary>Extra classes for the form group.</summary>
    public string? Classes { get; init; }

    /// <summary>Extra HTML attributes for the form group.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>A prefix or suffix shown inside an input's border, such as "£" (the <c>prefix</c> and <c>suffix</c> options).</summary>
public sealed record InputAffixOptions
{
    /// <summary>The text; ignored when <see cref="Html"/> is set.</summary>
    public string? Text { get; init; }

    /// <summary>Trusted markup; wins over <see cref="Text"/>.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>Extra classes.</summary>
    public string? Classes { get; init; }

    /// <summary>Extra HTML attributes.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>The wrapper an input gets when it has a prefix or suffix (the <c>inputWrapper</c> option).</summary>
public sealed record InputWrapperOptions
{
    /// <summary>Extra classes for the wrapper.</summary>
    public string? Classes { get; init; }

    /// <summary>Extra HTML attributes for the wrapper.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>The options of a fieldset that a component such as radios draws around its items (the <c>fieldset</c> option).</summary>
public sealed record FieldsetOptions
{
    /// <summary>The fieldset's legend.</summary>
    public LegendOptions? Legend { get; init; }

    /// <summary>Ids of elements that describe the fieldset, separated by spaces.</summary>
    public string? DescribedBy { get; init; }

    /// <summary>Extra classes for the fieldset.</summary>
    public string? Classes { get; init; }

    /// <summary>The fieldset's ARIA role.</summary>
    public string? Role { get; init; }

    /// <summary>Extra HTML attributes for the fieldset.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>A fieldset's legend.</summary>
public sealed record LegendOptions
{
    /// <summary>The legend's text; ignored when <see cref="Html"/> is set.</summary>
    public string? Text { get; init; }

    /// <summary>Trusted markup for the legend; wins over <see cref="Text"/>.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>Extra classes, for example <c>govuk-fieldset__legend--l</c>.</summary>
    public string? Classes { get; init; }

    /// <summary>Puts the legend's text in the page's h1.</summary>
    public bool IsPageHeading { get; init; }
}

/// <summary>One radio button, or a divider between them.</summary>
public sealed record RadiosItem
{
    /// <summary>The item's label text; ignored when <see cref="Html"/> is set.</summary>
    public string? Text { get; init; }

    /// <summary>Trusted markup for the label; wins over <see cref="Text"/>.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>The item's id; by default the id prefix, then the prefix and "-2", "-3"...</summary>
    public string? Id { get; init; }

    /// <summary>The value the form sends when this item is chosen.</summary>
    public string? Value { get; init; }

    /// <summary>Classes and attributes for the item's label.</summary>
    public RadiosItemLabel? Label { get; init; }

    /// <summary>A hint under the item's label.</summary>
    public HintOptions? Hint { get; init; }

    /// <summary>Text of a divider (such as "or") shown instead of an item.</summary>
    public string? Divider { get; init; }

    /// <summary>Whether the item is chosen; when not set, it is chosen if its value is the radios' value.</summary>
    public bool? Checked { get; init; }

    /// <summary>Whether the item cannot be chosen.</summary>
    public bool Disabled { get; init; }

    /// <summary>Content revealed when the item is chosen.</summary>
    public RadiosConditional? Conditional { get; init; }

    /// <summary>Extra HTML attributes for the item's input.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>Classes and attributes for a radio item's label (its text is the item's).</summary>
public sealed record RadiosItemLabel
{
    /// <summary>Extra classes for the label.</summary>
    public string? Classes { get; init; }

    /// <summary>Extra HTML attributes for the label.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>Content revealed under a chosen radio item (without JavaScript it is always shown).</summary>
public sealed record RadiosConditional
{
    /// <summary>Trusted markup to reveal.</summary>
    public RenderFragment? Html { get; init; }
}

/// <summary>One entry of an error summary, linking to the field in error.</summary>
public sealed record ErrorSummaryItem
{
    /// <summary>Where the link goes: <c>#</c> and the id of the field in error.</summary>
    public string? Href { get; init; }

    /// <summary>The message; ignored when <see cref="Html"/> is set.</summary>
    public string? Text { get; init; }

    /// <summary>Trusted markup for the message; wins over <see cref="Text"/>.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>Extra HTML attributes for the link.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}
