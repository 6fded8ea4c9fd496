using PBudget.Core.Budgets;
using PBudget.Core.Schemes;
using PBudget.Core.Validation;

namespace PBudget.Core.Tests.Schemes;

public sealed class SchemeTests
{
    private static readonly BudgetRule GoodRule = new(200, null, 50_000);

    private static IDictionary<string, string[]> Errors(
        string? id = "riverside-2026-27",
        string? name = "Riverside ward budgets",
        string? financialYear = "2026-27",
        BudgetRule? rule = null,
        AdjustmentPolicy? adjustments = null,
        bool noRule = false) =>
        Scheme.Validate(id, name, financialYear, noRule ? null : rule ?? GoodRule, adjustments).ToDictionary();

    [Fact]
    public void Validate_GoodScheme_IsValid()
    {
        Assert.Empty(Errors(adjustments: AdjustmentPolicy.Default));
    }

    [Fact]
    public void Validate_NoAdjustments_IsValid()
    {
        // The adjustment policy is optional; the rule is not.
        Assert.Empty(Errors(adjustments: null));
    }

    [Theory]
    [InlineData("abc")] // the shortest: 3 characters
    [InlineData("riverside-2026-27")]
    [InlineData("a-b")]
    [InlineData("a1-")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghij")] // 40 characters, the longest
    public void Validate_GoodId_IsAccepted(string id)
    {
        Assert.DoesNotContain("id", Errors(id: id).Keys);
    }

    [Theory]
    [InlineData("ab")] // 2 characters
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijk")] // 41 characters
    [InlineData("1riverside")] // starts with a digit
    [InlineData("-riverside")] // starts with a hyphen
    [InlineData("Riverside")] // uppercase
    [InlineData("river side")]
    [InlineData("river_side")]
    [InlineData("rivérside")]
    public void Validate_BadId_DescribesThePattern(string id)
    {
        Assert.Equal(
            ["The identifier must be 3 to 40 lowercase letters, digits or hyphens, starting with a letter, for example riverside-2026-27."],
            Errors(id: id)["id"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_MissingId_AsksForOne(string? id)
    {
        Assert.Equal(["Enter an identifier for the scheme, for example riverside-2026-27."], Errors(id: id)["id"]);
    }

    [Fact]
    public void Validate_IdWithTrailingNewline_IsRefused()
    {
        // Bug check: "$" in a .NET regex also matches before a final "\n", so ^…$ accepts "riverside-2026-27\n".
        Assert.Contains("id", Errors(id: "riverside-2026-27\n").Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Validate_MissingName_AsksForOne(string? name)
    {
        Assert.Equal(["Enter the scheme's name."], Errors(name: name)["name"]);
    }

    [Fact]
    public void Validate_NameAtTheLimit_IsAccepted()
    {
        Assert.DoesNotContain("name", Errors(name: new string('n', 120)).Keys);
    }

    [Theory]
    [InlineData(121)]
    [InlineData(500)]
    public void Validate_NameTooLong_IsRefused(int length)
    {
        Assert.Equal(["The name must be 120 characters or fewer, with no control characters."], Errors(name: new string('n', length))["name"]);
    }

    [Fact]
    public void Validate_NameWithControlCharacter_IsRefused()
    {
        Assert.Contains("name", Errors(name: "Riverside\nbudgets").Keys);
    }

    [Theory]
    [InlineData("2026-27")]
    [InlineData("1999-00")] // (1999 + 1) % 100 = 0
    [InlineData("2099-00")] // (2099 + 1) % 100 = 0
    [InlineData("1900-01")]
    [InlineData("2009-10")]
    public void Validate_ConsecutiveFinancialYears_AreAccepted(string year)
    {
        Assert.DoesNotContain("financialYear", Errors(financialYear: year).Keys);
    }

    [Theory]
    [InlineData("2026-28")] // not consecutive
    [InlineData("2026-26")]
    [InlineData("2026-2027")]
    [InlineData("2026/27")]
    [InlineData("26-27")]
    [InlineData("1899-00")] // before 1900
    [InlineData("2100-01")] // after 2099
    [InlineData("2000-00")] // (2000 + 1) % 100 = 1
    [InlineData(" 2026-27")]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_BadFinancialYear_ShowsTheFormat(string? year)
    {
        Assert.Equal(["Enter the financial year as two consecutive years, for example 2026-27."], Errors(financialYear: year)["financialYear"]);
    }

    [Fact]
    public void Validate_FinancialYearWithTrailingNewline_IsRefused()
    {
        // Bug check: the same "$" issue as the id: "2026-27\n" matches ^(19|20)[0-9]{2}-[0-9]{2}$.
        Assert.Contains("financialYear", Errors(financialYear: "2026-27\n").Keys);
    }

    [Fact]
    public void Validate_NoRule_AsksForOne()
    {
        Assert.Equal(["Enter the budget rule."], Errors(noRule: true)["budgetRule"]);
    }

    [Fact]
    public void Validate_BadRule_NestsFieldNamesAsTheRequestBodyDoes()
    {
        // A rate over £1,000, and a minimum of £500.50 in whole pounds.
        var errors = Errors(rule: new BudgetRule(100_001, null, 50_050));

        Assert.Equal(["budgetRule.minimumPerWardPence", "budgetRule.pencePerHead"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["The rate per head must be between 0 and 100000 pence (£1,000)."], errors["budgetRule.pencePerHead"]);
    }

    [Fact]
    public void Validate_RuleWithBothBasesAndBadUnits_NestsEveryField()
    {
        var errors = Errors(rule: new BudgetRule(200, 150, null, (RoundingUnit)2, (RoundingDirection)5));

        Assert.Equal(
            ["budgetRule.roundingDirection", "budgetRule.roundingUnit", "budgetRule.totalPotPence"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_BadAdjustments_NestsFieldNames()
    {
        var errors = Errors(adjustments: new AdjustmentPolicy((TransferScope)7, 101));

        Assert.Equal(["adjustments.maxChangePercent", "adjustments.scope"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryField()
    {
        var errors = Scheme.Validate("X", null, "2026-28", null, new AdjustmentPolicy(TransferScope.None, -1)).ToDictionary();

        Assert.Equal(
            ["adjustments.maxChangePercent", "budgetRule", "financialYear", "id", "name"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ValidateRules_AddsToExistingErrors()
    {
        var errors = new ValidationErrors();
        errors.Add("id", "Already wrong.");

        Scheme.ValidateRules(new BudgetRule(null, null, null), null, errors);

        Assert.Equal(["budgetRule.pencePerHead", "id"], errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ValidateRules_NullErrors_Throws()
    {
        Assert.Throws<ArgumentNullException>("errors", () => Scheme.ValidateRules(GoodRule, null, null!));
    }
}
