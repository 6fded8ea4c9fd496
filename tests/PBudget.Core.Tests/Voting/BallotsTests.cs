using PBudget.Core.Proposals;
using PBudget.Core.Voting;

namespace PBudget.Core.Tests.Voting;

public sealed class BallotsTests
{
    private const long Budget = 400_000; // £4,000

    private static readonly ShortlistEntry[] Shortlist =
    [
        new("alpha", 100_000), // £1,000
        new("bravo", 250_000), // £2,500
        new("charlie", 300_000), // £3,000
        new("delta", 50_000), // £500
    ];

    private static readonly BallotRule Approval = new(BallotKind.Approval, MaxChoices: 2);
    private static readonly BallotRule Knapsack = BallotRule.Default;
    private static readonly BallotRule KnapsackHalf = new(BallotKind.Knapsack, MinBudgetSharePercent: 50);
    private static readonly BallotRule Cumulative = new(BallotKind.Cumulative, Points: 10, MaxPointsPerProject: 5);

    private static IDictionary<string, string[]> Errors(BallotRule rule, params BallotChoice[] choices) =>
        Ballots.Check(rule, Shortlist, Budget, choices).ToDictionary();

    private static BallotChoice C(string id, int points = 1) => new(id, points);

    [Fact]
    public void Check_ValidBallotOfEachKind_HasNoErrors()
    {
        Assert.True(Ballots.Check(Approval, Shortlist, Budget, [C("alpha"), C("charlie")]).IsValid);
        Assert.True(Ballots.Check(Knapsack, Shortlist, Budget, [C("alpha"), C("charlie")]).IsValid); // exactly the budget
        Assert.True(Ballots.Check(KnapsackHalf, Shortlist, Budget, [C("bravo")]).IsValid);
        Assert.True(Ballots.Check(Cumulative, Shortlist, Budget, [C("alpha", 5), C("bravo", 3), C("delta", 2)]).IsValid);
    }

    [Fact]
    public void Check_NullBallot_AsksForAProject()
    {
        var errors = Ballots.Check(Knapsack, Shortlist, Budget, null).ToDictionary();

        var field = Assert.Single(errors);
        Assert.Equal("choices", field.Key);
        Assert.Equal(["Choose at least one project."], field.Value);
    }

    [Theory]
    [InlineData(BallotKind.Approval)]
    [InlineData(BallotKind.Knapsack)]
    [InlineData(BallotKind.Cumulative)]
    public void Check_EmptyBallot_AsksForAProject(BallotKind kind)
    {
        var rule = kind switch
        {
            BallotKind.Approval => Approval,
            BallotKind.Knapsack => Knapsack,
            _ => Cumulative,
        };

        Assert.Equal(["Choose at least one project."], Assert.Single(Errors(rule)).Value);
    }

    [Fact]
    public void Check_ProposalNotOnShortlist_NamesItAtItsIndex()
    {
        var errors = Errors(Knapsack, C("alpha"), C("zulu"));

        var field = Assert.Single(errors);
        Assert.Equal("choices[1]", field.Key);
        Assert.Equal(["Project 'zulu' is not on this ward's shortlist."], field.Value);
    }

    [Fact]
    public void Check_VeryLongUnknownId_IsCutShortInTheMessage()
    {
        var id = new string('x', 10_000);

        var message = Assert.Single(Errors(Knapsack, C(id))["choices[0]"]);

        Assert.Equal($"Project '{new string('x', 40)}…' is not on this ward's shortlist.", message);
    }

    [Fact]
    public void Check_ShortlistIdsAreCaseSensitive()
    {
        Assert.Equal(["choices[0]"], Errors(Knapsack, C("ALPHA")).Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Check_ChoiceWithoutAProposal_IsRefused(string? id)
    {
        var errors = Errors(Knapsack, C("alpha"), new BallotChoice(id!));

        Assert.Equal(["This choice does not name a project."], errors["choices[1]"]);
    }

    [Fact]
    public void Check_NullChoice_IsRefusedNotThrown()
    {
        var errors = Ballots.Check(Knapsack, Shortlist, Budget, [C("alpha"), null!]).ToDictionary();

        Assert.Equal(["This choice does not name a project."], errors["choices[1]"]);
    }

    [Fact]
    public void Check_SameProjectTwice_RefusesTheRepeat()
    {
        var errors = Errors(Knapsack, C("alpha"), C("delta"), C("alpha"));

        var field = Assert.Single(errors);
        Assert.Equal("choices[2]", field.Key);
        Assert.Equal(["Project 'alpha' is chosen more than once; choose each project once."], field.Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(-1)]
    public void Check_PointsOnANonCumulativeBallot_AreRefused(int points)
    {
        foreach (var rule in new[] { Approval, Knapsack })
        {
            var errors = Errors(rule, C("alpha"), C("delta", points));

            var field = Assert.Single(errors);
            Assert.Equal("choices[1]", field.Key);
            Assert.Equal(["This ballot does not use points: each project you choose counts once."], field.Value);
        }
    }

    [Fact]
    public void Check_ApprovalOverMaxChoices_SaysHowMany()
    {
        var errors = Errors(Approval, C("alpha"), C("bravo"), C("charlie"));

        var field = Assert.Single(errors);
        Assert.Equal("choices", field.Key);
        Assert.Equal(["Choose at most 2 projects; you chose 3."], field.Value);
    }

    [Fact]
    public void Check_ApprovalOfOneOverMax_UsesTheSingular()
    {
        var rule = new BallotRule(BallotKind.Approval, MaxChoices: 1);

        Assert.Equal(["Choose 1 project; you chose 2."], Errors(rule, C("alpha"), C("bravo"))["choices"]);
    }

    [Fact]
    public void Check_ApprovalIgnoresCost()
    {
        // £2,500 + £3,000 is over the £4,000 budget, which only a knapsack ballot limits.
        Assert.Empty(Errors(Approval, C("bravo"), C("charlie")));
    }

    [Fact]
    public void Check_KnapsackOverBudget_SaysByHowMuchInPounds()
    {
        var errors = Errors(Knapsack, C("bravo"), C("charlie"));

        var field = Assert.Single(errors);
        Assert.Equal("choices", field.Key);
        Assert.Equal(["The projects you chose cost £5,500, which is £1,500 more than the ward's budget of £4,000."], field.Value);
    }

    [Fact]
    public void Check_KnapsackOverBudgetByPence_ShowsThePence()
    {
        var errors = Ballots.Check(Knapsack, [new("a", 250_050), new("b", 150_000)], Budget, [C("a"), C("b")]).ToDictionary();

        Assert.Equal(["The projects you chose cost £4,000.50, which is £0.50 more than the ward's budget of £4,000."], errors["choices"]);
    }

    [Fact]
    public void Check_KnapsackUnderMinimum_SaysTheMinimum()
    {
        var errors = Errors(KnapsackHalf, C("alpha"), C("delta"));

        var field = Assert.Single(errors);
        Assert.Equal("choices", field.Key);
        Assert.Equal(["The projects you chose cost £1,500; choose projects costing at least £2,000 in total."], field.Value);
    }

    [Fact]
    public void Check_KnapsackMinimumRoundsUpToThePenny()
    {
        // 33% of £0.10 is 3.3p, so 3p is too little and 4p is enough.
        var rule = new BallotRule(BallotKind.Knapsack, MinBudgetSharePercent: 33);
        ShortlistEntry[] shortlist = [new("three", 3), new("four", 4)];

        Assert.False(Ballots.Check(rule, shortlist, 10, [C("three")]).IsValid);
        Assert.True(Ballots.Check(rule, shortlist, 10, [C("four")]).IsValid);
    }

    [Fact]
    public void Check_KnapsackRepeatedProject_IsCountedOnceInTheCost()
    {
        // alpha twice would be £2,000 + £2,500 = £4,500 if counted twice; the repeat is its own error.
        var errors = Errors(Knapsack, C("alpha"), C("bravo"), C("alpha"));

        Assert.Equal(["choices[2]"], errors.Keys);
    }

    [Fact]
    public void Check_KnapsackHugeCosts_DoNotOverflow()
    {
        ShortlistEntry[] shortlist = [new("a", long.MaxValue), new("b", long.MaxValue), new("c", long.MaxValue)];

        var errors = Ballots.Check(Knapsack, shortlist, 1_000_000_000_000, [C("a"), C("b"), C("c")]).ToDictionary();

        Assert.StartsWith("The projects you chose cost £92,233,720,368,547,758.07, which is", Assert.Single(errors["choices"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CumulativeOverThePoints_SaysHowMany()
    {
        var errors = Errors(Cumulative, C("alpha", 5), C("bravo", 5), C("delta", 1));

        var field = Assert.Single(errors);
        Assert.Equal("choices", field.Key);
        Assert.Equal(["You gave 11 points; you have 10 to share."], field.Value);
    }

    [Fact]
    public void Check_CumulativeOneProjectOverTheCap_NamesTheChoice()
    {
        var errors = Errors(Cumulative, C("alpha", 6), C("bravo", 1));

        var field = Assert.Single(errors);
        Assert.Equal("choices[0]", field.Key);
        Assert.Equal(["Give any one project at most 5 points; this one has 6."], field.Value);
    }

    [Fact]
    public void Check_CumulativeWithoutCap_AllowsAllPointsOnOneProject()
    {
        var rule = new BallotRule(BallotKind.Cumulative, Points: 10);

        Assert.Empty(Errors(rule, C("alpha", 10)));
        Assert.Equal(["Give any one project at most 10 points; this one has 11."], Errors(rule, C("alpha", 11))["choices[0]"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Check_CumulativePointsBelowOne_AreRefused(int points)
    {
        var errors = Errors(Cumulative, C("alpha", 2), C("bravo", points));

        Assert.Equal(["Give each project you choose at least 1 point."], errors["choices[1]"]);
        Assert.Single(errors);
    }

    [Fact]
    public void Check_CumulativeHugePoints_DoNotOverflow()
    {
        var errors = Errors(new BallotRule(BallotKind.Cumulative, Points: 10), C("alpha", int.MaxValue), C("bravo", int.MaxValue));

        Assert.Equal(["You gave 4294967294 points; you have 10 to share."], errors["choices"]);
    }

    [Fact]
    public void Check_SeveralProblems_AreAllReported()
    {
        var errors = Errors(Approval, C("zulu"), C("alpha", 2), C("alpha"));

        Assert.Equal(["choices", "choices[0]", "choices[1]", "choices[2]"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Check_InvalidRule_ThrowsRatherThanBlamingTheVoter()
    {
        var exception = Assert.Throws<ArgumentException>("rule", () => Ballots.Check(new BallotRule(BallotKind.Approval), Shortlist, Budget, [C("alpha")]));

        Assert.Contains("maxChoices", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NullShortlist_Throws()
    {
        Assert.Throws<ArgumentNullException>("shortlist", () => Ballots.Check(Knapsack, null!, Budget, [C("alpha")]));
    }

    [Fact]
    public void Normalise_OrdersByIdOrdinal()
    {
        var normalised = Ballots.Normalise(Knapsack, [C("b"), C("a"), C("B"), C("_")]);

        Assert.Equal(["B", "_", "a", "b"], normalised.Select(choice => choice.ProposalId));
    }

    [Fact]
    public void Normalise_NonCumulative_SetsPointsToOne()
    {
        Assert.Equal([C("a"), C("b")], Ballots.Normalise(Approval, [C("b", 7), C("a", 0)]));
    }

    [Fact]
    public void Normalise_Cumulative_KeepsPoints()
    {
        Assert.Equal([C("a", 3), C("b", 7)], Ballots.Normalise(Cumulative, [C("b", 7), C("a", 3)]));
    }

    [Fact]
    public void Normalise_ChoiceWithoutAProposal_Throws()
    {
        Assert.Throws<ArgumentException>("choices", () => Ballots.Normalise(Knapsack, [C("a"), new BallotChoice(null!)]));
    }

    [Fact]
    public void Summarise_Approval_CountsChoicesLeft()
    {
        var summary = Ballots.Summarise(new BallotRule(BallotKind.Approval, MaxChoices: 3), Shortlist, Budget, [C("alpha"), C("delta")]);

        Assert.Equal(new BallotSummary(2, 1, 150_000, null, null, null), summary);
    }

    [Fact]
    public void Summarise_ApprovalOver_HasNegativeChoicesLeft()
    {
        var summary = Ballots.Summarise(Approval, Shortlist, Budget, [C("alpha"), C("bravo"), C("charlie")]);

        Assert.Equal(-1, summary.ChoicesLeft);
    }

    [Fact]
    public void Summarise_Knapsack_GivesBudgetLeftNegativeWhenOver()
    {
        Assert.Equal(new BallotSummary(1, null, 250_000, 150_000, null, null), Ballots.Summarise(Knapsack, Shortlist, Budget, [C("bravo")]));
        Assert.Equal(new BallotSummary(2, null, 550_000, -150_000, null, null), Ballots.Summarise(Knapsack, Shortlist, Budget, [C("bravo"), C("charlie")]));
    }

    [Fact]
    public void Summarise_Cumulative_GivesPointsUsedAndLeft()
    {
        var summary = Ballots.Summarise(Cumulative, Shortlist, Budget, [C("alpha", 5), C("delta", 2)]);

        Assert.Equal(new BallotSummary(2, null, 150_000, null, 7, 3), summary);
    }

    [Fact]
    public void Summarise_CumulativeOver_HasNegativePointsLeft()
    {
        var summary = Ballots.Summarise(Cumulative, Shortlist, Budget, [C("alpha", 5), C("bravo", 5), C("delta", 2)]);

        Assert.Equal((12, -2), (summary.PointsUsed, summary.PointsLeft));
    }

    [Fact]
    public void Summarise_IgnoresChoicesNotOnTheShortlistAndRepeats()
    {
        var summary = Ballots.Summarise(Cumulative, Shortlist, Budget, [C("alpha", 2), C("zulu", 4), C("alpha", 3), null!, C(null!)]);

        Assert.Equal(new BallotSummary(1, null, 100_000, null, 2, 8), summary);
    }

    [Fact]
    public void Summarise_Empty_UsesNothing()
    {
        Assert.Equal(new BallotSummary(0, null, 0, Budget, null, null), Ballots.Summarise(Knapsack, Shortlist, Budget, []));
    }

    [Theory]
    [InlineData(50, new long[] { 300_000, 400_000 }, true)] // budget £10,000, minimum £5,000: £3,000 + £4,000 = £7,000
    [InlineData(80, new long[] { 300_000, 400_000 }, false)] // minimum £8,000: the most that fits is £7,000
    [InlineData(80, new long[] { 300_000, 400_000, 900_000 }, true)] // £9,000 alone fits and meets it
    [InlineData(95, new long[] { 600_000, 600_000 }, false)] // both together are over budget
    [InlineData(0, new long[] { 2_000_000 }, true)] // no minimum
    public void MinimumCanBeMet_FindsASetOfProjectsBetweenTheMinimumAndTheBudget(int percent, long[] costs, bool expected)
    {
        var rule = new BallotRule(BallotKind.Knapsack, MinBudgetSharePercent: percent == 0 ? null : percent);
        var shortlist = costs.Select((c, i) => new ShortlistEntry("p" + i, c)).ToList();

        Assert.Equal(expected, Ballots.MinimumCanBeMet(rule, shortlist, 1_000_000));
    }
}
