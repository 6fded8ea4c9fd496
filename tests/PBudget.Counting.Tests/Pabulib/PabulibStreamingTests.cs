using System.Globalization;
using PBudget.Counting.Elections;
using PBudget.Counting.Pabulib;

namespace PBudget.Counting.Tests.Pabulib;

/// <summary>A large election read from a reader that makes its text as it goes: no string ever holds the file.</summary>
public sealed class PabulibStreamingTests
{
    private const int Voters = 500_000;
    private const int Patterns = 997;

    [Fact]
    public void ReadElection_HalfAMillionGeneratedVoters_GivesTheBallotsGenerated()
    {
        var result = PabulibReader.ReadElection(new GeneratedElectionReader(Voters));

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var election = result.Value;
        Assert.Equal(Voters, election.VoterCount);
        Assert.Equal(10, election.Projects.Count);
        // Patterns 1 to 996 are the distinct non-empty ballots; voters whose pattern is 0 voted for nothing.
        Assert.Equal(Patterns - 1, election.Ballots.Count);
        Assert.Equal(Voters - (Voters / Patterns), election.Ballots.Sum(ballot => ballot.Weight));
        var expectedWeights = new long[Patterns];
        for (var voter = 1; voter <= Voters; voter++)
        {
            expectedWeights[voter % Patterns]++;
        }

        Assert.All(election.Ballots, ballot =>
        {
            var pattern = ballot.Projects.Sum(index => 1 << index);
            Assert.Equal(ballot.Projects.Order(), ballot.Projects);
            Assert.Equal(expectedWeights[pattern], ballot.Weight);
        });
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void ReadElection_GeneratedVotersWithOneRepeatedId_ReportsTheRepeat()
    {
        var result = PabulibReader.ReadElection(new GeneratedElectionReader(20_000, repeatVoterAt: 15_000));

        var error = Assert.Single(result.Errors);
        Assert.Equal(new PabulibError(15_000 + GeneratedElectionReader.HeadLines, "voter_id", "voter \"voter-14999\" is already on line 15020"), error);
    }

    /// <summary>
    /// An approval election over 10 projects: voter v approves the projects whose bit is set in v mod 997, listed
    /// highest first so the reader must sort them. Lines end in CRLF.
    /// </summary>
    private sealed class GeneratedElectionReader(int voters, int repeatVoterAt = 0) : TextReader
    {
        public const int HeadLines = 21;

        private readonly Queue<string> head = new(
        [
            "META", "key;value", "description;Generated", "num_projects;10", $"num_votes;{voters}", "budget;1000000", "vote_type;approval",
            "PROJECTS", "project_id;cost", .. Enumerable.Range(0, 10).Select(i => $"p{i};{(i + 1) * 1000}"), "VOTES", "voter_id;vote",
        ]);

        // Each pattern's vote, made once: the reader's work, not the generator's, should dominate.
        private static readonly string[] Votes = [.. Enumerable.Range(0, Patterns).Select(pattern =>
            string.Join(',', Enumerable.Range(0, 10).Reverse().Where(bit => (pattern & (1 << bit)) != 0).Select(bit => $"p{bit}")))];

        private string line = "";
        private int position;
        private int voter;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var written = 0;
            while (written < buffer.Length)
            {
                if (position == line.Length && !NextLine())
                {
                    break;
                }

                var chunk = Math.Min(buffer.Length - written, line.Length - position);
                line.AsSpan(position, chunk).CopyTo(buffer[written..]);
                position += chunk;
                written += chunk;
            }

            return written;
        }

        public override int Read()
        {
            Span<char> one = stackalloc char[1];
            return Read(one) == 1 ? one[0] : -1;
        }

        private bool NextLine()
        {
            if (head.TryDequeue(out var next))
            {
                line = next + "\r\n";
                position = 0;
                return true;
            }

            if (voter == voters)
            {
                return false;
            }

            voter++;
            var id = voter == repeatVoterAt ? voter - 1 : voter;
            line = string.Create(CultureInfo.InvariantCulture, $"voter-{id};{Votes[voter % Patterns]}\r\n");
            position = 0;
            return true;
        }
    }
}
