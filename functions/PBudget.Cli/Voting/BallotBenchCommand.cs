using System.Collections.Concurrent;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Azure;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Spectre.Console;

namespace PBudget.Cli.Voting;

/// <summary>
/// <c>pbudget bench ballots</c>: concurrent clients casting code ballots through the API, beside Azurite's raw insert rate
/// at the same concurrency in the same run, then a check through the reconciliation that every acknowledged ballot was
/// stored exactly once. Figures go in docs/performance.md; nothing here asserts on time.
/// </summary>
internal static class BallotBenchCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Unmeasured requests first, at up to 4 clients: 3 seconds or 100 requests, whichever comes first.</summary>
    private static readonly RunLimits WarmUp = new(4, TimeSpan.FromSeconds(3), 100);

    public static Command Build(IAnsiConsole console)
    {
        var clients = new Option<int[]>("--clients")
        {
            Description = "Concurrent clients for each run, comma-separated.",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [1, 8, 32, 128],
            CustomParser = ParseClients,
        };
        var duration = new Option<TimeSpan>("--duration")
        {
            Description = "How long each run lasts, for example 20s, 500ms or 2m.",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(20),
            CustomParser = ParseDuration,
        };
        var ballots = new Option<int?>("--ballots") { Description = "Stop each run after this many ballots (and as many raw inserts), if that comes before the duration." };
        ballots.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--ballots must be at least 1.");
            }
        });
        var url = CliOptions.OptionalUrl("A running PBudget app in Development (local sign-in on). Without it, Azurite and the built function app are started for the run and stopped at its end.");
        var storage = new Option<string?>("--storage") { Description = "With --url: the storage connection string for the raw insert comparison (default: the local Azurite, UseDevelopmentStorage=true)." };

        var command = new Command("ballots", "Load-test code ballots through the API against Azurite's raw insert rate, and check nothing acknowledged was lost or stored twice.")
        {
            clients, duration, ballots, url, storage,
        };
        command.SetAction((parse, cancellationToken) => CliOptions.Guard(console, () => RunAsync(
            console,
            new BenchSettings(parse.GetValue(clients)!, parse.GetValue(duration), parse.GetValue(ballots), parse.GetValue(url), parse.GetValue(storage)),
            cancellationToken)));
        return command;
    }

    private sealed record BenchSettings(int[] Clients, TimeSpan Duration, int? Ballots, Uri? Url, string? Storage);

    private sealed record ClientRun(int Clients, RunResult Ballots, RunResult Raw, RunResult Transactions)
    {
        public double Ratio => Raw.PerSecond > 0 ? Ballots.PerSecond / Raw.PerSecond : 0;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, BenchSettings settings, CancellationToken cancellationToken)
    {
        LocalStack? stack = null;
        if (settings.Url is null)
        {
            console.MarkupLine("Starting Azurite (in memory) and the function app (Development) on free ports…");
            stack = await LocalStack.StartAsync(cancellationToken);
        }

        await using (stack)
        {
            var app = settings.Url ?? stack!.App.Url;
            var storage = stack?.Azurite.ConnectionString ?? settings.Storage ?? "UseDevelopmentStorage=true";
            using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15), MaxConnectionsPerServer = int.MaxValue };
            console.MarkupLine($"Setting up a scheme in voting at {Markup.Escape(app.GetLeftPart(UriPartial.Authority))}…");
            using var scheme = await BenchScheme.SetUpAsync(app, handler, cancellationToken);
            console.MarkupLine($"Scheme [bold]{scheme.Id}[/]: ward {BenchScheme.WardCode}, {scheme.ProposalIds.Count} projects on the ballot, voting open.");

            using var rawHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15), MaxConnectionsPerServer = int.MaxValue };
            var table = await CreateScratchTableAsync(storage, rawHandler, cancellationToken);
            List<ClientRun> runs;
            var ballotRuns = new List<BallotRun>();
            try
            {
                using var ballotHttp = new HttpClient(handler, disposeHandler: false) { BaseAddress = app, Timeout = TimeSpan.FromSeconds(60) };
                runs = await RunAllAsync(console, settings, scheme, ballotHttp, table, ballotRuns, cancellationToken);
            }
            finally
            {
                await DeleteQuietlyAsync(table);
            }

            var figures = await scheme.ReconcileAsync(cancellationToken);
            return Report(console, settings, scheme, runs, ballotRuns, figures);
        }
    }

    private static async Task<List<ClientRun>> RunAllAsync(
        IAnsiConsole console, BenchSettings settings, BenchScheme scheme, HttpClient ballotHttp, TableClient table, List<BallotRun> ballotRuns, CancellationToken cancellationToken)
    {
        var runs = new List<ClientRun>();
        var warmUpSummary = "";
        var codes = new ConcurrentQueue<string>();
        var bestRate = 0.0;
        var byCount = settings.Ballots is not null;
        var maxValue = settings.Ballots ?? settings.Duration.TotalSeconds;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var warmUpTask = progress.AddTask("warm-up (not measured)", autoStart: false, WarmUp.Duration.TotalSeconds);
                var tasks = settings.Clients.Select(c => (
                    Raw: progress.AddTask($"raw inserts, {c} clients", autoStart: false, maxValue),
                    Transactions: progress.AddTask($"4-entity transactions, {c} clients", autoStart: false, maxValue),
                    Ballots: progress.AddTask($"ballots, {c} clients", autoStart: false, maxValue))).ToList();

                // A cold app and Azurite answer the first requests far more slowly (JIT, connections, first writes).
                foreach (var code in await scheme.IssueCodesAsync(WarmUp.Requests!.Value, cancellationToken))
                {
                    codes.Enqueue(code);
                }

                warmUpTask.StartTask();
                var warmUpBallots = new BallotRun(ballotHttp, scheme.Id, BenchScheme.WardCode, scheme.ProposalIds, codes);
                var warmUpLimits = WarmUp with { Clients = Math.Min(WarmUp.Clients, settings.Clients.Max()) };
                var warmUp = await Task.WhenAll(new RawInsertRun(table).RunAsync(warmUpLimits, cancellationToken), warmUpBallots.RunAsync(warmUpLimits, cancellationToken));
                warmUpTask.Value = warmUpTask.MaxValue;
                warmUpTask.StopTask();
                ballotRuns.Add(warmUpBallots);
                warmUpSummary = $"Warm-up: {warmUp[1].Acknowledged} ballots (errors: {warmUp[1].ErrorSummary}) and {warmUp[0].Acknowledged} raw inserts (errors: {warmUp[0].ErrorSummary}).";

                for (var i = 0; i < settings.Clients.Length; i++)
                {
                    var clients = settings.Clients[i];
                    var limits = new RunLimits(clients, settings.Duration, settings.Ballots);
                    var raw = await TrackAsync(tasks[i].Raw, new RawInsertRun(table), limits, byCount, cancellationToken);
                    var transactions = await TrackAsync(tasks[i].Transactions, new FourEntityTransactionRun(table), limits, byCount, cancellationToken);

                    // Enough codes for the run, issued before it starts so that issuing is not timed: the ballots asked
                    // for, or three times the best rate so far (at least 400 a second) for the whole duration.
                    var needed = settings.Ballots ?? (int)Math.Min(200_000, Math.Ceiling(Math.Max(400, 3 * bestRate) * settings.Duration.TotalSeconds));
                    if (codes.Count < needed)
                    {
                        tasks[i].Ballots.Description = $"ballots, {clients} clients: issuing {needed - codes.Count:N0} codes";
                        foreach (var code in await scheme.IssueCodesAsync(needed - codes.Count, cancellationToken))
                        {
                            codes.Enqueue(code);
                        }

                        tasks[i].Ballots.Description = $"ballots, {clients} clients";
                    }

                    var ballotRun = new BallotRun(ballotHttp, scheme.Id, BenchScheme.WardCode, scheme.ProposalIds, codes);
                    ballotRuns.Add(ballotRun);
                    var ballots = await TrackAsync(tasks[i].Ballots, ballotRun, limits, byCount, cancellationToken);
                    bestRate = Math.Max(bestRate, ballots.PerSecond);
                    runs.Add(new ClientRun(clients, ballots, raw, transactions));
                }
            });
        console.MarkupLine(Markup.Escape(warmUpSummary));
        return runs;
    }

    private static async Task DeleteQuietlyAsync(TableClient table)
    {
        try
        {
            await table.DeleteAsync(CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // Storage already gone (it stops with the run) or refusing: the scratch table does not matter then.
        }
    }

    private static async Task<RunResult> TrackAsync(ProgressTask task, LoadRun run, RunLimits limits, bool byCount, CancellationToken cancellationToken)
    {
        task.StartTask();
        var started = DateTime.UtcNow;
        var running = run.RunAsync(limits, cancellationToken);
        while (!running.IsCompleted)
        {
            task.Value = Math.Min(task.MaxValue, byCount ? run.Acknowledged : (DateTime.UtcNow - started).TotalSeconds);
            await Task.WhenAny(running, Task.Delay(250, cancellationToken));
        }

        var result = await running;
        task.Value = task.MaxValue;
        task.StopTask();
        return result;
    }

    private static async Task<TableClient> CreateScratchTableAsync(string connectionString, HttpMessageHandler handler, CancellationToken cancellationToken)
    {
        // No retries: each measured insert is exactly one request, as each ballot is.
        var options = new TableClientOptions { Transport = new HttpClientTransport(handler) };
        options.Retry.MaxRetries = 0;
        try
        {
            var table = new TableServiceClient(connectionString, options).GetTableClient("benchraw" + Guid.NewGuid().ToString("N")[..12]);
            await table.CreateIfNotExistsAsync(cancellationToken);
            return table;
        }
        catch (Exception error) when (error is RequestFailedException or FormatException or ArgumentException or InvalidOperationException)
        {
            throw new LocalStackException(
                $"Could not create a scratch table to measure raw inserts ({error.Message.Split('\n')[0]}). With --url, pass --storage with the app's storage connection string.",
                error);
        }
    }

    private static int Report(IAnsiConsole console, BenchSettings settings, BenchScheme scheme, List<ClientRun> runs, List<BallotRun> ballotRuns, WardFigures figures)
    {
        // Narrow padding and whole rates, so that the table fits the 80 columns a log or a pipe gets.
        var table = new Table().Border(TableBorder.Simple);
        foreach (var heading in new[] { "Clients", "Ballots", "Ballots/s", "p50", "p95", "p99", "Raw/s", "Ratio", "Tx4/s", "Errors" })
        {
            table.AddColumn(new TableColumn(heading).Padding(0, 0, 1, 0));
        }

        foreach (var run in runs)
        {
            table.AddRow(
                run.Clients.ToString(Invariant),
                run.Ballots.Acknowledged.ToString("N0", Invariant),
                run.Ballots.PerSecond.ToString("0", Invariant),
                run.Ballots.Percentile(50).ToString("0.0", Invariant),
                run.Ballots.Percentile(95).ToString("0.0", Invariant),
                run.Ballots.Percentile(99).ToString("0.0", Invariant),
                run.Raw.PerSecond.ToString("0", Invariant),
                run.Ratio.ToString("0.00", Invariant),
                run.Transactions.PerSecond.ToString("0", Invariant),
                Markup.Escape(string.Join("; ", new[] { run.Ballots.ErrorSummary }
                    .Concat(run.Raw.Errors.Count == 0 ? [] : [$"raw {run.Raw.ErrorSummary}"])
                    .Concat(run.Transactions.Errors.Count == 0 ? [] : [$"tx4 {run.Transactions.ErrorSummary}"]))));
        }

        console.Write(table);
        console.MarkupLine(
            $"Latencies (p50, p95, p99) in ms over every ballot response; Raw/s: Azurite's single inserts at the same concurrency; Ratio: ballots/s over raw/s; " +
            $"Tx4/s: Azurite's four-entity transactions at the same concurrency, the storage work of one code ballot without the app, so the most ballots/s can be; Errors by status. " +
            $"{Environment.ProcessorCount} processors; .NET {Environment.Version}; {(settings.Url is null ? "Azurite and the app started by this run" : Markup.Escape(settings.Url.ToString()))}; " +
            $"each run {(settings.Ballots is { } n ? $"{n:N0} requests or " : "")}{settings.Duration.TotalSeconds.ToString("0.###", Invariant)} s, after a warm-up that is not measured.");
        foreach (var run in runs)
        {
            foreach (var (kind, result) in new[] { ("ballots", run.Ballots), ("raw inserts", run.Raw), ("4-entity transactions", run.Transactions) })
            {
                foreach (var (status, message) in result.FirstErrors.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    console.MarkupLine($"[yellow]{run.Clients} clients, {kind}: first {Markup.Escape(status)}: {Markup.Escape(message)}[/]");
                }
            }

            if (run.Ballots.RanOutOfCodes)
            {
                console.MarkupLine($"[yellow]{run.Clients} clients: the codes issued for the run ran out after {run.Ballots.Elapsed.TotalSeconds:0.0} s; its figures cover that time.[/]");
            }
        }

        // The warm-up's ballots are stored too, so they count here.
        var acknowledged = ballotRuns.Sum(r => r.Acknowledged);
        var receiptsGiven = ballotRuns.SelectMany(r => r.TrackingCodes).ToList();
        var lost = Math.Max(0, Math.Max(acknowledged - figures.BallotsByCode, acknowledged - figures.Receipts));
        var doubled = Math.Max(0, Math.Max(figures.BallotsByCode - acknowledged, figures.Receipts - acknowledged));
        console.MarkupLine(
            $"Acknowledged {acknowledged:N0} ballots ({receiptsGiven.Distinct(StringComparer.Ordinal).Count():N0} different tracking codes). " +
            $"Stored in {BenchScheme.WardCode} of {scheme.Id}: {figures.BallotsByCode:N0} ballots by code, {figures.Receipts:N0} receipts, {figures.CodesUsedOnline:N0} codes used online of {figures.CodesIssued:N0} issued.");
        var unanswered = runs.Sum(r => r.Ballots.Errors.Where(e => e.Key is "network" or "timeout").Sum(e => e.Value));
        if (doubled > 0 && unanswered > 0)
        {
            console.MarkupLine($"[yellow]{unanswered:N0} ballot requests got no answer (network or timeout); a ballot stored without an answer counts as doubled.[/]");
        }

        var exitCode = 0;
        if (lost > 0 || doubled > 0 || figures.CodesUsedOnline != figures.BallotsByCode)
        {
            console.MarkupLine($"[red]Lost {lost:N0} and doubled {doubled:N0} ballots; {figures.CodesUsedOnline:N0} codes spent for {figures.BallotsByCode:N0} ballots.[/]");
            exitCode = 1;
        }

        if (runs.FirstOrDefault(r => r.Ballots.Acknowledged == 0) is { } empty)
        {
            console.MarkupLine($"[red]No ballot was acknowledged with {empty.Clients} clients, so there is nothing to measure.[/]");
            exitCode = 1;
        }

        // The last line, for scripts: the 32-client run, or the largest if 32 was not asked for.
        var chosen = runs.FirstOrDefault(r => r.Clients == 32) ?? runs.MaxBy(r => r.Clients)!;
        console.Profile.Out.Writer.WriteLine(string.Create(
            Invariant,
            $"clients={chosen.Clients} ballots_per_s={chosen.Ballots.PerSecond:0.0} raw_per_s={chosen.Raw.PerSecond:0.0} ratio={chosen.Ratio:0.00} p99_ms={chosen.Ballots.Percentile(99):0.0} lost={lost} doubled={doubled}"));
        console.Profile.Out.Writer.Flush();
        return exitCode;
    }

    private static int[]? ParseClients(ArgumentResult result)
    {
        var counts = new List<int>();
        foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(part, NumberStyles.None, Invariant, out var count) || count is < 1 or > 1024)
            {
                result.AddError($"'{part}' is not a number of clients from 1 to 1024.");
                return null;
            }

            if (!counts.Contains(count))
            {
                counts.Add(count);
            }
        }

        if (counts.Count == 0)
        {
            result.AddError("Give at least one number of clients, for example --clients 1,8,32.");
            return null;
        }

        return [.. counts];
    }

    private static TimeSpan ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : "";
        var (number, unit) = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (text[..^2], 0.001)
            : text.EndsWith('s') || text.EndsWith('S') ? (text[..^1], 1.0)
            : text.EndsWith('m') || text.EndsWith('M') ? (text[..^1], 60.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, Invariant, out var value) || value * unit is <= 0 or > 3600)
        {
            result.AddError($"'{text}' is not a duration up to an hour, such as 20s, 500ms or 2m.");
            return default;
        }

        return TimeSpan.FromSeconds(value * unit);
    }
}
