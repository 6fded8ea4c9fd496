using PBudget.Core.Budgets;

namespace PBudget.Core.Tests.Budgets;

public sealed class BudgetRuleTests
{
    [Fact]
    public void Validate_PerHeadOnly_IsValid()
    {
        var rule = new BudgetRule(PencePerHead: 200, TotalPotPence: null, MinimumPerWardPence: 50_000);

        Assert.True(rule.Validate().IsValid);
    }

    [Fact]
    public void Validate_PotOnly_IsValid()
    {
        var rule = new BudgetRule(PencePerHead: null, TotalPotPence: 10_000_000, MinimumPerWardPence: null);

        Assert.True(rule.Validate().IsValid);
    }

    [Fact]
    public void Validate_NeitherBasis_AsksForRateOrPotOnPencePerHead()
    {
        var errors = new BudgetRule(null, null, null).Validate().ToDictionary();

        var field = Assert.Single(errors);
        Assert.Equal("PencePerHead", field.Key);
        Assert.Equal(["Set either a rate per head or a total pot."], field.Value);
    }

    [Fact]
    public void Validate_BothBases_RefusesOnTotalPotPence()
    {
        var errors = new BudgetRule(200, 10_000_000, null).Validate().ToDictionary();

        var field = Assert.Single(errors);
        Assert.Equal("TotalPotPence", field.Key);
        Assert.StartsWith("Set either a rate per head or a total pot, not both", Assert.Single(field.Value), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(100_000L)] // MaxPencePerHead, £1,000 a head
    public void Validate_RateWithinRange_IsValid(long pencePerHead)
    {
        Assert.True(new BudgetRule(pencePerHead, null, null, RoundingUnit.Penny).Validate().IsValid);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(100_001L)] // one penny over £1,000 a head
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Validate_RateOutOfRange_NamesTheLimits(long pencePerHead)
    {
        var errors = new BudgetRule(pencePerHead, null, null, RoundingUnit.Penny).Validate().ToDictionary();

        var field = Assert.Single(errors);
        Assert.Equal("PencePerHead", field.Key);
        Assert.Equal(["The rate per head must be between 0 and 100000 pence (£1,000)."], field.Value);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(100_000_000_000L)] // MaxPotPence, £1bn
    public void Validate_PotWithinRange_IsValid(long pot)
    {
        Assert.True(new BudgetRule(null, pot, null, RoundingUnit.HundredPounds).Validate().IsValid);
    }

    [Theory]
    [InlineData(-10_000L)] // a whole £100 unit, so only the range is wrong
    [InlineData(100_000_010_000L)] // £1bn + £100
    public void Validate_PotOutOfRange_NamesTheLimits(long pot)
    {
        var errors = new BudgetRule(null, pot, null, RoundingUnit.HundredPounds).Validate().ToDictionary();

        var field = Assert.Single(errors);
        Assert.Equal("TotalPotPence", field.Key);
        Assert.Equal(["The total pot must be between £0 and £1,000,000,000."], field.Value);
    }

    [Theory]
    [InlineData(-100L)]
    [InlineData(100_000_000_100L)] // £1bn + £1
    public void Validate_MinimumOutOfRange_NamesTheLimits(long minimum)
    {
        var errors = new BudgetRule(200, null, minimum, RoundingUnit.Pound).Validate().ToDictionary();

        var field = Assert.Single(errors);
        Assert.Equal("MinimumPerWardPence", field.Key);
        Assert.Equal(["The minimum per ward must be between £0 and £1,000,000,000."], field.Value);
    }

    [Theory]
    [InlineData(RoundingUnit.Pound, 150L, "£1")] // 150p is £1.50, not whole pounds
    [InlineData(RoundingUnit.TenPounds, 100_500L, "£10")] // £1,005 is not a multiple of £10
    [InlineData(RoundingUnit.HundredPounds, 1_005_000L, "£100")] // £10,050 is not a multiple of £100
    public void Validate_PotNotWholeUnits_NamesTheUnit(RoundingUnit unit, long pot, string unitText)
    {
        var errors = new BudgetRule(null, pot, null, unit).Validate().ToDictionary();

        var field = Assert.Single(errors);
        Assert.Equal("TotalPotPence", field.Key);
        Assert.Equal([$"The total pot must be a whole number of the rounding unit ({unitText})."], field.Value);
    }

    [Theory]
    [InlineData(RoundingUnit.Pound, 50_050L, "£1")] // £500.50
    [InlineData(RoundingUnit.TenPounds, 50_500L, "£10")] // £505
    [InlineData(RoundingUnit.HundredPounds, 55_000L, "£100")] // £550
    public void Validate_MinimumNotWholeUnits_NamesTheUnit(RoundingUnit unit, long minimum, string unitText)
    {
        var errors = new BudgetRule(200, null, minimum, unit).Validate().ToDictionary();

        var field = Assert.Single(errors);
        Assert.Equal("MinimumPerWardPence", field.Key);
        Assert.Equal([$"The minimum per ward must be a whole number of the rounding unit ({unitText})."], field.Value);
    }

    [Fact]
    public void Validate_PotAndMinimumNotWholeUnits_ReportsBoth()
    {
        // £1,000.01 pot and £1.50 minimum, neither whole pounds.
        var errors = new BudgetRule(null, 100_001, 150, RoundingUnit.Pound).Validate().ToDictionary();

        Assert.Equal(["MinimumPerWardPence", "TotalPotPence"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_PennyUnit_AcceptsAnyWholePenny()
    {
        // 1 is a multiple of everything: £1,234.57 pot, £0.03 minimum.
        Assert.True(new BudgetRule(null, 123_457, 3, RoundingUnit.Penny).Validate().IsValid);
    }

    [Fact]
    public void Validate_UndefinedRoundingUnit_AsksForAUnitAndSkipsTheMultipleCheck()
    {
        // 7 is no RoundingUnit; dividing by it would be meaningless, so only the unit is reported.
        var errors = new BudgetRule(null, 150, 150, (RoundingUnit)7).Validate().ToDictionary();

        var field = Assert.Single(errors);
        Assert.Equal("RoundingUnit", field.Key);
        Assert.Equal(["Choose a rounding unit: Penny, Pound, TenPounds or HundredPounds."], field.Value);
    }

    [Fact]
    public void Validate_ZeroRoundingUnit_IsRefusedRatherThanDividingByZero()
    {
        var errors = new BudgetRule(null, 100, 100, (RoundingUnit)0).Validate().ToDictionary();

        Assert.Equal(["RoundingUnit"], errors.Keys);
    }

    [Fact]
    public void Validate_UndefinedRoundingDirection_AsksForADirection()
    {
        var errors = new BudgetRule(200, null, null, RoundingUnit.Pound, (RoundingDirection)3).Validate().ToDictionary();

        var field = Assert.Single(errors);
        Assert.Equal("RoundingDirection", field.Key);
        Assert.Equal(["Choose a rounding direction: Down, Nearest or Up."], field.Value);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryField()
    {
        var errors = new BudgetRule(-1, null, -100, (RoundingUnit)3, (RoundingDirection)(-1)).Validate().ToDictionary();

        Assert.Equal(
            ["MinimumPerWardPence", "PencePerHead", "RoundingDirection", "RoundingUnit"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Describe_PerHeadDefaults_SaysRateAndRoundedDownToWholePounds()
    {
        var rule = new BudgetRule(200, null, null);

        Assert.Equal("Each ward receives £2 for every resident, rounded down to whole pounds.", rule.Describe());
    }

    [Fact]
    public void Describe_PerHeadWithMinimum_AddsTheMinimum()
    {
        // 150p = £1.50 a head; 50,000p = £500 minimum.
        var rule = new BudgetRule(150, null, 50_000, RoundingUnit.TenPounds, RoundingDirection.Up);

        Assert.Equal(
            "Each ward receives £1.50 for every resident, rounded up to multiples of £10. Every ward receives at least £500.",
            rule.Describe());
    }

    [Fact]
    public void Describe_PerHeadPenny_SaysToThePennyWhateverTheDirection()
    {
        var rule = new BudgetRule(175, null, 0, RoundingUnit.Penny, RoundingDirection.Up);

        // A zero minimum adds no sentence.
        Assert.Equal("Each ward receives £1.75 for every resident, to the penny.", rule.Describe());
    }

    [Fact]
    public void Describe_PerHeadHundredPoundsDown_NamesTheUnit()
    {
        var rule = new BudgetRule(300, null, null, RoundingUnit.HundredPounds, RoundingDirection.Down);

        Assert.Equal("Each ward receives £3 for every resident, rounded down to multiples of £100.", rule.Describe());
    }

    [Fact]
    public void Describe_PerHeadNearest_SaysNearestNotUpOrDown()
    {
        var text = new BudgetRule(200, null, null, RoundingUnit.TenPounds, RoundingDirection.Nearest).Describe();

        Assert.StartsWith("Each ward receives £2 for every resident, rounded to the nearest", text, StringComparison.Ordinal);
        Assert.Contains("£10", text, StringComparison.Ordinal);
        Assert.DoesNotContain("rounded down", text, StringComparison.Ordinal);
        Assert.DoesNotContain("rounded up", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_Pot_SaysPotSharedByPopulationAndAddsUpExactly()
    {
        // 100,000,000p = £1,000,000; 50,000p = £500.
        var rule = new BudgetRule(null, 100_000_000, 50_000, RoundingUnit.TenPounds);

        Assert.Equal(
            "A total pot of £1,000,000 is shared between the wards in proportion to their population, in multiples of £10, so that the budgets add up to the pot exactly. Every ward receives at least £500.",
            rule.Describe());
    }

    [Fact]
    public void Describe_PotWholePoundsNoMinimum_HasNoMinimumSentence()
    {
        var rule = new BudgetRule(null, 25_000_000, null, RoundingUnit.Pound, RoundingDirection.Up);

        // The direction does not apply to a pot, so it is not mentioned.
        Assert.Equal(
            "A total pot of £250,000 is shared between the wards in proportion to their population, in whole pounds, so that the budgets add up to the pot exactly.",
            rule.Describe());
    }
}
