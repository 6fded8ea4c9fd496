using System.Security.Cryptography;

namespace PBudget.Cli.Deploy;

/// <summary>Where the app's secrets are kept (Key Vault in Azure); an interface so the rules below can be tested here.</summary>
internal interface ISecretStore
{
    /// <summary>The secret's current value, or null if there is none.</summary>
    Task<string?> GetAsync(string name, CancellationToken cancellationToken);

    Task SetAsync(string name, string value, CancellationToken cancellationToken);
}

/// <summary>What happened to one secret.</summary>
internal enum SecretOutcome
{
    /// <summary>Made now, from random bytes.</summary>
    Generated,

    /// <summary>Already there and left alone.</summary>
    Kept,

    /// <summary>Written from the value given in the environment.</summary>
    Updated,

    /// <summary>Neither stored nor given: the feature that needs it will not start.</summary>
    Missing,
}

/// <summary>
/// The secrets the function app reads from Key Vault (infra/main.bicep names them) and how each is made. The voter key
/// secret is generated once and never replaced: a new one would make every issued voting code unusable and let account
/// voters vote twice. The others come from the operator through the azd environment.
/// </summary>
internal static class AppSecrets
{
    public const string VoterKeySecret = "voter-key-secret";

    /// <summary>Secrets given by the operator: Key Vault name and the azd environment variable it is read from.</summary>
    public static readonly IReadOnlyList<(string Name, string Variable, string NeededFor)> Given =
    [
        ("notify-api-key", "NOTIFY_API_KEY", "emailing residents through GOV.UK Notify"),
        ("staff-signin-client-secret", "STAFF_SIGNIN_CLIENT_SECRET", "staff signing in with a browser"),
        ("resident-signin-client-secret", "RESIDENT_SIGNIN_CLIENT_SECRET", "residents signing in with a browser"),
    ];

    /// <summary>Makes sure every secret exists; never prints or returns a value.</summary>
    public static async Task<IReadOnlyList<(string Name, SecretOutcome Outcome, string? Note)>> EnsureAsync(
        ISecretStore store, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(environment);
        var results = new List<(string, SecretOutcome, string?)>();
        if (await store.GetAsync(VoterKeySecret, cancellationToken).ConfigureAwait(false) is null)
        {
            await store.SetAsync(VoterKeySecret, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancellationToken).ConfigureAwait(false);
            results.Add((VoterKeySecret, SecretOutcome.Generated, null));
        }
        else
        {
            results.Add((VoterKeySecret, SecretOutcome.Kept, "never replaced: a new one would void every issued code"));
        }

        foreach (var (name, variable, neededFor) in Given)
        {
            var given = environment(variable);
            var stored = await store.GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(given) && given != stored)
            {
                await store.SetAsync(name, given, cancellationToken).ConfigureAwait(false);
                results.Add((name, SecretOutcome.Updated, $"from {variable}"));
            }
            else if (stored is not null)
            {
                results.Add((name, SecretOutcome.Kept, null));
            }
            else
            {
                results.Add((name, SecretOutcome.Missing, $"needed for {neededFor}: `azd env set {variable} <value>`, then `azd provision`"));
            }
        }

        return results;
    }
}
