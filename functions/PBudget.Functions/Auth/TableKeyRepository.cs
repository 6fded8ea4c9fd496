using System.Xml.Linq;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Auth;

/// <summary>
/// Keeps ASP.NET Core's Data Protection key ring in Table Storage, so that every instance of the function app reads the
/// same keys: a session cookie or anti-forgery token made by one instance is accepted by the next, and a restart does
/// not sign everybody out. One row per key, only ever inserted, so two instances creating keys at once cannot lose
/// each other's. See docs/adr/0008-azure-hosting.md.
/// </summary>
public sealed class TableKeyRepository(TableClient table) : IXmlRepository
{
    private const string Partition = "keys";

    /// <summary>Every key element stored, oldest first.</summary>
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        try
        {
            return table.Query<TableEntity>(row => row.PartitionKey == Partition)
                .Select(row => XElement.Parse(row.GetString("Xml")))
                .ToList();
        }
        catch (RequestFailedException missing) when (missing.Status == StatusCodes.Status404NotFound)
        {
            // Data Protection can read the ring at start-up before the storage initialiser has made the table.
            return [];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var row = new TableEntity(Partition, RowKey(friendlyName))
        {
            ["Xml"] = element.ToString(SaveOptions.DisableFormatting),
        };
        try
        {
            Add(row);
        }
        catch (RequestFailedException missing) when (missing.Status == StatusCodes.Status404NotFound)
        {
            table.CreateIfNotExists();
            Add(row);
        }
    }

    private void Add(TableEntity row)
    {
        try
        {
            table.AddEntity(row);
        }
        catch (RequestFailedException conflict) when (conflict.Status == StatusCodes.Status409Conflict)
        {
            // Key names are unique ids: a conflict is this same key stored again, by a retry.
        }
    }

    // Friendly names are "key-{guid}"; anything else is kept safe for a row key.
    private static string RowKey(string? friendlyName) =>
        string.IsNullOrEmpty(friendlyName) || friendlyName.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            ? Guid.NewGuid().ToString("N")
            : friendlyName;
}

/// <summary>Registration of the shared key ring.</summary>
public static class DataProtectionSetup
{
    /// <summary>The application name: all instances must agree on it, or they cannot read each other's cookies.</summary>
    public const string ApplicationName = "PBudget";

    public static IServiceCollection AddPBudgetDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<StorageClients>((options, storage) => options.XmlRepository = new TableKeyRepository(storage.Table(StorageNames.DataProtectionKeysTable)));
        return services;
    }
}
