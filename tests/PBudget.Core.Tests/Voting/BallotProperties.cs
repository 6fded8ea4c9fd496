using FsCheck;
using FsCheck.Fluent;
using PBudget.Core.Voting;

namespace PBudget.Core.Tests.Voting;

/// <summary>Properties of checking and normalising ballots, over random rules, shortlists and ballots.</summary>
public sealed class BallotProperties
{
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void Check_Knapsack_NeverAcceptsABallotOverBudget()
    {
        Check.One(Config, Prop.ForAll(Arb.From(VotingGenerators.Knapsack), scenario =>
        {
            var errors = Ballots.Check(BallotRule.Default, scenario.Shortlist, scenario.BudgetPence, scenario.Choices);

            var costs = scenario.Shortlist.ToDictionary(entry => entry.ProposalId, entry => (decimal)entry.CostPence, StringComparer.Ordinal);
            var ids = scenario.Choices.Select(choice => choice.ProposalId).ToList();
            var fits = ids.Count > 0
                && ids.All(costs.ContainsKey)
                && ids.Distinct(StringComparer.Ordinal).Count() == ids.Count
                && ids.Sum(id => costs[id]) <= scenario.BudgetPence;

            // Accepted exactly when every choice is a distinct shortlisted project and together they fit the budget.
            Assert.Equal(fits, errors.IsValid);
        }));
    }

    [Fact]
    public void Check_KnapsackWithMinimum_AcceptsExactlyTheBallotsBetweenMinimumAndBudget()
    {
        var gen =
            from scenario in VotingGenerators.Knapsack
            from share in Gen.Choose(0, 100)
            select (scenario, share);

        Check.One(Config, Prop.ForAll(Arb.From(gen), pair =>
        {
            var (scenario, share) = pair;
            var rule = new BallotRule(BallotKind.Knapsack, MinBudgetSharePercent: share);
            var costs = scenario.Shortlist.ToDictionary(entry => entry.ProposalId, entry => (decimal)entry.CostPence, StringComparer.Ordinal);
            var ids = scenario.Choices.Select(choice => choice.ProposalId).ToList();
            var wellFormed = ids.Count > 0 && ids.All(costs.ContainsKey) && ids.Distinct(StringComparer.Ordinal).Count() == ids.Count;
            var cost = wellFormed ? ids.Sum(id => costs[id]) : 0;
            var minimum = Math.Ceiling(scenario.BudgetPence * (decimal)share / 100);

            var errors = Ballots.Check(rule, scenario.Shortlist, scenario.BudgetPence, scenario.Choices);

            Assert.Equal(wellFormed && cost <= scenario.BudgetPence && cost >= minimum, errors.IsValid);
        }));
    }

    [Fact]
    public void Normalise_IsIdempotent()
    {
        var gen = VotingGenerators.Rule.Zip(VotingGenerators.Choices);

        Check.One(Config, Prop.ForAll(Arb.From(gen), pair =>
        {
            var (rule, choices) = pair;
            var once = Ballots.Normalise(rule, choices);

            Assert.Equal(once, Ballots.Normalise(rule, once));
        }));
    }

    [Fact]
    public void Normalise_DoesNotDependOnOrder()
    {
        var gen =
            from rule in VotingGenerators.Rule
            from choices in VotingGenerators.Choices
            from shuffled in Gen.Shuffle(choices)
            select (rule, choices, shuffled);

        Check.One(Config, Prop.ForAll(Arb.From(gen), triple =>
        {
            var (rule, choices, shuffled) = triple;

            Assert.Equal(Ballots.Normalise(rule, choices), Ballots.Normalise(rule, shuffled));
        }));
    }

    [Fact]
    public void Normalise_KeepsEveryChoiceOrderedWithPointsOnlyForCumulative()
    {
        var gen = VotingGenerators.Rule.Zip(VotingGenerators.Choices);

        Check.One(Config, Prop.ForAll(Arb.From(gen), pair =>
        {
            var (rule, choices) = pair;
            var normalised = Ballots.Normalise(rule, choices);

            Assert.Equal(
                choices.Select(choice => choice.ProposalId).Order(StringComparer.Ordinal),
                normalised.Select(choice => choice.ProposalId));
            if (rule.Kind == BallotKind.Cumulative)
            {
                Assert.Equal(choices.Select(choice => choice.Points).Order(), normalised.Select(choice => choice.Points).Order());
            }
            else
            {
                Assert.All(normalised, choice => Assert.Equal(1, choice.Points));
            }
        }));
    }

    [Fact]
    public void Check_DoesNotDependOnOrderForValidity()
    {
        var gen =
            from rule in VotingGenerators.Rule
            from scenario in VotingGenerators.Knapsack
            from shuffled in Gen.Shuffle(scenario.Choices)
            select (rule, scenario, shuffled);

        Check.One(Config, Prop.ForAll(Arb.From(gen), triple =>
        {
            var (rule, scenario, shuffled) = triple;

            Assert.Equal(
                Ballots.Check(rule, scenario.Shortlist, scenario.BudgetPence, scenario.Choices).IsValid,
                Ballots.Check(rule, scenario.Shortlist, scenario.BudgetPence, shuffled).IsValid);
        }));
    }
}
