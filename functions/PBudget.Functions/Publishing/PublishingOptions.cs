using System.ComponentModel.DataAnnotations;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace PBudget.Functions.Publishing;

/// <summary>Where the generated site goes: a local folder (local runs) or a blob container (Azure's static website).</summary>
public sealed class PublishingOptions : IValidatableObject
{
    public const string SectionName = "Publishing";

    /// <summary>A folder to write the site into; in Development the app also serves it at <c>/</c>.</summary>
    public string? OutputFolder { get; set; }

    /// <summary>The Blob service of the storage account that hosts the static website (identity access in Azure).</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>A connection string for the Blob service, for Azurite.</summary>
    public string? BlobConnectionString { get; set; }

    /// <summary>The container to write to; a storage static website serves <c>$web</c>.</summary>
    public string ContainerName { get; set; } = "$web";

    /// <summary>Serve <see cref="OutputFolder"/> at the app's root, so the site and the API share one origin locally.</summary>
    public bool ServeOutputFolder { get; set; }

    /// <summary>Whether the site goes to a blob container, from which <c>/api/site</c> serves it (Azure).</summary>
    public bool UsesBlobContainer => string.IsNullOrWhiteSpace(OutputFolder);

    /// <summary>The blob container the site is published to (identity access unless a connection string is given).</summary>
    public BlobContainerClient SiteContainer()
    {
        var service = !string.IsNullOrWhiteSpace(BlobConnectionString)
            ? new BlobServiceClient(BlobConnectionString)
            : new BlobServiceClient(BlobServiceUri, new DefaultAzureCredential());
        return service.GetBlobContainerClient(ContainerName);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var targets = (string.IsNullOrWhiteSpace(OutputFolder) ? 0 : 1) + (BlobServiceUri is null && string.IsNullOrWhiteSpace(BlobConnectionString) ? 0 : 1);
        if (targets != 1)
        {
            yield return new ValidationResult(
                "Set exactly one place to publish the site: Publishing:OutputFolder, or Publishing:BlobServiceUri (or BlobConnectionString) with ContainerName.",
                [nameof(OutputFolder), nameof(BlobServiceUri)]);
        }

        if (ServeOutputFolder && string.IsNullOrWhiteSpace(OutputFolder))
        {
            yield return new ValidationResult("Publishing:ServeOutputFolder needs Publishing:OutputFolder.", [nameof(ServeOutputFolder)]);
        }
    }
}
