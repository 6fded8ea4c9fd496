using Fractions;
using PBudget.Counting.Rules;

namespace PBudget.Counting.Tests.Rules;

/// <summary>Small elections counted by hand; the comments show the working.</summary>
public sealed class HandCountedTests
{
    // Budget 100, four voters with 25 each. A (60) is wanted by voters 1-3, B (40) by voter 4, C (30) by voters 1-2.
    private static readonly (string, long)[] ThreeProjects = [("A", 60), ("B", 40), ("C", 30)];
    private static readonly string[] FourVoters = ["A,C", "A,C", "A", "B"];

    private static Outcome Count(CountingRule rule, Satisfaction satisfaction = Satisfaction.Cost, Completion completion = Completion.None) =>
        Counter.Count(TestElections.Approval(100, ThreeProjects, FourVoters), new CountOptions(rule, satisfaction, completion));

    [Fact]
    public void EqualShares_CostSatisfaction_FundsTheCheapestPerUnitOfCost()
    {
        // A: three supporters pay 20 each, ρ = 20/60 = 1/3. C: two pay 15 each, ρ = 15/30 = 1/2. B: voter 4 has 25 < 40.
        // A wins; voters 1 and 2 keep 5 each, too little for C.
        var outcome = Count(CountingRule.EqualShares);

        Assert.Equal(["A"], outcome.Ids());
        var round = Assert.IsType<EqualSharesRound>(Assert.Single(outcome.Rounds));
        Assert.Equal(new Fraction(1, 3), round.PricePerSatisfaction);
        Assert.Equal(3, round.Supporters);
        Assert.Equal(0, round.PaidAllTheyHad);
        Assert.Equal(new Fraction(15), round.SupportersBudgetLeft);
        Assert.Equal(40, outcome.Leftover);
    }

    [Fact]
    public void EqualShares_CardinalitySatisfaction_FundsTheCheapestPerSupporter()
    {
        // ρ is what each supporter pays: A 20, C 15. C wins; voters 1 and 2 keep 10, so A's supporters hold 45 < 60.
        var outcome = Count(CountingRule.EqualShares, Satisfaction.Cardinality);

        Assert.Equal(["C"], outcome.Ids());
        Assert.Equal(new Fraction(15), Assert.IsType<EqualSharesRound>(Assert.Single(outcome.Rounds)).PricePerSatisfaction);
    }

    [Fact]
    public void EqualShares_Add1_RaisesBudgetsUntilTheOutcomeOverspends()
    {
        // With β each, A costs its supporters 20 each and stays first (ρ 1/3 < 1/2). C then needs 2(β - 20) ≥ 30: β ≥ 35.
        // B needs β ≥ 40, where A + C + B = 130 > 100. So β = 39 is the last that fits: A and C, 90.
        var outcome = Count(CountingRule.EqualShares, completion: Completion.Add1);

        Assert.Equal(["A", "C"], outcome.Ids());
        Assert.Equal(90, outcome.TotalCost);

        // The steps come as runs with the same outcome; together they cover steps 0 (β = 25) to 15 (β = 40) in order.
        var steps = outcome.CompletionSteps;
        Assert.Equal(0, steps[0].FirstStep);
        Assert.Equal(new Fraction(25), steps[0].FirstPerVoterBudget);
        Assert.All(steps.Zip(steps.Skip(1)), pair => Assert.Equal(pair.First.LastStep + 1, pair.Second.FirstStep));
        long CostAt(int beta) => steps.Single(s => s.FirstPerVoterBudget <= beta && beta <= s.LastPerVoterBudget).TotalCost;
        Assert.All(Enumerable.Range(25, 10), beta => Assert.Equal(60, CostAt(beta)));
        Assert.All(Enumerable.Range(35, 5), beta => Assert.Equal(90, CostAt(beta)));
        var last = steps[^1];
        Assert.False(last.Fits);
        Assert.Equal((15L, 15L, 130L), (last.FirstStep, last.LastStep, last.TotalCost));
        Assert.All(steps.SkipLast(1), s => Assert.True(s.Fits));
    }

    [Fact]
    public void EqualShares_Add1ThenGreedy_FillsWhatStillFits()
    {
        // After add1, 10 is left; B (40) does not fit, so greedy adds nothing here...
        Assert.Equal(["A", "C"], Count(CountingRule.EqualShares, completion: Completion.Add1ThenGreedy).Ids());

        // ...but with a fourth, cheap project nobody can afford through MES alone, greedy funds it.
        var election = TestElections.Approval(100, [("A", 60), ("B", 40), ("C", 30), ("D", 8)], "A,C", "A,C", "A", "B");
        var outcome = Counter.Count(election, new CountOptions(CountingRule.EqualShares, Completion: Completion.Add1ThenGreedy));
        Assert.Equal(["A", "C", "D"], outcome.Ids());
        Assert.Equal(98, outcome.TotalCost);
    }

    [Fact]
    public void Phragmen_FundsTheProjectWhoseSupportersCanPayEarliest()
    {
        // Times with no load: A 60/3 = 20, B 40, C 30/2 = 15. C first; voters 1-2 carry load 15.
        // Then A: (60 + 15 + 15) / 3 = 30 < B 40. A fits (70 left). Then B at 40 costs 40 > 10 left: the count stops.
        var outcome = Count(CountingRule.Phragmen);

        Assert.Equal(["C", "A"], outcome.Ids());
        var rounds = outcome.Rounds.Cast<PhragmenRound>().ToList();
        Assert.Equal([new Fraction(15), new Fraction(30), new Fraction(40)], rounds.Select(r => r.Load));
        Assert.Equal([true, true, false], rounds.Select(r => r.Funded));
    }

    [Fact]
    public void Phragmen_StopsAtTheFirstProjectThatDoesNotFit_EvenIfACheaperOneWould()
    {
        // X (90) has 9 supporters: time 10. Y (20) has 1: time 20. Z (5) has 1: time 5. Budget 30.
        // Z at 5 (25 left), then X at 10 costs 90 > 25: stop, although Y would fit.
        var election = TestElections.Approval(30, [("X", 90), ("Y", 20), ("Z", 5)],
            [.. Enumerable.Repeat("X", 9), "Y", "Z"]);

        Assert.Equal(["Z"], Counter.Count(election, new CountOptions(CountingRule.Phragmen)).Ids());
    }

    [Fact]
    public void Greedy_SkipsWhatNoLongerFitsAndGoesOn()
    {
        // Votes: A 3, B 2, C 1. A (6) leaves 4; B (5) does not fit; C (4) does.
        var election = TestElections.Approval(10, [("A", 6), ("B", 5), ("C", 4)], "A,B,C", "A,B", "A");
        var outcome = Counter.Count(election, new CountOptions(CountingRule.Greedy));

        Assert.Equal(["A", "C"], outcome.Ids());
        Assert.Equal(
            [(3L, GreedyDecision.Funded, 4L), (2L, GreedyDecision.Unaffordable, 4L), (1L, GreedyDecision.Funded, 0L)],
            outcome.Rounds.Cast<GreedyStep>().Select(s => (s.Score, s.Decision, s.LeftAfter)));
    }

    [Fact]
    public void GreedyCardinality_OrdersByVotesPerUnitOfCost()
    {
        // Votes per unit: A 4/8, B 2/2, C 2/3. Greedy by votes: A then B (10). Per unit of cost: B, C, then A does not fit.
        var election = TestElections.Approval(10, [("A", 8), ("B", 2), ("C", 3)], "A,B,C", "A,B,C", "A", "A");

        Assert.Equal(["A", "B"], Counter.Count(election, new CountOptions(CountingRule.Greedy)).Ids());
        var outcome = Counter.Count(election, new CountOptions(CountingRule.GreedyCardinality));
        Assert.Equal(["B", "C"], outcome.Ids());
        Assert.Equal(new Fraction(1), outcome.Rounds.Cast<GreedyStep>().First().ScorePerUnitCost);
    }

    [Fact]
    public void Greedy_MinimumScore_LeavesLowScoringProjectsUnfunded()
    {
        var election = TestElections.Approval(100, [("A", 10), ("B", 10)], "A", "A", "A", "B");
        var outcome = Counter.Count(election, new CountOptions(CountingRule.Greedy, MinimumScore: 2));

        Assert.Equal(["A"], outcome.Ids());
        Assert.Equal(GreedyDecision.BelowMinimumScore, outcome.Rounds.Cast<GreedyStep>().Single(s => s.Project.Id == "B").Decision);
    }

    [Fact]
    public void Greedy_FundsFreeProjectsFirstAndUnsupportedOnesLast()
    {
        var election = TestElections.Approval(10, [("A", 10), ("Free", 0), ("Nobody", 3)], "A", "A");
        var outcome = Counter.Count(election, new CountOptions(CountingRule.Greedy));

        Assert.Equal(["Free", "A"], outcome.Ids());
        Assert.Equal("Nobody", outcome.Rounds[^1].Project.Id);
    }

    [Fact]
    public void Greedy_Cumulative_ScoresByPoints_OrByListingsWhenAskedTo()
    {
        // A gets 1 point from each of three voters; B gets 9 from one. Only one fits.
        var election = TestElections.Cumulative(10, [("A", 10), ("B", 10)], "A:1", "A:1", "A:1,B:9");

        Assert.Equal(["B"], Counter.Count(election, new CountOptions(CountingRule.Greedy)).Ids());
        Assert.Equal(["A"], Counter.Count(election, new CountOptions(CountingRule.Greedy, Scores: ScoreBasis.Approvals)).Ids());
    }

    [Fact]
    public void EqualShares_Cumulative_PointsWeightWhatEachSupporterPays()
    {
        // Budget 30, three voters with 10 each. A (12): voter 1 gives 3 points, voter 2 gives 1. B (12): voters 2 and 3 give 1.
        // Cardinality satisfaction: A needs q with min(10, 3q) + min(10, q) = 12: q = 3, ρ = 3 (voter 1 pays 9, voter 2 pays 3).
        // B: q = 6 each, ρ = 6. A wins; voter 2 keeps 7, voter 3 10: 17 ≥ 12, B at q = 6 (each pays 6) is then funded too.
        var election = TestElections.Cumulative(30, [("A", 12), ("B", 12)], "A:3", "A:1,B:1", "B:1");
        var outcome = Counter.Count(election, new CountOptions(CountingRule.EqualShares, Satisfaction.Cardinality));

        Assert.Equal(["A", "B"], outcome.Ids());
        Assert.Equal([new Fraction(3), new Fraction(6)], outcome.Rounds.Cast<EqualSharesRound>().Select(r => r.PricePerSatisfaction));
    }

    [Fact]
    public void EqualShares_SupportersWhoRunOutPayAllTheyHave()
    {
        // Budget 30, three voters with 10. P (21) has all three: 7 each. Q (12) has voters 1 and 2: they have 3 left each: no.
        // Cardinality, before P: Q would cost 6 each, cheaper than P's 7, so Q first (voters 1, 2 keep 4). Then P needs
        // min(4, q) + min(4, q) + min(10, q) = 21: voters 1 and 2 pay all 4, voter 3 pays 13 > 10: unaffordable. So Q alone.
        var election = TestElections.Approval(30, [("P", 21), ("Q", 12)], "P,Q", "P,Q", "P");
        var outcome = Counter.Count(election, new CountOptions(CountingRule.EqualShares, Satisfaction.Cardinality));
        Assert.Equal(["Q"], outcome.Ids());

        // With 12 each (budget 36): Q first at 6; voters 1, 2 keep 6; P: 6 + 6 + 9 = 21 with q = 9 > 6, so voters 1 and 2 pay
        // all they have and voter 3 pays 9.
        var richer = TestElections.Approval(36, [("P", 21), ("Q", 12)], "P,Q", "P,Q", "P");
        var rounds = Counter.Count(richer, new CountOptions(CountingRule.EqualShares, Satisfaction.Cardinality)).Rounds.Cast<EqualSharesRound>().ToList();
        Assert.Equal(["Q", "P"], rounds.Select(r => r.Project.Id));
        Assert.Equal(new Fraction(9), rounds[1].PricePerSatisfaction);
        Assert.Equal(2, rounds[1].PaidAllTheyHad);
        Assert.Equal(new Fraction(3), rounds[1].SupportersBudgetLeft);
    }

    [Fact]
    public void EqualShares_EmptyBallotsStillShareTheBudget()
    {
        // Budget 20, two voters: one wants A (15), one voted for nothing. Each holds 10 < 15: nothing is funded.
        var election = TestElections.Approval(20, [("A", 15)], "A", "");
        Assert.Empty(Counter.Count(election, new CountOptions(CountingRule.EqualShares)).Winners);
    }
}
