using PBudget.Core.Budgets;

namespace PBudget.Core.Tests.Budgets;

public sealed class AdjustmentPolicyTests
{
    [Fact]
    public void Default_IsWithinAreaWithNoLimit()
    {
        Assert.Equal(TransferScope.WithinArea, AdjustmentPolicy.Default.Scope);
        Assert.Null(AdjustmentPolicy.Default.MaxChangePercent);
        Assert.True(AdjustmentPolicy.Default.Validate().IsValid);
    }

    [Theory]
    [InlineData(TransferScope.None, null)]
    [InlineData(TransferScope.WithinArea, 0)]
    [InlineData(TransferScope.AnyWard, 100)]
    [InlineData(TransferScope.AnyWard, 25)]
    public void Validate_DefinedScopeAndPercentFrom0To100_IsValid(TransferScope scope, int? percent)
    {
        Assert.True(new AdjustmentPolicy(scope, percent).Validate().IsValid);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    [InlineData(int.MinValue)]
    public void Validate_PercentOutOfRange_IsRefused(int percent)
    {
        var field = Assert.Single(new AdjustmentPolicy(TransferScope.AnyWard, percent).Validate().ToDictionary());

        Assert.Equal("MaxChangePercent", field.Key);
        Assert.Equal(["The largest change must be a whole percentage from 0 to 100."], field.Value);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void Validate_UndefinedScope_IsRefused(int scope)
    {
        var field = Assert.Single(new AdjustmentPolicy((TransferScope)scope).Validate().ToDictionary());

        Assert.Equal("Scope", field.Key);
        Assert.Equal(["Choose who money may move between: None, WithinArea or AnyWard."], field.Value);
    }

    [Fact]
    public void Validate_BothWrong_ReportsBoth()
    {
        var errors = new AdjustmentPolicy((TransferScope)9, 200).Validate().ToDictionary();

        Assert.Equal(["MaxChangePercent", "Scope"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(TransferScope.None, null, "Councillors cannot move money between wards.")]
    [InlineData(TransferScope.None, 10, "Councillors cannot move money between wards.")]
    [InlineData(TransferScope.WithinArea, null, "Councillors may move money between wards of the same area.")]
    [InlineData(TransferScope.WithinArea, 10, "Councillors may move money between wards of the same area, changing a ward's budget by at most 10% of what the rule gave it.")]
    [InlineData(TransferScope.AnyWard, null, "Councillors may move money between any wards of the scheme.")]
    [InlineData(TransferScope.AnyWard, 25, "Councillors may move money between any wards of the scheme, changing a ward's budget by at most 25% of what the rule gave it.")]
    public void Describe_ScopeAndLimit_ReadsAsASentence(TransferScope scope, int? percent, string expected)
    {
        Assert.Equal(expected, new AdjustmentPolicy(scope, percent).Describe());
    }
}
