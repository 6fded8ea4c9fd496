using Fractions;

namespace PBudget.Counting.Rules;

/// <summary>
/// Sequential Phragmén for approval ballots: voters earn money at a constant rate; the first project whose supporters
/// together have earned its cost (counting what they already spent, their load) is funded and their loads are set to
/// that time. The count stops at the first such project that no longer fits the budget, as in pabutools.
/// </summary>
internal sealed class Phragmen
{
    private readonly Preferences preferences;
    private readonly int[] ranks;
    private readonly bool refuseTies;
    private readonly long[] weights;
    private readonly Dictionary<int, long> byState = [];

    public Phragmen(Preferences preferences, int[] ranks, TieBreak tieBreak)
    {
        this.preferences = preferences;
        this.ranks = ranks;
        refuseTies = tieBreak.RefusesTies;
        weights = preferences.Election.Ballots.Select(b => b.Weight).ToArray();
    }

    public (List<int> Winners, List<CountStep> Rounds) Count()
    {
        var projects = preferences.Election.Projects;
        var loads = new BudgetStates(Fraction.Zero);
        var ballotLoad = new int[weights.Length];
        var left = preferences.Election.Budget;
        var winners = new List<int>();
        var rounds = new List<CountStep>();

        // With every load at zero, each project's time is its cost over its supporters; times only grow as loads do,
        // so an old time is a lower bound and only the front of the queue needs recomputing.
        var queue = new PriorityQueue<int, (Fraction Time, int Rank)>(Comparer<(Fraction Time, int Rank)>.Create((a, b) =>
            a.Time.CompareTo(b.Time) is var c && c != 0 ? c : a.Rank.CompareTo(b.Rank)));
        for (var p = 0; p < projects.Count; p++)
        {
            if (preferences.SupporterCounts[p] > 0)
            {
                queue.Enqueue(p, (new Fraction(projects[p].Cost, preferences.SupporterCounts[p]), ranks[p]));
            }
        }

        while (queue.TryDequeue(out var project, out _))
        {
            var time = Time(project, loads, ballotLoad);
            if (queue.TryPeek(out _, out var next) && (time.CompareTo(next.Time) is var c && (c > 0 || (c == 0 && ranks[project] > next.Rank))))
            {
                queue.Enqueue(project, (time, ranks[project]));
                continue;
            }

            // As in pabutools, the count stops if any project tied for the earliest time no longer fits.
            var tied = TiedWith(project, time, queue, loads, ballotLoad);
            if (refuseTies && tied.Count > 1)
            {
                throw new UnresolvedTieException(tied.Select(p => projects[p].Id).ToList(), $"in Phragmén load ({time})");
            }

            var cost = projects[project].Cost;
            var stopper = tied.FirstOrDefault(p => projects[p].Cost > left, -1);
            var fits = stopper < 0;
            rounds.Add(new PhragmenRound(projects[fits ? project : stopper], time, preferences.SupporterCounts[fits ? project : stopper], fits));
            if (!fits)
            {
                break;
            }

            left -= cost;
            winners.Add(project);
            var state = loads.Intern(time);
            foreach (var ballot in preferences.Supporters[project])
            {
                ballotLoad[ballot] = state;
            }
        }

        return (winners, rounds);
    }

    /// <summary>(cost + the supporters' loads) / the number of supporters.</summary>
    private Fraction Time(int project, BudgetStates loads, int[] ballotLoad)
    {
        // Called for every project the queue brings to the front: one reused table, one lookup per supporter.
        byState.Clear();
        foreach (var ballot in preferences.Supporters[project])
        {
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byState, ballotLoad[ballot], out _) += weights[ballot];
        }

        var total = new Fraction(preferences.Election.Projects[project].Cost);
        foreach (var (state, weight) in byState)
        {
            total += loads[state] * weight;
        }

        return total / preferences.SupporterCounts[project];
    }

    /// <summary>The chosen project and every other whose time is exactly the same (left in the queue).</summary>
    private List<int> TiedWith(int chosen, Fraction time, PriorityQueue<int, (Fraction Time, int Rank)> queue, BudgetStates loads, int[] ballotLoad)
    {
        var tied = new List<int> { chosen };
        var recomputed = new List<(int, (Fraction, int))>();
        while (queue.TryPeek(out var other, out var bound) && bound.Time == time)
        {
            queue.Dequeue();
            var otherTime = Time(other, loads, ballotLoad);
            if (otherTime == time)
            {
                tied.Add(other);
            }

            recomputed.Add((other, (otherTime, ranks[other])));
        }

        foreach (var (project, priority) in recomputed)
        {
            queue.Enqueue(project, priority);
        }

        return tied;
    }
}
