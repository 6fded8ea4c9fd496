using PBudget.Cli.Commands;
using Spectre.Console;

namespace PBudget.Cli.Tests;

/// <summary>Runs the real command tree in process and captures what a person would see.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var (console, writer) = Console();
        var exitCode = await CliApp.RunAsync(args, console);
        return (exitCode, writer.ToString());
    }

    /// <summary>A plain console, and what is written to it.</summary>
    public static (IAnsiConsole Console, StringWriter Output) Console()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return (console, writer);
    }
}
