using System.Numerics;

namespace PBudget.Counting.Rules;

/// <summary>
/// MES's add1 completion: raises every voter's budget one unit at a time until the outcome would cost more than the
/// budget, and keeps the last step whose outcome fits. The result is the one a step-by-step count gives; how it gets
/// there is faster.
/// </summary>
/// <remarks>
/// <para>Each count can prove up to which step its outcome stays the same, so the steps in between are passed over.</para>
/// <para>
/// Proving the range costs about half as much again as the count. Where a proof reaches no further than its own step
/// (in elections with many distinct ballots some voter's split between paying all and paying the price changes at
/// almost every step), the next steps are counted without proofs, several at once on separate processors (each step's
/// count is independent of the others, so counting ahead only wastes the counts past an overspend), and a proof is
/// tried again every few batches.
/// </para>
/// <para>Stops early once every supported project is funded, or when no later step can change the outcome.</para>
/// </remarks>
internal static class Add1Completion
{
    /// <summary>After a proof that reached no further than its own step, how many batches are counted before trying one again.</summary>
    private const int RetryRangeEvery = 4;

    /// <summary>The last step whose outcome fits, and the steps' outcomes for the explanation.</summary>
    /// <param name="first">The count to start with.</param>
    /// <param name="newCount">Makes another count of the same election, for counting steps side by side.</param>
    /// <param name="budget">The budget the outcome must fit.</param>
    public static (long Best, List<CompletionStep> Steps) Run(EqualShares first, Func<EqualShares> newCount, long budget)
    {
        var counts = new List<EqualShares> { first };
        var parallelism = Math.Clamp(Environment.ProcessorCount, 1, 8);
        var steps = new List<CompletionStep>();
        var supported = first.SupportedProjects;
        var best = 0L;
        List<int>? previous = null;
        var findRange = true;
        var batchesWithoutRange = 0;
        for (var step = 0L; ;)
        {
            var provedBeyondItsStep = false;
            foreach (var (at, run) in CountFrom(step))
            {
                var fits = run.TotalCost <= budget;
                var proved = findRange ? run.LastStepWithSameOutcome : at;
                var last = fits && proved is { } known ? (long)BigInteger.Min(known, long.MaxValue - 1) : at;
                if (fits && previous is not null && previous.SequenceEqual(run.Winners))
                {
                    // Proofs cover runs of steps; where consecutive runs give the same winners, report them as one.
                    steps[^1] = steps[^1] with { LastStep = last };
                }
                else
                {
                    steps.Add(new CompletionStep(at, last, first.PerVoterBudget(at), run.TotalCost, run.Winners.Count, fits));
                }

                previous = run.Winners;
                if (!fits)
                {
                    return (best, steps);
                }

                best = last;
                if (run.Winners.Count == supported || proved is null)
                {
                    return (best, steps);
                }

                provedBeyondItsStep = last > at;
                step = last + 1;
            }

            findRange = provedBeyondItsStep || ++batchesWithoutRange % RetryRangeEvery == 0;
        }

        // One count with a proof, or a batch of consecutive steps without, in order of step.
        IEnumerable<(long At, EqualShares.Run Run)> CountFrom(long step)
        {
            if (findRange || parallelism == 1)
            {
                return [(step, counts[0].Count(step, explain: false, findRange))];
            }

            while (counts.Count < parallelism)
            {
                counts.Add(newCount());
            }

            var runs = new EqualShares.Run[parallelism];
            Parallel.For(0, parallelism, i => runs[i] = counts[i].Count(step + i, explain: false, findRange: false));
            return runs.Select((run, i) => (step + i, run));
        }
    }
}
