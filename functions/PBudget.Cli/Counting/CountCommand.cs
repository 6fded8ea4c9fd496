using System.CommandLine;
using System.Globalization;
using PBudget.Counting.Elections;
using PBudget.Counting.Pabulib;
using PBudget.Counting.Rules;
using Spectre.Console;

namespace PBudget.Cli.Counting;

/// <summary><c>pbudget count FILE.pb --rule RULE ...</c>: counts a Pabulib file and explains the result.</summary>
internal static class CountCommand
{
    /// <summary>Exit code for a file that cannot be read.</summary>
    public const int BadFile = 1;

    /// <summary>Exit code for a count that cannot be made: a rule that does not fit the ballots, or a refused tie.</summary>
    public const int CannotCount = 2;

    public static Command Build(IAnsiConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "A Pabulib .pb file." };
        var rule = CountRequest.Choice("--rule", CountRequest.Rules, null, "The rule: greedy, greedy-cardinality, mes or phragmen.");
        var satisfaction = CountRequest.Choice("--satisfaction", CountRequest.Satisfactions, "cost", "mes only: cost (the default) or cardinality satisfaction.");
        var completion = CountRequest.Choice("--completion", CountRequest.Completions, "none", "mes only: none (the default), add1, or add1-then-greedy.");
        var scores = CountRequest.Choice("--score", CountRequest.Scores, "ballots", "ballots (the default: approvals, points, or the file's score for rankings) or approvals (every listed project counts one, as pabutools reads such files).");
        var tieBreak = CountRequest.TieBreakOption();
        var minimumScore = CountRequest.MinimumScoreOption();
        var start = CountRequest.Choice("--add1-start", new Dictionary<string, bool>(StringComparer.Ordinal) { ["exact"] = false, ["whole"] = true }, "exact", "mes completion only: start from each voter's exact share (the default) or from it rounded down to a whole unit, as the equalshares.net tool does by default.");
        var format = CountRequest.Choice("--format", new Dictionary<string, bool>(StringComparer.Ordinal) { ["text"] = false, ["json"] = true }, "text", "text (the default) or json.");

        var command = new Command("count", "Count a Pabulib file by a published rule and explain the result, round by round. Anyone can rerun it.")
        {
            file, rule, satisfaction, completion, start, scores, tieBreak, minimumScore, format,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (Read(console, path) is not { } read)
            {
                return BadFile;
            }

            var (election, warnings) = read;

            var minimum = parse.GetValue(minimumScore) switch
            {
                null => (long?)null,
                "meta" => election.Rules.MinProjectScoreThreshold,
                var number => long.Parse(number, CultureInfo.InvariantCulture),
            };
            var options = new CountOptions(
                CountRequest.Rules[parse.GetValue(rule)!],
                CountRequest.Satisfactions[parse.GetValue(satisfaction)!],
                CountRequest.Completions[parse.GetValue(completion)!],
                CountRequest.ParseTieBreak(parse.GetValue(tieBreak)!),
                CountRequest.Scores[parse.GetValue(scores)!],
                minimum,
                WholeUnitStart: parse.GetValue(start) == "whole");
            Outcome outcome;
            try
            {
                outcome = Counter.Count(election, options);
            }
            catch (CountingException error)
            {
                console.MarkupLine($"[red]{Markup.Escape(path.Name)}: {Markup.Escape(error.Message)}[/]");
                return CannotCount;
            }

            if (parse.GetValue(format) == "json")
            {
                CountJson.Write(console.Profile.Out.Writer, path.Name, outcome, warnings);
            }
            else
            {
                CountText.Write(console, path.Name, outcome, warnings);
            }

            return 0;
        });
        return command;
    }

    /// <summary>Reads the file, printing every error by line and field; null if it cannot be read.</summary>
    public static (Election Election, IReadOnlyList<PabulibError> Warnings)? Read(IAnsiConsole console, FileInfo path)
    {
        if (!path.Exists)
        {
            console.MarkupLine($"[red]There is no file {Markup.Escape(path.FullName)}.[/]");
            return null;
        }

        using var reader = path.OpenText();
        var result = PabulibReader.ReadElection(reader);
        if (!result.IsValid)
        {
            console.MarkupLine($"[red]{Markup.Escape(path.Name)} cannot be counted; fix these and try again:[/]");
            foreach (var error in result.Errors)
            {
                console.MarkupLine($"  {Markup.Escape(path.Name)}: {Markup.Escape(error.ToString())}");
            }

            return null;
        }

        return (result.Value, result.Warnings);
    }
}
