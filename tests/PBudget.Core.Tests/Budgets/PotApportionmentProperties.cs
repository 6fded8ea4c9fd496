using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using PBudget.Core.Budgets;

namespace PBudget.Core.Tests.Budgets;

/// <summary>Properties of sharing a pot (ADR 0004), over random wards, pots and feasible minimums.</summary>
public sealed class PotApportionmentProperties
{
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(400);

    private static void Holds(Gen<PotScenario> gen, Action<PotScenario> property) =>
        Check.One(Config, Prop.ForAll(Arb.From(gen), property));

    [Fact]
    public void Compute_Pot_AddsUpToThePotExactly()
    {
        Holds(WardGenerators.Pot, scenario =>
        {
            var budgets = BudgetCalculator.Compute(scenario.Rule, scenario.Wards);

            Assert.Equal(scenario.PotPence, budgets.Values.Sum());
        });
    }

    [Fact]
    public void Compute_Pot_GivesEveryWardAtLeastTheMinimumInWholeUnits()
    {
        Holds(WardGenerators.Pot, scenario =>
        {
            var budgets = BudgetCalculator.Compute(scenario.Rule, scenario.Wards);

            Assert.Equal(scenario.Wards.Select(ward => ward.Code).Order(StringComparer.Ordinal), budgets.Keys.Order(StringComparer.Ordinal));
            Assert.All(budgets.Values, budget =>
            {
                Assert.True(budget >= scenario.MinimumPence, $"{budget}p is below the minimum {scenario.MinimumPence}p");
                Assert.Equal(0, budget % scenario.UnitPence);
            });
        });
    }

    [Fact]
    public void Compute_Pot_DoesNotDependOnInputOrder()
    {
        var gen =
            from scenario in WardGenerators.Pot
            from shuffled in Gen.Shuffle(scenario.Wards)
            select (scenario, shuffled);

        Check.One(Config, Prop.ForAll(Arb.From(gen), pair =>
        {
            var original = BudgetCalculator.Compute(pair.scenario.Rule, pair.scenario.Wards);
            var reordered = BudgetCalculator.Compute(pair.scenario.Rule, pair.shuffled);

            Assert.Equal(Sorted(original), Sorted(reordered));
        }));
    }

    [Fact]
    public void Compute_Pot_IsDeterministic()
    {
        Holds(WardGenerators.Pot, scenario =>
        {
            var first = BudgetCalculator.Compute(scenario.Rule, scenario.Wards);
            var second = BudgetCalculator.Compute(scenario.Rule, scenario.Wards.ToArray());

            Assert.Equal(Sorted(first), Sorted(second));
        });
    }

    [Fact]
    public void Compute_Pot_IsMonotoneInPopulation()
    {
        // A larger population never gets a smaller budget. (Pinning is monotone in weight; among free wards a
        // larger quota has a floor at least as large, and with an equal floor a strictly larger remainder.)
        Holds(WardGenerators.Pot, scenario =>
        {
            var budgets = BudgetCalculator.Compute(scenario.Rule, scenario.Wards);

            foreach (var larger in scenario.Wards)
            {
                foreach (var smaller in scenario.Wards.Where(ward => ward.Population < larger.Population))
                {
                    Assert.True(
                        budgets[larger.Code] >= budgets[smaller.Code],
                        $"{larger.Code} (population {larger.Population}) got {budgets[larger.Code]}p, less than {smaller.Code} (population {smaller.Population}) with {budgets[smaller.Code]}p");
                }
            }
        });
    }

    [Fact]
    public void Compute_Pot_WardsAboveTheMinimumAreProportionalToWithinOneUnitEach()
    {
        // A bound that needs no knowledge of which wards were pinned. Pinned wards get exactly the minimum, so a
        // ward above the minimum is free. Free wards share R units over weight W, so ward i's exact quota is
        // q_i = c × w_i with c = R / W common to all of them, and Hamilton gives b_i ∈ {⌊q_i⌋, ⌊q_i⌋ + 1}, with
        // +1 only for a non-zero remainder, so |b_i − c × w_i| < 1. For two free wards i and j:
        //   |b_i × w_j − b_j × w_i| = |(b_i − c w_i) w_j − (b_j − c w_j) w_i| < w_j + w_i.
        // (All populations zero: every ward has weight 1, so |b_i − b_j| ≤ 1 instead.)
        Holds(WardGenerators.Pot, scenario =>
        {
            var budgets = BudgetCalculator.Compute(scenario.Rule, scenario.Wards);
            var above = scenario.Wards
                .Select(ward => (ward.Code, Weight: (BigInteger)ward.Population, Units: (BigInteger)(budgets[ward.Code] / scenario.UnitPence)))
                .Where(ward => ward.Units > scenario.MinimumUnits)
                .ToList();

            foreach (var i in above)
            {
                foreach (var j in above)
                {
                    if (i.Weight == 0 && j.Weight == 0)
                    {
                        Assert.True(BigInteger.Abs(i.Units - j.Units) <= 1, $"{i} and {j}: equal weights differ by more than one unit");
                    }
                    else
                    {
                        Assert.True(BigInteger.Abs((i.Units * j.Weight) - (j.Units * i.Weight)) < i.Weight + j.Weight, $"{i} and {j} are not in proportion");
                    }
                }
            }
        });
    }

    [Fact]
    public void Compute_Pot_FreeWardsAreWithinOneUnitOfTheirShareOfWhatRemainsAfterThePinned()
    {
        // The pinned set, from the rule as ADR 0004 states it: pin every ward whose share of what remains would be
        // below the minimum, share again among the others, until none is below. Pinned wards get the minimum;
        // a free ward gets ⌊q⌋ or ⌈q⌉ units of its exact share q = R × w / W, where R is the pot less the
        // pinned minimums and W the free wards' population (each counting 1 when all of it is zero).
        Holds(WardGenerators.Pot, scenario =>
        {
            var budgets = BudgetCalculator.Compute(scenario.Rule, scenario.Wards);
            var (pinned, remaining, free, totalWeight) = PinnedBySpec(scenario);

            Assert.All(pinned, ward => Assert.Equal(scenario.MinimumPence, budgets[ward.Code]));
            foreach (var ward in free)
            {
                var numerator = remaining * WeightOf(ward, totalWeight.AllZero);
                var floor = BigInteger.Divide(numerator, totalWeight.Sum);
                var ceiling = numerator % totalWeight.Sum == 0 ? floor : floor + 1;
                var units = (BigInteger)(budgets[ward.Code] / scenario.UnitPence);
                Assert.True(units >= floor && units <= ceiling, $"{ward.Code} got {units} units; its share is {numerator}/{totalWeight.Sum}");
            }
        });
    }

    [Fact]
    public void Compute_Pot_LeftoverUnitsGoToTheLargestRemaindersThenLowerCodes()
    {
        // Hamilton: every free ward first gets ⌊q⌋; the units left over go one each to the largest remainders
        // (R × w mod W, all over the same W), equal remainders to the lower code. So if ward i got its extra unit
        // and ward j did not, i's remainder is larger, or equal with i's code ordinally lower.
        Holds(WardGenerators.Pot, scenario =>
        {
            var budgets = BudgetCalculator.Compute(scenario.Rule, scenario.Wards);
            var (_, remaining, free, totalWeight) = PinnedBySpec(scenario);
            var shares = free
                .Select(ward =>
                {
                    var numerator = remaining * WeightOf(ward, totalWeight.AllZero);
                    var extra = (BigInteger)(budgets[ward.Code] / scenario.UnitPence) - BigInteger.Divide(numerator, totalWeight.Sum);
                    return (ward.Code, Remainder: numerator % totalWeight.Sum, Extra: extra);
                })
                .ToList();

            Assert.All(shares, share => Assert.True(share.Extra == 0 || share.Extra == 1, $"{share.Code} got {share.Extra} units over its floor"));
            foreach (var lucky in shares.Where(share => share.Extra == 1))
            {
                foreach (var unlucky in shares.Where(share => share.Extra == 0))
                {
                    Assert.True(
                        lucky.Remainder > unlucky.Remainder
                        || (lucky.Remainder == unlucky.Remainder && string.CompareOrdinal(lucky.Code, unlucky.Code) < 0),
                        $"{lucky.Code} (remainder {lucky.Remainder}) got an extra unit before {unlucky.Code} (remainder {unlucky.Remainder})");
                }
            }
        });
    }

    private static (List<WardPopulation> Pinned, BigInteger Remaining, List<WardPopulation> Free, (BigInteger Sum, bool AllZero) Weight) PinnedBySpec(PotScenario scenario)
    {
        var pinned = new List<WardPopulation>();
        var free = scenario.Wards.ToList();
        BigInteger remaining = scenario.PotUnits;
        while (true)
        {
            var weight = TotalWeight(free);
            // share < minimum  ⇔  remaining × w / W < minimum  ⇔  remaining × w < minimum × W
            var below = free.Where(ward => remaining * WeightOf(ward, weight.AllZero) < scenario.MinimumUnits * weight.Sum).ToList();
            if (below.Count == 0)
            {
                return (pinned, remaining, free, weight);
            }

            pinned.AddRange(below);
            free.RemoveAll(below.Contains);
            remaining -= scenario.MinimumUnits * below.Count;
        }
    }

    private static (BigInteger Sum, bool AllZero) TotalWeight(List<WardPopulation> wards)
    {
        var sum = wards.Aggregate(BigInteger.Zero, (total, ward) => total + ward.Population);
        return sum == 0 ? (wards.Count, true) : (sum, false);
    }

    private static BigInteger WeightOf(WardPopulation ward, bool allZero) => allZero ? 1 : ward.Population;

    private static List<KeyValuePair<string, long>> Sorted(IReadOnlyDictionary<string, long> budgets) =>
        [.. budgets.OrderBy(pair => pair.Key, StringComparer.Ordinal)];
}
