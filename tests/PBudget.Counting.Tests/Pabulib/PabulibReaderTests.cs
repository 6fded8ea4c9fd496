using PBudget.Counting.Elections;
using PBudget.Counting.Pabulib;
using static PBudget.Counting.Tests.Pabulib.PabulibTestSupport;

namespace PBudget.Counting.Tests.Pabulib;

/// <summary>What a valid file becomes: projects, distinct ballots with weights, rules and warnings.</summary>
public sealed class PabulibReaderTests
{
    private static string[] Head(string voteType, string votesHeader, params string[] extraMeta) =>
    [
        "META", "key;value", "budget;1000", $"vote_type;{voteType}", .. extraMeta,
        "PROJECTS", "project_id;cost;name;score;selected;category",
        "p1;100;One;7;1;a,b", "p2;200;;;0;", "p3;300;Three;;;x",
        "VOTES", votesHeader,
    ];

    [Fact]
    public void ReadElection_Approval_SortsAndMergesIdenticalBallots()
    {
        var election = ReadElection(Join([.. Head("approval", "voter_id;vote;age"), "1;p2,p1;30", "2;p1,p2;41", "3;p3;", "4;;22", "5;p1,p2;"])).ValueOrThrow();

        Assert.Equal(5, election.VoterCount);
        Assert.Collection(
            election.Ballots,
            ballot =>
            {
                Assert.Equal([0, 1], ballot.Projects);
                Assert.Null(ballot.Points);
                Assert.Equal(3, ballot.Weight);
            },
            ballot =>
            {
                Assert.Equal([2], ballot.Projects);
                Assert.Equal(1, ballot.Weight);
            });
    }

    [Fact]
    public void ReadElection_Projects_TakeNameScoreAndSelected()
    {
        var election = ReadElection(Join([.. Head("approval", "voter_id;vote"), "1;p1"])).ValueOrThrow();

        Assert.Equal(
            [new Project("p1", 100, "One", 7, true), new Project("p2", 200, null, null, false), new Project("p3", 300, "Three", null, null)],
            election.Projects);
        Assert.Equal(VoteType.Approval, election.VoteType);
        Assert.Equal(1000, election.Budget);
        Assert.Equal(BallotRules.None, election.Rules);
        Assert.Null(election.Description);
    }

    [Fact]
    public void ReadElection_Cumulative_SortsByProjectKeepingPointsAligned()
    {
        var election = ReadElection(Join([.. Head("cumulative", "voter_id;vote;points"), "1;p3,p1;4,6", "2;p1,p3;6,4", "3;p1,p3;4,6"])).ValueOrThrow();

        Assert.Collection(
            election.Ballots,
            ballot =>
            {
                Assert.Equal([0, 2], ballot.Projects);
                Assert.Equal([6L, 4L], ballot.Points!);
                Assert.Equal(2, ballot.Weight);
            },
            ballot =>
            {
                Assert.Equal([0, 2], ballot.Projects);
                Assert.Equal([4L, 6L], ballot.Points!);
                Assert.Equal(1, ballot.Weight);
            });
    }

    [Fact]
    public void ReadElection_Scoring_AllowsNegativeScores()
    {
        var election = ReadElection(Join([.. Head("scoring", "voter_id;vote;points"), "1;p2,p1;-1,2"])).ValueOrThrow();

        var ballot = Assert.Single(election.Ballots);
        Assert.Equal([0, 1], ballot.Projects);
        Assert.Equal([2L, -1L], ballot.Points!);
    }

    [Fact]
    public void ReadElection_Ordinal_KeepsRankOrder()
    {
        var election = ReadElection(Join([.. Head("ordinal", "voter_id;vote"), "1;p3,p1,p2", "2;p1,p3,p2", "3;p3,p1,p2"])).ValueOrThrow();

        Assert.Collection(
            election.Ballots,
            ballot =>
            {
                Assert.Equal([2, 0, 1], ballot.Projects);
                Assert.Equal(2, ballot.Weight);
            },
            ballot =>
            {
                Assert.Equal([0, 2, 1], ballot.Projects);
                Assert.Equal(1, ballot.Weight);
            });
    }

    [Fact]
    public void ReadElection_ChooseOne_WarnsAboutBallotsNamingSeveral()
    {
        var result = ReadElection(Join([.. Head("choose-1", "voter_id;vote"), "1;p1", "2;p1,p2"]));

        Assert.True(result.IsValid, Lines(result.Errors));
        Assert.Equal(["line 13, field vote: 2 projects on a choose-1 ballot"], result.Warnings.Select(warning => warning.ToString()));
    }

    [Fact]
    public void ReadElection_EmptyBallots_CountAsVotersButGiveNoBallot()
    {
        var election = ReadElection(Join([.. Head("approval", "voter_id;vote"), "1;", "2;", "3;p1"])).ValueOrThrow();

        Assert.Equal(3, election.VoterCount);
        Assert.Equal(1, Assert.Single(election.Ballots).Weight);
    }

    [Fact]
    public void ReadElection_EveryVoterEmpty_GivesNoBallots()
    {
        var election = ReadElection(Join([.. Head("approval", "voter_id;vote"), "1;", "2;"])).ValueOrThrow();

        Assert.Equal(2, election.VoterCount);
        Assert.Empty(election.Ballots);
    }

    [Fact]
    public void ReadElection_NoVoters_IsValid()
    {
        var election = ReadElection(Join(Head("approval", "voter_id;vote"))).ValueOrThrow();

        Assert.Equal(0, election.VoterCount);
    }

    [Theory]
    [InlineData("1000", 1000)]
    [InlineData("1000.0", 1000)]
    [InlineData("1000.00", 1000)]
    [InlineData("0", 0)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void ReadElection_WholeNumberForms_AreAccepted(string budget, long expected)
    {
        var election = ReadElection(Join("META", "key;value", $"budget;{budget}", "vote_type;approval", "PROJECTS", "project_id;cost", $"a;{budget}", "VOTES", "voter_id;vote")).ValueOrThrow();

        Assert.Equal(expected, election.Budget);
        Assert.Equal(expected, election.Projects[0].Cost);
    }

    [Theory]
    [InlineData("1000.")]
    [InlineData(".0")]
    [InlineData("1e3")]
    [InlineData(" 1000")]
    [InlineData("1,000")]
    [InlineData("+5")]
    [InlineData("9223372036854775808")]
    public void ReadElection_OtherNumberForms_AreErrors(string budget)
    {
        var result = ReadElection(Join("META", "key;value", $"budget;{budget}", "vote_type;approval", "PROJECTS", "project_id;cost", "a;1", "VOTES", "voter_id;vote"));

        Assert.Equal(3, Assert.Single(result.Errors).Line);
    }

    [Fact]
    public void ReadElection_Meta_GivesRulesAndDescription()
    {
        var text = Join(
            "META", "key;value", "description;\"Ward 7; the \"\"green\"\" fund\"", "budget;10", "vote_type;cumulative",
            "min_length;1", "max_length;2", "max_sum_cost;9", "min_sum_points;1", "max_sum_points;10", "min_project_score_threshold;3",
            "country;Nowhere", "PROJECTS", "project_id;cost", "a;5", "VOTES", "voter_id;vote;points");

        var election = ReadElection(text).ValueOrThrow();

        Assert.Equal("Ward 7; the \"green\" fund", election.Description);
        Assert.Equal(new BallotRules(1, 2, 9, 1, 10, 3), election.Rules);
    }

    [Fact]
    public void ReadElection_BallotsBreakingConstraints_AreWarningsAndStillCounted()
    {
        var text = Join(
            "META", "key;value", "budget;1000", "vote_type;cumulative", "min_length;2", "max_length;2", "min_sum_cost;400", "max_sum_cost;450",
            "min_points;2", "max_points;5", "min_sum_points;6", "max_sum_points;8",
            "PROJECTS", "project_id;cost", "a;100", "b;300", "c;400",
            "VOTES", "voter_id;vote;points",
            "1;a,b;3,4",      // 20: fine
            "2;a;1",          // 21: one project, costs 100, 1 point
            "3;a,b,c;5,5,6"); // 22: three projects, costs 800, 6 points for c, 16 in total

        var result = ReadElection(text);

        Assert.True(result.IsValid, Lines(result.Errors));
        Assert.Equal(3, result.Value.VoterCount);
        Assert.Equal(3, result.Value.Ballots.Sum(ballot => ballot.Weight));
        Assert.Equal(
            [
                "line 21, field vote: 1 project, fewer than min_length 2",
                "line 21, field vote: the projects cost 100 in total, less than min_sum_cost 400",
                "line 21, field points: 1 point for project \"a\", fewer than min_points 2",
                "line 21, field points: 1 point in total, fewer than min_sum_points 6",
                "line 22, field vote: 3 projects, more than max_length 2",
                "line 22, field vote: the projects cost 800 in total, more than max_sum_cost 450",
                "line 22, field points: 6 points for project \"c\", more than max_points 5",
                "line 22, field points: 16 points in total, more than max_sum_points 8",
            ],
            result.Warnings.Select(warning => warning.ToString()));
    }

    [Fact]
    public void ReadElection_ManyWarnings_AreCapped()
    {
        var text = Join([
            "META", "key;value", "budget;10", "vote_type;approval", "max_length;0", "PROJECTS", "project_id;cost", "a;1", "VOTES", "voter_id;vote",
            .. Enumerable.Range(1, 130).Select(voter => $"{voter};a")]);

        var result = ReadElection(text);

        Assert.True(result.IsValid);
        Assert.Equal(PabulibReader.MaxReported + 1, result.Warnings.Count);
        Assert.Equal("and 30 more warnings", result.Warnings[^1].ToString());
    }

    [Fact]
    public void ReadElection_QuotedFields_MayHoldSemicolonsQuotesAndLineBreaks()
    {
        var text = "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost;name\n"
            + "\"a;1\";5;\"The \"\"big\"\"\r\nbench\"\n"
            + "b;\"5\";\"\"\n"
            + "VOTES\nvoter_id;vote\n1;\"a;1,b\"\n2;x\n";

        var result = ReadElection(text);

        Assert.Equal(["line 13, field vote: project \"x\" is not in PROJECTS"], result.Errors.Select(error => error.ToString()));
        var document = ReadDocument(text).ValueOrThrow();
        Assert.Equal(["a;1", "5", "The \"big\"\r\nbench"], document.ProjectRows[0]);
        Assert.Equal(["b", "5", ""], document.ProjectRows[1]);
    }

    [Fact]
    public void ReadElection_TextAfterAClosingQuote_IsReadAsWrittenWithAWarning()
    {
        var text = Join("META", "key;value", "budget;10", "vote_type;approval", "PROJECTS", "project_id;cost;name", "a;5;\"Odkupmy\" i my", "VOTES", "voter_id;vote", "1;a");

        var result = ReadElection(text);

        Assert.Equal("\"Odkupmy\" i my", result.ValueOrThrow().Projects[0].Name);
        Assert.Equal(["line 7, field name: text follows the closing quote, so the field is read as written, quotes included"], result.Warnings.Select(warning => warning.ToString()));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void ReadDocument_AnyLineBreak_IsReadAndKeptForWriting(string newLine)
    {
        var text = string.Join(newLine, ValidLines()) + newLine;

        var document = ReadDocument(text).ValueOrThrow();

        Assert.Equal(newLine, document.NewLine);
        Assert.Equal(text, Write(document));
        Assert.True(ReadElection(text).IsValid);
    }

    [Fact]
    public void ReadElection_ByteOrderMarkBlankLinesAndNoFinalLineBreak_AreAccepted()
    {
        var text = "\uFEFF" + string.Join("\n", ValidLines()[..13]) + "\n\n" + string.Join("\r\n", ValidLines()[13..]);

        var result = ReadElection(text);

        Assert.True(result.IsValid, Lines(result.Errors));
        Assert.Equal(4, result.Value.VoterCount);
    }

    [Fact]
    public void ReadElection_SectionNamesAndHeaders_IgnoreCaseAndSpaces()
    {
        var text = Join("meta", "Key;Value", "budget;10", "vote_type;Approval", " Projects ;", "Project_ID; cost ", "a;5", "votes", "VOTER_ID;Vote", "1;a");

        var result = ReadElection(text);

        Assert.True(result.IsValid, Lines(result.Errors));
        Assert.Equal(5, result.Value.Projects[0].Cost);
    }

    [Fact]
    public void ReadElection_QuotedSectionName_IsData()
    {
        var text = Join("META", "key;value", "budget;10", "vote_type;approval", "PROJECTS", "project_id;cost", "\"VOTES\";5", "VOTES", "voter_id;vote", "1;VOTES");

        var election = ReadElection(text).ValueOrThrow();

        Assert.Equal("VOTES", Assert.Single(election.Projects).Id);
        Assert.Equal(1, Assert.Single(election.Ballots).Weight);
    }

    [Fact]
    public void ReadDocument_KeepsUnknownKeysAndColumnsInOrder()
    {
        var document = ReadDocument(Join([.. Head("approval", "voter_id;vote;age;sex", "zeta;last", "alpha;first"), "1;p1;30;F"])).ValueOrThrow();

        Assert.Equal(["budget", "vote_type", "zeta", "alpha"], document.Meta.Select(pair => pair.Key));
        Assert.Equal("first", document.GetMeta("alpha"));
        Assert.Null(document.GetMeta("beta"));
        Assert.Equal(["project_id", "cost", "name", "score", "selected", "category"], document.ProjectColumns);
        Assert.Equal(["p1", "100", "One", "7", "1", "a,b"], document.ProjectRows[0]);
        Assert.Equal(["voter_id", "vote", "age", "sex"], document.VoteColumns);
        Assert.Equal(["1", "p1", "30", "F"], Assert.Single(document.VoteRows));
    }

    [Fact]
    public void ReadElection_LongRecordsAcrossTheReadBuffer_AreRead()
    {
        // A 200,000-character name and a vote far longer than one 64K block.
        var name = new string('n', 200_000);
        var ids = Enumerable.Range(0, 30_000).Select(i => $"project-{i}").ToArray();
        var text = Join([
            "META", "key;value", "budget;10", "vote_type;approval", "PROJECTS", "project_id;cost;name",
            $"x;1;\"{name}\"", .. ids.Select(id => $"{id};1;"), "VOTES", "voter_id;vote", $"1;{string.Join(',', ids)}"]);

        var election = ReadElection(text).ValueOrThrow();

        Assert.Equal(name, election.Projects[0].Name);
        Assert.Equal(30_000, Assert.Single(election.Ballots).Projects.Count);
    }
}
