using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PBudget.Site.Pages;

namespace PBudget.Site.Pipeline;

/// <summary>Renders Razor components to HTML strings with the framework's <see cref="HtmlRenderer"/>, outside any web app.</summary>
internal sealed class PageRenderer : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly HtmlRenderer renderer;

    public PageRenderer(ILoggerFactory loggerFactory)
    {
        // The renderer takes its encoder from the services. Pages are UTF-8, so only characters that are special in
        // HTML need escaping: "£24,960" stays readable in the source, while "<" and "&" are still encoded.
        services = new ServiceCollection()
            .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
            .BuildServiceProvider();
        renderer = new HtmlRenderer(services, loggerFactory);
    }

    /// <summary>Renders a page from its model.</summary>
    public Task<string> RenderPageAsync<TPage, TModel>(TModel model)
        where TPage : SitePage<TModel>
        where TModel : class
    {
        ArgumentNullException.ThrowIfNull(model);

        // The only name-keyed step: ParameterView has no typed constructor, so it is done once, here, with nameof.
        return RenderAsync<TPage>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(SitePage<TModel>.Model)] = model }));
    }

    /// <summary>Renders any component with the given parameters.</summary>
    public Task<string> RenderAsync<TComponent>(ParameterView parameters)
        where TComponent : IComponent =>
        RenderAsync(typeof(TComponent), parameters);

    /// <summary>Renders a component chosen at run time (the conformance tests pick one per GOV.UK fixture file).</summary>
    public Task<string> RenderAsync(Type componentType, ParameterView parameters) =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync(componentType, parameters);
            return output.ToHtmlString();
        });

    public async ValueTask DisposeAsync()
    {
        await renderer.DisposeAsync();
        await services.DisposeAsync();
    }
}
