using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PBudget.Site;

namespace PBudget.Functions.Publishing;

/// <summary>
/// Serves the published site from its blob container, in Azure. Azure Static Web Apps holds only its configuration and
/// sends every page request here (a navigation fallback rewritten to <c>/api/site</c>, with the address asked for in
/// <c>x-ms-original-url</c>), so a publication is live the moment the publish function has written it, and the pages
/// share an origin with the forms. Locally the app serves the output folder instead. See docs/adr/0008-azure-hosting.md.
/// </summary>
public static class SiteFilesApi
{
    public const string Path = SitePaths.AppSiteFiles;

    /// <summary>The header Static Web Apps sets to the address the browser asked for, before the rewrite.</summary>
    public const string OriginalUrlHeader = "x-ms-original-url";

    public static IEndpointRouteBuilder MapSiteFiles(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<PublishingOptions>>().Value;
        if (options.UsesBlobContainer)
        {
            var container = options.SiteContainer();
            endpoints.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], (HttpContext context, CancellationToken cancellationToken) => ServeAsync(container, context, cancellationToken))
                .AllowAnonymous()
                .ExcludeFromDescription();
        }

        return endpoints;
    }

    private static async Task<IResult> ServeAsync(BlobContainerClient container, HttpContext context, CancellationToken cancellationToken)
    {
        var requested = RequestedPath(context.Request);
        if (requested is null)
        {
            return await NotFoundAsync(container, context, cancellationToken).ConfigureAwait(false);
        }

        var file = SitePaths.FileFor(requested);
        var served = await TryServeAsync(container, file, StatusCodes.Status200OK, context, cancellationToken).ConfigureAwait(false);
        if (served is not null)
        {
            return served;
        }

        // A folder asked for without its slash: send the browser to the folder, as static hosts do, so relative links work.
        if (!requested.EndsWith('/') && !System.IO.Path.HasExtension(requested)
            && await container.GetBlobClient(SitePaths.FileFor(requested + "/")).ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return TypedResults.Redirect(requested + "/" + OriginalQuery(context.Request), permanent: true);
        }

        return await NotFoundAsync(container, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The site path asked for (root-relative, unescaped), or null when it could never name a published file.</summary>
    internal static string? RequestedPath(HttpRequest request)
    {
        var original = request.Headers[OriginalUrlHeader].ToString();
        if (string.IsNullOrEmpty(original))
        {
            return "/";
        }

        var path = Uri.TryCreate(original, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath
            : Uri.TryCreate(new Uri("https://site.invalid"), original, out var relative) ? relative.AbsolutePath
            : null;
        if (path is null)
        {
            return null;
        }

        path = Uri.UnescapeDataString(path);
        if (path.StartsWith(Path + "/", StringComparison.OrdinalIgnoreCase) || path.Equals(Path, StringComparison.OrdinalIgnoreCase))
        {
            // Asked for the endpoint itself (no rewrite happened): that is the home page.
            return "/";
        }

        var file = SitePaths.FileFor(path);
        try
        {
            if (file.Length > 0)
            {
                SitePaths.EnsureRelativeFilePath(file);
            }
        }
        catch (ArgumentException)
        {
            return null;
        }

        return path;
    }

    private static string OriginalQuery(HttpRequest request)
    {
        var original = request.Headers[OriginalUrlHeader].ToString();
        return Uri.TryCreate(original, UriKind.Absolute, out var absolute) ? absolute.Query
            : Uri.TryCreate(new Uri("https://site.invalid"), original, out var relative) ? relative.Query
            : "";
    }

    private static async Task<IResult?> TryServeAsync(BlobContainerClient container, string file, int status, HttpContext context, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(file);
        try
        {
            var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var details = response.Value.Details;
            var headers = context.Response.GetTypedHeaders();
            context.Response.Headers.CacheControl = details.CacheControl ?? "public, max-age=60";
            context.Response.Headers.ETag = details.ETag.ToString("H");
            context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers.LastModified = details.LastModified;
            var contentType = details.ContentType ?? "application/octet-stream";
            if (status == StatusCodes.Status200OK && context.Request.Headers.IfNoneMatch.ToString() == details.ETag.ToString("H"))
            {
                // The body is streamed, so disposing it unread costs almost nothing.
                await response.Value.Content.DisposeAsync().ConfigureAwait(false);
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }

            if (HttpMethods.IsHead(context.Request.Method))
            {
                await response.Value.Content.DisposeAsync().ConfigureAwait(false);
                context.Response.ContentLength = details.ContentLength;
                return TypedResults.Content(null, contentType, statusCode: status);
            }

            return new BlobResult(response.Value.Content, contentType, details.ContentLength, status);
        }
        catch (RequestFailedException missing) when (missing.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    private static async Task<IResult> NotFoundAsync(BlobContainerClient container, HttpContext context, CancellationToken cancellationToken) =>
        await TryServeAsync(container, SitePaths.NotFoundFile, StatusCodes.Status404NotFound, context, cancellationToken).ConfigureAwait(false)
        ?? TypedResults.Problem(
            "Nothing is published at this address. If the site has never been published, an officer or admin can publish it from the staff console.",
            statusCode: StatusCodes.Status404NotFound,
            title: "Page not found.");

    /// <summary>Streams a blob's content with its status, type and length.</summary>
    private sealed class BlobResult(Stream content, string contentType, long length, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            await using (content.ConfigureAwait(false))
            {
                httpContext.Response.StatusCode = status;
                httpContext.Response.ContentType = contentType;
                httpContext.Response.ContentLength = length;
                await content.CopyToAsync(httpContext.Response.Body, httpContext.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
