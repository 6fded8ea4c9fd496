using Microsoft.AspNetCore.Components;

namespace PBudget.Site.Components;

/// <summary>What GOV.UK Frontend's Nunjucks macros do in common, for the components that mirror them.</summary>
internal static class Govuk
{
    /// <summary>A macro's <c>html</c> wins over its <c>text</c>; text is always HTML-encoded.</summary>
    public static RenderFragment Content(string? text, RenderFragment? html) =>
        html ?? (builder => builder.AddContent(0, text));

    /// <summary>True when a Nunjucks template would treat the value as set (neither missing nor empty).</summary>
    public static bool Has(string? value) => !string.IsNullOrEmpty(value);

    /// <summary>Joins a base class with optional extra classes, skipping empty ones.</summary>
    public static string Classes(string baseClass, params ReadOnlySpan<string?> more)
    {
        var result = baseClass;
        foreach (var extra in more)
        {
            if (Has(extra))
            {
                result += " " + extra;
            }
        }

        return result;
    }

    /// <summary>The macro's <c>attributes</c> option in the shape Razor's <c>@attributes</c> splatting takes.</summary>
    public static IEnumerable<KeyValuePair<string, object>>? Attributes(IReadOnlyDictionary<string, string>? attributes) =>
        attributes?.Select(pair => new KeyValuePair<string, object>(pair.Key, pair.Value));
}
