using PBudget.Core.Voting;

namespace PBudget.Core.Tests.Voting;

public sealed class BallotRuleTests
{
    private static IDictionary<string, string[]> Errors(BallotRule rule) => rule.Validate().ToDictionary();

    [Fact]
    public void Default_IsKnapsackWithNoMinimumAndValid()
    {
        Assert.Equal(new BallotRule(BallotKind.Knapsack), BallotRule.Default);
        Assert.True(BallotRule.Default.Validate().IsValid);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(BallotRule.Limit)]
    public void Validate_ApprovalWithinRange_IsValid(int maxChoices)
    {
        Assert.True(new BallotRule(BallotKind.Approval, MaxChoices: maxChoices).Validate().IsValid);
    }

    [Fact]
    public void Validate_ApprovalWithoutMaxChoices_AsksForIt()
    {
        var errors = Errors(new BallotRule(BallotKind.Approval));

        var field = Assert.Single(errors);
        Assert.Equal("maxChoices", field.Key);
        Assert.Equal(["Set how many projects a voter may choose."], field.Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(BallotRule.Limit + 1)]
    [InlineData(int.MaxValue)]
    public void Validate_ApprovalOutOfRange_SaysTheRange(int maxChoices)
    {
        var errors = Errors(new BallotRule(BallotKind.Approval, MaxChoices: maxChoices));

        Assert.Equal(["The number of projects a voter may choose must be between 1 and 1,000."], Assert.Single(errors).Value);
        Assert.Equal("maxChoices", Assert.Single(errors).Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(100)]
    public void Validate_KnapsackShareWithinRange_IsValid(int? share)
    {
        Assert.True(new BallotRule(BallotKind.Knapsack, MinBudgetSharePercent: share).Validate().IsValid);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    [InlineData(int.MinValue)]
    public void Validate_KnapsackShareOutOfRange_SaysTheRange(int share)
    {
        var errors = Errors(new BallotRule(BallotKind.Knapsack, MinBudgetSharePercent: share));

        var field = Assert.Single(errors);
        Assert.Equal("minBudgetSharePercent", field.Key);
        Assert.Equal(["The minimum share of the budget must be between 0 and 100 percent."], field.Value);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(10, null)]
    [InlineData(10, 1)]
    [InlineData(10, 10)]
    [InlineData(BallotRule.Limit, BallotRule.Limit)]
    public void Validate_CumulativeWithinRange_IsValid(int points, int? maxPerProject)
    {
        Assert.True(new BallotRule(BallotKind.Cumulative, Points: points, MaxPointsPerProject: maxPerProject).Validate().IsValid);
    }

    [Fact]
    public void Validate_CumulativeWithoutPoints_AsksForThem()
    {
        var errors = Errors(new BallotRule(BallotKind.Cumulative));

        var field = Assert.Single(errors);
        Assert.Equal("points", field.Key);
        Assert.Equal(["Set how many points each voter shares among the projects."], field.Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(BallotRule.Limit + 1)]
    public void Validate_CumulativePointsOutOfRange_SaysTheRange(int points)
    {
        var errors = Errors(new BallotRule(BallotKind.Cumulative, Points: points));

        var field = Assert.Single(errors);
        Assert.Equal("points", field.Key);
        Assert.Equal(["The points to share must be between 1 and 1,000."], field.Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_CumulativeMaxPerProjectBelowOne_IsRefused(int maxPerProject)
    {
        var errors = Errors(new BallotRule(BallotKind.Cumulative, Points: 10, MaxPointsPerProject: maxPerProject));

        var field = Assert.Single(errors);
        Assert.Equal("maxPointsPerProject", field.Key);
        Assert.Equal(["The most points for one project must be at least 1."], field.Value);
    }

    [Fact]
    public void Validate_CumulativeMaxPerProjectOverPoints_NamesThePoints()
    {
        var errors = Errors(new BallotRule(BallotKind.Cumulative, Points: 10, MaxPointsPerProject: 11));

        var field = Assert.Single(errors);
        Assert.Equal("maxPointsPerProject", field.Key);
        Assert.Equal(["The most points for one project must be at most the points to share (10)."], field.Value);
    }

    [Fact]
    public void Validate_CumulativeBadPointsAndMaxPerProjectOverLimit_ReportsBoth()
    {
        var errors = Errors(new BallotRule(BallotKind.Cumulative, Points: 0, MaxPointsPerProject: BallotRule.Limit + 1));

        Assert.Equal(["maxPointsPerProject", "points"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["The most points for one project must be between 1 and 1,000."], errors["maxPointsPerProject"]);
    }

    [Theory]
    [InlineData(BallotKind.Knapsack, "maxChoices applies only to approval ballots.")]
    [InlineData(BallotKind.Cumulative, "maxChoices applies only to approval ballots.")]
    public void Validate_MaxChoicesOnOtherKinds_IsRefused(BallotKind kind, string message)
    {
        var rule = new BallotRule(kind, MaxChoices: 3, Points: kind == BallotKind.Cumulative ? 10 : null);

        var field = Assert.Single(Errors(rule));
        Assert.Equal("maxChoices", field.Key);
        Assert.Equal([message], field.Value);
    }

    [Theory]
    [InlineData(BallotKind.Approval)]
    [InlineData(BallotKind.Cumulative)]
    public void Validate_MinBudgetShareOnOtherKinds_IsRefused(BallotKind kind)
    {
        var rule = kind == BallotKind.Approval
            ? new BallotRule(kind, MaxChoices: 3, MinBudgetSharePercent: 0)
            : new BallotRule(kind, MinBudgetSharePercent: 50, Points: 10);

        var field = Assert.Single(Errors(rule));
        Assert.Equal("minBudgetSharePercent", field.Key);
        Assert.Equal(["minBudgetSharePercent applies only to knapsack ballots."], field.Value);
    }

    [Fact]
    public void Validate_PointsFieldsOnKnapsack_AreEachRefused()
    {
        var errors = Errors(new BallotRule(BallotKind.Knapsack, Points: 10, MaxPointsPerProject: 5));

        Assert.Equal(["points applies only to cumulative ballots."], errors["points"]);
        Assert.Equal(["maxPointsPerProject applies only to cumulative ballots."], errors["maxPointsPerProject"]);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Validate_ApprovalWithEveryOtherField_ReportsEachField()
    {
        var errors = Errors(new BallotRule(BallotKind.Approval, 3, 50, 10, 5));

        Assert.Equal(["maxPointsPerProject", "minBudgetSharePercent", "points"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_UnknownKind_SaysWhichKindsThereAre()
    {
        var field = Assert.Single(Errors(new BallotRule((BallotKind)7)));

        Assert.Equal("kind", field.Key);
        Assert.Equal(["Choose a ballot kind: Approval, Knapsack or Cumulative."], field.Value);
    }

    [Theory]
    [InlineData(1, "Choose 1 project.")]
    [InlineData(3, "Choose up to 3 projects.")]
    public void Describe_Approval_SaysHowManyProjects(int maxChoices, string expected)
    {
        Assert.Equal(expected, new BallotRule(BallotKind.Approval, MaxChoices: maxChoices).Describe(400_000));
    }

    [Theory]
    [InlineData(null, 400_000L, "Choose projects costing up to £4,000 in total.")]
    [InlineData(0, 400_000L, "Choose projects costing up to £4,000 in total.")]
    [InlineData(50, 400_000L, "Choose projects costing up to £4,000 in total. Spend at least £2,000.")]
    [InlineData(100, 400_000L, "Choose projects costing up to £4,000 in total. Spend at least £4,000.")]
    [InlineData(33, 1_234_567L, "Choose projects costing up to £12,345.67 in total. Spend at least £4,074.08.")]
    public void Describe_Knapsack_GivesTheBudgetAndAnyMinimumInPounds(int? share, long budget, string expected)
    {
        Assert.Equal(expected, new BallotRule(BallotKind.Knapsack, MinBudgetSharePercent: share).Describe(budget));
    }

    [Theory]
    [InlineData(10, 5, "Share 10 points among the projects, at most 5 for any one project.")]
    [InlineData(10, null, "Share 10 points among the projects.")]
    [InlineData(10, 10, "Share 10 points among the projects.")]
    [InlineData(1, null, "Share 1 point among the projects.")]
    public void Describe_Cumulative_GivesThePointsAndAnyCap(int points, int? maxPerProject, string expected)
    {
        Assert.Equal(expected, new BallotRule(BallotKind.Cumulative, Points: points, MaxPointsPerProject: maxPerProject).Describe(400_000));
    }

    [Fact]
    public void Describe_InvalidRule_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new BallotRule(BallotKind.Approval).Describe(400_000));
    }

    [Theory]
    [InlineData(50, 400_000L, 200_000L)]
    [InlineData(33, 100L, 33L)]
    [InlineData(33, 101L, 34L)] // 33.33p rounds up
    [InlineData(1, 1L, 1L)] // 0.01p rounds up to a penny
    [InlineData(100, 999_999_999_999L, 999_999_999_999L)]
    [InlineData(99, long.MaxValue, 9_131_138_316_486_228_049L)] // ⌈(2⁶³ − 1) × 99 / 100⌉, no overflow
    [InlineData(0, 400_000L, 0L)]
    [InlineData(50, 0L, 0L)]
    public void MinimumSpendPence_IsTheShareRoundedUpToThePenny(int share, long budget, long expected)
    {
        Assert.Equal(expected, new BallotRule(BallotKind.Knapsack, MinBudgetSharePercent: share).MinimumSpendPence(budget));
    }

    [Fact]
    public void MinimumSpendPence_OtherKindsOrNoShare_IsZero()
    {
        Assert.Equal(0, new BallotRule(BallotKind.Knapsack).MinimumSpendPence(400_000));
        Assert.Equal(0, new BallotRule(BallotKind.Approval, MaxChoices: 3).MinimumSpendPence(400_000));
    }
}
