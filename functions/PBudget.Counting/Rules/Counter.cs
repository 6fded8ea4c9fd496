using PBudget.Counting.Elections;

namespace PBudget.Counting.Rules;

/// <summary>Counts an election by a published rule. Deterministic: the same election and options always give the same outcome.</summary>
public static class Counter
{

    /// <summary>Counts <paramref name="election"/> as <paramref name="options"/> say.</summary>
    /// <exception cref="CountingException">The rule does not fit the ballots, or a refused tie arose; the message says which.</exception>
    public static Outcome Count(Election election, CountOptions options)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(options);
        CheckFits(election, options);

        var ranks = options.EffectiveTieBreak.Ranks(election.Projects);
        var preferences = Preferences.Build(election, options.Scores, RuleName(options.Rule));
        return options.Rule switch
        {
            CountingRule.Greedy or CountingRule.GreedyCardinality => CountGreedy(election, options, preferences, ranks),
            CountingRule.EqualShares => CountEqualShares(election, options, preferences, ranks),
            CountingRule.Phragmen => CountPhragmen(election, options, preferences, ranks),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Rule, "Unknown rule."),
        };
    }

    /// <summary>The rule's name as <c>pbudget count --rule</c> takes it.</summary>
    public static string RuleName(CountingRule rule) => rule switch
    {
        CountingRule.Greedy => "greedy",
        CountingRule.GreedyCardinality => "greedy-cardinality",
        CountingRule.EqualShares => "mes",
        CountingRule.Phragmen => "phragmen",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };

    private static void CheckFits(Election election, CountOptions options)
    {
        var approvalLike = election.VoteType is VoteType.Approval or VoteType.ChooseOne || options.Scores == ScoreBasis.Approvals;
        var name = RuleName(options.Rule);
        var voteType = election.VoteType.ToString().ToLowerInvariant();
        switch (options.Rule)
        {
            case CountingRule.EqualShares when !approvalLike && election.VoteType != VoteType.Cumulative:
                throw new CountingException($"mes counts approval and cumulative ballots; these are {voteType} ballots. Count with --score approvals to treat every listed project as approved.");
            case CountingRule.Phragmen when !approvalLike:
                throw new CountingException($"phragmen counts approval ballots; these are {voteType} ballots. Count with --score approvals to treat every listed project as approved.");
            case CountingRule.Greedy or CountingRule.GreedyCardinality when options.Completion != Completion.None:
                throw new CountingException($"{name} has no completion; --completion applies to mes only.");
            case CountingRule.Phragmen when options.Completion != Completion.None:
                throw new CountingException("phragmen has no completion; --completion applies to mes only.");
            case CountingRule.EqualShares or CountingRule.Phragmen when options.MinimumScore is not null:
                throw new CountingException($"{name} has no minimum score; --min-score applies to the greedy rules only.");
            default:
                break;
        }
    }

    private static Outcome CountGreedy(Election election, CountOptions options, Preferences preferences, int[] ranks)
    {
        var result = Greedy.Fill(preferences, options.Rule == CountingRule.GreedyCardinality, election.Budget, new HashSet<int>(), ranks, options.EffectiveTieBreak, options.MinimumScore);
        return new Outcome(election, options, result.Funded, result.Steps, []);
    }

    private static Outcome CountPhragmen(Election election, CountOptions options, Preferences preferences, int[] ranks)
    {
        var (winners, rounds) = new Phragmen(preferences, ranks, options.EffectiveTieBreak).Count();
        return new Outcome(election, options, winners, rounds, []);
    }

    private static Outcome CountEqualShares(Election election, CountOptions options, Preferences preferences, int[] ranks)
    {
        if (election.VoterCount == 0)
        {
            return new Outcome(election, options, [], [], []);
        }

        EqualShares NewCount() => new(preferences, options.Satisfaction, ranks, options.EffectiveTieBreak, options.WholeUnitStart && options.Completion != Completion.None);
        var mes = NewCount();
        if (options.Completion == Completion.None)
        {
            var plain = mes.Count(0, explain: true, findRange: false);
            return new Outcome(election, options, plain.Winners, plain.Rounds, []);
        }

        var (best, steps) = Add1Completion.Run(mes, NewCount, election.Budget);
        var final = mes.Count(best, explain: true, findRange: false);
        var winners = final.Winners;
        var rounds = final.Rounds;
        if (options.Completion == Completion.Add1ThenGreedy)
        {
            // The top-up is greedy by score (utilitarian greedy), whatever the satisfaction, as equalshares.net and pabutools' completion do.
            var fill = Greedy.Fill(preferences, perUnitCost: false, election.Budget - final.TotalCost, winners.ToHashSet(), ranks, options.EffectiveTieBreak, minimumScore: null);
            winners = [.. winners, .. fill.Funded];
            rounds = [.. rounds, .. fill.Steps];
        }

        return new Outcome(election, options, winners, rounds, steps);
    }
}
