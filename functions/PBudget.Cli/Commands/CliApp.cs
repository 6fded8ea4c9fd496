using System.CommandLine;
using PBudget.Cli.Demo;
using PBudget.Core.Publishing;
using PBudget.Core.Wards;
using PBudget.Site;
using Spectre.Console;

namespace PBudget.Cli.Commands;

/// <summary>The <c>pbudget</c> command tree. Each action writes to the given console, so tests can read what a person sees.</summary>
internal static class CliApp
{
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, Func<Uri, HttpClient>? httpFactory = null) =>
        Build(console, httpFactory ?? (url => new HttpClient { BaseAddress = url })).Parse(args).InvokeAsync();

    public static RootCommand Build(IAnsiConsole console, Func<Uri, HttpClient> httpFactory)
    {
        var root = new RootCommand("pbudget: run and audit a participatory budgeting scheme from the command line.");
        root.Subcommands.Add(SeedCommand(console, httpFactory));
        root.Subcommands.Add(WardsCommand(console, httpFactory));
        root.Subcommands.Add(SiteCommand(console));
        root.Subcommands.Add(Counting.CountCommand.Build(console));
        var bench = Counting.BenchCommand.Build(console);
        bench.Subcommands.Add(Voting.BallotBenchCommand.Build(console));
        root.Subcommands.Add(bench);
        root.Subcommands.Add(Voting.CodesCommand.Build(console, httpFactory));
        root.Subcommands.Add(Deploy.SecretsCommand.Build(console));
        return root;
    }

    private static Option<Uri> UrlOption() => new("--url")
    {
        Description = "The PBudget app, for example http://localhost:7071.",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                return url;
            }

            result.AddError($"'{text}' is not an http or https address, for example http://localhost:7071.");
            return null;
        },
    };

    private static Option<string?> TokenOption() => new("--token")
    {
        Description = "An access token. Without it, the app's local sign-in is used (Development only).",
    };

    private static Command SeedCommand(IAnsiConsole console, Func<Uri, HttpClient> httpFactory)
    {
        var url = UrlOption();
        var token = TokenOption();
        var command = new Command("seed", "Create the demo scheme (Riverside, 12 wards), assign the demo councillor and publish. Safe to run again: nothing is duplicated.")
        {
            url, token,
        };
        command.SetAction((parse, cancellationToken) => Guard(console, async () =>
        {
            using var http = httpFactory(parse.GetValue(url)!);
            var api = await SignInAsync(http, parse.GetValue(token), DemoScheme.AdminUserId, cancellationToken);
            var created = await api.CreateSchemeIfMissingAsync(DemoScheme.CreateRequest, cancellationToken);
            console.MarkupLine(created ? $"Created the demo scheme [bold]{DemoScheme.Id}[/]." : $"The demo scheme [bold]{DemoScheme.Id}[/] exists already; updating it in place.");
            using var imported = await api.ImportWardsAsync(DemoScheme.Id, DemoScheme.WardsCsv(), cancellationToken);
            var result = imported.RootElement;
            console.MarkupLine($"Wards: {result.GetProperty("added").GetInt32()} added, {result.GetProperty("updated").GetInt32()} updated, {result.GetProperty("unchanged").GetInt32()} unchanged; total budget {Markup.Escape(Core.Money.FormatPounds(result.GetProperty("totalBudgetPence").GetInt64()))}.");
            await api.AssignCouncillorAsync(DemoScheme.Id, DemoScheme.CouncillorUserId, "Cllr Chris Councillor", DemoScheme.CouncillorWards, cancellationToken);
            console.MarkupLine($"Cllr Chris Councillor holds {string.Join(" and ", DemoScheme.CouncillorWards)}.");
            console.MarkupLine(await api.ImportPostcodesAsync(DemoScheme.Id, DemoScheme.PostcodesCsv(), cancellationToken)
                ? "Imported the demo postcodes (RV1 1AA to RV12 2AA; Rae Resident lives at RV4 1AA, in Riverside)."
                : "Voting has opened, so the postcode lookup is final and was left as it is.");
            await SeedProposalsAsync(console, httpFactory(parse.GetValue(url)!), api, parse.GetValue(token), cancellationToken);
            await api.RequestPublicationAsync(DemoScheme.Id, cancellationToken);
            console.MarkupLine("Asked for the site to be published.");
            return 0;
        }));
        return command;
    }

    // Opens proposals and adds the demo resident's proposals once, on the first run: later runs find the scheme past set-up.
    private static async Task SeedProposalsAsync(IAnsiConsole console, HttpClient residentHttp, PBudgetApiClient admin, string? token, CancellationToken cancellationToken)
    {
        using (residentHttp)
        {
            if (await admin.GetPhaseAsync(DemoScheme.Id, cancellationToken) != "SetUp")
            {
                console.MarkupLine("Proposals are already open; the demo proposals were added on the first run.");
                return;
            }

            if (token is not null)
            {
                console.MarkupLine("Left the scheme in set-up: demo proposals need the local sign-in's demo resident, and a token was given.");
                return;
            }

            await admin.MovePhaseAsync(DemoScheme.Id, "ProposalsOpen", cancellationToken);
            var resident = new PBudgetApiClient(residentHttp);
            await resident.UseLocalSignInAsync(DemoScheme.ResidentUserId, cancellationToken);
            foreach (var proposal in DemoScheme.Proposals)
            {
                var id = await resident.ProposeAsync(DemoScheme.Id, proposal.WardCode, proposal.Request, cancellationToken);
                if (proposal.Review is { } review)
                {
                    await admin.ReviewAsync(DemoScheme.Id, id, review, cancellationToken);
                }
            }

            console.MarkupLine($"Opened proposals and added {DemoScheme.Proposals.Count} demo proposals by Rae Resident.");
        }
    }

    private static Command WardsCommand(IAnsiConsole console, Func<Uri, HttpClient> httpFactory)
    {
        var wards = new Command("wards", "Check and import ward lists.");

        var checkFile = new Argument<FileInfo>("file") { Description = "A CSV file: code,name,population,area." };
        var check = new Command("check", "Check a ward list offline and list every problem by line and field.") { checkFile };
        check.SetAction((parse, _) => Guard(console, () => Task.FromResult(CheckFile(console, parse.GetValue(checkFile)!) is null ? 1 : 0)));
        wards.Subcommands.Add(check);

        var importFile = new Argument<FileInfo>("file") { Description = "A CSV file: code,name,population,area." };
        var scheme = new Option<string>("--scheme") { Description = "The scheme id.", Required = true };
        var url = UrlOption();
        var token = TokenOption();
        var import = new Command("import", "Import a ward list into a scheme (checked locally first; nothing changes if any row is wrong).") { importFile, scheme, url, token };
        import.SetAction((parse, cancellationToken) => Guard(console, async () =>
        {
            var file = parse.GetValue(importFile)!;
            if (CheckFile(console, file) is null)
            {
                return 1;
            }

            using var http = httpFactory(parse.GetValue(url)!);
            var api = await SignInAsync(http, parse.GetValue(token), DemoScheme.AdminUserId, cancellationToken);
            using var result = await api.ImportWardsAsync(parse.GetValue(scheme)!, await File.ReadAllTextAsync(file.FullName, cancellationToken), cancellationToken);
            var root = result.RootElement;
            console.MarkupLine($"Imported: {root.GetProperty("added").GetInt32()} added, {root.GetProperty("updated").GetInt32()} updated, {root.GetProperty("unchanged").GetInt32()} unchanged.");
            return 0;
        }));
        wards.Subcommands.Add(import);
        return wards;
    }

    private static Command SiteCommand(IAnsiConsole console)
    {
        var site = new Command("site", "Build the public site offline, or what Azure Static Web Apps deploys in front of it.");
        var snapshots = new Argument<FileInfo[]>("snapshots") { Description = "Published scheme snapshots (each scheme's data/scheme.json from the site).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder to write the site into.", Required = true };
        var build = new Command("build", "Build the site from published scheme snapshots, exactly as the Publish function does.") { snapshots, output };
        build.SetAction((parse, cancellationToken) => Guard(console, async () =>
        {
            var schemes = new List<PublishedScheme>();
            foreach (var file in parse.GetValue(snapshots)!)
            {
                try
                {
                    schemes.Add(SiteSnapshot.Deserialize(await File.ReadAllTextAsync(file.FullName, cancellationToken)));
                }
                catch (SiteSnapshotException error)
                {
                    console.MarkupLine($"[red]{Markup.Escape(file.Name)}: {Markup.Escape(error.Message)}[/]");
                    return 1;
                }
            }

            var folder = parse.GetValue(output)!;
            var report = await new SiteGenerator(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)
                .BuildAsync(new PublishedSite(schemes.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList()), new FolderSiteOutput(folder.FullName), cancellationToken);
            console.MarkupLine($"Wrote {report.Pages} pages and {report.Files} files to {Markup.Escape(folder.FullName)}.");
            return 0;
        }));
        site.Subcommands.Add(build);

        var front = new Option<DirectoryInfo>("--out") { Description = "The folder to write into (azd deploys it as the web service).", Required = true };
        var staticWebApp = new Command("static-web-app", "Write what Azure Static Web Apps deploys: its configuration, which sends every page to the app's published site.") { front };
        staticWebApp.SetAction((parse, cancellationToken) => Guard(console, async () =>
        {
            var folder = parse.GetValue(front)!;
            await StaticWebAppFront.WriteAsync(new FolderSiteOutput(folder.FullName), cancellationToken);
            console.MarkupLine($"Wrote {StaticWebAppFront.ConfigFile} and its placeholder home page to {Markup.Escape(folder.FullName)}.");
            return 0;
        }));
        site.Subcommands.Add(staticWebApp);
        return site;
    }

    private static WardFileResult? CheckFile(IAnsiConsole console, FileInfo file)
    {
        if (!file.Exists)
        {
            console.MarkupLine($"[red]There is no file {Markup.Escape(file.FullName)}.[/]");
            return null;
        }

        using var reader = file.OpenText();
        var result = WardCsvReader.Read(reader);
        if (!result.IsValid)
        {
            console.MarkupLine($"[red]{Markup.Escape(file.Name)} has {result.Errors.Count} problem(s):[/]");
            foreach (var error in result.Errors)
            {
                console.MarkupLine("  " + Markup.Escape(error.ToString()));
            }

            return null;
        }

        console.MarkupLine($"{Markup.Escape(file.Name)}: {result.Wards.Count} wards, population {result.Wards.Sum(w => w.Population):N0}. No problems found.");
        return result;
    }

    private static async Task<PBudgetApiClient> SignInAsync(HttpClient http, string? token, string localUserId, CancellationToken cancellationToken)
    {
        var api = new PBudgetApiClient(http);
        if (token is not null)
        {
            api.UseToken(token);
        }
        else
        {
            await api.UseLocalSignInAsync(localUserId, cancellationToken);
        }

        return api;
    }

    // A refusal from the API or the network becomes a clear message and exit code 1, never a stack trace.
    internal static async Task<int> Guard(IAnsiConsole console, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ApiProblemException problem)
        {
            console.MarkupLine($"[red]The app refused: {Markup.Escape(problem.Message)}[/]");
            return 1;
        }
        catch (HttpRequestException error)
        {
            console.MarkupLine($"[red]Could not reach the app: {Markup.Escape(error.Message)}[/]");
            return 1;
        }
    }
}
