using System.ComponentModel.DataAnnotations;

namespace PBudget.Functions.Storage;

/// <summary>Where the app's tables and queues live.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// A connection string (Azurite locally). In Azure leave it empty and set the service URIs:
    /// the app then signs in with its managed identity, as shared-key access is off.
    /// </summary>
    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary>
    /// Prepended to every table and queue name. Empty in production; tests give each app instance its
    /// own prefix so that they can share one Azurite without seeing each other's data.
    /// </summary>
    [RegularExpression("^[a-z][a-z0-9]{0,15}$|^$", ErrorMessage = "The storage name prefix must be lowercase letters and digits, starting with a letter, at most 16 characters.")]
    public string NamePrefix { get; set; } = "";

    public string TableName(string baseName) => NamePrefix + baseName;

    public string QueueName(string baseName) => NamePrefix + baseName.ToLowerInvariant();
}
