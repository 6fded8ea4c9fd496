using System.CommandLine;
using PBudget.Cli.Commands;
using Spectre.Console;

namespace PBudget.Cli.Voting;

/// <summary>The options and error handling the voting commands share, worded as the other commands word them.</summary>
internal static class CliOptions
{
    /// <summary>Where <c>scripts/run.sh</c> serves the app.</summary>
    public static readonly Uri LocalApp = new("http://localhost:7071");

    /// <summary>The app's address: required, or <see cref="LocalApp"/> when not given.</summary>
    public static Option<Uri> Url(bool required)
    {
        var option = new Option<Uri>("--url")
        {
            Description = required ? "The PBudget app, for example http://localhost:7071." : $"The PBudget app (default {LocalApp.GetLeftPart(UriPartial.Authority)}).",
            Required = required,
            CustomParser = result => result.Tokens.Count == 0 && !required ? LocalApp : ParseUrl(result),
        };
        if (!required)
        {
            option.DefaultValueFactory = _ => LocalApp;
        }

        return option;
    }

    /// <summary>The app's address, or null when not given (the command then starts its own).</summary>
    public static Option<Uri?> OptionalUrl(string description) => new("--url")
    {
        Description = description,
        CustomParser = result => result.Tokens.Count == 0 ? null : ParseUrl(result),
    };

    public static Option<string?> Token() => new("--token")
    {
        Description = "An access token. Without it, the app's local sign-in is used (Development only).",
    };

    /// <summary>A refusal from the API, the network or the local set-up becomes a clear message and exit code 1, never a stack trace.</summary>
    public static async Task<int> Guard(IAnsiConsole console, Func<Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(action);
        return await CliApp.Guard(console, async () =>
        {
            try
            {
                return await action();
            }
            catch (LocalStackException error)
            {
                console.MarkupLine($"[red]{Markup.Escape(error.Message)}[/]");
                return 1;
            }
        });
    }

    private static Uri? ParseUrl(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        result.AddError($"'{text}' is not an http or https address, for example http://localhost:7071.");
        return null;
    }
}
