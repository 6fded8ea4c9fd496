using Microsoft.AspNetCore.Components;

namespace PBudget.Site.Components;

/// <summary>One cell of a <see cref="Table"/>, in its head or its body.</summary>
public sealed record TableCell
{
    /// <summary>The cell's text; ignored when <see cref="Html"/> is set.</summary>
    public string? Text { get; init; }

    /// <summary>Trusted markup for the cell; wins over <see cref="Text"/>.</summary>
    public RenderFragment? Html { get; init; }

    /// <summary>The cell's format; GOV.UK Frontend has <c>numeric</c>, which right-aligns numbers.</summary>
    public string? Format { get; init; }

    /// <summary>Extra classes for the cell.</summary>
    public string? Classes { get; init; }

    /// <summary>How many columns the cell spans.</summary>
    public int? Colspan { get; init; }

    /// <summary>How many rows the cell spans.</summary>
    public int? Rowspan { get; init; }

    /// <summary>Extra HTML attributes for the cell.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>A right-aligned numeric cell.</summary>
    public static TableCell Numeric(string text) => new() { Text = text, Format = "numeric" };
}
