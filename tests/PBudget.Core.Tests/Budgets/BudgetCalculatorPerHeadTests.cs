using PBudget.Core.Budgets;
using PBudget.Core.Validation;

namespace PBudget.Core.Tests.Budgets;

public sealed class BudgetCalculatorPerHeadTests
{
    private static long Single(BudgetRule rule, long population) =>
        BudgetCalculator.Compute(rule, [new WardPopulation("E05000001", population)])["E05000001"];

    [Fact]
    public void Compute_TwoPoundsPerHead_MultipliesEachWardsPopulation()
    {
        var rule = new BudgetRule(200, null, null); // £2 a head, whole pounds, down

        var budgets = BudgetCalculator.Compute(rule,
        [
            new WardPopulation("E05000001", 1_234),
            new WardPopulation("E05000002", 9_876),
            new WardPopulation("E05000003", 60_000),
        ]);

        Assert.Equal(3, budgets.Count);
        Assert.Equal(246_800, budgets["E05000001"]); // 1,234 × 200p = 246,800p = £2,468
        Assert.Equal(1_975_200, budgets["E05000002"]); // 9,876 × 200p = 1,975,200p = £19,752
        Assert.Equal(12_000_000, budgets["E05000003"]); // 60,000 × 200p = 12,000,000p = £120,000
    }

    [Theory]
    // 1,233 × 150p = 184,950p (£1,849.50)
    [InlineData(150L, 1_233L, RoundingUnit.Pound, RoundingDirection.Down, 184_900L)] // £1,849
    [InlineData(150L, 1_233L, RoundingUnit.Pound, RoundingDirection.Nearest, 185_000L)] // exactly half: up to £1,850
    [InlineData(150L, 1_233L, RoundingUnit.Pound, RoundingDirection.Up, 185_000L)] // £1,850
    [InlineData(150L, 1_233L, RoundingUnit.TenPounds, RoundingDirection.Down, 184_000L)] // £1,840
    [InlineData(150L, 1_233L, RoundingUnit.TenPounds, RoundingDirection.Nearest, 185_000L)] // £9.50 over £1,840 ≥ £5: £1,850
    [InlineData(150L, 1_233L, RoundingUnit.TenPounds, RoundingDirection.Up, 185_000L)] // £1,850
    [InlineData(150L, 1_233L, RoundingUnit.HundredPounds, RoundingDirection.Down, 180_000L)] // £1,800
    [InlineData(150L, 1_233L, RoundingUnit.HundredPounds, RoundingDirection.Nearest, 180_000L)] // £49.50 over £1,800 < £50: £1,800
    [InlineData(150L, 1_233L, RoundingUnit.HundredPounds, RoundingDirection.Up, 190_000L)] // £1,900
    [InlineData(150L, 1_233L, RoundingUnit.Penny, RoundingDirection.Down, 184_950L)] // to the penny: unchanged
    [InlineData(150L, 1_233L, RoundingUnit.Penny, RoundingDirection.Nearest, 184_950L)]
    [InlineData(150L, 1_233L, RoundingUnit.Penny, RoundingDirection.Up, 184_950L)]
    public void Compute_PerHeadRounding_RoundsToUnitInDirection(long rate, long population, RoundingUnit unit, RoundingDirection direction, long expected)
    {
        Assert.Equal(expected, Single(new BudgetRule(rate, null, null, unit, direction), population));
    }

    [Theory]
    // Exact halves round up under Nearest; one penny under a half rounds down.
    [InlineData(1L, 50L, RoundingUnit.Pound, 100L)] // 50p → £1
    [InlineData(1L, 49L, RoundingUnit.Pound, 0L)] // 49p → £0
    [InlineData(1L, 150L, RoundingUnit.Pound, 200L)] // £1.50 → £2
    [InlineData(5L, 100L, RoundingUnit.TenPounds, 1_000L)] // 500p = £5 → £10
    [InlineData(1L, 499L, RoundingUnit.TenPounds, 0L)] // £4.99 → £0
    [InlineData(5L, 300L, RoundingUnit.TenPounds, 2_000L)] // 1,500p = £15 → £20
    [InlineData(250L, 20L, RoundingUnit.HundredPounds, 10_000L)] // 5,000p = £50 → £100
    [InlineData(1L, 4_999L, RoundingUnit.HundredPounds, 0L)] // £49.99 → £0
    [InlineData(250L, 60L, RoundingUnit.HundredPounds, 20_000L)] // 15,000p = £150 → £200
    public void Compute_NearestExactHalf_RoundsHalvesUp(long rate, long population, RoundingUnit unit, long expected)
    {
        Assert.Equal(expected, Single(new BudgetRule(rate, null, null, unit, RoundingDirection.Nearest), population));
    }

    [Theory]
    [InlineData(RoundingDirection.Down)]
    [InlineData(RoundingDirection.Nearest)]
    [InlineData(RoundingDirection.Up)]
    public void Compute_AlreadyWholeUnits_IsNotMovedInAnyDirection(RoundingDirection direction)
    {
        // 50 × 200p = 10,000p = exactly £100: Up must not add a unit, Down must not take one.
        Assert.Equal(10_000, Single(new BudgetRule(200, null, null, RoundingUnit.HundredPounds, direction), 50));
    }

    [Theory]
    [InlineData(RoundingDirection.Down, 0L)] // 1p → £0
    [InlineData(RoundingDirection.Nearest, 0L)] // 1p → £0
    [InlineData(RoundingDirection.Up, 10_000L)] // 1p → £100: a single penny over rounds up a whole unit
    public void Compute_OnePennyOverAUnit_OnlyUpRoundsUp(RoundingDirection direction, long expected)
    {
        Assert.Equal(expected, Single(new BudgetRule(1, null, null, RoundingUnit.HundredPounds, direction), 1));
    }

    [Fact]
    public void Compute_Minimum_LiftsOnlyWardsBelowIt()
    {
        var rule = new BudgetRule(200, null, 50_000); // £2 a head, at least £500

        var budgets = BudgetCalculator.Compute(rule,
        [
            new WardPopulation("E05000001", 100), // 100 × 200p = £200 → lifted to £500
            new WardPopulation("E05000002", 250), // 250 × 200p = £500 exactly → £500
            new WardPopulation("E05000003", 251), // 251 × 200p = £502 → £502
            new WardPopulation("E05000004", 0), // £0 → lifted to £500
        ]);

        Assert.Equal(50_000, budgets["E05000001"]);
        Assert.Equal(50_000, budgets["E05000002"]);
        Assert.Equal(50_200, budgets["E05000003"]);
        Assert.Equal(50_000, budgets["E05000004"]);
    }

    [Fact]
    public void Compute_ZeroPopulationNoMinimum_IsZero()
    {
        Assert.Equal(0, Single(new BudgetRule(200, null, null, RoundingUnit.Pound, RoundingDirection.Up), 0));
    }

    [Fact]
    public void Compute_ZeroRate_GivesOnlyTheMinimum()
    {
        Assert.Equal(100_000, Single(new BudgetRule(0, null, 100_000), 12_345)); // 12,345 × 0p = £0 → £1,000 minimum
    }

    [Theory]
    // 1,000,000 × 100,000p = 100,000,000,000p = £1bn: the largest population and rate.
    [InlineData(1_000_000L, 100_000L, RoundingDirection.Up, 100_000_000_000L)]
    // 999,999 × 99,999p = (10^6 − 1)(10^5 − 1) = 10^11 − 10^6 − 10^5 + 1 = 99,998,900,001p
    [InlineData(999_999L, 99_999L, RoundingDirection.Down, 99_998_900_000L)] // drop the 1p
    [InlineData(999_999L, 99_999L, RoundingDirection.Nearest, 99_998_900_000L)] // 1p < £50
    [InlineData(999_999L, 99_999L, RoundingDirection.Up, 99_998_910_000L)] // next £100
    public void Compute_LargestPopulationAndRate_IsExact(long population, long rate, RoundingDirection direction, long expected)
    {
        Assert.Equal(expected, Single(new BudgetRule(rate, null, null, RoundingUnit.HundredPounds, direction), population));
    }

    [Fact]
    public void Compute_ProductOverflowsLong_ThrowsInsteadOfWrapping()
    {
        // (long.MaxValue / 2) × 3 ≈ 1.4 × 10^19 > long.MaxValue ≈ 9.2 × 10^18: must not wrap to a negative budget.
        var rule = new BudgetRule(3, null, null, RoundingUnit.Penny);

        Assert.Throws<OverflowException>(() => Single(rule, long.MaxValue / 2));
    }

    [Fact]
    public void Compute_RoundingUpPastLongMax_ThrowsInsteadOfWrapping()
    {
        // long.MaxValue = 7 × 1,317,624,576,693,539,401, so the product is exactly long.MaxValue (…807p);
        // rounding it up to a whole pound (…900p) cannot be represented.
        var rule = new BudgetRule(7, null, null, RoundingUnit.Pound, RoundingDirection.Up);

        Assert.Throws<OverflowException>(() => Single(rule, 1_317_624_576_693_539_401));
    }

    [Fact]
    public void Compute_ResultIsKeyedByEveryWardCode()
    {
        var budgets = BudgetCalculator.Compute(new BudgetRule(200, null, null),
        [
            new WardPopulation("W05000001", 10),
            new WardPopulation("S13000001", 20),
            new WardPopulation("E05000001", 30),
        ]);

        Assert.Equal(["E05000001", "S13000001", "W05000001"], budgets.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Compute_NoWards_IsEmpty()
    {
        Assert.Empty(BudgetCalculator.Compute(new BudgetRule(200, null, null), []));
    }

    [Fact]
    public void Compute_InvalidRule_ThrowsWithEveryError()
    {
        var rule = new BudgetRule(null, null, -1);

        var exception = Assert.Throws<DomainValidationException>(() => BudgetCalculator.Compute(rule, [new WardPopulation("E05000001", 1)]));

        Assert.Equal(["MinimumPerWardPence", "PencePerHead"], exception.Errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Compute_NegativePopulation_ThrowsArgumentException()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            BudgetCalculator.Compute(new BudgetRule(200, null, null), [new WardPopulation("E05000001", 10), new WardPopulation("E05000002", -1)]));

        Assert.Equal("wards", exception.ParamName);
    }

    [Fact]
    public void Compute_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("rule", () => BudgetCalculator.Compute(null!, []));
        Assert.Throws<ArgumentNullException>("wards", () => BudgetCalculator.Compute(new BudgetRule(200, null, null), null!));
    }
}
