using System.Numerics;
using Fractions;

namespace PBudget.Counting.Rules;

/// <summary>
/// The exact explanation of an equal-shares count whose decisions are already known (the winners in order, and who paid
/// all they had in each round): each round's price, who paid all, and what the supporters had left, as exact fractions.
/// </summary>
/// <remarks>
/// Knowing the decisions, no voter's amount needs to be held exactly: a voter who has not run out has their share minus
/// strength × q for each round they paid in, so the exact sum over any group of voters is their total weight × share
/// minus a whole-number multiple of each round's q. That is a few fraction operations per round instead of one per
/// voter, which is why it is fast where the exact count is slow.
/// </remarks>
internal static class EqualSharesReplay
{
    public static List<CountStep> Explain(Preferences preferences, bool costSatisfaction, BigInteger startNumerator, long step, IReadOnlyList<int> winners, IReadOnlyList<int[]> paidAll)
    {
        var election = preferences.Election;
        var ballots = election.Ballots.Count;
        var share = new Fraction(startNumerator, election.VoterCount) + step;
        var ledger = new Ledger(election.Ballots.Select(b => b.Weight).ToArray());
        var spent = new bool[ballots];
        var paysAllIn = new int[ballots];
        var prices = new List<Fraction>();
        var rounds = new List<CountStep>();

        for (var round = 0; round < winners.Count; round++)
        {
            var project = winners[round];
            var cost = election.Projects[project].Cost;
            var supporters = preferences.Supporters[project];
            foreach (var b in paidAll[round])
            {
                paysAllIn[b] = round + 1;
            }

            // q = (cost − what those who pay all have) / the strength of the rest.
            var price = Fraction.Zero;
            if (cost > 0)
            {
                var strengthLeft = 0L;
                for (var i = 0; i < supporters.Length; i++)
                {
                    var b = supporters[i];
                    if (!spent[b] && paysAllIn[b] != round + 1)
                    {
                        strengthLeft += preferences.Strength(project, i) * election.Ballots[b].Weight;
                    }
                }

                price = (new Fraction(cost) - ledger.Total(paidAll[round], spent, share, prices)) / new Fraction(strengthLeft);
            }

            prices.Add(price);
            var paidAllWeight = 0L;
            for (var i = 0; i < supporters.Length; i++)
            {
                var b = supporters[i];
                if (!spent[b] && paysAllIn[b] == round + 1)
                {
                    spent[b] = true;
                }
                else if (!spent[b] && cost > 0)
                {
                    ledger.Pay(b, round, preferences.Strength(project, i));
                }

                paidAllWeight += spent[b] ? election.Ballots[b].Weight : 0;
            }

            var rho = costSatisfaction && cost > 0 ? price / new Fraction(cost) : price;
            var left = ledger.Total(supporters, spent, share, prices);
            rounds.Add(new EqualSharesRound(election.Projects[project], rho, preferences.SupporterCounts[project], paidAllWeight, left));
        }

        return rounds;
    }

    /// <summary>For each voter, the rounds they paid q × strength in, as linked lists in flat arrays.</summary>
    private sealed class Ledger(long[] weights)
    {
        private readonly int[] head = Enumerable.Repeat(-1, weights.Length).ToArray();
        private readonly List<(int Round, long Strength, int Next)> entries = [];
        private readonly List<long> coefficients = [];

        public void Pay(int ballot, int round, long strength)
        {
            entries.Add((round, strength, head[ballot]));
            head[ballot] = entries.Count - 1;
        }

        /// <summary>Σ weight × amount over <paramref name="group"/>'s voters who have not run out.</summary>
        public Fraction Total(int[] group, bool[] spent, Fraction share, List<Fraction> prices)
        {
            coefficients.Clear();
            coefficients.AddRange(Enumerable.Repeat(0L, prices.Count));
            var weight = 0L;
            foreach (var b in group)
            {
                if (spent[b])
                {
                    continue;
                }

                var w = weights[b];
                weight += w;
                for (var e = head[b]; e >= 0; e = entries[e].Next)
                {
                    coefficients[entries[e].Round] += w * entries[e].Strength;
                }
            }

            var total = share * weight;
            for (var round = 0; round < coefficients.Count; round++)
            {
                if (coefficients[round] != 0)
                {
                    total -= prices[round] * coefficients[round];
                }
            }

            return total;
        }
    }
}
