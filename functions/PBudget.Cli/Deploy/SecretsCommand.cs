using System.CommandLine;
using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using PBudget.Cli.Commands;
using Spectre.Console;

namespace PBudget.Cli.Deploy;

/// <summary><c>pbudget secrets ensure</c>: azd's post-provision hook, which fills the Key Vault the app reads its secrets from.</summary>
internal static class SecretsCommand
{
    public static Command Build(IAnsiConsole console, Func<Uri, ISecretStore>? storeFactory = null)
    {
        var vault = new Option<Uri>("--vault")
        {
            Description = "The Key Vault's address, for example https://kv-abc123.vault.azure.net/ (azd's AZURE_KEY_VAULT_ENDPOINT).",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps)
                {
                    return url;
                }

                result.AddError($"'{text}' is not a Key Vault address, such as https://kv-abc123.vault.azure.net/.");
                return null;
            },
        };
        var ensure = new Command("ensure", "Create the voter key secret if it is missing (never replace it), and store the secrets given in the environment.") { vault };
        ensure.SetAction((parse, cancellationToken) => CliApp.Guard(console, async () =>
        {
            var store = (storeFactory ?? (url => new KeyVaultSecretStore(url)))(parse.GetValue(vault)!);
            IReadOnlyList<(string Name, SecretOutcome Outcome, string? Note)> results;
            try
            {
                results = await AppSecrets.EnsureAsync(store, Environment.GetEnvironmentVariable, cancellationToken);
            }
            catch (AuthenticationFailedException)
            {
                console.MarkupLine("[red]Could not sign in to Azure: run `azd auth login` (or `az login`) and try again.[/]");
                return 1;
            }
            catch (RequestFailedException refused) when (refused.Status == 403)
            {
                console.MarkupLine("[red]Key Vault refused: the signed-in person needs the Key Vault Secrets Officer role on it (main.bicep grants it to AZURE_PRINCIPAL_ID).[/]");
                return 1;
            }
            catch (RequestFailedException failed)
            {
                var where = Markup.Escape(parse.GetValue(vault)!.ToString());
                var why = Markup.Escape(failed.Message.Split('\n')[0]);
                console.MarkupLine(failed.Status == 0 ? $"[red]Could not reach Key Vault at {where}: {why}[/]" : $"[red]Key Vault at {where} answered {failed.Status}: {why}[/]");
                return 1;
            }
            catch (AggregateException unreachable) when (unreachable.InnerExceptions.All(e => e is RequestFailedException))
            {
                // The SDK retries a failed connection and then reports every attempt.
                console.MarkupLine($"[red]Could not reach Key Vault at {Markup.Escape(parse.GetValue(vault)!.ToString())}: {Markup.Escape(unreachable.InnerExceptions[0].Message.Split('\n')[0])}[/]");
                return 1;
            }

            foreach (var (name, outcome, note) in results)
            {
                var colour = outcome == SecretOutcome.Missing ? "yellow" : "green";
                console.MarkupLine($"[{colour}]{Markup.Escape(name)}: {outcome.ToString().ToLowerInvariant()}[/]{(note is null ? "" : " (" + Markup.Escape(note) + ")")}");
            }

            return 0;
        }));
        var secrets = new Command("secrets", "The function app's secrets in Key Vault.");
        secrets.Subcommands.Add(ensure);
        return secrets;
    }

    /// <summary>Key Vault, signed in as whoever runs azd (DefaultAzureCredential includes the azd and az sign-ins).</summary>
    private sealed class KeyVaultSecretStore(Uri vault) : ISecretStore
    {
        private readonly SecretClient client = new(vault, new DefaultAzureCredential());

        public async Task<string?> GetAsync(string name, CancellationToken cancellationToken)
        {
            try
            {
                return (await client.GetSecretAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Value;
            }
            catch (RequestFailedException missing) when (missing.Status == 404)
            {
                return null;
            }
        }

        public Task SetAsync(string name, string value, CancellationToken cancellationToken) =>
            client.SetSecretAsync(name, value, cancellationToken);
    }
}
