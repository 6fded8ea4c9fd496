using FsCheck;
using FsCheck.Fluent;
using PBudget.Counting.Elections;
using PBudget.Counting.Rules;
using PBudget.Counting.Tests.Reference;
using Interval = PBudget.Counting.Rules.Interval;

namespace PBudget.Counting.Tests.Rules;

/// <summary>
/// add1's search: the proof from two counts' round prices that every step between them gives the same outcome, and
/// the completion it drives, checked against counting every step.
/// </summary>
public sealed class RoundPricesTests
{
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Proof_RandomElections_EveryStepBetweenGivesTheSameOutcome()
    {
        var tried = 0;
        var proved = 0;
        var cases = from election in IntervalFilterTests.Elections
                    from first in Gen.Choose(0, 3000)
                    from length in Gen.Choose(1, 300)
                    select (election, first, length);
        Check.One(Config, Prop.ForAll(Arb.From(cases), c =>
        {
            var (election, first, length) = c;
            foreach (var satisfaction in new[] { Satisfaction.Cost, Satisfaction.Cardinality })
            {
                var (filtered, _) = IntervalFilterTests.Both(election, satisfaction);
                var from = filtered.Count(first, explain: false, findRange: false, withPrices: true);
                var to = filtered.Count(first + length, explain: false, findRange: false, withPrices: true);
                if (from.Prices is null || to.Prices is null)
                {
                    continue; // A tie or near one: no prices, and the search counts those steps one by one.
                }

                tried++;
                if (!RoundPrices.ProveSameOutcome(from.Prices, from.Winners, to.Prices, to.Winners))
                {
                    continue;
                }

                proved++;
                for (var step = first + 1; step < first + length; step++)
                {
                    Assert.Equal(from.Winners, filtered.Count(step, explain: false, findRange: false).Winners);
                }
            }
        }));

        // Not vacuous: many ranges are proved, and many are not (their outcomes differ, or the prices are too close).
        Assert.True(proved > tried / 10 && proved < tried, $"proved {proved} of {tried} ranges");
    }

    /// <summary>
    /// The cases a careless proof gets wrong: the outcome leaves and comes back, so both ends agree but a step between
    /// does not. Random small elections hardly ever do this; these real ones do, within their first steps.
    /// </summary>
    [Theory]
    [InlineData("Poland_Wieliczka_2023_Green_Budget.pb", Satisfaction.Cardinality, 170)]
    [InlineData("Poland_Czestochowa_2024.pb", Satisfaction.Cost, 370)]
    public void Proof_OutcomeThatLeavesAndComesBack_IsNeverProved(string file, Satisfaction satisfaction, int steps)
    {
        var (filtered, _) = IntervalFilterTests.Both(ReferenceOutcomes.Election(file), satisfaction);
        var runs = Enumerable.Range(0, steps).Select(step => filtered.Count(step, explain: false, findRange: false, withPrices: true)).ToArray();
        var found = 0;
        for (var a = 0; a < runs.Length - 2; a++)
        {
            if (runs[a + 1].Winners.SequenceEqual(runs[a].Winners))
            {
                continue;
            }

            // The outcome leaves after step a: find where it first comes back.
            var back = Array.FindIndex(runs, a + 2, r => r.Winners.SequenceEqual(runs[a].Winners));
            if (back >= 0)
            {
                found++;
                Assert.False(RoundPrices.ProveSameOutcome(runs[a].Prices!, runs[a].Winners, runs[back].Prices!, runs[back].Winners), $"steps {a} to {back}");
            }
        }

        Assert.True(found > 0, "the outcome never came back: nothing tested");
    }

    /// <summary>The comparison itself: the winner's price at the lower step, at its highest, below every other price at the higher step, at its lowest.</summary>
    [Theory]
    [InlineData(1.0, 1.1, 1.2, 2.0, true)]
    [InlineData(1.0, 1.1, 1.1, 2.0, false)] // Touching intervals might hide a tie.
    [InlineData(1.0, 1.2, 1.1, 2.0, false)]
    [InlineData(0.5, 0.6, double.PositiveInfinity, double.PositiveInfinity, true)] // Nobody else can afford anything.
    public void Proof_ComparesTheLowerStepsWinnerWithTheHigherStepsRunnerUp(double winnerLo, double winnerHi, double runnerUpLo, double runnerUpHi, bool proved)
    {
        var lower = new RoundPrices();
        lower.Add(new Interval(winnerLo, winnerHi), 1, new Interval(3.0, 3.1));
        var upper = new RoundPrices();
        upper.Add(new Interval(0.1, 0.2), 1, new Interval(runnerUpLo, runnerUpHi));

        Assert.Equal(proved, RoundPrices.ProveSameOutcome(lower, [0], upper, [0]));
    }

    [Fact]
    public void Proof_DifferentWinners_ProvesNothing()
    {
        var (filtered, _) = IntervalFilterTests.Both(ReferenceOutcomes.Election("Poland_Swiecie_2023.pb"), Satisfaction.Cost);
        var run = filtered.Count(0, explain: false, findRange: false, withPrices: true);
        Assert.NotNull(run.Prices);

        Assert.True(RoundPrices.ProveSameOutcome(run.Prices, run.Winners, run.Prices, run.Winners));
        Assert.False(RoundPrices.ProveSameOutcome(run.Prices, run.Winners, run.Prices, [.. run.Winners.AsEnumerable().Reverse()]));
        Assert.False(RoundPrices.ProveSameOutcome(run.Prices, run.Winners, run.Prices, run.Winners[..^1]));
    }

    /// <summary>
    /// On real elections (one with cumulative ballots), the completion's explanation is exactly what counting every step
    /// from the first to the one that overspends gives: the same outcome over each range it reports, and a different one
    /// from range to range.
    /// </summary>
    [Theory]
    [InlineData("Poland_Wieliczka_2023_Green_Budget.pb", Satisfaction.Cost)]
    [InlineData("Poland_Swiecie_2023.pb", Satisfaction.Cardinality)]
    [InlineData("Poland_Czestochowa_2024.pb", Satisfaction.Cost)]
    [InlineData("Netherlands_Assen_2024.pb", Satisfaction.Cost)]
    public void Add1_RealElection_ReportsTheRangesCountingEveryStepGives(string file, Satisfaction satisfaction)
    {
        var election = ReferenceOutcomes.Election(file);
        var options = new CountOptions(CountingRule.EqualShares, satisfaction, Completion.Add1);
        var outcome = Counter.Count(election, options);

        var preferences = Preferences.Build(election, options.Scores, "mes");
        var count = new EqualShares(preferences, satisfaction, TieBreak.Default.Ranks(election.Projects), TieBreak.Default);
        var everyStep = new List<(long First, long Last, List<int> Winners, long Cost)>();
        for (var step = 0L; step <= outcome.CompletionSteps[^1].LastStep; step++)
        {
            var run = count.Count(step, explain: false, findRange: false);
            if (everyStep.Count > 0 && everyStep[^1].Winners.SequenceEqual(run.Winners))
            {
                everyStep[^1] = everyStep[^1] with { Last = step };
            }
            else
            {
                everyStep.Add((step, step, run.Winners, run.TotalCost));
            }
        }

        Assert.True(everyStep.Count > 5, $"{everyStep.Count} ranges: too few to test the search");
        Assert.Equal(
            everyStep.Select(r => (r.First, r.Last, r.Cost, r.Winners.Count, r.Cost <= election.Budget)),
            outcome.CompletionSteps.Select(s => (s.FirstStep, s.LastStep, s.TotalCost, s.Winners, s.Fits)));
    }
}
