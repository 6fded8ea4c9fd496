using Fractions;

namespace PBudget.Counting.Rules;

/// <summary>
/// Utilitarian greedy: projects in order of score (or score per unit of cost), free projects first, each funded if it
/// still fits and skipped if not; the count goes on past a skipped project. Projects nobody supports come last and
/// are still funded if they fit, as in pabutools.
/// </summary>
internal static class Greedy
{
    public sealed record Result(List<int> Funded, List<CountStep> Steps, long Left);

    public static Result Fill(Preferences preferences, bool perUnitCost, long budget, IReadOnlySet<int> alreadyFunded, int[] ranks, TieBreak tieBreak, long? minimumScore)
    {
        var projects = preferences.Election.Projects;
        var scores = preferences.Scores;
        var order = Enumerable.Range(0, projects.Count).Where(p => !alreadyFunded.Contains(p)).ToArray();
        Comparison<int> byMerit = (a, b) => CompareMerit(a, b, preferences, perUnitCost);
        Array.Sort(order, (a, b) => byMerit(a, b) is var c && c != 0 ? c : ranks[a].CompareTo(ranks[b]));

        var funded = new List<int>();
        var steps = new List<CountStep>();
        var left = budget;
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && byMerit(order[start], order[end]) == 0)
            {
                end++;
            }

            if (tieBreak.RefusesTies && end - start > 1)
            {
                RefuseIfOrderMatters(order.AsSpan(start, end - start), preferences, left, minimumScore);
            }

            for (var i = start; i < end; i++)
            {
                var p = order[i];
                var cost = projects[p].Cost;
                GreedyDecision decision;
                if (minimumScore is { } minimum && scores[p] < minimum)
                {
                    decision = GreedyDecision.BelowMinimumScore;
                }
                else if (cost <= left)
                {
                    decision = GreedyDecision.Funded;
                    left -= cost;
                    funded.Add(p);
                }
                else
                {
                    decision = GreedyDecision.Unaffordable;
                }

                Fraction? perCost = perUnitCost && cost > 0 ? new Fraction(scores[p], cost) : null;
                steps.Add(new GreedyStep(projects[p], scores[p], perCost, decision, left));
            }

            start = end;
        }

        return new Result(funded, steps, left);
    }

    /// <summary>Negative when <paramref name="a"/> comes first: free projects, then higher score (per unit of cost).</summary>
    private static int CompareMerit(int a, int b, Preferences preferences, bool perUnitCost)
    {
        var costA = preferences.Election.Projects[a].Cost;
        var costB = preferences.Election.Projects[b].Cost;
        var freeFirst = (costA == 0).CompareTo(costB == 0);
        if (freeFirst != 0)
        {
            return -freeFirst;
        }

        var scoreA = preferences.Scores[a];
        var scoreB = preferences.Scores[b];
        if (!perUnitCost || costA == 0)
        {
            return scoreB.CompareTo(scoreA);
        }

        // scoreA / costA against scoreB / costB, exactly.
        return ((Int128)scoreB * costA).CompareTo((Int128)scoreA * costB);
    }

    /// <summary>
    /// Tied projects that fit on their own but not all together would be funded differently in another order: that is a
    /// tie that matters. Projects that cannot fit, or that all fit together, are funded the same in any order.
    /// </summary>
    private static void RefuseIfOrderMatters(ReadOnlySpan<int> tied, Preferences preferences, long left, long? minimumScore)
    {
        var projects = preferences.Election.Projects;
        var contenders = new List<int>();
        foreach (var p in tied)
        {
            if (projects[p].Cost <= left && !(minimumScore is { } minimum && preferences.Scores[p] < minimum))
            {
                contenders.Add(p);
            }
        }

        if (contenders.Sum(p => projects[p].Cost) > left)
        {
            throw new UnresolvedTieException(contenders.Select(p => projects[p].Id).ToList(), $"in score with {left} left to spend");
        }
    }
}
