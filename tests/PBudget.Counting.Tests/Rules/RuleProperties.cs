using FsCheck;
using FsCheck.Fluent;
using PBudget.Counting.Elections;
using PBudget.Counting.Rules;

namespace PBudget.Counting.Tests.Rules;

/// <summary>Properties every count must have, over random small approval elections.</summary>
public sealed class RuleProperties
{
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>Every rule and completion the engine offers for approval ballots.</summary>
    private static readonly CountOptions[] AllOptions =
    [
        new(CountingRule.Greedy),
        new(CountingRule.GreedyCardinality),
        new(CountingRule.Phragmen),
        new(CountingRule.EqualShares, Satisfaction.Cost),
        new(CountingRule.EqualShares, Satisfaction.Cardinality),
        new(CountingRule.EqualShares, Satisfaction.Cost, Completion.Add1),
        new(CountingRule.EqualShares, Satisfaction.Cardinality, Completion.Add1),
        new(CountingRule.EqualShares, Satisfaction.Cost, Completion.Add1ThenGreedy),
        new(CountingRule.EqualShares, Satisfaction.Cardinality, Completion.Add1ThenGreedy),
    ];

    /// <summary>Up to 7 projects costing 1-40 and up to 12 voters approving random subsets; a budget of 0-120.</summary>
    private static Gen<Election> Elections(Gen<long> costs) =>
        from projectCount in Gen.Choose(1, 7)
        from projectCosts in costs.ArrayOf(projectCount)
        from voterCount in Gen.Choose(1, 12)
        from ballots in Gen.Choose(0, (1 << projectCount) - 1).ArrayOf(voterCount)
        from budget in Gen.Choose(0, 120)
        select Build(budget, projectCosts, ballots);

    private static Election Build(long budget, long[] costs, int[] ballotMasks)
    {
        var projects = costs.Select((c, i) => (Id: (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Cost: c)).ToArray();
        var ballots = ballotMasks.Select(mask => string.Join(',', projects.Where((_, i) => (mask & (1 << i)) != 0).Select(p => p.Id))).ToArray();
        return TestElections.Approval(budget, projects, ballots);
    }

    private static void Holds(Gen<Election> gen, Action<Election> property) => Check.One(Config, Prop.ForAll(Arb.From(gen), property));

    private static readonly Gen<long> AnyCost = Gen.Choose(1, 40).Select(c => (long)c);

    [Fact]
    public void EqualShares_AgreesWithTheDefinitionVoterByVoter()
    {
        Holds(Elections(AnyCost), election =>
        {
            Assert.Equal(NaiveReference.EqualShares(election, costSatisfaction: true), Counter.Count(election, new CountOptions(CountingRule.EqualShares)).Ids());
            Assert.Equal(NaiveReference.EqualShares(election, costSatisfaction: false), Counter.Count(election, new CountOptions(CountingRule.EqualShares, Satisfaction.Cardinality)).Ids());
        });
    }

    [Fact]
    public void Phragmen_AgreesWithTheDefinitionVoterByVoter()
    {
        Holds(Elections(AnyCost), election =>
            Assert.Equal(NaiveReference.Phragmen(election), Counter.Count(election, new CountOptions(CountingRule.Phragmen)).Ids()));
    }

    [Fact]
    public void EveryRule_NeverSpendsMoreThanTheBudget()
    {
        Holds(Elections(AnyCost), election =>
        {
            foreach (var options in AllOptions)
            {
                var outcome = Counter.Count(election, options);
                Assert.True(outcome.TotalCost <= election.Budget, $"{options}: spent {outcome.TotalCost} of {election.Budget}");
                Assert.Equal(outcome.Winners.Count, outcome.Winners.Distinct().Count());
            }
        });
    }

    [Fact]
    public void GreedyAndAdd1ThenGreedy_LeaveNothingUnfundedThatFits()
    {
        Holds(Elections(AnyCost), election =>
        {
            foreach (var options in AllOptions.Where(o => o.Rule != CountingRule.Phragmen && o.Completion is not Completion.Add1 && (o.Rule != CountingRule.EqualShares || o.Completion == Completion.Add1ThenGreedy)))
            {
                var outcome = Counter.Count(election, options);
                var unfunded = election.Projects.Except(outcome.Winners);
                Assert.All(unfunded, p => Assert.True(p.Cost > outcome.Leftover, $"{options}: {p.Id} costs {p.Cost} but {outcome.Leftover} is left"));
            }
        });
    }

    [Fact]
    public void Add1_GivesWhatCountingEveryStepOneByOneGives()
    {
        Holds(Elections(AnyCost), election =>
        {
            foreach (var costSatisfaction in new[] { true, false })
            {
                var satisfaction = costSatisfaction ? Satisfaction.Cost : Satisfaction.Cardinality;
                var outcome = Counter.Count(election, new CountOptions(CountingRule.EqualShares, satisfaction, Completion.Add1));
                Assert.Equal(NaiveReference.Add1(election, costSatisfaction), outcome.Ids());

                var steps = outcome.CompletionSteps;
                Assert.All(steps.SkipLast(1), s => Assert.True(s.Fits));
                Assert.All(steps.Zip(steps.Skip(1)), pair => Assert.Equal(pair.First.LastStep + 1, pair.Second.FirstStep));
                Assert.Equal(steps.Last(s => s.Fits).TotalCost, outcome.TotalCost);
            }
        });
    }

    [Fact]
    public void EveryRule_GivesTheSameOutcomeWhateverTheOrderOfTheBallots()
    {
        var shuffled = from election in Elections(AnyCost)
                       from keys in Gen.Choose(0, 1000).ArrayOf(election.Ballots.Count)
                       select (election, keys);
        Check.One(Config, Prop.ForAll(Arb.From(shuffled), pair =>
        {
            var (election, keys) = pair;
            var reordered = new Election(election.VoteType, election.Budget, election.Projects,
                election.Ballots.Select((b, i) => (b, keys[i])).OrderBy(x => x.Item2).Select(x => x.b).ToList(), election.VoterCount);
            foreach (var options in AllOptions)
            {
                Assert.Equal(Counter.Count(election, options).Ids(), Counter.Count(reordered, options).Ids());
            }
        }));
    }

    [Fact]
    public void EqualShares_CostAndCardinalitySatisfactionAgree_WhenEveryProjectCostsTheSame()
    {
        var sameCost = from cost in Gen.Choose(1, 40) from election in Elections(Gen.Constant((long)cost)) select election;
        Holds(sameCost, election =>
        {
            foreach (var completion in new[] { Completion.None, Completion.Add1, Completion.Add1ThenGreedy })
            {
                Assert.Equal(
                    Counter.Count(election, new CountOptions(CountingRule.EqualShares, Satisfaction.Cost, completion)).Ids(),
                    Counter.Count(election, new CountOptions(CountingRule.EqualShares, Satisfaction.Cardinality, completion)).Ids());
            }
        });
    }

    [Fact]
    public void GroupingIdenticalBallots_ChangesNoOutcome()
    {
        Holds(Elections(AnyCost), election =>
        {
            var grouped = new Election(election.VoteType, election.Budget, election.Projects,
                election.Ballots.GroupBy(b => string.Join(',', b.Projects))
                    .Select(g => new Ballot(g.First().Projects.ToArray(), null, g.Sum(b => b.Weight))).ToList(),
                election.VoterCount);
            foreach (var options in AllOptions)
            {
                Assert.Equal(Counter.Count(election, options).Ids(), Counter.Count(grouped, options).Ids());
            }
        });
    }
}
