using PBudget.Cli.Commands;
using Spectre.Console;

return await CliApp.RunAsync(args, AnsiConsole.Console);
