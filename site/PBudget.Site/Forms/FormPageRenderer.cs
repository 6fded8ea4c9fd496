using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using PBudget.Site.Forms.Pages;
using PBudget.Site.Pipeline;

namespace PBudget.Site.Forms;

/// <summary>
/// Renders form pages to HTML for the function app, with the same components and page template as the static site.
/// One instance serves the app; the renderer's dispatcher runs one render at a time.
/// </summary>
public sealed class FormPageRenderer : IAsyncDisposable
{
    private readonly PageRenderer renderer;

    public FormPageRenderer(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        renderer = new PageRenderer(loggerFactory);
    }

    /// <summary>The whole page as HTML, starting with its doctype.</summary>
    public Task<string> RenderAsync(FormPageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return renderer.RenderPageAsync<FormPage, FormPageModel>(model);
    }

    public ValueTask DisposeAsync() => renderer.DisposeAsync();
}
