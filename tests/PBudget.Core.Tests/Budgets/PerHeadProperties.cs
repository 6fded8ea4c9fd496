using FsCheck;
using FsCheck.Fluent;
using PBudget.Core.Budgets;

namespace PBudget.Core.Tests.Budgets;

/// <summary>Properties of per-head budgets: max(population × rate rounded to the unit, minimum).</summary>
public sealed class PerHeadProperties
{
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(400);

    [Fact]
    public void Compute_PerHead_EveryWardGetsAtLeastTheMinimumInWholeUnits()
    {
        // The minimum is a whole number of units (validation), and so is every rounded amount,
        // so their maximum is too.
        Check.One(Config, Prop.ForAll(Arb.From(WardGenerators.PerHead), scenario =>
        {
            var budgets = BudgetCalculator.Compute(scenario.Rule, scenario.Wards);

            Assert.Equal(scenario.Wards.Length, budgets.Count);
            Assert.All(budgets.Values, budget =>
            {
                Assert.True(budget >= scenario.MinimumPence, $"{budget}p is below the minimum {scenario.MinimumPence}p");
                Assert.Equal(0, budget % scenario.UnitPence);
            });
        }));
    }

    [Fact]
    public void Compute_PerHead_IsTheRateRoundedInItsDirectionOrTheMinimum()
    {
        // With raw = population × rate and u the unit, the rounded amount r is the multiple of u with
        //   Down:    r ≤ raw < r + u
        //   Up:      r − u < raw ≤ r
        //   Nearest: r − u/2 ≤ raw < r + u/2, i.e. −u ≤ 2(raw − r) < u (halves go up)
        // and the budget is r when r > minimum, else the minimum (then r ≤ minimum, checked by the same bounds).
        Check.One(Config, Prop.ForAll(Arb.From(WardGenerators.PerHead), scenario =>
        {
            var budgets = BudgetCalculator.Compute(scenario.Rule, scenario.Wards);
            var unit = scenario.UnitPence;

            foreach (var ward in scenario.Wards)
            {
                var raw = ward.Population * scenario.PencePerHead;
                var budget = budgets[ward.Code];
                if (budget > scenario.MinimumPence)
                {
                    var ok = scenario.Direction switch
                    {
                        RoundingDirection.Down => budget <= raw && raw < budget + unit,
                        RoundingDirection.Up => budget - unit < raw && raw <= budget,
                        _ => -unit <= 2 * (raw - budget) && 2 * (raw - budget) < unit,
                    };
                    Assert.True(ok, $"{ward.Code}: {raw}p rounded {scenario.Direction} to {unit}p gave {budget}p");
                }
                else
                {
                    Assert.Equal(scenario.MinimumPence, budget);
                    // The rounded amount was at most the minimum: the smallest raw that rounds above it must exceed raw.
                    var roundsToAtMostMinimum = scenario.Direction switch
                    {
                        RoundingDirection.Down => raw < scenario.MinimumPence + unit,
                        RoundingDirection.Up => raw <= scenario.MinimumPence,
                        _ => 2 * (raw - scenario.MinimumPence) < unit,
                    };
                    Assert.True(roundsToAtMostMinimum, $"{ward.Code}: {raw}p should have rounded above the minimum {scenario.MinimumPence}p");
                }
            }
        }));
    }

    [Fact]
    public void Compute_PerHead_IsMonotoneInPopulation()
    {
        Check.One(Config, Prop.ForAll(Arb.From(WardGenerators.PerHead), scenario =>
        {
            var budgets = BudgetCalculator.Compute(scenario.Rule, scenario.Wards);

            foreach (var larger in scenario.Wards)
            {
                foreach (var smaller in scenario.Wards.Where(ward => ward.Population < larger.Population))
                {
                    Assert.True(budgets[larger.Code] >= budgets[smaller.Code], $"{larger.Code} got less than {smaller.Code}");
                }
            }
        }));
    }
}
