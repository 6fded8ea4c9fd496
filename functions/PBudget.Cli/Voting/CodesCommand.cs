using System.CommandLine;
using System.Globalization;
using System.Text;
using PBudget.Cli.Commands;
using PBudget.Cli.Demo;
using Spectre.Console;

namespace PBudget.Cli.Voting;

/// <summary><c>pbudget codes issue</c>: voting codes for a ward, written for a mail merge and, if asked, as printable cards.</summary>
internal static class CodesCommand
{
    // Excel and Word take a CSV without a byte order mark for the local code page, which garbles names like Ynys Môn.
    private static readonly UTF8Encoding CsvEncoding = new(encoderShouldEmitUTF8Identifier: true);

    private static readonly UTF8Encoding HtmlEncoding = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Build(IAnsiConsole console, Func<Uri, HttpClient> httpFactory)
    {
        var scheme = new Option<string>("--scheme") { Description = "The scheme id.", Required = true };
        var ward = new Option<string>("--ward") { Description = "The ward code, for example E05000001.", Required = true };
        var count = new Option<int>("--count") { Description = "How many codes to issue (1 to 10,000 at a time).", Required = true };
        var url = CliOptions.Url(required: false);
        var token = CliOptions.Token();
        var output = new Option<FileInfo?>("--out") { Description = "The CSV file to write (default: codes-SCHEME-WARD-TIME.csv here). Never overwritten." };
        var sheets = new Option<FileInfo?>("--sheets") { Description = "Also write a printable HTML sheet: one card per code, four to an A4 page. Never overwritten." };

        var issue = new Command("issue", "Issue voting codes for a ward and write them out. The codes exist in clear only in these files: keep them safe.")
        {
            scheme, ward, count, url, token, output, sheets,
        };
        issue.SetAction((parse, cancellationToken) => CliOptions.Guard(console, async () =>
        {
            var schemeId = parse.GetValue(scheme)!;
            var wardCode = parse.GetValue(ward)!;
            var app = parse.GetValue(url)!;
            var csvFile = parse.GetValue(output)
                ?? new FileInfo($"codes-{schemeId}-{wardCode}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv");
            var sheetFile = parse.GetValue(sheets);

            // Checked before any code is issued: codes that cannot be written are lost for good.
            FileInfo[] files = sheetFile is null ? [csvFile] : [csvFile, sheetFile];
            foreach (var file in files)
            {
                if (CannotWrite(file) is { } problem)
                {
                    console.MarkupLine($"[red]{Markup.Escape(problem)}[/]");
                    return 1;
                }
            }

            using var http = httpFactory(app);
            var api = new PBudgetApiClient(http);
            if (parse.GetValue(token) is { } given)
            {
                api.UseToken(given);
            }
            else
            {
                await api.UseLocalSignInAsync(DemoScheme.AdminUserId, cancellationToken);
            }

            var voting = new VotingApiClient(http);
            var schemeName = await voting.GetSchemeNameAsync(schemeId, cancellationToken);
            var batch = await voting.IssueCodesAsync(schemeId, wardCode, parse.GetValue(count), cancellationToken);
            var letters = new CodeLetters(schemeId, schemeName, batch, CodeLetters.VoteUrlFor(app, schemeId, wardCode));
            try
            {
                await Write(csvFile, CodeFiles.Csv(letters), CsvEncoding, cancellationToken);
                if (sheetFile is not null)
                {
                    await Write(sheetFile, CodeFiles.Sheet(letters), HtmlEncoding, cancellationToken);
                }
            }
            catch (IOException error)
            {
                console.MarkupLine($"[red]Batch {Markup.Escape(batch.Batch)} of {batch.Count:N0} codes was issued but could not be written: {Markup.Escape(error.Message)}[/]");
                console.MarkupLine("[red]Those codes cannot be shown again. They stay unused in the ward's reconciliation; issue a new batch.[/]");
                return 1;
            }

            console.MarkupLine($"Issued {batch.Count:N0} codes for {Markup.Escape(batch.WardName)} ({Markup.Escape(batch.WardCode)}), batch {Markup.Escape(batch.Batch)}.");
            console.MarkupLine($"Wrote {Markup.Escape(csvFile.FullName)}{(sheetFile is null ? "" : $" and {Markup.Escape(sheetFile.FullName)}")}.");
            console.MarkupLine("These codes cannot be shown again: keep the files safe, and delete them once the letters are printed.");
            return 0;
        }));

        var codes = new Command("codes", "Voting codes for residents without an account.");
        codes.Subcommands.Add(issue);
        return codes;
    }

    private static string? CannotWrite(FileInfo file)
    {
        if (file.Exists)
        {
            return $"{file.FullName} exists already; choose another file, so that no codes are overwritten.";
        }

        return file.Directory is { Exists: false } folder ? $"There is no folder {folder.FullName}." : null;
    }

    private static async Task Write(FileInfo file, string text, Encoding encoding, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file.FullName, FileMode.CreateNew, FileAccess.Write);
        await using var writer = new StreamWriter(stream, encoding);
        await writer.WriteAsync(text.AsMemory(), cancellationToken);
    }
}
