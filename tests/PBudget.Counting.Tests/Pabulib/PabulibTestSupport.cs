using System.Globalization;
using PBudget.Counting.Elections;
using PBudget.Counting.Pabulib;

namespace PBudget.Counting.Tests.Pabulib;

/// <summary>Reading and writing helpers, and election equality, for the Pabulib tests.</summary>
internal static class PabulibTestSupport
{
    public static PabulibResult<Election> ReadElection(string text) => PabulibReader.ReadElection(new StringReader(text));

    public static PabulibResult<PabulibDocument> ReadDocument(string text) => PabulibReader.ReadDocument(new StringReader(text));

    public static string Write(PabulibDocument document)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        PabulibWriter.Write(document, writer);
        return writer.ToString();
    }

    public static string Write(Election election, IEnumerable<KeyValuePair<string, string>>? meta = null)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        PabulibWriter.Write(election, writer, meta);
        return writer.ToString();
    }

    public static string Lines(IEnumerable<PabulibError> errors) => string.Join(Environment.NewLine, errors);

    /// <summary>A file from lines joined with LF and a final LF.</summary>
    public static string Join(params string[] lines) => string.Join('\n', lines) + "\n";

    /// <summary>
    /// Asserts two elections are the same count: same budget, vote type, voters, rules, description and projects, and
    /// the same voters behind each ballot, comparing ballots in canonical form (sorted unless ordinal; empty ones and
    /// the split of one ballot into several entries do not matter).
    /// </summary>
    public static void AssertSameElection(Election expected, Election actual)
    {
        Assert.Equal(expected.VoteType, actual.VoteType);
        Assert.Equal(expected.Budget, actual.Budget);
        Assert.Equal(expected.VoterCount, actual.VoterCount);
        Assert.Equal(expected.Rules, actual.Rules);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Projects, actual.Projects);
        Assert.Equal(BallotWeights(expected), BallotWeights(actual));
    }

    /// <summary>Each distinct non-empty ballot, as text in canonical form, with its total weight, in key order.</summary>
    public static SortedDictionary<string, long> BallotWeights(Election election)
    {
        var weights = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var ballot in election.Ballots)
        {
            if (ballot.Projects.Count == 0)
            {
                continue;
            }

            var entries = ballot.Projects.Select((index, position) => (index, points: ballot.Points?[position]));
            if (election.VoteType != VoteType.Ordinal)
            {
                entries = entries.OrderBy(entry => entry.index);
            }

            var key = string.Join(',', entries.Select(entry => entry.points is null
                ? election.Projects[entry.index].Id
                : $"{election.Projects[entry.index].Id}:{entry.points}"));
            weights[key] = weights.GetValueOrDefault(key) + ballot.Weight;
        }

        return weights;
    }

    /// <summary>A small valid approval file, for tests that break one thing in it.</summary>
    public static string[] ValidLines() =>
    [
        "META",                      // 1
        "key;value",                 // 2
        "description;Test ward",     // 3
        "num_projects;3",            // 4
        "num_votes;4",               // 5
        "budget;1000",               // 6
        "vote_type;approval",        // 7
        "max_length;3",              // 8
        "PROJECTS",                  // 9
        "project_id;cost;name",      // 10
        "1;400;Benches",             // 11
        "2;500;Trees",               // 12
        "3;300;Lights",              // 13
        "VOTES",                     // 14
        "voter_id;vote",             // 15
        "v1;1,2",                    // 16
        "v2;2,1",                    // 17
        "v3;3",                      // 18
        "v4;",                       // 19
    ];
}
