using System.Numerics;

namespace PBudget.Counting.Rules;

/// <summary>
/// MES's add1 completion: raises every voter's budget one unit at a time until the outcome would cost more than the
/// budget, and keeps the last step whose outcome fits. The result is the one a step-by-step count gives; how it gets
/// there is faster.
/// </summary>
/// <remarks>
/// <para>
/// Only the steps where the outcome changes need counting. Two counts whose round prices prove that every step between
/// them gives the same outcome (<see cref="RoundPrices"/>) pass over those steps; where they cannot, a step between
/// them is counted and each part is tried again, until the steps where the outcome changes are next to each other.
/// The step between is guessed from where the two round winners' prices cross, which usually finds the change in a
/// few counts, and otherwise divides the range in thirds (two counts side by side on two processors) or halves. After
/// a proof the search looks twice as far ahead; after a change, at the next two steps.
/// </para>
/// <para>
/// Counts also prove, while that pays, up to which step their own computation stays the same (in elections where
/// voters' splits between paying all and paying the price hold for long runs of steps, that reaches further); when
/// such proofs stop reaching past their own step they are left off, and tried again every
/// <see cref="Search.RetryRangeAfter"/> counts. A count that needs big integers (an exact tie, or a near one) gives
/// no round prices and always proves its range, and the search goes on from the step after it.
/// </para>
/// <para>Stops once every supported project is funded, or when no later step can change the outcome.</para>
/// </remarks>
internal static class Add1Completion
{
    /// <summary>The last step whose outcome fits, and the steps' outcomes for the explanation.</summary>
    /// <param name="first">The count to start with.</param>
    /// <param name="newCount">Makes another count of the same election, for counting steps side by side.</param>
    /// <param name="budget">The budget the outcome must fit.</param>
    public static (long Best, List<CompletionStep> Steps) Run(EqualShares first, Func<EqualShares> newCount, long budget) =>
        new Search(first, newCount, budget).Run();

    private sealed class Search(EqualShares first, Func<EqualShares> newCount, long budget)
    {
        private const long LastCountableStep = long.MaxValue / 4;

        /// <summary>After range proofs stop reaching past their own step, how many counts are made without before trying again.</summary>
        private const int RetryRangeAfter = 32;

        private readonly List<CompletionStep> steps = [];
        private readonly List<EqualShares> counts = [first];
        private readonly int supported = first.SupportedProjects;
        private readonly int parallelism = Math.Clamp(Environment.ProcessorCount, 1, 2);

        // Counts of steps above the one reached, still to be used, the nearest on top.
        private readonly Stack<Counted> ahead = new();
        private List<int>? shownWinners;
        private bool findRange = true;
        private int countsWithoutRange;

        public (long Best, List<CompletionStep> Steps) Run()
        {
            var at = 0L;
            var here = CountAlone(at);
            Show(at, at, here.Run);
            if (!Fits(here.Run))
            {
                return (at, steps);
            }

            var stride = 1L;
            while (here.Run.Winners.Count < supported)
            {
                if (here.Ranged && here.Step == at)
                {
                    // It proved up to which step its own computation stays the same: pass over those steps.
                    if (here.Run.LastStepWithSameOutcome is not { } proved)
                    {
                        break; // The same outcome at every later step.
                    }

                    var last = (long)BigInteger.Min(proved, LastCountableStep);
                    findRange = last > at;
                    Show(at, last, here.Run);
                    at = last;
                    while (ahead.TryPeek(out var passed) && passed.Step <= at)
                    {
                        ahead.Pop();
                    }
                }

                if (here.Run.Prices is null)
                {
                    // Counted with big integers, so without round prices: the next step is counted on its own.
                    if (!ahead.TryPeek(out var next) || next.Step != at + 1)
                    {
                        ahead.Push(CountAlone(at + 1));
                    }
                }
                else if (ahead.Count == 0)
                {
                    // The next stride, and with a second processor the one after, which is next if this one proves.
                    PushCounts(at, at + stride, at + (2 * stride));
                }

                var there = ahead.Peek();
                var to = there.Step;
                if (Fits(there.Run) && here.Run.Prices is { } fromPrices && there.Run.Prices is { } toPrices
                    && RoundPrices.ProveSameOutcome(fromPrices, here.Run.Winners, toPrices, there.Run.Winners))
                {
                    // Every step from here to there has this outcome: go there, and look twice as far next time.
                    ahead.Pop();
                    Show(at, to, there.Run);
                    stride = Math.Min(2 * (to - at), LastCountableStep);
                    (at, here) = (to, there);
                    continue;
                }

                if (to == at + 1)
                {
                    // The outcome changes at the next step (or cannot be proved not to): take it, and look close by next.
                    ahead.Pop();
                    Show(to, to, there.Run);
                    if (!Fits(there.Run))
                    {
                        break;
                    }

                    stride = 1;
                    (at, here) = (to, there);
                    continue;
                }

                var guess = here.Run.Prices is { } lower && there.Run.Prices is { } upper
                    ? RoundPrices.GuessChange(at, lower, here.Run.Winners, to, upper, there.Run.Winners)
                    : null;
                if (guess is { } g && g > at && g < to)
                {
                    // If the guess is right, the outcome changes between the step before it and it.
                    PushCounts(at, g, g - 1);
                }
                else if (to - at <= 3)
                {
                    PushCounts(at, at + 1, at + 2);
                }
                else
                {
                    // Thirds with a second processor (either third may be the next range), halves without.
                    PushCounts(at, at + ((to - at) / 3), at + ((to - at) * 2 / 3), at + ((to - at) / 2));
                }
            }

            return (at, steps);
        }

        private Counted CountAlone(long step) => Counted.Of(step, counts[0].Count(step, explain: false, findRange, withPrices: true), findRange);

        /// <summary>
        /// Counts <paramref name="first"/> and <paramref name="second"/> side by side where there is a second processor,
        /// else only <paramref name="alone"/> (or the first), and pushes the counts, which lie between the step reached
        /// and the nearest count ahead, nearest on top. Steps not above the one reached, or counted already, are skipped.
        /// </summary>
        private void PushCounts(long reached, long first, long second, long? alone = null)
        {
            long[] wanted = parallelism > 1 ? [first, second] : [alone ?? first];
            var steps = wanted.Select(s => Math.Min(s, LastCountableStep)).Where(s => s > reached && !ahead.Any(a => a.Step == s)).Distinct().OrderDescending().ToArray();
            while (counts.Count < steps.Length)
            {
                counts.Add(newCount());
            }

            if (!findRange && (countsWithoutRange += steps.Length) >= RetryRangeAfter)
            {
                (findRange, countsWithoutRange) = (true, 0);
            }

            var ranged = findRange;
            var runs = new EqualShares.Run[steps.Length];
            Parallel.For(0, steps.Length, i => runs[i] = counts[i].Count(steps[i], explain: false, ranged, withPrices: true));
            for (var i = 0; i < steps.Length; i++)
            {
                ahead.Push(Counted.Of(steps[i], runs[i], ranged));
            }
        }

        private bool Fits(EqualShares.Run run) => run.TotalCost <= budget;

        /// <summary>Adds steps from..to to the explanation, as part of the last entry when the winners are the same.</summary>
        private void Show(long from, long to, EqualShares.Run run)
        {
            var fits = Fits(run);
            if (fits && shownWinners is not null && shownWinners.SequenceEqual(run.Winners) && steps[^1].Fits)
            {
                steps[^1] = steps[^1] with { LastStep = Math.Max(steps[^1].LastStep, to) };
            }
            else
            {
                steps.Add(new CompletionStep(from, to, first.PerVoterBudget(from), run.TotalCost, run.Winners.Count, fits));
            }

            shownWinners = run.Winners;
        }

        /// <summary>A count of a step; <see cref="Ranged"/> if it worked out up to which step its computation stays the same.</summary>
        private readonly record struct Counted(long Step, EqualShares.Run Run, bool Ranged)
        {
            /// <summary>A count needing big integers works out its range whether asked or not (it has no round prices).</summary>
            public static Counted Of(long step, EqualShares.Run run, bool findRange) => new(step, run, findRange || run.Prices is null);
        }
    }
}
