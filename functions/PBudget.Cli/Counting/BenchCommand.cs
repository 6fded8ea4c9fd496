using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PBudget.Counting.Elections;
using PBudget.Counting.Pabulib;
using PBudget.Counting.Rules;
using Spectre.Console;

namespace PBudget.Cli.Counting;

/// <summary>
/// <c>pbudget bench count</c>: times each rule on Pabulib files (parsing included), in a fresh process per file and rule
/// so that each peak memory figure is that count's alone, and prints medians. Where a reference tool's wrapper is given,
/// it runs that on the same file in the same run and prints the ratio. Figures go in docs/performance.md.
/// </summary>
internal static class BenchCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The rules timed, by name: the published ones the issue sets targets for.</summary>
    private static readonly Dictionary<string, CountOptions> Rules = new(StringComparer.Ordinal)
    {
        ["greedy"] = new(CountingRule.Greedy, Scores: ScoreBasis.Approvals),
        ["mes"] = new(CountingRule.EqualShares, Scores: ScoreBasis.Approvals),
        ["mes-add1"] = new(CountingRule.EqualShares, Completion: Completion.Add1, Scores: ScoreBasis.Approvals),
        ["mes-add1-greedy"] = new(CountingRule.EqualShares, Completion: Completion.Add1ThenGreedy, Scores: ScoreBasis.Approvals),
        ["phragmen"] = new(CountingRule.Phragmen, Scores: ScoreBasis.Approvals),
    };

    public static Command Build(IAnsiConsole console)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Pabulib files, or 'synthetic:VOTERSxPROJECTS' for a generated approval election (for example synthetic:1000000x300).", Arity = ArgumentArity.OneOrMore };
        var rules = new Option<string[]>("--rule") { Description = $"Rules to time (default: all): {string.Join(", ", Rules.Keys)}.", AllowMultipleArgumentsPerToken = true };
        var repeat = new Option<int>("--repeat") { Description = "Runs per file and rule; the median is printed.", DefaultValueFactory = _ => 3 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds one run may take before it is stopped and reported as such.", DefaultValueFactory = _ => 300 };
        var reference = new Option<string?>("--reference") { Description = "A command that counts a file by a reference tool and prints {\"winners\":[...],\"seconds\":S}; called as: COMMAND FILE RULE. Its time is printed beside PBudget's, with the ratio." };
        var one = new Option<string?>("--one") { Hidden = true };

        var count = new Command("count", "Time each rule on each file, parsing included, and print the median time and peak memory.") { files, rules, repeat, timeout, reference, one };
        count.SetAction(parse =>
        {
            if (parse.GetValue(one) is { } ruleName)
            {
                return RunOne(console, parse.GetValue(files)![0].ToString(), ruleName, parse.GetValue(repeat));
            }

            var chosen = parse.GetValue(rules) is { Length: > 0 } named ? named : [.. Rules.Keys];
            if (chosen.FirstOrDefault(r => !Rules.ContainsKey(r)) is { } unknown)
            {
                console.MarkupLine($"[red]'{Markup.Escape(unknown)}' is not a rule to time: use {string.Join(", ", Rules.Keys)}.[/]");
                return 2;
            }

            var table = new Table().AddColumns("File", "Rule", "Median", "Peak memory", "Winners", "Reference", "Ratio");
            foreach (var file in parse.GetValue(files)!)
            {
                foreach (var rule in chosen)
                {
                    var row = Measure(file.ToString(), rule, parse.GetValue(repeat), parse.GetValue(timeout), parse.GetValue(reference));
                    table.AddRow(Markup.Escape(Path.GetFileName(file.ToString())), rule, row.Median, row.Peak, row.Winners, row.Reference, row.Ratio);
                    console.MarkupLine($"{Markup.Escape(Path.GetFileName(file.ToString()))} {rule}: {row.Median}, peak {row.Peak}{(row.Reference.Length > 0 ? $"; reference {row.Reference}, ratio {row.Ratio}" : "")}");
                }
            }

            console.Write(table);
            console.MarkupLine($"{Environment.ProcessorCount} processors; .NET {Environment.Version}; medians of {parse.GetValue(repeat)} runs each, parsing included.");
            return 0;
        });

        var bench = new Command("bench", "Benchmarks that print their figures.");
        bench.Subcommands.Add(count);
        return bench;
    }

    private sealed record Row(string Median, string Peak, string Winners, string Reference, string Ratio);

    private static Row Measure(string file, string rule, int repeat, int timeoutSeconds, string? reference)
    {
        var (ok, output) = Run(SelfCommand(), ["bench", "count", file, "--one", rule, "--repeat", repeat.ToString(Invariant)], timeoutSeconds * Math.Max(1, repeat));
        if (!ok)
        {
            return new Row(output, "", "", "", "");
        }

        using var json = JsonDocument.Parse(output);
        var median = json.RootElement.GetProperty("median_seconds").GetDouble();
        var row = new Row(
            Seconds(median),
            $"{json.RootElement.GetProperty("peak_mib").GetInt64()} MiB",
            json.RootElement.GetProperty("winners").GetInt32().ToString(Invariant),
            "",
            "");
        if (reference is null || file.StartsWith("synthetic:", StringComparison.Ordinal))
        {
            return row;
        }

        var parts = reference.Split(' ', 2);
        var (referenceOk, referenceOutput) = Run(parts[0], [.. parts.Skip(1), file, rule], timeoutSeconds);
        if (!referenceOk)
        {
            return row with { Reference = referenceOutput };
        }

        using var referenceJson = JsonDocument.Parse(referenceOutput.Trim().Split('\n')[^1]);
        var seconds = referenceJson.RootElement.GetProperty("seconds").GetDouble();
        return row with { Reference = Seconds(seconds), Ratio = $"{seconds / median:0.#}x" };
    }

    /// <summary>Counts one file by one rule <paramref name="repeat"/> times in this process and prints JSON with the median.</summary>
    private static int RunOne(IAnsiConsole console, string file, string rule, int repeat)
    {
        var times = new List<double>();
        var winners = 0;
        for (var i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            var election = file.StartsWith("synthetic:", StringComparison.Ordinal) ? SyntheticElection.Generate(file) : Read(file);
            winners = Counter.Count(election, Rules[rule]).Winners.Count;
            times.Add(clock.Elapsed.TotalSeconds);
        }

        times.Sort();
        var peakMib = PeakResidentMib();
        console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["median_seconds"] = times[times.Count / 2],
            ["peak_mib"] = peakMib,
            ["winners"] = winners,
        }));
        return 0;
    }

    private static Election Read(string file)
    {
        using var reader = new StreamReader(file);
        return PabulibReader.ReadElection(reader).ValueOrThrow();
    }

    /// <summary>The process's peak resident memory (Linux VmHWM), in MiB; the peak working set elsewhere.</summary>
    private static long PeakResidentMib()
    {
        const string Status = "/proc/self/status";
        if (File.Exists(Status))
        {
            var line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line["VmHWM:".Length..].Trim().Split(' ')[0], Invariant, out var kib))
            {
                return kib / 1024;
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
    }

    /// <summary>This program again: <c>dotnet pbudget.dll</c>, with the host that runs this process where it is dotnet.</summary>
    private static (string FileName, string[] Prefix) SelfCommand()
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        return (host, [typeof(BenchCommand).Assembly.Location]);
    }

    private static (bool Ok, string Output) Run((string FileName, string[] Prefix) command, string[] args, int timeoutSeconds) =>
        Run(command.FileName, [.. command.Prefix, .. args], timeoutSeconds);

    private static (bool Ok, string Output) Run(string fileName, string[] args, int timeoutSeconds)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            return (false, $"did not finish in {timeoutSeconds} s");
        }

        return process.ExitCode == 0 ? (true, output.Result) : (false, $"failed ({process.ExitCode}): {error.Result.Trim().Split('\n')[^1]}");
    }

    private static string Seconds(double seconds) => seconds < 1 ? $"{seconds * 1000:0} ms" : $"{seconds:0.00} s";
}
