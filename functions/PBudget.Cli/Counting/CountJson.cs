using System.Text.Json;
using Fractions;
using PBudget.Counting.Pabulib;
using PBudget.Counting.Rules;

namespace PBudget.Cli.Counting;

/// <summary>
/// The count as JSON for programs and for publishing: winners (ids as in the file, in selection order), total_cost,
/// budget, rule and rounds, with every exact value written as a fraction string ("p/q") beside a decimal for reading.
/// </summary>
internal static class CountJson
{
    public static void Write(TextWriter output, string fileName, Outcome outcome, IReadOnlyList<PabulibError> warnings)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(json, fileName, outcome, warnings);
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        output.Flush();
    }

    private static void Write(Utf8JsonWriter json, string fileName, Outcome outcome, IReadOnlyList<PabulibError> warnings)
    {
        var options = outcome.Options;
        json.WriteStartObject();
        json.WriteString("file", fileName);
        json.WriteString("rule", Counter.RuleName(options.Rule));
        if (options.Rule == CountingRule.EqualShares)
        {
            json.WriteString("satisfaction", CountRequest.Name(options.Satisfaction));
            json.WriteString("completion", CountRequest.Name(options.Completion));
        }

        json.WriteString("score", CountRequest.Name(options.Scores));
        json.WriteString("tie_break", options.EffectiveTieBreak.Name);
        if (options.MinimumScore is { } minimum)
        {
            json.WriteNumber("min_score", minimum);
        }

        json.WriteNumber("budget", outcome.Election.Budget);
        json.WriteNumber("total_cost", outcome.TotalCost);
        json.WriteNumber("leftover", outcome.Leftover);
        json.WriteNumber("voters", outcome.Election.VoterCount);
        json.WriteStartArray("winners");
        foreach (var project in outcome.Winners)
        {
            json.WriteStringValue(project.Id);
        }

        json.WriteEndArray();
        if (outcome.MatchesRecordedWinners is { } matches)
        {
            json.WriteBoolean("matches_selected", matches);
        }
        else
        {
            json.WriteNull("matches_selected");
        }

        json.WriteStartArray("rounds");
        foreach (var step in outcome.Rounds)
        {
            WriteRound(json, step);
        }

        json.WriteEndArray();
        if (options.Completion != Completion.None)
        {
            json.WriteStartArray("completion_steps");
            foreach (var step in outcome.CompletionSteps)
            {
                json.WriteStartObject();
                json.WriteNumber("first_step", step.FirstStep);
                json.WriteNumber("last_step", step.LastStep);
                Exact(json, "per_voter_budget", step.FirstPerVoterBudget);
                json.WriteNumber("total_cost", step.TotalCost);
                json.WriteNumber("winners", step.Winners);
                json.WriteBoolean("fits", step.Fits);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartArray("warnings");
        foreach (var warning in warnings)
        {
            json.WriteStringValue(warning.ToString());
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRound(Utf8JsonWriter json, CountStep step)
    {
        json.WriteStartObject();
        json.WriteString("project", step.Project.Id);
        json.WriteNumber("cost", step.Project.Cost);
        switch (step)
        {
            case GreedyStep g:
                json.WriteString("decision", g.Decision switch
                {
                    GreedyDecision.Funded => "funded",
                    GreedyDecision.Unaffordable => "skipped_unaffordable",
                    _ => "below_minimum_score",
                });
                json.WriteNumber("score", g.Score);
                if (g.ScorePerUnitCost is { } perCost)
                {
                    Exact(json, "score_per_unit_cost", perCost);
                }

                json.WriteNumber("left_after", g.LeftAfter);
                break;
            case EqualSharesRound m:
                json.WriteString("decision", "funded");
                Exact(json, "price_per_satisfaction", m.PricePerSatisfaction);
                json.WriteNumber("supporters", m.Supporters);
                json.WriteNumber("paid_all_they_had", m.PaidAllTheyHad);
                Exact(json, "supporters_budget_left", m.SupportersBudgetLeft);
                break;
            case PhragmenRound p:
                json.WriteString("decision", p.Funded ? "funded" : "stopped_unaffordable");
                Exact(json, "load", p.Load);
                json.WriteNumber("supporters", p.Supporters);
                break;
            default:
                break;
        }

        json.WriteEndObject();
    }

    /// <summary>An exact value as "p/q" (or "n"), and beside it <c>name_decimal</c>, rounded, for reading.</summary>
    private static void Exact(Utf8JsonWriter json, string name, Fraction value)
    {
        var reduced = value.Reduce();
        json.WriteString(name, reduced.Denominator.IsOne ? reduced.Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{reduced.Numerator}/{reduced.Denominator}");
        json.WriteString(name + "_decimal", CountText.Decimal(reduced).Replace(",", "", StringComparison.Ordinal));
    }
}
