using System.Xml.Linq;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using PBudget.Functions.Auth;
using PBudget.Functions.Storage;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Auth;

/// <summary>
/// Every instance of the function app must read the others' session cookies and anti-forgery tokens: the key ring is in
/// Table Storage. Two app instances sharing one storage prefix stand in for two instances in Azure.
/// </summary>
public sealed class SharedKeyRingTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task What_one_instance_protects_another_instance_can_read_even_after_the_first_has_stopped()
    {
        string protectedText;
        string prefix;
        await using (var first = new PBudgetApp(azurite))
        {
            prefix = first.Prefix;
            protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("session").Protect("Rita Resident");
        }

        await using var second = new PBudgetApp(azurite, prefix: prefix);
        await using var stranger = new PBudgetApp(azurite);

        Assert.Equal("Rita Resident", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("session").Unprotect(protectedText));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(
            () => stranger.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("session").Unprotect(protectedText));
    }

    [Fact]
    public async Task The_repository_keeps_each_key_once_and_reads_nothing_from_a_table_not_yet_made()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("k" + Guid.NewGuid().ToString("N")[..12] + StorageNames.DataProtectionKeysTable);
        var repository = new TableKeyRepository(table);
        var key = new XElement("key", new XAttribute("id", "0d6a3f1e-0000-4000-8000-000000000001"), new XElement("secret", "material"));

        Assert.Empty(repository.GetAllElements());
        repository.StoreElement(key, "key-0d6a3f1e-0000-4000-8000-000000000001");
        repository.StoreElement(key, "key-0d6a3f1e-0000-4000-8000-000000000001");

        var stored = Assert.Single(repository.GetAllElements());
        Assert.Equal(key.ToString(), stored.ToString());
        await table.DeleteAsync(Cancel);
    }
}
