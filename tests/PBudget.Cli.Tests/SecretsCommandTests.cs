using PBudget.Cli.Deploy;

namespace PBudget.Cli.Tests;

/// <summary>
/// azd's post-provision hook. Key Vault cannot run here, so the rules run against a store in memory; the Key Vault adapter
/// is the SDK's own get and set.
/// </summary>
public sealed class SecretsCommandTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private sealed class MemoryStore : ISecretStore
    {
        public Dictionary<string, string> Secrets { get; } = [];

        public List<string> Writes { get; } = [];

        public Task<string?> GetAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(Secrets.TryGetValue(name, out var value) ? value : null);

        public Task SetAsync(string name, string value, CancellationToken cancellationToken)
        {
            Secrets[name] = value;
            Writes.Add(name);
            return Task.CompletedTask;
        }
    }

    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public async Task A_new_vault_gets_a_voter_key_secret_of_32_random_bytes()
    {
        var first = new MemoryStore();
        var second = new MemoryStore();

        var results = await AppSecrets.EnsureAsync(first, NoEnvironment, Cancel);
        await AppSecrets.EnsureAsync(second, NoEnvironment, Cancel);

        Assert.Contains((AppSecrets.VoterKeySecret, SecretOutcome.Generated, (string?)null), results);
        Assert.Equal(32, Convert.FromBase64String(first.Secrets[AppSecrets.VoterKeySecret]).Length);
        Assert.NotEqual(first.Secrets[AppSecrets.VoterKeySecret], second.Secrets[AppSecrets.VoterKeySecret]);
    }

    [Fact]
    public async Task An_existing_voter_key_secret_is_never_replaced()
    {
        var store = new MemoryStore();
        store.Secrets[AppSecrets.VoterKeySecret] = "the one every issued code depends on";

        var results = await AppSecrets.EnsureAsync(store, NoEnvironment, Cancel);

        Assert.Equal("the one every issued code depends on", store.Secrets[AppSecrets.VoterKeySecret]);
        Assert.DoesNotContain(AppSecrets.VoterKeySecret, store.Writes);
        Assert.Equal(SecretOutcome.Kept, results.Single(r => r.Name == AppSecrets.VoterKeySecret).Outcome);
    }

    [Fact]
    public async Task Given_secrets_are_stored_changed_ones_replaced_and_missing_ones_reported_with_how_to_set_them()
    {
        var store = new MemoryStore();
        store.Secrets["staff-signin-client-secret"] = "old";
        store.Secrets["resident-signin-client-secret"] = "same";
        var environment = new Dictionary<string, string?>
        {
            ["STAFF_SIGNIN_CLIENT_SECRET"] = "new",
            ["RESIDENT_SIGNIN_CLIENT_SECRET"] = "same",
        };

        var results = await AppSecrets.EnsureAsync(store, name => environment.GetValueOrDefault(name), Cancel);

        Assert.Equal("new", store.Secrets["staff-signin-client-secret"]);
        Assert.Equal(SecretOutcome.Updated, results.Single(r => r.Name == "staff-signin-client-secret").Outcome);
        Assert.DoesNotContain("resident-signin-client-secret", store.Writes);
        var notify = results.Single(r => r.Name == "notify-api-key");
        Assert.Equal(SecretOutcome.Missing, notify.Outcome);
        Assert.Contains("azd env set NOTIFY_API_KEY", notify.Note, StringComparison.Ordinal);
        Assert.False(store.Secrets.ContainsKey("notify-api-key"));
    }

    [Fact]
    public async Task The_command_prints_what_it_did_and_never_a_value()
    {
        var store = new MemoryStore();
        var (console, output) = CliRunner.Console();

        var exitCode = await SecretsCommand.Build(console, _ => store).Parse(["ensure", "--vault", "https://kv-test.vault.azure.net/"]).InvokeAsync(cancellationToken: Cancel);

        Assert.Equal(0, exitCode);
        Assert.Contains("voter-key-secret: generated", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("notify-api-key: missing", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(store.Secrets[AppSecrets.VoterKeySecret], output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vault_address_that_is_not_https_is_refused_before_anything_is_written()
    {
        var store = new MemoryStore();
        var (console, _) = CliRunner.Console();

        var exitCode = await SecretsCommand.Build(console, _ => store).Parse(["ensure", "--vault", "http://kv-test.vault.azure.net/"]).InvokeAsync(cancellationToken: Cancel);

        Assert.NotEqual(0, exitCode);
        Assert.Empty(store.Writes);
    }

    [Fact]
    public async Task An_unreachable_vault_gets_a_one_line_message_and_exit_code_1()
    {
        // Nothing listens on this loopback port: the real Key Vault client fails to connect, retries, and gives up.
        var vault = $"https://127.0.0.1:{PBudget.Testing.FreePorts.Next()}/";

        var (exitCode, output) = await CliRunner.RunAsync("secrets", "ensure", "--vault", vault);

        Assert.Equal(1, exitCode);
        Assert.Contains($"Could not reach Key Vault at {vault}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
