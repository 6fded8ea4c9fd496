using PBudget.Core.Budgets;

namespace PBudget.Core.Tests.Budgets;

public sealed class BudgetTransferTests
{
    // £2 a head in whole pounds, at least £500 a ward.
    private static readonly BudgetRule Rule = new(200, null, 50_000);
    private static readonly AdjustmentPolicy AnyWard = new(TransferScope.AnyWard);

    private static WardBudget From(long computed = 100_000, long adjustment = 0, string? area = "North") =>
        new("E05000001", area, computed, adjustment);

    private static WardBudget To(long computed = 100_000, long adjustment = 0, string? area = "North") =>
        new("E05000002", area, computed, adjustment);

    private static IDictionary<string, string[]> Errors(BudgetRule rule, AdjustmentPolicy policy, WardBudget from, WardBudget to, long amount) =>
        BudgetTransfer.Check(rule, policy, from, to, amount).ToDictionary();

    [Fact]
    public void BudgetPence_IsComputedPlusAdjustment()
    {
        Assert.Equal(95_000, new WardBudget("E05000001", null, 100_000, -5_000).BudgetPence); // £1,000 − £50
    }

    [Fact]
    public void Check_WithinTheSameArea_IsAllowed()
    {
        Assert.Empty(Errors(Rule, AdjustmentPolicy.Default, From(), To(), 10_000));
    }

    [Fact]
    public void Check_AcrossAreasUnderWithinArea_IsRefusedNamingBothAreas()
    {
        var errors = Errors(Rule, AdjustmentPolicy.Default, From(area: "North"), To(area: "South"), 10_000);

        var field = Assert.Single(errors);
        Assert.Equal("toWard", field.Key);
        Assert.Equal(["Money can only move between wards of the same area; E05000001 is in North and E05000002 is in South."], field.Value);
    }

    [Fact]
    public void Check_WithinAreaWhenNeitherWardHasAnArea_IsRefused()
    {
        var errors = Errors(Rule, AdjustmentPolicy.Default, From(area: null), To(area: null), 10_000);

        Assert.Equal(["Money can only move between wards of the same area; E05000001 is in no area and E05000002 is in no area."], errors["toWard"]);
    }

    [Fact]
    public void Check_WithinAreaWhenOnlyOneWardHasAnArea_IsRefused()
    {
        Assert.Contains("toWard", Errors(Rule, AdjustmentPolicy.Default, From(area: "North"), To(area: null), 10_000).Keys);
        Assert.Contains("toWard", Errors(Rule, AdjustmentPolicy.Default, From(area: null), To(area: "North"), 10_000).Keys);
    }

    [Fact]
    public void Check_ScopeNone_IsRefusedEvenWithinAnArea()
    {
        var errors = Errors(Rule, new AdjustmentPolicy(TransferScope.None), From(), To(), 10_000);

        var field = Assert.Single(errors);
        Assert.Equal("toWard", field.Key);
        Assert.Equal(["This scheme does not allow money to be moved between wards."], field.Value);
    }

    [Fact]
    public void Check_AnyWardAcrossAreas_IsAllowed()
    {
        Assert.Empty(Errors(Rule, AnyWard, From(area: "North"), To(area: "South"), 10_000));
        Assert.Empty(Errors(Rule, AnyWard, From(area: null), To(area: "South"), 10_000));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-100L)]
    [InlineData(long.MinValue)]
    public void Check_AmountNotPositive_AsksForMoreThanZero(long amount)
    {
        var field = Assert.Single(Errors(Rule, AnyWard, From(), To(), amount));

        Assert.Equal("amountPence", field.Key);
        Assert.Equal(["Enter an amount of more than £0 to move."], field.Value);
    }

    [Theory]
    [InlineData(RoundingUnit.Pound, 150L, "£1")] // £1.50
    [InlineData(RoundingUnit.Pound, 1L, "£1")] // 1p
    [InlineData(RoundingUnit.TenPounds, 1_500L, "£10")] // £15
    [InlineData(RoundingUnit.HundredPounds, 15_000L, "£100")] // £150
    public void Check_AmountNotWholeUnits_NamesTheUnit(RoundingUnit unit, long amount, string unitText)
    {
        var rule = new BudgetRule(200, null, null, unit);

        var field = Assert.Single(Errors(rule, AnyWard, From(), To(), amount));

        Assert.Equal("amountPence", field.Key);
        Assert.Equal([$"Move a whole number of {unitText} units, as the scheme's budgets are rounded to {unitText}."], field.Value);
    }

    [Fact]
    public void Check_PennyUnit_AllowsAnyPositivePence()
    {
        Assert.Empty(Errors(new BudgetRule(200, null, null, RoundingUnit.Penny), AnyWard, From(), To(), 1));
    }

    [Fact]
    public void Check_SameWard_AsksForADifferentWard()
    {
        var errors = Errors(Rule, AnyWard, From(), From(), 10_000);

        Assert.Equal(["Choose a different ward to move the money to."], errors["toWard"]);
    }

    [Fact]
    public void Check_SeveralProblems_ReportsEachOne()
    {
        // Zero amount, same ward and a scheme that allows no moves: three messages over two fields.
        var errors = Errors(Rule, new AdjustmentPolicy(TransferScope.None), From(), From(), 0);

        Assert.Single(errors["amountPence"]);
        Assert.Equal(2, errors["toWard"].Length);
    }

    [Fact]
    public void Check_LeavingExactlyTheMinimum_IsAllowed()
    {
        // £1,000 − £500 = £500 = the minimum.
        Assert.Empty(Errors(Rule, AnyWard, From(computed: 100_000), To(), 50_000));
    }

    [Fact]
    public void Check_DroppingBelowTheMinimum_IsRefusedNamingTheAmounts()
    {
        // £1,000 − £501 = £499 < £500.
        var field = Assert.Single(Errors(Rule, AnyWard, From(computed: 100_000), To(), 50_100));

        Assert.Equal("amountPence", field.Key);
        Assert.Equal(["Ward E05000001 has £1,000; moving £501 would leave it below the minimum of £500."], field.Value);
    }

    [Fact]
    public void Check_MinimumUsesTheAdjustedBudget()
    {
        // Computed £1,000 with £400 already moved out leaves £600: £100 more is fine (£500), £101 is not (£499).
        var from = From(computed: 100_000, adjustment: -40_000);

        Assert.Empty(Errors(Rule, AnyWard, from, To(), 10_000));
        Assert.Equal(
            ["Ward E05000001 has £600; moving £101 would leave it below the minimum of £500."],
            Errors(Rule, AnyWard, from, To(), 10_100)["amountPence"]);
    }

    [Fact]
    public void Check_NoMinimum_StillCannotGoBelowZero()
    {
        // £100 − £101 = −£1 < £0.
        var rule = new BudgetRule(200, null, null);

        Assert.Empty(Errors(rule, AnyWard, From(computed: 10_000), To(), 10_000));
        Assert.Equal(
            ["Ward E05000001 has £100; moving £101 would leave it below the minimum of £0."],
            Errors(rule, AnyWard, From(computed: 10_000), To(), 10_100)["amountPence"]);
    }

    [Fact]
    public void Check_MaxChangeExactlyAtTheLimitOnTheGivingWard_IsAllowed()
    {
        // 10% of £1,000 = £100: giving £100 leaves £900, exactly 10% away. The receiver (£10,000) moves 1%.
        var policy = new AdjustmentPolicy(TransferScope.AnyWard, 10);

        Assert.Empty(Errors(Rule, policy, From(computed: 100_000), To(computed: 1_000_000), 10_000));
    }

    [Fact]
    public void Check_MaxChangeJustOverTheLimitOnTheGivingWard_IsRefused()
    {
        // Giving £101 leaves £899, 10.1% away from £1,000 > 10%. The receiver moves 1.01%, within its limit.
        var policy = new AdjustmentPolicy(TransferScope.AnyWard, 10);

        var field = Assert.Single(Errors(Rule, policy, From(computed: 100_000), To(computed: 1_000_000), 10_100));

        Assert.Equal("amountPence", field.Key);
        Assert.Equal(["Ward E05000001 would have £899, more than 10% away from the £1,000 the rule gives it."], field.Value);
    }

    [Fact]
    public void Check_MaxChangeExactlyAtTheLimitOnTheReceivingWard_IsAllowed()
    {
        // The receiver's £1,000 becomes £1,100, exactly 10% more. The giver (£10,000) moves 1%.
        var policy = new AdjustmentPolicy(TransferScope.AnyWard, 10);

        Assert.Empty(Errors(Rule, policy, From(computed: 1_000_000), To(computed: 100_000), 10_000));
    }

    [Fact]
    public void Check_MaxChangeJustOverTheLimitOnTheReceivingWard_IsRefused()
    {
        // £1,000 + £101 = £1,101, 10.1% more than the rule gave.
        var policy = new AdjustmentPolicy(TransferScope.AnyWard, 10);

        var field = Assert.Single(Errors(Rule, policy, From(computed: 1_000_000), To(computed: 100_000), 10_100));

        Assert.Equal(["Ward E05000002 would have £1,101, more than 10% away from the £1,000 the rule gives it."], field.Value);
    }

    [Fact]
    public void Check_MaxChangeOverOnBothWards_ReportsBoth()
    {
        // Both wards were given £1,000; £101 moves each by 10.1%.
        var policy = new AdjustmentPolicy(TransferScope.AnyWard, 10);

        var messages = Errors(Rule, policy, From(), To(), 10_100)["amountPence"];

        Assert.Equal(2, messages.Length);
        Assert.StartsWith("Ward E05000001 would have £899,", messages[0], StringComparison.Ordinal);
        Assert.StartsWith("Ward E05000002 would have £1,101,", messages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MaxChangeCountsEarlierAdjustments()
    {
        // The receiver was given £1,000 and already received £50: £50 more makes £1,100 (10%, allowed);
        // £51 more makes £1,101 (over).
        var policy = new AdjustmentPolicy(TransferScope.AnyWard, 10);
        var to = To(computed: 100_000, adjustment: 5_000);

        Assert.Empty(Errors(Rule, policy, From(computed: 1_000_000), to, 5_000));
        Assert.Single(Errors(Rule, policy, From(computed: 1_000_000), to, 5_100)["amountPence"]);
    }

    [Fact]
    public void Check_MaxChangeMovingBackTowardsTheRule_IsMeasuredFromTheRuleNotTheCurrentBudget()
    {
        // The giver was given £1,000 and has received £100 (£1,100, at the 10% limit). Giving £200 leaves
        // £900: 10% below the rule, allowed, though £200 is 18% of its current £1,100.
        var policy = new AdjustmentPolicy(TransferScope.AnyWard, 10);

        Assert.Empty(Errors(Rule, policy, From(computed: 100_000, adjustment: 10_000), To(computed: 1_000_000), 20_000));
    }

    [Fact]
    public void Check_MaxChangeInPennies_ComparesExactly()
    {
        // 10% of 100,001p is 10,000.1p: 10,000p is within it, 10,001p is over (10,001 × 100 = 1,000,100 > 1,000,010).
        var rule = new BudgetRule(200, null, null, RoundingUnit.Penny);
        var policy = new AdjustmentPolicy(TransferScope.AnyWard, 10);

        Assert.Empty(Errors(rule, policy, From(computed: 100_001), To(computed: 100_000_000), 10_000));
        Assert.Single(Errors(rule, policy, From(computed: 100_001), To(computed: 100_000_000), 10_001)["amountPence"]);
    }

    [Fact]
    public void Check_MaxChangeZeroPercent_RefusesAnyMove()
    {
        var policy = new AdjustmentPolicy(TransferScope.AnyWard, 0);

        Assert.Equal(2, Errors(Rule, policy, From(), To(), 100)["amountPence"].Length);
    }

    [Fact]
    public void Check_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("rule", () => BudgetTransfer.Check(null!, AnyWard, From(), To(), 100));
        Assert.Throws<ArgumentNullException>("policy", () => BudgetTransfer.Check(Rule, null!, From(), To(), 100));
        Assert.Throws<ArgumentNullException>("from", () => BudgetTransfer.Check(Rule, AnyWard, null!, To(), 100));
        Assert.Throws<ArgumentNullException>("to", () => BudgetTransfer.Check(Rule, AnyWard, From(), null!, 100));
    }
}
