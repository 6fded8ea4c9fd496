using Fractions;
using FsCheck;
using FsCheck.Fluent;
using PBudget.Counting.Elections;
using PBudget.Counting.Rules;
using PBudget.Counting.Tests.Reference;
using PBudget.Counting.Tests.Support;
using Interval = PBudget.Counting.Rules.Interval;

namespace PBudget.Counting.Tests.Rules;

/// <summary>
/// The interval-arithmetic filter in front of the exact equal-shares count: its intervals hold the exact values, and
/// whatever it decides (winners, explanation, the range of steps it proves) is what the exact count decides.
/// </summary>
public sealed class IntervalFilterTests
{
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    private static bool Holds(Interval interval, Fraction exact) =>
        Fraction.FromDouble(interval.Lo) <= exact && exact <= Fraction.FromDouble(interval.Hi);

    /// <summary>Doubles of every size the count meets: amounts, prices and their tiny differences.</summary>
    private static readonly Gen<double> Doubles =
        from mantissa in Gen.Choose(-1_000_000_000, 1_000_000_000)
        from exponent in Gen.Choose(-60, 40)
        select mantissa * Math.Pow(2, exponent);

    private static readonly Gen<long> Scalars = Gen.Choose(1, 1_000_000).Select(k => (long)k);

    [Fact]
    public void Interval_EveryOperation_HoldsTheExactResult()
    {
        var cases = from a in Doubles from b in Doubles from k in Scalars select (a, b, k);
        Check.One(Config, Prop.ForAll(Arb.From(cases), c =>
        {
            var (a, b, k) = c;
            var (x, y) = (Fraction.FromDouble(a), Fraction.FromDouble(b));
            Assert.True(Holds(new Interval(a, a) + new Interval(b, b), x + y), $"{a} + {b}");
            Assert.True(Holds(new Interval(a, a) - new Interval(b, b), x - y), $"{a} - {b}");
            Assert.True(Holds(new Interval(a, a).Times(k), x * k), $"{a} × {k}");
            Assert.True(Holds(new Interval(a, a).Over(k), x / k), $"{a} / {k}");
            Assert.True(Holds(Interval.Quotient((long)(a * 1000), k), new Fraction((long)(a * 1000), k)), $"{(long)(a * 1000)} / {k}");
        }));
    }

    [Fact]
    public void Interval_ExactZero_StaysExactlyZero()
    {
        // A quantity that does not change with the step must not pick up a tiny slope, or it would limit every range.
        Assert.Equal(Interval.Zero, Interval.Zero.Times(7) + Interval.Zero.Over(3) - Interval.Zero);
        Assert.Equal(new Interval(2, 3), new Interval(2, 3) + Interval.Zero);
    }

    public static TheoryData<string, Satisfaction> PlainCounts()
    {
        var data = new TheoryData<string, Satisfaction>();
        foreach (var file in PabulibFiles.Names.Select(row => row.Data))
        {
            data.Add(file, Satisfaction.Cost);
            data.Add(file, Satisfaction.Cardinality);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PlainCounts))]
    public void Filter_RealElection_ExplainsEveryRoundAsTheExactCountDoes(string file, Satisfaction satisfaction) =>
        ExplainsEveryRoundAsTheExactCountDoes(Both(ReferenceOutcomes.Election(file), satisfaction, ScoreBasis.Approvals));

    /// <summary>Cumulative ballots by their points: every supporter's strength is what they gave, not 1.</summary>
    [Theory]
    [InlineData("Poland_Czestochowa_2020_Grabowka.pb", Satisfaction.Cost)]
    [InlineData("Poland_Czestochowa_2020_Grabowka.pb", Satisfaction.Cardinality)]
    [InlineData("Poland_Czestochowa_2024.pb", Satisfaction.Cost)]
    [InlineData("Poland_Czestochowa_2024.pb", Satisfaction.Cardinality)]
    public void Filter_CumulativeBallots_ExplainsEveryRoundAsTheExactCountDoes(string file, Satisfaction satisfaction)
    {
        var counts = Both(ReferenceOutcomes.Election(file), satisfaction, ScoreBasis.Ballots);

        ExplainsEveryRoundAsTheExactCountDoes(counts);

        Assert.Equal(0, counts.Filtered.ExactCounts);
    }

    private static void ExplainsEveryRoundAsTheExactCountDoes((EqualShares Filtered, EqualShares Exact) counts)
    {
        var (filtered, exact) = counts;

        var fast = filtered.Count(0, explain: true, findRange: false);
        var slow = exact.Count(0, explain: true, findRange: false);

        Assert.Equal(slow.Winners, fast.Winners);
        Assert.Equal(slow.TotalCost, fast.TotalCost);
        Assert.Equal(slow.Rounds.Count, fast.Rounds.Count);
        foreach (var (f, s) in fast.Rounds.Cast<EqualSharesRound>().Zip(slow.Rounds.Cast<EqualSharesRound>()))
        {
            Assert.Equal(s.Project, f.Project);
            Assert.Equal(s.PricePerSatisfaction.Reduce(), f.PricePerSatisfaction.Reduce());
            Assert.Equal(s.Supporters, f.Supporters);
            Assert.Equal(s.PaidAllTheyHad, f.PaidAllTheyHad);
            Assert.Equal(s.SupportersBudgetLeft.Reduce(), f.SupportersBudgetLeft.Reduce());
        }
    }

    /// <summary>The large elections, where speed matters: the filter must decide them itself, not hand them to the exact count.</summary>
    [Theory]
    [InlineData("Poland_Warszawa_2026.pb")]
    [InlineData("Poland_Lodz_2022.pb")]
    [InlineData("Poland_Krakow_2024.pb")]
    [InlineData("Hungary_Budapest_2024.pb")]
    [InlineData("Poland_Warszawa_2023_Mokotow.pb")]
    [InlineData("Netherlands_Amsterdam_621.pb")]
    public void Filter_LargeElection_DecidesWithoutTheExactCount(string file)
    {
        var (filtered, _) = Both(file, Satisfaction.Cost);

        filtered.Count(0, explain: true, findRange: true);
        filtered.Count(1, explain: false, findRange: true);

        Assert.Equal(0, filtered.ExactCounts);
    }

    [Theory]
    [InlineData("Poland_Wieliczka_2023_Green_Budget.pb")]
    [InlineData("Poland_Swiecie_2023.pb")]
    [InlineData("Poland_Czestochowa_2024.pb")]
    public void Filter_RealElection_ProvesOnlyStepsTheExactCountAgreesWith(string file)
    {
        var (filtered, exact) = Both(file, Satisfaction.Cost);

        // Walk the first steps of add1 by the filter's proofs; at both ends of every proved range the exact count agrees.
        for (var step = 0L; step < 40;)
        {
            var run = filtered.Count(step, explain: false, findRange: true);
            var last = run.LastStepWithSameOutcome is { } proved ? (long)System.Numerics.BigInteger.Min(proved, step + 500) : step + 500;
            Assert.Equal(exact.Count(step, explain: false, findRange: false).Winners, run.Winners);
            Assert.Equal(exact.Count(last, explain: false, findRange: false).Winners, run.Winners);
            step = last + 1;
        }

        Assert.Equal(0, filtered.ExactCounts);
    }

    /// <summary>Up to 8 projects with costs far apart and up to 40 voters, so that exact ties are rare and the filter decides.</summary>
    internal static readonly Gen<Election> Elections =
        from projectCount in Gen.Choose(1, 8)
        from costs in Gen.Choose(1, 100_000).Select(c => (long)c).ArrayOf(projectCount)
        from voterCount in Gen.Choose(1, 40)
        from ballots in Gen.Choose(0, (1 << projectCount) - 1).ArrayOf(voterCount)
        from budget in Gen.Choose(0, 400_000)
        select Build(budget, costs, ballots);

    [Fact]
    public void Filter_RandomElections_DecidesAsTheExactCountAtEveryStepItProves()
    {
        var decided = 0;
        var counted = 0;
        Check.One(Config, Prop.ForAll(Arb.From(from e in Elections from t in Gen.Choose(0, 3000) select (e, t)), c =>
        {
            var (election, t) = c;
            foreach (var satisfaction in new[] { Satisfaction.Cost, Satisfaction.Cardinality })
            {
                var (filtered, exact) = Both(election, satisfaction);
                var run = filtered.Count(t, explain: true, findRange: true);
                counted++;
                decided += filtered.ExactCounts == 0 ? 1 : 0;

                var reference = exact.Count(t, explain: true, findRange: false);
                Assert.Equal(reference.Winners, run.Winners);
                Assert.Equal(
                    reference.Rounds.Cast<EqualSharesRound>().Select(r => r.PricePerSatisfaction.Reduce()),
                    run.Rounds.Cast<EqualSharesRound>().Select(r => r.PricePerSatisfaction.Reduce()));

                var last = run.LastStepWithSameOutcome is { } proved ? (long)System.Numerics.BigInteger.Min(proved, t + 100_000) : t + 100_000;
                Assert.Equal(run.Winners, exact.Count(last, explain: false, findRange: false).Winners);
                Assert.Equal(run.Winners, exact.Count(t + ((last - t) / 2), explain: false, findRange: false).Winners);
            }
        }));

        // Not a vacuous property: the filter itself decided most of the counts.
        Assert.True(decided > counted / 2, $"the filter decided {decided} of {counted} counts");
    }

    private static Election Build(long budget, long[] costs, int[] ballotMasks)
    {
        var projects = costs.Select((c, i) => (Id: (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Cost: c)).ToArray();
        var ballots = ballotMasks.Select(mask => string.Join(',', projects.Where((_, i) => (mask & (1 << i)) != 0).Select(p => p.Id))).ToArray();
        return TestElections.Approval(budget, projects, ballots);
    }

    private static (EqualShares Filtered, EqualShares Exact) Both(string file, Satisfaction satisfaction) =>
        Both(ReferenceOutcomes.Election(file), satisfaction);

    internal static (EqualShares Filtered, EqualShares Exact) Both(Election election, Satisfaction satisfaction, ScoreBasis scores = ScoreBasis.Approvals)
    {
        var preferences = Preferences.Build(election, scores, "mes");
        var ranks = TieBreak.Default.Ranks(election.Projects);
        return (
            new EqualShares(preferences, satisfaction, ranks, TieBreak.Default, filtered: true),
            new EqualShares(preferences, satisfaction, ranks, TieBreak.Default, filtered: false));
    }
}
