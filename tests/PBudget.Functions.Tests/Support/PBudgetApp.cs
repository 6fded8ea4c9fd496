using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PBudget.Functions.Auth;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Support;

/// <summary>
/// The real app in memory against a real Azurite. Each instance gets its own table and queue prefix and
/// site folder, so tests can share one Azurite. Tokens are signed by the app's own local issuer and go
/// through Microsoft.Identity.Web's JWT validation unchanged.
/// </summary>
public sealed class PBudgetApp(
    AzuriteFixture azurite, string environment = "Development", IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? prefix = null)
    : WebApplicationFactory<Program>
{
    public static readonly LocalUser Admin = new("0a6b3c58-0000-4000-8000-000000000001", "Ada Admin", [Roles.Admin]);
    public static readonly LocalUser Officer = new("0a6b3c58-0000-4000-8000-000000000002", "Otto Officer", [Roles.Officer]);
    public static readonly LocalUser Councillor = new("0a6b3c58-0000-4000-8000-000000000003", "Cllr Cass", [Roles.Councillor]);
    public static readonly LocalUser OtherCouncillor = new("0a6b3c58-0000-4000-8000-000000000004", "Cllr Other", [Roles.Councillor]);

    /// <summary>A signed-in person with no app role, such as a resident.</summary>
    public static readonly LocalUser NoRole = new("0a6b3c58-0000-4000-8000-000000000005", "Rita Resident", []);

    /// <summary>The storage name prefix; a second app given the first's prefix shares its data, as two instances in Azure would.</summary>
    public string Prefix { get; } = prefix ?? "t" + Guid.NewGuid().ToString("N")[..12];

    public string SiteFolder { get; } = Path.Combine(Path.GetTempPath(), "pbudget-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Where notifications to residents land as .eml files.</summary>
    public string MailboxFolder { get; } = Path.Combine(Path.GetTempPath(), "pbudget-tests", Guid.NewGuid().ToString("N") + "-mailbox");

    public HttpClient ClientFor(LocalUser? user)
    {
        var client = CreateClient();

        // These tests check what happens, never how fast: the integrity tests' 200 racing requests can take longer than
        // HttpClient's default 100 s when every test project shares two busy cores.
        client.Timeout = TimeSpan.FromMinutes(10);
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Services.GetRequiredService<LocalTokenIssuer>().Issue(user));
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Storage:ConnectionString", azurite.ConnectionString);
        builder.UseSetting("Storage:NamePrefix", Prefix);
        builder.UseSetting("Publishing:OutputFolder", SiteFolder);
        builder.UseSetting("Publishing:ServeOutputFolder", "false");
        builder.UseSetting("Notifications:MailboxFolder", MailboxFolder);

        // HTTP tests drive the queue function directly; the dispatcher has its own tests.
        builder.UseSetting("LocalQueueDispatcher:Enabled", "false");

        // Every environment needs the voter key secret; Development has one in its settings, others would get it from Key Vault.
        builder.UseSetting("Voting:VoterKeySecret", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("a test-only voter key secret, 32 bytes or more")));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }
}
