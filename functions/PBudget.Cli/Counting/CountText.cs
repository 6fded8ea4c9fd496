using System.Globalization;
using Fractions;
using PBudget.Counting.Elections;
using PBudget.Counting.Pabulib;
using PBudget.Counting.Rules;
using Spectre.Console;

namespace PBudget.Cli.Counting;

/// <summary>The count as a council officer reads it: what was funded, what it cost, and each round.</summary>
internal static class CountText
{
    private static readonly CultureInfo Uk = CultureInfo.InvariantCulture;

    public static void Write(IAnsiConsole console, string fileName, Outcome outcome, IReadOnlyList<PabulibError> warnings)
    {
        var election = outcome.Election;
        console.MarkupLine($"[bold]{Markup.Escape(fileName)}[/]{(election.Description is { } d ? ": " + Markup.Escape(d) : "")}");
        console.MarkupLine($"{election.VoteType.ToString().ToLowerInvariant()} ballots, {election.VoterCount.ToString("N0", Uk)} voters, {election.Projects.Count} projects.");
        console.MarkupLine($"Rule: {Markup.Escape(Describe(outcome.Options))}.");
        console.MarkupLine($"Budget {Money(election.Budget)}; spent {Money(outcome.TotalCost)}; left {Money(outcome.Leftover)}.");
        console.WriteLine();

        var winners = new Table().Title($"Funded: {outcome.Winners.Count} projects, in the order chosen").AddColumns("#", "Project", "Name", "Cost");
        winners.Columns[3].RightAligned();
        for (var i = 0; i < outcome.Winners.Count; i++)
        {
            var project = outcome.Winners[i];
            winners.AddRow((i + 1).ToString(Uk), Markup.Escape(project.Id), Markup.Escape(project.Name ?? ""), Money(project.Cost));
        }

        console.Write(winners);
        WriteRecorded(console, outcome);
        WriteCompletion(console, outcome);
        WriteRounds(console, outcome);
        if (warnings.Count > 0)
        {
            console.MarkupLine($"[yellow]The file has {warnings.Count} warning(s); they do not change the count:[/]");
            foreach (var warning in warnings)
            {
                console.MarkupLine("  " + Markup.Escape(warning.ToString()));
            }
        }
    }

    public static string Describe(CountOptions options)
    {
        var rule = options.Rule switch
        {
            CountingRule.Greedy => "greedy by score",
            CountingRule.GreedyCardinality => "greedy by score per unit of cost",
            CountingRule.EqualShares => $"Method of Equal Shares, {CountRequest.Name(options.Satisfaction)} satisfaction, completion {CountRequest.Name(options.Completion)}",
            _ => "sequential Phragmén",
        };
        var scores = options.Scores == ScoreBasis.Approvals ? "; every listed project counts as one approval" : "";
        var minimum = options.MinimumScore is { } m ? $"; minimum score {m.ToString("N0", Uk)}" : "";
        var ties = options.EffectiveTieBreak.Name switch
        {
            "default" => "ties go to the smallest project id, compared as text",
            "refuse" => "a tie stops the count",
            var lottery => $"ties settled by the lottery with seed '{lottery["lottery:".Length..]}'",
        };
        return $"{rule}{scores}{minimum}; {ties}";
    }

    private static void WriteRecorded(IAnsiConsole console, Outcome outcome)
    {
        switch (outcome.MatchesRecordedWinners)
        {
            case null:
                console.MarkupLine("The file does not record which projects won (no selected column).");
                break;
            case true:
                console.MarkupLine("[green]This matches the winners recorded in the file's selected column.[/]");
                break;
            default:
                var recorded = outcome.Election.Projects.Where(p => p.Selected == true).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
                var counted = outcome.Winners.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
                console.MarkupLine("[yellow]This differs from the winners recorded in the file's selected column.[/]");
                console.MarkupLine($"  Funded here but not recorded: {Markup.Escape(List(counted.Except(recorded)))}");
                console.MarkupLine($"  Recorded but not funded here: {Markup.Escape(List(recorded.Except(counted)))}");
                break;
        }

        console.WriteLine();
    }

    private static void WriteCompletion(IAnsiConsole console, Outcome outcome)
    {
        if (outcome.CompletionSteps.Count == 0)
        {
            return;
        }

        var table = new Table().Title("Completion: every voter's budget raised one unit at a time").AddColumns("Steps", "Each voter's budget", "Projects", "Cost", "Fits");
        foreach (var step in outcome.CompletionSteps)
        {
            var steps = step.FirstStep == step.LastStep ? step.FirstStep.ToString(Uk) : $"{step.FirstStep}-{step.LastStep}";
            var budgets = step.FirstStep == step.LastStep ? Decimal(step.FirstPerVoterBudget) : $"{Decimal(step.FirstPerVoterBudget)} to {Decimal(step.LastPerVoterBudget)}";
            table.AddRow(steps, budgets, step.Winners.ToString(Uk), Money(step.TotalCost), step.Fits ? "yes" : "[red]no: stop[/]");
        }

        console.Write(table);
        console.MarkupLine("Each row is a run of steps with the same outcome; the count is the last that fits.");
        console.WriteLine();
    }

    private static void WriteRounds(IAnsiConsole console, Outcome outcome)
    {
        var table = new Table().Title("How the count went").AddColumns("Round", "Project", "Cost", "Why");
        var round = 0;
        foreach (var step in outcome.Rounds)
        {
            round++;
            table.AddRow(round.ToString(Uk), Markup.Escape(step.Project.Id), Money(step.Project.Cost), Markup.Escape(Why(step)));
        }

        console.Write(table);
    }

    private static string Why(CountStep step) => step switch
    {
        GreedyStep g => g.Decision switch
        {
            GreedyDecision.Funded => $"funded: score {g.Score.ToString("N0", Uk)}{PerCost(g)}; {Money(g.LeftAfter)} left",
            GreedyDecision.Unaffordable => $"skipped: costs more than the {Money(g.LeftAfter)} left (score {g.Score.ToString("N0", Uk)}{PerCost(g)})",
            _ => $"not funded: score {g.Score.ToString("N0", Uk)} is below the minimum",
        },
        EqualSharesRound m => $"funded at {Decimal(m.PricePerSatisfaction)} per unit of satisfaction (exactly {m.PricePerSatisfaction}); " +
            $"{m.Supporters.ToString("N0", Uk)} supporters paid, {m.PaidAllTheyHad.ToString("N0", Uk)} of them all they had; they have {Decimal(m.SupportersBudgetLeft)} left",
        PhragmenRound p => p.Funded
            ? $"funded: its {p.Supporters.ToString("N0", Uk)} supporters could pay by time {Decimal(p.Load)} (exactly {p.Load})"
            : $"first to be affordable at time {Decimal(p.Load)}, but costs more than is left: the count stops",
        _ => "",
    };

    private static string PerCost(GreedyStep step) => step.ScorePerUnitCost is { } ratio ? $", {Decimal(ratio)} per unit of cost" : "";

    public static string Money(long amount) => amount.ToString("N0", Uk);

    /// <summary>For reading only: the exact value is always shown or written beside it where it decides anything.</summary>
    public static string Decimal(Fraction value)
    {
        // Rounded to six places with integer arithmetic, so no value is too large or too precise to show.
        var reduced = value.Reduce();
        if (reduced.Numerator.Sign < 0)
        {
            return "-" + Decimal(-reduced);
        }

        // Half up: (2 × numerator × 10⁶ + denominator) / (2 × denominator), in whole millionths.
        var millionths = System.Numerics.BigInteger.Divide((reduced.Numerator * 2_000_000) + reduced.Denominator, reduced.Denominator * 2);

        var whole = System.Numerics.BigInteger.DivRem(millionths, 1_000_000, out var fraction);
        var digits = fraction.ToString("D6", Uk).TrimEnd('0');
        return digits.Length == 0 ? whole.ToString("N0", Uk) : $"{whole.ToString("N0", Uk)}.{digits}";
    }

    private static string List(IEnumerable<string> ids) => ids.Any() ? string.Join(", ", ids.Order(StringComparer.Ordinal)) : "none";
}
