using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace PBudget.Site.Components;

/// <summary>An <c>h1</c> to <c>h6</c> whose level is a parameter, which Razor markup cannot express directly.</summary>
public sealed class HeadingElement : ComponentBase
{
    /// <summary>The heading level, 1 to 6.</summary>
    [Parameter] public int Level { get; set; } = 2;

    /// <summary>The heading's classes.</summary>
    [Parameter] public string? Class { get; set; }

    /// <summary>The heading's content.</summary>
    [Parameter] public RenderFragment? ChildContent { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (Level is < 1 or > 6)
        {
            throw new InvalidOperationException($"A heading level must be 1 to 6, not {Level}.");
        }

        builder.OpenElement(0, "h" + Level.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.AddAttribute(1, "class", Class);
        builder.AddContent(2, ChildContent);
        builder.CloseElement();
    }
}
