using Fractions;
using PBudget.Counting.Elections;

namespace PBudget.Counting.Tests.Rules;

/// <summary>
/// The rules written straight from their definitions, one voter at a time, recomputing every price every round: slow
/// and obviously right, to check the fast engine against on random elections. Approval ballots, default tie-break.
/// </summary>
internal static class NaiveReference
{
    public static List<string> EqualShares(Election election, bool costSatisfaction, Fraction? perVoter = null)
    {
        var voters = Voters(election);
        var budgets = voters.Select(_ => perVoter ?? new Fraction(election.Budget, election.VoterCount)).ToArray();
        var remaining = Enumerable.Range(0, election.Projects.Count).ToHashSet();
        var winners = new List<string>();
        while (true)
        {
            (int Project, Fraction Rho, Fraction Q)? best = null;
            foreach (var p in remaining.ToList())
            {
                var supporters = Enumerable.Range(0, voters.Count).Where(v => voters[v].Contains(p)).ToList();
                var cost = election.Projects[p].Cost;
                if (supporters.Count == 0 || supporters.Aggregate(Fraction.Zero, (s, v) => s + budgets[v]) < cost)
                {
                    remaining.Remove(p);
                    continue;
                }

                // Try each supporter count paying in full, poorest first, until the rest can share what is left equally.
                var ordered = supporters.OrderBy(v => budgets[v]).ToList();
                Fraction q = Fraction.Zero;
                var paid = Fraction.Zero;
                for (var i = 0; i < ordered.Count; i++)
                {
                    q = (cost - paid) / (ordered.Count - i);
                    if (q <= budgets[ordered[i]])
                    {
                        break;
                    }

                    paid += budgets[ordered[i]];
                }

                var rho = costSatisfaction && cost > 0 ? q / cost : q;
                if (best is null || rho < best.Value.Rho || (rho == best.Value.Rho && string.CompareOrdinal(election.Projects[p].Id, election.Projects[best.Value.Project].Id) < 0))
                {
                    best = (p, rho, q);
                }
            }

            if (best is not { } chosen)
            {
                return winners;
            }

            foreach (var v in Enumerable.Range(0, voters.Count).Where(v => voters[v].Contains(chosen.Project)))
            {
                budgets[v] -= budgets[v] < chosen.Q ? budgets[v] : chosen.Q;
            }

            remaining.Remove(chosen.Project);
            winners.Add(election.Projects[chosen.Project].Id);
        }
    }

    /// <summary>add1 one step at a time: raise β by 1 until the outcome overspends or funds every supported project.</summary>
    public static List<string> Add1(Election election, bool costSatisfaction)
    {
        var supported = election.Ballots.SelectMany(b => b.Projects).Distinct().Count();
        var start = new Fraction(election.Budget, election.VoterCount);
        var best = EqualShares(election, costSatisfaction, start);
        for (var step = 1; best.Count < supported; step++)
        {
            var next = EqualShares(election, costSatisfaction, start + step);
            if (next.Sum(id => election.Projects.Single(p => p.Id == id).Cost) > election.Budget)
            {
                break;
            }

            best = next;
        }

        return best;
    }

    public static List<string> Phragmen(Election election)
    {
        var voters = Voters(election);
        var loads = voters.Select(_ => Fraction.Zero).ToArray();
        var remaining = Enumerable.Range(0, election.Projects.Count).Where(p => voters.Any(v => v.Contains(p))).ToHashSet();
        var left = election.Budget;
        var winners = new List<string>();
        while (remaining.Count > 0)
        {
            var times = remaining.Select(p =>
            {
                var supporters = Enumerable.Range(0, voters.Count).Where(v => voters[v].Contains(p)).ToList();
                var time = supporters.Aggregate(new Fraction(election.Projects[p].Cost), (s, v) => s + loads[v]) / supporters.Count;
                return (Project: p, Time: time);
            }).ToList();
            var min = times.Min(t => t.Time);
            var tied = times.Where(t => t.Time == min).Select(t => t.Project).ToList();
            var chosen = tied.MinBy(p => election.Projects[p].Id, StringComparer.Ordinal);
            if (tied.Any(p => election.Projects[p].Cost > left))
            {
                return winners; // pabutools stops if any project tied for the earliest time does not fit.
            }

            left -= election.Projects[chosen].Cost;
            foreach (var v in Enumerable.Range(0, voters.Count).Where(v => voters[v].Contains(chosen)))
            {
                loads[v] = min;
            }

            remaining.Remove(chosen);
            winners.Add(election.Projects[chosen].Id);
        }

        return winners;
    }

    /// <summary>One set of approved projects per voter, empty ballots included.</summary>
    private static List<HashSet<int>> Voters(Election election)
    {
        var voters = new List<HashSet<int>>();
        foreach (var ballot in election.Ballots)
        {
            for (var i = 0; i < ballot.Weight; i++)
            {
                voters.Add(ballot.Projects.ToHashSet());
            }
        }

        while (voters.Count < election.VoterCount)
        {
            voters.Add([]);
        }

        return voters;
    }
}
