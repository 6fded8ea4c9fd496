using System.Text;
using PBudget.Core.Publishing;
using PBudget.Site.Pages;

namespace PBudget.Site.Pipeline;

/// <summary>One build in progress: what is being built, how pages are rendered, and a count of what was written.</summary>
internal sealed class SiteBuildContext(PublishedSite site, PageRenderer renderer, ISiteOutput output)
{
    private int pages;
    private int files;
    private long bytes;

    public PublishedSite Site { get; } = site;

    /// <summary>Renders a page and writes it where its link points.</summary>
    public async Task WritePageAsync<TPage, TModel>(string link, TModel model, CancellationToken cancellationToken)
        where TPage : SitePage<TModel>
        where TModel : class
    {
        var html = await renderer.RenderPageAsync<TPage, TModel>(model).ConfigureAwait(false);
        await WriteAsync(SitePaths.FileFor(link), Encoding.UTF8.GetBytes(html), ContentTypes.Html, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref pages);
    }

    /// <summary>Writes text as UTF-8 to a file path, with the content type its extension implies.</summary>
    public Task WriteTextAsync(string path, string text, CancellationToken cancellationToken) =>
        WriteAsync(path, Encoding.UTF8.GetBytes(text), ContentTypes.For(path), cancellationToken);

    /// <summary>Writes bytes to a file path, with the content type its extension implies.</summary>
    public Task WriteBytesAsync(string path, byte[] content, CancellationToken cancellationToken) =>
        WriteAsync(path, content, ContentTypes.For(path), cancellationToken);

    public SiteBuildReport Report() => new(pages, files, bytes);

    private async Task WriteAsync(string path, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        await output.WriteAsync(path, content, contentType, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref files);
        Interlocked.Add(ref bytes, content.Length);
    }
}
