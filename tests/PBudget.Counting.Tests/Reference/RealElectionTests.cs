using PBudget.Counting.Rules;
using PBudget.Counting.Tests.Rules;
using PBudget.Counting.Tests.Support;

namespace PBudget.Counting.Tests.Reference;

/// <summary>The third tier: every real election in ../shared/pabulib, against the reference tools and the published results.</summary>
public sealed class RealElectionTests
{
    public static TheoryData<ReferenceOutcomes.ReferenceCase> Cases() => new(ReferenceOutcomes.Cases());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Count_RealElection_GivesTheReferenceToolsWinners(ReferenceOutcomes.ReferenceCase reference)
    {
        var outcome = ReferenceOutcomes.Count(reference.File, reference.Options);

        if (reference.InSelectionOrder)
        {
            Assert.Equal(reference.Winners, outcome.Ids());
        }
        else
        {
            Assert.Equal(reference.Winners.Order(StringComparer.Ordinal), outcome.Ids().Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Cases_CoverEveryFileAndEveryRule()
    {
        var cases = ReferenceOutcomes.Cases().ToList();
        var files = PabulibFiles.Names.Select(row => row.Data).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(files, cases.Select(c => c.File).ToHashSet(StringComparer.Ordinal));
        foreach (var rule in Enum.GetValues<CountingRule>())
        {
            Assert.Contains(cases, c => c.Options.Rule == rule);
        }

        Assert.Contains(cases, c => c.Options.Completion == Completion.Add1);
        Assert.Contains(cases, c => c.Options.Completion == Completion.Add1ThenGreedy);
        Assert.Matches("^[0-9a-f]{40}$", ReferenceOutcomes.PabutoolsCommit);
        Assert.Matches("^[0-9a-f]{40}$", ReferenceOutcomes.EqualSharesToolCommit);
    }

    /// <summary>Published results (the files' selected columns) that follow from the file by a rule PBudget has.</summary>
    public static TheoryData<string, CountOptions> Published() => new()
    {
        // MES with add1, run until it would overspend: the equalshares.net result these cities published.
        { "Netherlands_Assen_2024.pb", new CountOptions(CountingRule.EqualShares, Completion: Completion.Add1) },
        { "Poland_Swiecie_2023.pb", new CountOptions(CountingRule.EqualShares, Completion: Completion.Add1) },
        { "Poland_Wieliczka_2023_Green_Budget.pb", new CountOptions(CountingRule.EqualShares, Completion: Completion.Add1) },

        // Greedy by votes or points, as COUNTING-NOTES.md records.
        { "Poland_Warszawa_2023_Mokotow.pb", new CountOptions(CountingRule.Greedy) },
        { "Poland_Lodz_2022.pb", new CountOptions(CountingRule.Greedy) },
        { "Poland_Czestochowa_2024.pb", new CountOptions(CountingRule.Greedy) },
        { "Poland_Krakow_2024.pb", new CountOptions(CountingRule.Greedy) },

        // Warsaw 2026 drops projects under its 3,000-vote threshold.
        { "Poland_Warszawa_2026.pb", new CountOptions(CountingRule.Greedy, MinimumScore: 3000) },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void Count_RealElection_MatchesThePublishedWinners(string file, CountOptions options)
    {
        var outcome = ReferenceOutcomes.Count(file, options);

        Assert.True(outcome.MatchesRecordedWinners, $"{file}: counted {string.Join(",", outcome.Ids())}");
    }
}
