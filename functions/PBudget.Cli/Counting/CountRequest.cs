using System.CommandLine;
using PBudget.Counting.Rules;

namespace PBudget.Cli.Counting;

/// <summary>The options <c>pbudget count</c> and <c>pbudget bench count</c> share, and how their words map to <see cref="CountOptions"/>.</summary>
internal static class CountRequest
{
    public static readonly IReadOnlyDictionary<string, CountingRule> Rules = new Dictionary<string, CountingRule>(StringComparer.Ordinal)
    {
        ["greedy"] = CountingRule.Greedy,
        ["greedy-cardinality"] = CountingRule.GreedyCardinality,
        ["mes"] = CountingRule.EqualShares,
        ["phragmen"] = CountingRule.Phragmen,
    };

    public static readonly IReadOnlyDictionary<string, Satisfaction> Satisfactions = new Dictionary<string, Satisfaction>(StringComparer.Ordinal)
    {
        ["cost"] = Satisfaction.Cost,
        ["cardinality"] = Satisfaction.Cardinality,
    };

    public static readonly IReadOnlyDictionary<string, Completion> Completions = new Dictionary<string, Completion>(StringComparer.Ordinal)
    {
        ["none"] = Completion.None,
        ["add1"] = Completion.Add1,
        ["add1-then-greedy"] = Completion.Add1ThenGreedy,
    };

    public static readonly IReadOnlyDictionary<string, ScoreBasis> Scores = new Dictionary<string, ScoreBasis>(StringComparer.Ordinal)
    {
        ["ballots"] = ScoreBasis.Ballots,
        ["approvals"] = ScoreBasis.Approvals,
    };

    public static string Name(Satisfaction satisfaction) => Satisfactions.Single(p => p.Value == satisfaction).Key;

    public static string Name(Completion completion) => Completions.Single(p => p.Value == completion).Key;

    public static string Name(ScoreBasis basis) => Scores.Single(p => p.Value == basis).Key;

    /// <summary>An option whose value must be one of <paramref name="words"/>' keys; help lists them.</summary>
    public static Option<string> Choice<T>(string name, IReadOnlyDictionary<string, T> words, string? defaultWord, string description)
    {
        var option = new Option<string>(name) { Description = description, Required = defaultWord is null };
        if (defaultWord is not null)
        {
            option.DefaultValueFactory = _ => defaultWord;
        }

        option.AcceptOnlyFromAmong([.. words.Keys]);
        return option;
    }

    /// <summary><c>default</c>, <c>refuse</c> or <c>lottery:SEED</c>.</summary>
    public static Option<string> TieBreakOption() => new("--tie-break")
    {
        HelpName = "default|refuse|lottery:SEED",
        Description = "How exact ties are settled: default (smallest project id, as a string), lottery:SEED (a published, repeatable lottery) or refuse (stop and report the tie).",
        DefaultValueFactory = _ => "default",
        Validators =
        {
            result =>
            {
                var word = result.Tokens.Count == 1 ? result.Tokens[0].Value : "default";
                if (ParseTieBreak(word) is null)
                {
                    result.AddError($"'{word}' is not a tie-break: use default, refuse or lottery:SEED (for example lottery:2026-06-30).");
                }
            },
        },
    };

    /// <summary>The tie-break a word names, or null.</summary>
    public static TieBreak? ParseTieBreak(string word) => word switch
    {
        "default" => TieBreak.Default,
        "refuse" => TieBreak.Refuse,
        _ when word.StartsWith("lottery:", StringComparison.Ordinal) && word.Length > "lottery:".Length => TieBreak.Lottery(word["lottery:".Length..]),
        _ => null,
    };

    /// <summary>A whole number, or <c>meta</c> for the file's <c>min_project_score_threshold</c>.</summary>
    public static Option<string?> MinimumScoreOption() => new("--min-score")
    {
        HelpName = "N|meta",
        Description = "Greedy rules only: leave unfunded any project scoring less than this. 'meta' takes the file's min_project_score_threshold.",
        Validators =
        {
            result =>
            {
                var word = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
                if (word is not null && word != "meta" && !long.TryParse(word, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    result.AddError($"'{word}' is not a minimum score: give a whole number or 'meta'.");
                }
            },
        },
    };
}
