using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using PBudget.Site;

namespace PBudget.Functions.Publishing;

/// <summary>Writes the site to a blob container (the storage account's static website), with content types and short caching.</summary>
public sealed class BlobSiteOutput(BlobContainerClient container) : ISiteOutput
{
    public async Task WriteAsync(string relativePath, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(relativePath);
        await blob.UploadAsync(
            BinaryData.FromBytes(content),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders
                {
                    ContentType = contentType,

                    // Pages change when budgets change: let browsers and the CDN revalidate often.
                    CacheControl = contentType.StartsWith("text/html", StringComparison.Ordinal) ? "public, max-age=60" : "public, max-age=3600",
                },
            },
            cancellationToken).ConfigureAwait(false);
    }
}
