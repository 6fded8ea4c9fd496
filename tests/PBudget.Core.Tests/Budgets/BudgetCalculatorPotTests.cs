using PBudget.Core.Budgets;
using PBudget.Core.Validation;

namespace PBudget.Core.Tests.Budgets;

public sealed class BudgetCalculatorPotTests
{
    private static BudgetRule Pot(long potPence, long? minimumPence = null, RoundingUnit unit = RoundingUnit.Pound) =>
        new(null, potPence, minimumPence, unit);

    [Fact]
    public void Compute_ThousandPoundsOverThreeEqualWards_LeftoverPoundGoesToLowestCode()
    {
        // £1,000 = 1,000 units of £1; 1,000 / 3 = 333 each, 1 left over. Every remainder is equal,
        // so the lowest code gets it: 334 + 333 + 333 = 1,000. The input is deliberately not in code order.
        var budgets = BudgetCalculator.Compute(Pot(100_000),
        [
            new WardPopulation("E05000003", 1),
            new WardPopulation("E05000001", 1),
            new WardPopulation("E05000002", 1),
        ]);

        Assert.Equal(33_400, budgets["E05000001"]);
        Assert.Equal(33_300, budgets["E05000002"]);
        Assert.Equal(33_300, budgets["E05000003"]);
    }

    [Fact]
    public void Compute_ClassicLargestRemainderExample_GivesHamiltonResult()
    {
        // 10 units of £100 over populations summing to 100,000. Quotas = 10 × pop / 100,000:
        //   A 47,000 → 4.70   B 16,000 → 1.60   C 15,800 → 1.58   D 12,000 → 1.20   E 6,100 → 0.61   F 3,100 → 0.31
        // Floors 4+1+1+1+0+0 = 7, so 3 left over, to the largest remainders .70 (A), .61 (E), .60 (B).
        // Result 5, 2, 1, 1, 1, 0 units = £500, £200, £100, £100, £100, £0.
        var budgets = BudgetCalculator.Compute(Pot(100_000, unit: RoundingUnit.HundredPounds),
        [
            new WardPopulation("E05000006", 3_100),
            new WardPopulation("E05000001", 47_000),
            new WardPopulation("E05000004", 12_000),
            new WardPopulation("E05000002", 16_000),
            new WardPopulation("E05000005", 6_100),
            new WardPopulation("E05000003", 15_800),
        ]);

        Assert.Equal(50_000, budgets["E05000001"]);
        Assert.Equal(20_000, budgets["E05000002"]);
        Assert.Equal(10_000, budgets["E05000003"]);
        Assert.Equal(10_000, budgets["E05000004"]);
        Assert.Equal(10_000, budgets["E05000005"]);
        Assert.Equal(0, budgets["E05000006"]);
    }

    [Fact]
    public void Compute_LargerRemainderBeatsLowerCode()
    {
        // 10 units over populations 1 (E05000001) and 2 (E05000002): quotas 3.33 and 6.67; floors 3 + 6 = 9,
        // so the 1 leftover goes to the larger remainder .67 (the higher code): 3 and 7.
        var budgets = BudgetCalculator.Compute(Pot(1_000),
            [new WardPopulation("E05000001", 1), new WardPopulation("E05000002", 2)]);

        Assert.Equal(300, budgets["E05000001"]);
        Assert.Equal(700, budgets["E05000002"]);
    }

    [Fact]
    public void Compute_MinimumPinningCascades_PinsInTwoRounds()
    {
        // £100 pot (100 units), £20 minimum, populations A 10, B 21, C 69 (total 100).
        // Round 1: shares 10, 21, 69; only A (10 < 20) is pinned at 20. 80 units remain for B + C (weight 90).
        // Round 2: B's share 80 × 21 / 90 = 18.67 < 20, so B is pinned at 20 too. 60 units remain for C.
        // Round 3: C's share 60 × 69 / 69 = 60 ≥ 20. Result 20, 20, 60 (a single round would have given B 21).
        var budgets = BudgetCalculator.Compute(Pot(10_000, 2_000),
        [
            new WardPopulation("E05000003", 69),
            new WardPopulation("E05000002", 21),
            new WardPopulation("E05000001", 10),
        ]);

        Assert.Equal(2_000, budgets["E05000001"]);
        Assert.Equal(2_000, budgets["E05000002"]);
        Assert.Equal(6_000, budgets["E05000003"]);
    }

    [Fact]
    public void Compute_MinimumTimesWardsEqualsPot_EveryWardGetsExactlyTheMinimum()
    {
        // £900 pot, £300 minimum, 3 wards: 3 × £300 = £900, so populations cannot matter.
        var budgets = BudgetCalculator.Compute(Pot(90_000, 30_000),
        [
            new WardPopulation("E05000001", 1),
            new WardPopulation("E05000002", 2),
            new WardPopulation("E05000003", 1_000),
        ]);

        Assert.All(budgets.Values, budget => Assert.Equal(30_000, budget));
    }

    [Fact]
    public void Compute_AllZeroPopulations_ShareEquallyWithLeftoverToLowestCodes()
    {
        // £11 = 11 units over 3 wards of weight 0, treated as equal: 11 / 3 = 3 each, 2 left over → the two lowest codes.
        var budgets = BudgetCalculator.Compute(Pot(1_100),
        [
            new WardPopulation("E05000002", 0),
            new WardPopulation("E05000003", 0),
            new WardPopulation("E05000001", 0),
        ]);

        Assert.Equal(400, budgets["E05000001"]);
        Assert.Equal(400, budgets["E05000002"]);
        Assert.Equal(300, budgets["E05000003"]);
    }

    [Fact]
    public void Compute_ZeroPopulationWardWithoutMinimum_GetsNothing()
    {
        // £10 over populations 0 and 5: the whole pot follows the only population.
        var budgets = BudgetCalculator.Compute(Pot(1_000),
            [new WardPopulation("E05000001", 0), new WardPopulation("E05000002", 5)]);

        Assert.Equal(0, budgets["E05000001"]);
        Assert.Equal(1_000, budgets["E05000002"]);
    }

    [Fact]
    public void Compute_ZeroPopulationWardWithMinimum_GetsTheMinimum()
    {
        // £10 pot, £1 minimum, populations 0 and 5: the empty ward is pinned at £1, the other gets the other £9.
        var budgets = BudgetCalculator.Compute(Pot(1_000, 100),
            [new WardPopulation("E05000001", 0), new WardPopulation("E05000002", 5)]);

        Assert.Equal(100, budgets["E05000001"]);
        Assert.Equal(900, budgets["E05000002"]);
    }

    [Fact]
    public void Compute_InfeasibleMinimum_ThrowsNamingTheAmounts()
    {
        // 3 wards × £400 = £1,200 > £1,000.
        var exception = Assert.Throws<DomainValidationException>(() => BudgetCalculator.Compute(Pot(100_000, 40_000),
        [
            new WardPopulation("E05000001", 10),
            new WardPopulation("E05000002", 20),
            new WardPopulation("E05000003", 30),
        ]));

        const string expected = "The minimum of £400 for each of 3 wards needs £1,200, more than the pot of £1,000.";
        var field = Assert.Single(exception.Errors.ToDictionary());
        Assert.Equal("MinimumPerWardPence", field.Key);
        Assert.Equal([expected], field.Value);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_TiesBrokenByCodeOrdinal_NotByInputOrder()
    {
        // £5 = 5 units over three equal populations: 1 each, 2 left over, all remainders equal.
        // Ordinal order is E05… < S13… < W05…, so E and S get the extra pounds: 2, 2, 1.
        var budgets = BudgetCalculator.Compute(Pot(500),
        [
            new WardPopulation("W05000001", 7),
            new WardPopulation("S13000001", 7),
            new WardPopulation("E05000009", 7),
        ]);

        Assert.Equal(200, budgets["E05000009"]);
        Assert.Equal(200, budgets["S13000001"]);
        Assert.Equal(100, budgets["W05000001"]);
    }

    [Fact]
    public void Compute_PotInPennies_SharesEveryPenny()
    {
        // 100p over populations 1 and 2: quotas 33.33 and 66.67 → 33 and 67.
        var budgets = BudgetCalculator.Compute(Pot(100, unit: RoundingUnit.Penny),
            [new WardPopulation("E05000001", 1), new WardPopulation("E05000002", 2)]);

        Assert.Equal(33, budgets["E05000001"]);
        Assert.Equal(67, budgets["E05000002"]);
    }

    [Fact]
    public void Compute_LargestPotAndPopulations_IsExact()
    {
        // £1bn in pennies (10^11 units) over populations 1,000,000 and 2,000,000: quotas 10^11/3 and 2×10^11/3
        // = 33,333,333,333.33 and 66,666,666,666.67 → 33,333,333,333 and 66,666,666,667.
        var budgets = BudgetCalculator.Compute(Pot(100_000_000_000, unit: RoundingUnit.Penny),
            [new WardPopulation("E05000001", 1_000_000), new WardPopulation("E05000002", 2_000_000)]);

        Assert.Equal(33_333_333_333, budgets["E05000001"]);
        Assert.Equal(66_666_666_667, budgets["E05000002"]);
    }

    [Fact]
    public void Compute_DuplicateWardCodes_IsRefusedRatherThanLosingPartOfThePot()
    {
        // Bug check: two rows for one code. Whatever happens, budgets must never silently stop adding up to the pot.
        // Shares would be £5 + £5, but one dictionary key can hold only one of them.
        var rule = Pot(1_000);
        WardPopulation[] wards = [new("E05000001", 1), new("E05000001", 1)];

        Assert.ThrowsAny<ArgumentException>(() => BudgetCalculator.Compute(rule, wards));
    }

    [Theory]
    [InlineData(3, 40_000L, 100_000L, true)] // 3 × £400 = £1,200 > £1,000
    [InlineData(3, 30_000L, 90_000L, false)] // 3 × £300 = £900 = £900
    [InlineData(98, 100_000L, 9_700_000L, true)] // 98 × £1,000 = £98,000 > £97,000
    [InlineData(0, 100_000L, 0L, false)] // no wards need nothing
    public void CheckFeasible_MinimumTimesWardsAgainstPot_RefusesOnlyWhenOver(int wards, long minimum, long pot, bool refused)
    {
        var errors = BudgetCalculator.CheckFeasible(Pot(pot, minimum), wards);

        Assert.Equal(!refused, errors.IsValid);
    }

    [Fact]
    public void CheckFeasible_PerHeadRule_IsAlwaysFeasible()
    {
        // A rate has no pot to run out of, however large the minimum.
        Assert.True(BudgetCalculator.CheckFeasible(new BudgetRule(200, null, 100_000_000_000), 98).IsValid);
    }

    [Fact]
    public void CheckFeasible_NinetyEightWards_NamesTheAmounts()
    {
        // 98 × £1,000 = £98,000 > £97,000.
        var errors = BudgetCalculator.CheckFeasible(Pot(9_700_000, 100_000), 98).ToDictionary();

        Assert.Equal(
            ["The minimum of £1,000 for each of 98 wards needs £98,000, more than the pot of £97,000."],
            errors["MinimumPerWardPence"]);
    }
}
