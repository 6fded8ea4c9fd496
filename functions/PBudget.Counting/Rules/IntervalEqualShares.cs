namespace PBudget.Counting.Rules;

/// <summary>
/// The Method of Equal Shares counted in interval arithmetic over doubles: a filter in front of the exact count. It
/// makes the exact count's comparisons, each only when the intervals of the two sides do not overlap, so a comparison
/// it decides is decided as the exact numbers decide it; when any comparison is too close to call (an exact tie, or a
/// near one) it gives up and the caller counts exactly. An answer is therefore the exact count's answer, reached with
/// no big-integer arithmetic at all.
/// </summary>
/// <remarks>
/// Voters' amounts are kept per distinct ballot, as an interval at the step being counted and, for completion, as
/// intervals for A and C in A + C·t. Every comparison the count relies on is then a + c·t ≥ 0 for intervals a and c,
/// and the last step it certainly holds for is found from their lower ends (never later than the exact last step).
/// </remarks>
internal sealed class IntervalEqualShares
{
    private readonly Preferences preferences;
    private readonly bool costSatisfaction;
    private readonly int[] ranks;
    private readonly long[] weights;
    private readonly long[] costs;
    private readonly Interval share;
    private readonly Interval[] firstLowerBounds;
    private readonly long[] totalStrengths;

    // Each ballot's supported projects and strengths, flat: the entries of ballot b are at ballotStart[b] up to ballotStart[b + 1].
    private readonly int[] ballotStart;
    private readonly int[] ballotProjects;
    private readonly long[] ballotStrengths;
    private readonly bool usable;

    // Per distinct ballot, reused by every count: the amount at the step, and A and C in A + C·t.
    private readonly double[] valueLo, valueHi, aLo, aHi, cLo, cHi;
    private readonly bool[] spent;
    private readonly int[] mark;

    // Per project: Σ weight × strength over supporters who have not run out, kept up to date as they do.
    private readonly long[] liveStrength;

    // Per project: the last price found, whether it was found since the last funding, and ρ as A + C·t.
    private readonly Quote[] quotes;
    private readonly int[] pricedAt;
    private readonly Interval[] rhoA, rhoC;
    private readonly PriorityQueue<int, (double Rho, int Rank)> queue = new();

    private long step;
    private bool findRange;
    private long lastStep;
    private int fundings;
    private int stamp;

    public IntervalEqualShares(Preferences preferences, bool costSatisfaction, int[] ranks, long startNumerator)
    {
        var election = preferences.Election;
        this.preferences = preferences;
        this.costSatisfaction = costSatisfaction;
        this.ranks = ranks;
        weights = election.Ballots.Select(b => b.Weight).ToArray();
        costs = election.Projects.Select(p => p.Cost).ToArray();
        share = Interval.Quotient(startNumerator, election.VoterCount);

        // Every integer the count turns into a double must be exact: costs, weights, strengths and their sums.
        var largestStrength = preferences.Strengths?.SelectMany(s => s).DefaultIfEmpty(1).Max() ?? 1;
        usable = costs.All(c => c < Interval.MaxExactInteger)
            && election.VoterCount < Interval.MaxExactInteger / Math.Max(1, largestStrength)
            && startNumerator < Interval.MaxExactInteger;

        firstLowerBounds = new Interval[costs.Length];
        totalStrengths = new long[costs.Length];
        liveStrength = new long[costs.Length];
        ballotStart = new int[weights.Length + 1];
        foreach (var supporters in preferences.Supporters)
        {
            foreach (var b in supporters)
            {
                ballotStart[b + 1]++;
            }
        }

        for (var b = 0; b < weights.Length; b++)
        {
            ballotStart[b + 1] += ballotStart[b];
        }

        ballotProjects = new int[ballotStart[^1]];
        ballotStrengths = new long[ballotStart[^1]];
        var filled = ballotStart[..^1];
        for (var p = 0; p < costs.Length; p++)
        {
            var total = 0L;
            for (var i = 0; i < preferences.Supporters[p].Length; i++)
            {
                var b = preferences.Supporters[p][i];
                total += preferences.Strength(p, i) * weights[b];
                ballotProjects[filled[b]] = p;
                ballotStrengths[filled[b]++] = preferences.Strength(p, i);
            }

            totalStrengths[p] = total;

            // Supporters paying q per unit of strength raise at most q times their total strength.
            firstLowerBounds[p] = total == 0 ? Interval.Zero : Rho(p, Interval.Exact(costs[p]).Over(total));
        }

        var ballots = weights.Length;
        (valueLo, valueHi, aLo, aHi, cLo, cHi) = (new double[ballots], new double[ballots], new double[ballots], new double[ballots], new double[ballots], new double[ballots]);
        spent = new bool[ballots];
        mark = new int[ballots];
        quotes = new Quote[costs.Length];
        pricedAt = new int[costs.Length];
        rhoA = new Interval[costs.Length];
        rhoC = new Interval[costs.Length];
    }

    /// <summary>
    /// A count this filter could decide: the winners, their cost, who paid all they had in each round, the last step
    /// proved to give the same outcome (null: every later one), and the round prices if asked for.
    /// </summary>
    public sealed record Result(List<int> Winners, long TotalCost, List<int[]> PaidAll, long? LastStepWithSameOutcome, RoundPrices? Prices);

    /// <summary>Counts with every voter starting from their share + <paramref name="t"/>; null if a comparison was too close to call.</summary>
    /// <param name="t">Whole units added to every voter's share.</param>
    /// <param name="findRange">Whether to work out up to which step the computation stays the same.</param>
    /// <param name="withPrices">Whether to find each round's winning price and the lowest price of any other project (see <see cref="RoundPrices"/>).</param>
    public Result? TryCount(long t, bool findRange, bool withPrices = false)
    {
        if (!usable || t >= Interval.MaxExactInteger / 2)
        {
            return null;
        }

        step = t;
        this.findRange = findRange;
        lastStep = long.MaxValue;
        fundings = 0;
        var start = share + Interval.Exact(t);
        Array.Fill(valueLo, start.Lo);
        Array.Fill(valueHi, start.Hi);
        if (findRange)
        {
            // A and C are read and written only while finding the range.
            Array.Fill(aLo, share.Lo);
            Array.Fill(aHi, share.Hi);
            Array.Fill(cLo, 1.0);
            Array.Fill(cHi, 1.0);
        }
        Array.Clear(spent);
        Array.Copy(totalStrengths, liveStrength, costs.Length);

        queue.Clear();
        for (var p = 0; p < costs.Length; p++)
        {
            if (preferences.SupporterCounts[p] > 0)
            {
                rhoA[p] = firstLowerBounds[p];
                rhoC[p] = Interval.Zero;
                pricedAt[p] = -1;
                queue.Enqueue(p, (firstLowerBounds[p].Lo, ranks[p]));
            }
        }

        var winners = new List<int>();
        var paidAll = new List<int[]>();
        var prices = withPrices ? new RoundPrices() : null;
        var totalCost = 0L;
        while (queue.TryDequeue(out var project, out _))
        {
            if (pricedAt[project] != fundings)
            {
                // Its price is a lower bound from before the last funding: find the price now, and queue it by that.
                if (!Requeue(project))
                {
                    return null;
                }

                continue;
            }

            // Its price is current and no other's lower bound is lower: fund it if that is certain, else sharpen the next.
            if (queue.TryPeek(out var next, out var nextKey) && !(quotes[project].Rho.Hi < nextKey.Rho))
            {
                if (pricedAt[next] == fundings)
                {
                    return null; // Two current prices too close to call.
                }

                queue.Dequeue();
                if (Price(next) == Priced.Unsure)
                {
                    return null;
                }

                if (pricedAt[next] == fundings)
                {
                    queue.Enqueue(next, (quotes[next].Rho.Lo, ranks[next]));
                }

                queue.Enqueue(project, (quotes[project].Rho.Lo, ranks[project]));
                continue;
            }

            if (findRange)
            {
                RequireLowestPrice(project);
            }

            if (prices is not null && !RecordPrices(project, prices))
            {
                return null;
            }

            if (!Fund(project, paidAll))
            {
                return null;
            }

            winners.Add(project);
            totalCost = checked(totalCost + costs[project]);
        }

        return new Result(winners, totalCost, paidAll, lastStep == long.MaxValue ? null : lastStep, prices);
    }

    /// <summary>Prices a project taken off the queue and queues it again by its price, unless its supporters cannot afford it; false if too close to call.</summary>
    private bool Requeue(int project)
    {
        switch (Price(project))
        {
            case Priced.Unsure:
                return false;
            case Priced.Yes:
                queue.Enqueue(project, (quotes[project].Rho.Lo, ranks[project]));
                break;
        }

        return true;
    }

    /// <summary>
    /// Records the chosen project's price and the lowest current price of any other project that its supporters can
    /// still afford, pricing afresh any whose queued price is out of date until the cheapest queued one is current.
    /// False if a price was too close to call.
    /// </summary>
    private bool RecordPrices(int chosen, RoundPrices prices)
    {
        while (queue.TryPeek(out var next, out _) && pricedAt[next] != fundings)
        {
            queue.Dequeue();
            if (!Requeue(next))
            {
                return false;
            }
        }

        var runnerUp = queue.TryPeek(out var other, out _) ? other : -1;
        prices.Add(quotes[chosen].Rho, runnerUp, runnerUp < 0 ? RoundPrices.Unaffordable : quotes[other].Rho);
        return true;
    }

    private enum Priced
    {
        Yes,
        Unaffordable,
        Unsure,
    }

    /// <summary>A price: q per unit of strength and ρ per unit of satisfaction, at the step and as A + C·t.</summary>
    private readonly record struct Quote(Interval Q, Interval Rho, Interval QA, Interval QC, int Stamp);

    /// <summary>
    /// The lowest q at which the supporters, each paying min(what they have, q × strength), raise the project's cost, as
    /// the exact count finds it. Supporters who pay all they have are marked with this call's stamp.
    /// </summary>
    private Priced Price(int project)
    {
        var cost = costs[project];
        var myStamp = ++stamp;
        pricedAt[project] = fundings;
        if (cost == 0)
        {
            quotes[project] = new Quote(Interval.Zero, Interval.Zero, Interval.Zero, Interval.Zero, myStamp); // Free: nobody pays.
            rhoA[project] = Interval.Zero;
            rhoC[project] = Interval.Zero;
            return Priced.Yes;
        }

        var supporters = preferences.Supporters[project];
        var strengths = preferences.Strengths?[project];

        // As the exact count: assume nobody pays all they have, mark those asked for more than they have, and repeat
        // with the higher q until nobody more is marked. A mark is made only when certain, so the marked are a subset of
        // the exact count's at every pass, q never passes the exact q, and at the end everyone unmarked must certainly
        // have more than they are asked. The first pass also sums what the supporters have, to know they can pay.
        var strengthLeft = liveStrength[project];
        double availableLo = 0, availableHi = 0, paidLo = 0, paidHi = 0;
        Interval paidA = Interval.Zero, paidC = Interval.Zero;
        Interval q = default;
        for (var first = true; strengthLeft > 0; first = false)
        {
            q = new Interval(Interval.Down(cost - paidHi), Interval.Up(cost - paidLo)).Over(strengthLeft);
            var changed = false;
            var unsure = false;
            var nextPaidLo = paidLo;
            var nextPaidHi = paidHi;
            var nextStrengthLeft = strengthLeft;
            for (var i = 0; i < supporters.Length; i++)
            {
                var b = supporters[i];
                if (spent[b] || mark[b] == myStamp)
                {
                    continue;
                }

                var weight = weights[b];
                var lo = weight == 1 ? valueLo[b] : Interval.Down(weight * valueLo[b]);
                var hi = weight == 1 ? valueHi[b] : Interval.Up(weight * valueHi[b]);
                if (first)
                {
                    availableLo = Interval.Down(availableLo + lo);
                    availableHi = Interval.Up(availableHi + hi);
                }

                var strength = strengths?[i] ?? 1;
                var asked = strength == 1 ? q : q.Times(strength);
                if (valueHi[b] < asked.Lo)
                {
                    mark[b] = myStamp;
                    changed = true;
                    nextPaidLo = Interval.Down(nextPaidLo + lo);
                    nextPaidHi = Interval.Up(nextPaidHi + hi);
                    nextStrengthLeft -= weight * strength;
                    if (findRange)
                    {
                        paidA += new Interval(aLo[b], aHi[b]).Times(weight);
                        paidC += new Interval(cLo[b], cHi[b]).Times(weight);
                    }
                }
                else if (!(valueLo[b] > asked.Hi))
                {
                    unsure = true;
                }
            }

            if (first && availableHi < cost)
            {
                break; // Unaffordable.
            }

            if (first && availableLo < cost)
            {
                return Priced.Unsure;
            }

            if (!changed)
            {
                if (unsure)
                {
                    return Priced.Unsure;
                }

                break;
            }

            (paidLo, paidHi, strengthLeft) = (nextPaidLo, nextPaidHi, nextStrengthLeft);
        }

        if (availableHi < cost)
        {
            pricedAt[project] = -1;
            if (findRange)
            {
                // Still unaffordable while cost − Σ weight × (A + C·t) > 0.
                var (sumA, sumC) = Sum(supporters);
                Require(Interval.Exact(cost) - sumA, -sumC);
            }

            return Priced.Unaffordable;
        }

        if (strengthLeft <= 0)
        {
            return Priced.Unsure; // Everyone pays all and still exactly the cost: the exact count's business.
        }

        // As A + C·t: q = (cost − Σ over those paying all of weight × (A + C·t)) / strength left.
        var qA = findRange ? (Interval.Exact(cost) - paidA).Over(strengthLeft) : default;
        var qC = findRange ? (-paidC).Over(strengthLeft) : default;
        quotes[project] = new Quote(q, Rho(project, q), qA, qC, myStamp);
        rhoA[project] = Rho(project, qA);
        rhoC[project] = Rho(project, qC);
        return Priced.Yes;
    }

    /// <summary>
    /// Who pays all they have must stay the same for a funded project, as that decides everyone's amounts from here on.
    /// (A price found with any other split is never above the true price, so prices used only as lower bounds need no
    /// such condition: they stay lower bounds at every step where the amounts they were found from are the same.)
    /// </summary>
    private void RequireSameSplit(int project, Quote quote)
    {
        var supporters = preferences.Supporters[project];
        var strengths = preferences.Strengths?[project];
        for (var i = 0; i < supporters.Length; i++)
        {
            var b = supporters[i];
            if (spent[b])
            {
                continue; // They have nothing, and q stays positive wherever the other comparisons hold.
            }

            var strength = strengths?[i] ?? 1;
            var gapA = quote.QA.Times(strength) - new Interval(aLo[b], aHi[b]);
            var gapC = quote.QC.Times(strength) - new Interval(cLo[b], cHi[b]);
            if (mark[b] == quote.Stamp)
            {
                Require(gapA, gapC); // Still asked for more than they have.
            }
            else
            {
                Require(-gapA, -gapC); // Still have more than they are asked.
            }
        }
    }

    /// <summary>ρ from q: the price per unit of strength over the satisfaction one unit of strength brings.</summary>
    private Interval Rho(int project, Interval perStrength) => costSatisfaction ? perStrength.Over(costs[project]) : perStrength;

    /// <summary>Σ weight × A and Σ weight × C over the supporters who still have money.</summary>
    private (Interval A, Interval C) Sum(int[] supporters)
    {
        Interval sumA = Interval.Zero, sumC = Interval.Zero;
        foreach (var b in supporters)
        {
            if (!spent[b])
            {
                sumA += new Interval(aLo[b], aHi[b]).Times(weights[b]);
                sumC += new Interval(cLo[b], cHi[b]).Times(weights[b]);
            }
        }

        return (sumA, sumC);
    }

    /// <summary>The chosen project's ρ must stay below every other project's lower bound: strictly, as it is now.</summary>
    private void RequireLowestPrice(int chosen)
    {
        foreach (var (other, _) in queue.UnorderedItems)
        {
            Require(rhoA[other] - rhoA[chosen], rhoC[other] - rhoC[chosen]);
        }
    }

    /// <summary>Every supporter pays q × strength, or all they have if that is less.</summary>
    private bool Fund(int project, List<int[]> paidAll)
    {
        // Pricing another project since re-marked some of this one's payers: price again (the same state gives the same
        // price) to mark them afresh.
        if (quotes[project].Stamp != stamp && Price(project) != Priced.Yes)
        {
            return false;
        }

        var quote = quotes[project];
        var supporters = preferences.Supporters[project];
        var strengths = preferences.Strengths?[project];
        if (findRange && costs[project] > 0)
        {
            RequireSameSplit(project, quote);
        }
        var payers = new List<int>();
        for (var i = 0; i < supporters.Length; i++)
        {
            var b = supporters[i];
            if (spent[b] || costs[project] == 0)
            {
                continue;
            }

            if (mark[b] == quote.Stamp)
            {
                spent[b] = true;
                payers.Add(b);
                for (var e = ballotStart[b]; e < ballotStart[b + 1]; e++)
                {
                    liveStrength[ballotProjects[e]] -= weights[b] * ballotStrengths[e];
                }

                continue;
            }

            var strength = strengths?[i] ?? 1;
            var asked = quote.Q.Times(strength);
            valueLo[b] = Interval.Down(valueLo[b] - asked.Hi);
            valueHi[b] = Interval.Up(valueHi[b] - asked.Lo);
            if (findRange)
            {
                var a = new Interval(aLo[b], aHi[b]) - quote.QA.Times(strength);
                var c = new Interval(cLo[b], cHi[b]) - quote.QC.Times(strength);
                (aLo[b], aHi[b], cLo[b], cHi[b]) = (a.Lo, a.Hi, c.Lo, c.Hi);
            }
        }

        paidAll.Add([.. payers]);
        fundings++;
        return true;
    }

    /// <summary>
    /// Records that the count relied on a + c·t &gt; 0 (as a comparison decided at this step), and lowers the last step it
    /// certainly holds for: a + c·T ≥ a.Lo + c.Lo·T for T ≥ 0, so any T with a.Lo + c.Lo·T &gt; 0 will do.
    /// </summary>
    private void Require(Interval a, Interval c)
    {
        if (c.Lo >= 0)
        {
            return; // It only grows with t.
        }

        var last = step;
        if (a.Lo > 0)
        {
            // A margin far above the division's rounding error keeps a.Lo + c.Lo·T strictly positive.
            var limit = a.Lo / -c.Lo * (1 - 1e-9);
            last = limit >= long.MaxValue / 2 ? long.MaxValue - 1 : Math.Max(step, (long)Math.Floor(limit));
        }

        lastStep = Math.Min(lastStep, last);
    }
}
