using System.Numerics;
using Fractions;

namespace PBudget.Counting.Rules;

/// <summary>
/// The Method of Equal Shares (Peters, Pierczyński and Skowron), exactly: every voter starts with an equal share of the
/// budget; in each round the project whose supporters can buy it at the lowest price per unit of satisfaction ρ is
/// funded, each supporter paying ρ times their satisfaction or all they have left if that is less; the count ends when
/// no project's supporters can afford it. Exact ties in ρ go to the lowest tie-break rank.
/// </summary>
/// <remarks>
/// <para>
/// Each count is first tried by <see cref="IntervalEqualShares"/>, which makes the same comparisons in interval
/// arithmetic and hands back any it cannot decide; what follows describes the exact count behind it.
/// </para>
/// <para>Exact and fast, without changing any result:</para>
/// <list type="bullet">
/// <item>Voters who cast the same ballot and supported the same funded projects hold the same amount, so amounts are
/// kept as a few shared states per count, not per voter.</item>
/// <item>All amounts share one denominator, so sums and comparisons are integer arithmetic with no reduction; the
/// denominator grows by one factor per funded project.</item>
/// <item>Prices only rise as voters spend, so an earlier price is a lower bound and each round recomputes only the
/// projects whose old price could still be the lowest.</item>
/// <item>For completion, each voter's budget is the share plus t whole units, every amount is kept as a function
/// a + c·t, and every comparison the count relies on is turned into the largest t for which it still holds. One count
/// then proves the outcome for a whole run of steps, and add1 moves straight to the next step that can differ.</item>
/// </list>
/// </remarks>
internal sealed class EqualShares
{
    private readonly Preferences preferences;
    private readonly bool costSatisfaction;
    private readonly int[] ranks;
    private readonly bool refuseTies;
    private readonly long[] weights;
    private BigInteger[]? totalStrength;

    private readonly BigInteger startNumerator;
    private readonly IntervalEqualShares? filter;

    /// <param name="preferences">The ballots, by project.</param>
    /// <param name="satisfaction">Cost or cardinality satisfaction.</param>
    /// <param name="ranks">Each project's place in the tie-break order.</param>
    /// <param name="tieBreak">The tie-break, to know whether ties are refused.</param>
    /// <param name="wholeUnitStart">Whether each voter starts from the share rounded down to a whole unit.</param>
    /// <param name="filtered">Whether to try the interval-arithmetic count first (false: always count with big integers).</param>
    public EqualShares(Preferences preferences, Satisfaction satisfaction, int[] ranks, TieBreak tieBreak, bool wholeUnitStart = false, bool filtered = true)
    {
        var election = preferences.Election;
        startNumerator = wholeUnitStart ? election.Budget / election.VoterCount * election.VoterCount : election.Budget;
        this.preferences = preferences;
        costSatisfaction = satisfaction == Satisfaction.Cost;
        this.ranks = ranks;
        refuseTies = tieBreak.RefusesTies;
        weights = preferences.Election.Ballots.Select(b => b.Weight).ToArray();
        filter = filtered ? new IntervalEqualShares(preferences, costSatisfaction, ranks, (long)startNumerator) : null;
    }

    /// <summary>Each project's supporters' total strength, for the exact count's first lower bounds; found only if it runs.</summary>
    private BigInteger[] TotalStrength
    {
        get
        {
            if (totalStrength is null)
            {
                var totals = new BigInteger[preferences.Election.Projects.Count];
                for (var p = 0; p < totals.Length; p++)
                {
                    for (var i = 0; i < preferences.Supporters[p].Length; i++)
                    {
                        totals[p] += (BigInteger)preferences.Strength(p, i) * weights[preferences.Supporters[p][i]];
                    }
                }

                totalStrength = totals;
            }

            return totalStrength;
        }
    }

    /// <summary>How many counts the interval filter could not decide and were counted with big integers.</summary>
    public int ExactCounts { get; private set; }

    /// <summary>
    /// The winners in order, their cost, the explanation, (when asked for) the last step that is proved to give the
    /// same outcome (null: every later step does), and (when asked for and the interval count decided it) the round
    /// prices.
    /// </summary>
    public sealed record Run(List<int> Winners, long TotalCost, List<CountStep> Rounds, BigInteger? LastStepWithSameOutcome, RoundPrices? Prices = null);

    /// <summary>Projects that at least one voter supports: the only ones MES can fund.</summary>
    public int SupportedProjects => preferences.SupporterCounts.Count(c => c > 0);

    /// <summary>Each voter's budget at <paramref name="step"/>: their share of the budget (rounded down if asked) + step.</summary>
    public Fraction PerVoterBudget(long step) => new Fraction(startNumerator, preferences.Election.VoterCount) + step;

    /// <summary>Counts with every voter starting from budget / voters + <paramref name="step"/>.</summary>
    /// <param name="step">Whole units added to each voter's share (0 for plain MES).</param>
    /// <param name="explain">Whether to record each round.</param>
    /// <param name="findRange">Whether to work out up to which step the outcome stays the same.</param>
    /// <param name="withPrices">
    /// Whether to record the round prices (<see cref="RoundPrices"/>); if the count needs big integers, it works out
    /// the range instead.
    /// </param>
    public Run Count(long step, bool explain, bool findRange, bool withPrices = false)
    {
        if (filter?.TryCount(step, findRange, withPrices) is { } decided)
        {
            var explained = explain
                ? EqualSharesReplay.Explain(preferences, costSatisfaction, startNumerator, step, decided.Winners, decided.PaidAll)
                : [];
            return new Run(decided.Winners, decided.TotalCost, explained, decided.LastStepWithSameOutcome, decided.Prices);
        }

        ExactCounts++;
        findRange |= withPrices;
        var count = new Counting(this, step, findRange);
        var projects = preferences.Election.Projects;
        var winners = new List<int>();
        var rounds = new List<CountStep>();
        var totalCost = 0L;

        for (var p = 0; p < projects.Count; p++)
        {
            if (preferences.SupporterCounts[p] > 0)
            {
                // Supporters paying q per unit of strength raise at most q times their total strength, so q is at least
                // cost / total strength at any step: a lower bound known without looking at a single ballot.
                count.Enqueue(p, Rho(p, new Linear(projects[p].Cost, 0, TotalStrength[p])));
            }
        }

        while (count.Queue.TryDequeue(out var project, out _))
        {
            if (count.Price(project) is not { } quote)
            {
                continue; // Its supporters cannot afford it now, and never will again in this count.
            }

            var candidate = new Candidate(quote.Rho.At(step), ranks[project]);
            if (count.Queue.TryPeek(out _, out var next) && Candidate.Order.Compare(candidate, next) > 0)
            {
                count.Enqueue(project, quote.Rho);
                continue;
            }

            if (refuseTies)
            {
                count.RefuseTies(project, candidate.Rho);
            }

            count.RequireLowestPrice(project, quote.Rho);
            var round = count.Fund(project, quote, explain);
            winners.Add(project);
            totalCost = checked(totalCost + projects[project].Cost);
            if (round is not null)
            {
                rounds.Add(round);
            }
        }

        return new Run(winners, totalCost, rounds, count.LastStep);
    }

    /// <summary>ρ from q: the price per unit of strength over the satisfaction one unit of strength brings.</summary>
    private Linear Rho(int project, Linear perStrength)
    {
        var cost = preferences.Election.Projects[project].Cost;
        return costSatisfaction && cost > 0 ? perStrength with { Denominator = perStrength.Denominator * cost } : perStrength;
    }

    /// <summary>(A + C·t) / Denominator, with a positive denominator: an amount as a function of the step t.</summary>
    private readonly record struct Linear(BigInteger A, BigInteger C, BigInteger Denominator)
    {
        public Ratio At(long t) => new(A + (C * t), Denominator);

        /// <summary>this − other, over the product of the denominators.</summary>
        public Linear Minus(Linear other) => new(
            (A * other.Denominator) - (other.A * Denominator),
            (C * other.Denominator) - (other.C * Denominator),
            Denominator * other.Denominator);
    }

    /// <summary>An exact fraction compared by cross-multiplication, never reduced: reducing is what costs time.</summary>
    private readonly record struct Ratio(BigInteger Numerator, BigInteger Denominator) : IComparable<Ratio>
    {
        public int CompareTo(Ratio other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

        public bool SameValueAs(Ratio other) => CompareTo(other) == 0;

        public Fraction ToFraction() => new(Numerator, Denominator);
    }

    private readonly record struct Candidate(Ratio Rho, int Rank)
    {
        public static readonly Comparer<Candidate> Order = Comparer<Candidate>.Create((a, b) =>
            a.Rho.CompareTo(b.Rho) is var c && c != 0 ? c : a.Rank.CompareTo(b.Rank));
    }

    /// <summary>
    /// A price: q per unit of strength and ρ per unit of satisfaction. A supporter pays all they have exactly when that is
    /// less than q × their strength.
    /// </summary>
    private sealed record Quote(Linear PerStrength, Linear Rho);

    /// <summary>One count's mutable state: voters' amounts, the queue of projects, and the range being worked out.</summary>
    private sealed class Counting
    {
        private readonly EqualShares mes;
        private readonly long t;
        private readonly bool findRange;
        private readonly int[] ballotState;
        private readonly Linear[] lowerBounds;
        private readonly GroupScratch scratch = new();

        // Each state's amount is (A + C·t) / denominator, with one denominator for all.
        private readonly List<BigInteger> stateA = [];
        private readonly List<BigInteger> stateC = [];
        private readonly List<BigInteger> stateValue = [];
        private readonly Dictionary<(BigInteger, BigInteger), int> stateIds = [];
        private BigInteger denominator;
        private int? zeroState;

        public Counting(EqualShares mes, long t, bool findRange)
        {
            this.mes = mes;
            this.t = t;
            this.findRange = findRange;
            ballotState = new int[mes.weights.Length];
            lowerBounds = new Linear[mes.preferences.Election.Projects.Count];

            // Everyone starts with share + t = (share × voters + voters × t) / voters.
            var election = mes.preferences.Election;
            denominator = election.VoterCount;
            Intern(mes.startNumerator, election.VoterCount);
        }

        public PriorityQueue<int, Candidate> Queue { get; } = new(Candidate.Order);

        /// <summary>The last step every comparison so far holds for; null while nothing limits it.</summary>
        public BigInteger? LastStep { get; private set; }

        public void Enqueue(int project, Linear rho)
        {
            lowerBounds[project] = rho;
            Queue.Enqueue(project, new Candidate(rho.At(t), mes.ranks[project]));
        }

        /// <summary>
        /// The lowest q at which the supporters, each paying min(what they have, q × strength), raise the project's
        /// cost; null if they cannot raise it.
        /// </summary>
        public Quote? Price(int project)
        {
            var cost = mes.preferences.Election.Projects[project].Cost;
            if (cost == 0)
            {
                return new Quote(new Linear(0, 0, denominator), new Linear(0, 0, denominator)); // Free: nobody pays.
            }

            var groups = scratch.Group(mes.preferences, project, ballotState, mes.weights);
            var costScaled = cost * denominator;
            var available = BigInteger.Zero;
            foreach (var g in groups)
            {
                available += stateValue[g.State] * g.Weight;
            }

            if (available < costScaled)
            {
                if (findRange)
                {
                    // Still unaffordable while cost − Σ weight × amount > 0.
                    var (sumA, sumC) = Sum(groups);
                    Require(costScaled - sumA, -sumC, strict: true);
                }

                return null;
            }

            // Find who pays all they have: start by assuming nobody does, so q = cost / total strength; anyone with less
            // than q asks of them pays all they have, which raises q for the rest; repeat until nobody more runs out.
            // This reaches the same q as sorting by amount and filling up, in a few linear passes instead of a sort.
            var order = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(groups);
            var paysAll = scratch.Flags(order.Length);
            var strengthLeft = BigInteger.Zero;
            foreach (var g in order)
            {
                strengthLeft += (BigInteger)g.Strength * g.Weight;
            }

            var paid = BigInteger.Zero;
            for (var changed = true; changed;)
            {
                changed = false;
                var need = costScaled - paid; // q = need / strength left
                var nextPaid = paid;
                var nextStrength = strengthLeft;
                for (var i = 0; i < order.Length; i++)
                {
                    var g = order[i];
                    if (!paysAll[i] && stateValue[g.State] * strengthLeft < need * g.Strength)
                    {
                        paysAll[i] = true;
                        changed = true;
                        nextPaid += stateValue[g.State] * g.Weight;
                        nextStrength -= (BigInteger)g.Strength * g.Weight;
                    }
                }

                paid = nextPaid;
                strengthLeft = nextStrength;
            }

            if (strengthLeft.Sign > 0)
            {
                return Quote(project, costScaled, order, paysAll, strengthLeft);
            }

            // Unreachable: the supporters together hold at least the cost, so some group pays no more than it has.
            throw new InvalidOperationException($"No price found for project {mes.preferences.Election.Projects[project].Id} although its supporters can afford it.");
        }

        /// <summary>The price once the search has found which groups pay all they have (the rest pay q per unit of strength).</summary>
        private Quote Quote(int project, BigInteger costScaled, ReadOnlySpan<Group> groups, bool[] paysAll, BigInteger strengthLeft)
        {
            BigInteger paidA = 0, paidC = 0;
            for (var i = 0; i < groups.Length; i++)
            {
                if (paysAll[i])
                {
                    paidA += stateA[groups[i].State] * groups[i].Weight;
                    paidC += stateC[groups[i].State] * groups[i].Weight;
                }
            }

            var q = new Linear(costScaled - paidA, -paidC, strengthLeft * denominator);
            if (findRange)
            {
                // q·s − amount over (strength left × denominator): those paying all must still be asked at least what
                // they have; the rest must still have what they are asked.
                for (var i = 0; i < groups.Length; i++)
                {
                    var g = groups[i];
                    var a = (q.A * g.Strength) - (stateA[g.State] * strengthLeft);
                    var c = (q.C * g.Strength) - (stateC[g.State] * strengthLeft);
                    if (paysAll[i])
                    {
                        Require(a, c, strict: false);
                    }
                    else
                    {
                        Require(-a, -c, strict: false);
                    }
                }
            }

            return new Quote(q, mes.Rho(project, q));
        }

        /// <summary>The chosen project's (ρ, rank) must stay below every other project's lower bound.</summary>
        public void RequireLowestPrice(int chosen, Linear rho)
        {
            if (!findRange)
            {
                return;
            }

            foreach (var (other, _) in Queue.UnorderedItems)
            {
                var gap = lowerBounds[other].Minus(rho);
                Require(gap.A, gap.C, strict: mes.refuseTies || mes.ranks[other] < mes.ranks[chosen]);
            }
        }

        public EqualSharesRound? Fund(int project, Quote quote, bool explain)
        {
            // Every amount moves to the denominator of q: (old × strength left) / (denominator × strength left).
            var scale = quote.PerStrength.Denominator / denominator;
            denominator = quote.PerStrength.Denominator;
            for (var s = 0; s < stateA.Count; s++)
            {
                stateA[s] *= scale;
                stateC[s] *= scale;
                stateValue[s] *= scale;
            }

            // New amounts are shared among this round's payers; matching them against older states would cost more
            // than the few merges it finds, except for nothing left, which has its own state.
            stateIds.Clear();

            var supporters = mes.preferences.Supporters[project];
            var moves = new Dictionary<(int State, long Strength), int>();
            var asked = quote.PerStrength.At(t); // q, over the new denominator
            var paidAll = 0L;
            var left = BigInteger.Zero;
            for (var i = 0; i < supporters.Length; i++)
            {
                var ballot = supporters[i];
                var from = ballotState[ballot];
                var strength = mes.preferences.Strength(project, i);
                if (!moves.TryGetValue((from, strength), out var to))
                {
                    to = stateValue[from] < asked.Numerator * strength
                        ? Intern(0, 0)
                        : Intern(stateA[from] - (quote.PerStrength.A * strength), stateC[from] - (quote.PerStrength.C * strength));
                    moves.Add((from, strength), to);
                }

                ballotState[ballot] = to;
                if (explain)
                {
                    if (stateValue[to].IsZero)
                    {
                        paidAll += mes.weights[ballot];
                    }

                    left += stateValue[to] * mes.weights[ballot];
                }
            }

            return explain
                ? new EqualSharesRound(mes.preferences.Election.Projects[project], quote.Rho.At(t).ToFraction(), mes.preferences.SupporterCounts[project], paidAll, new Fraction(left, denominator))
                : null;
        }

        public void RefuseTies(int chosen, Ratio rho)
        {
            var recomputed = new List<(int Project, Linear Rho)>();
            var tied = new List<int> { chosen };
            while (Queue.TryPeek(out var other, out var bound) && bound.Rho.SameValueAs(rho))
            {
                Queue.Dequeue();
                if (Price(other) is { } quote)
                {
                    if (quote.Rho.At(t).SameValueAs(rho))
                    {
                        tied.Add(other);
                    }

                    recomputed.Add((other, quote.Rho));
                }
            }

            if (tied.Count > 1)
            {
                var projects = mes.preferences.Election.Projects;
                throw new UnresolvedTieException(tied.Select(p => projects[p].Id).ToList(), $"in price per unit of satisfaction ({rho.ToFraction()})");
            }

            foreach (var (project, otherRho) in recomputed)
            {
                Enqueue(project, otherRho);
            }
        }

        private int Intern(BigInteger a, BigInteger c)
        {
            if (a.IsZero && c.IsZero)
            {
                zeroState ??= Add(a, c);
                return zeroState.Value;
            }

            if (!stateIds.TryGetValue((a, c), out var id))
            {
                id = Add(a, c);
                stateIds.Add((a, c), id);
            }

            return id;
        }

        private int Add(BigInteger a, BigInteger c)
        {
            stateA.Add(a);
            stateC.Add(c);
            stateValue.Add(a + (c * t));
            return stateA.Count - 1;
        }

        private (BigInteger A, BigInteger C) Sum(ReadOnlySpan<Group> groups)
        {
            BigInteger a = 0, c = 0;
            foreach (var g in groups)
            {
                a += stateA[g.State] * g.Weight;
                c += stateC[g.State] * g.Weight;
            }

            return (a, c);
        }

        private (BigInteger A, BigInteger C) Sum(List<Group> groups) => Sum(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(groups));

        /// <summary>
        /// Records that the count relied on a + c·t ≥ 0 (or &gt; 0), which holds at this step, and so lowers the last
        /// step it is known to hold for. Over any positive denominator: only the sign matters.
        /// </summary>
        private void Require(BigInteger a, BigInteger c, bool strict)
        {
            if (c.Sign >= 0)
            {
                return; // It only grows with t: true now, true at every later step.
            }

            // a + c·t ≥ 0 for t ≤ a / −c; > 0 for t < a / −c. Here a ≥ 0 because the condition holds at t ≥ 0.
            var last = BigInteger.Divide(strict ? a - 1 : a, -c);
            if (LastStep is not { } known || last < known)
            {
                LastStep = last;
            }
        }
    }

    /// <summary>Reusable buffers that sum a project's supporters by (state, strength).</summary>
    private sealed class GroupScratch
    {
        private readonly List<Group> groups = [];
        private readonly Dictionary<(int State, long Strength), int> index = [];
        private readonly List<int> touched = [];
        private long[] weightByState = new long[16];
        private bool[] flags = new bool[16];

        /// <summary>A cleared flag per group.</summary>
        public bool[] Flags(int count)
        {
            if (flags.Length < count)
            {
                flags = new bool[Math.Max(count, flags.Length * 2)];
            }

            Array.Clear(flags, 0, count);
            return flags;
        }

        public List<Group> Group(Preferences preferences, int project, int[] ballotState, long[] weights)
        {
            groups.Clear();
            var supporters = preferences.Supporters[project];
            if (preferences.Strengths is null)
            {
                // Every strength is 1: a dense sum by state, the common case, with no hashing.
                foreach (var ballot in supporters)
                {
                    var state = ballotState[ballot];
                    if (state >= weightByState.Length)
                    {
                        Array.Resize(ref weightByState, Math.Max(state + 1, weightByState.Length * 2));
                    }

                    if (weightByState[state] == 0)
                    {
                        touched.Add(state);
                    }

                    weightByState[state] += weights[ballot];
                }

                foreach (var state in touched)
                {
                    groups.Add(new Group(state, 1, weightByState[state]));
                    weightByState[state] = 0;
                }

                touched.Clear();
                return groups;
            }

            index.Clear();
            for (var i = 0; i < supporters.Length; i++)
            {
                var key = (ballotState[supporters[i]], preferences.Strength(project, i));
                if (index.TryGetValue(key, out var at))
                {
                    groups[at] = groups[at] with { Weight = groups[at].Weight + weights[supporters[i]] };
                }
                else
                {
                    index.Add(key, groups.Count);
                    groups.Add(new Group(key.Item1, key.Item2, weights[supporters[i]]));
                }
            }

            return groups;
        }
    }

    private readonly record struct Group(int State, long Strength, long Weight);
}
