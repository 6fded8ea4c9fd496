using PBudget.Counting.Elections;
using PBudget.Counting.Pabulib;
using static PBudget.Counting.Tests.Pabulib.PabulibTestSupport;

namespace PBudget.Counting.Tests.Pabulib;

/// <summary>Writing documents and elections: quoting only where needed, and open data that reads back the same.</summary>
public sealed class PabulibWriterTests
{
    private static readonly Project[] Projects =
    [
        new("p1", 400, "Benches", Selected: true),
        new("p2", 500, "Trees; and \"more\"", Selected: false),
        new("p3", 300, null, Selected: true),
    ];

    private static Election Approval(BallotRules? rules = null, string? description = "Ward 7") => new(
        VoteType.Approval,
        1000,
        Projects,
        [new Ballot([0, 1], null, 2), new Ballot([2], null, 1)],
        voterCount: 4,
        rules,
        description);

    private static PabulibDocument Document(params string[][] voteRows) => new(
        [new("description", "x"), new("budget", "10"), new("vote_type", "approval")],
        ["project_id", "cost", "name"],
        [["a", "5", "Plain, with commas ąę"]],
        ["voter_id", "vote", "note"],
        voteRows);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("with, commas and ąę", "with, commas and ąę")]
    [InlineData("", "")]
    [InlineData("semi;colon", "\"semi;colon\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("\"", "\"\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData(" leading", "\" leading\"")]
    [InlineData("trailing ", "\"trailing \"")]
    [InlineData("\ttab", "\"\ttab\"")]
    [InlineData("inner space", "inner space")]
    public void Write_Field_IsQuotedOnlyWhenItMustBe(string value, string written)
    {
        var text = Write(Document(["1", "a", value]));

        Assert.EndsWith($"\n1;a;{written}\n", text, StringComparison.Ordinal);
        Assert.Equal(value, ReadDocument(text).ValueOrThrow().VoteRows[0][2]);
    }

    [Theory]
    [InlineData("VOTES")]
    [InlineData("meta")]
    [InlineData(" Projects ")]
    public void Write_FirstFieldLikeASectionName_IsQuotedSoItReadsAsData(string value)
    {
        var text = Write(Document([value, "a", ""]));

        Assert.Contains($"\n\"{value}\";a;\n", text, StringComparison.Ordinal);
        Assert.Equal(value, ReadDocument(text).ValueOrThrow().VoteRows[0][0]);
    }

    [Fact]
    public void Write_Document_GivesTheWholeFile()
    {
        var text = Write(Document(["1", "a", ""], ["2", "", "late"]));

        Assert.Equal(
            Join("META", "key;value", "description;x", "budget;10", "vote_type;approval", "PROJECTS", "project_id;cost;name", "a;5;Plain, with commas ąę", "VOTES", "voter_id;vote;note", "1;a;", "2;;late"),
            text);
    }

    [Fact]
    public void Write_DocumentWithCrlf_WritesCrlf()
    {
        var document = new PabulibDocument([new("budget", "1")], ["project_id", "cost"], [], ["voter_id", "vote"], []) { NewLine = "\r\n" };

        Assert.Equal("META\r\nkey;value\r\nbudget;1\r\nPROJECTS\r\nproject_id;cost\r\nVOTES\r\nvoter_id;vote\r\n", Write(document));
    }

    [Fact]
    public void Write_Election_GivesOpenDataWithOneRowPerVoter()
    {
        var text = Write(Approval(new BallotRules(MaxLength: 2)), [new("country", "UK"), new("rule", "equalshares")]);

        Assert.Equal(
            Join(
                "META", "key;value", "description;Ward 7", "num_projects;3", "num_votes;4", "budget;1000", "vote_type;approval", "max_length;2", "country;UK", "rule;equalshares",
                "PROJECTS", "project_id;cost;name;selected", "p1;400;Benches;1", "p2;500;\"Trees; and \"\"more\"\"\";0", "p3;300;;1",
                "VOTES", "voter_id;vote", "1;p1,p2", "2;p1,p2", "3;p3", "4;"),
            text);
    }

    [Fact]
    public void Write_CumulativeElection_WritesPointsAndScores()
    {
        var election = new Election(
            VoteType.Cumulative,
            50,
            [new("a", 10, FileScore: 12), new("b", 20)],
            [new Ballot([1, 0], [3, 7], 1)],
            voterCount: 1,
            new BallotRules(MaxSumPoints: 10));

        var text = Write(election);

        Assert.Equal(
            Join("META", "key;value", "num_projects;2", "num_votes;1", "budget;50", "vote_type;cumulative", "max_sum_points;10", "PROJECTS", "project_id;cost;score", "a;10;12", "b;20;", "VOTES", "voter_id;vote;points", "1;b,a;3,7"),
            text);
        AssertSameElection(election, ReadElection(text).ValueOrThrow());
    }

    [Fact]
    public void Write_Election_ReadsBackTheSameElection()
    {
        var election = Approval(new BallotRules(1, 3, 900, null, null, 2));

        var result = ReadElection(Write(election));

        Assert.True(result.IsValid, Lines(result.Errors));
        AssertSameElection(election, result.Value);
    }

    [Fact]
    public void FromElection_IsWhatWriteWrites()
    {
        var election = Approval();
        var meta = new KeyValuePair<string, string>[] { new("description", "Renamed"), new("currency", "GBP") };

        var document = PabulibDocument.FromElection(election, meta);

        Assert.Equal(Write(election, meta), Write(document));
        Assert.Equal("Renamed", document.GetMeta("description"));
        Assert.Equal(4, document.VoteRows.Count);
        AssertSameElection(new Election(election.VoteType, election.Budget, election.Projects, election.Ballots, election.VoterCount, election.Rules, "Renamed"), document.ToElection().ValueOrThrow());
    }

    [Theory]
    [InlineData("num_votes", "5")]
    [InlineData("num_projects", "2")]
    [InlineData("budget", "999")]
    [InlineData("vote_type", "ordinal")]
    public void FromElection_MetaContradictingTheElection_Throws(string key, string value)
    {
        Assert.Throws<ArgumentException>(() => PabulibDocument.FromElection(Approval(), [new(key, value)]));
    }

    [Fact]
    public void FromElection_MetaAgreeingWithTheElection_IsAccepted()
    {
        var document = PabulibDocument.FromElection(Approval(), [new("num_votes", "4"), new("vote_type", "approval")]);

        Assert.Equal("4", document.GetMeta("num_votes"));
    }

    [Fact]
    public void FromElection_RepeatedOrEmptyMetaKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => PabulibDocument.FromElection(Approval(), [new("unit", "a"), new("unit", "b")]));
        Assert.Throws<ArgumentException>(() => PabulibDocument.FromElection(Approval(), [new("", "a")]));
    }

    public static TheoryData<string, Election> Unwritable => new()
    {
        { "comma in a project id", new Election(VoteType.Approval, 1, [new("a,b", 1)], [], 0) },
        { "empty project id", new Election(VoteType.Approval, 1, [new("", 1)], [], 0) },
        { "repeated project id", new Election(VoteType.Approval, 1, [new("a", 1), new("a", 2)], [], 0) },
        { "negative cost", new Election(VoteType.Approval, 1, [new("a", -1)], [], 0) },
        { "project twice on a ballot", new Election(VoteType.Approval, 1, [new("a", 1)], [new Ballot([0, 0], null, 1)], 1) },
        { "points on an approval ballot", new Election(VoteType.Approval, 1, [new("a", 1)], [new Ballot([0], [1], 1)], 1) },
        { "no points on a cumulative ballot", new Election(VoteType.Cumulative, 1, [new("a", 1)], [new Ballot([0], null, 1)], 1) },
        { "negative cumulative points", new Election(VoteType.Cumulative, 1, [new("a", 1)], [new Ballot([0], [-1], 1)], 1) },
    };

    [Theory]
    [MemberData(nameof(Unwritable))]
    public void Write_ElectionThatNoFileCanHold_Throws(string problem, Election election)
    {
        Assert.Throws<ArgumentException>(() => Write(election));
        Assert.Throws<ArgumentException>(() => PabulibDocument.FromElection(election));
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void Write_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => PabulibWriter.Write((PabulibDocument)null!, TextWriter.Null));
        Assert.Throws<ArgumentNullException>(() => PabulibWriter.Write(Document(), null!));
        Assert.Throws<ArgumentNullException>(() => PabulibWriter.Write((Election)null!, TextWriter.Null));
    }

    [Fact]
    public void Document_ThatCouldNotBeWrittenAndReadBack_IsRefused()
    {
        KeyValuePair<string, string>[] meta = [new("budget", "1")];
        string[] projects = ["project_id", "cost"];
        string[] votes = ["voter_id", "vote"];

        Assert.Throws<ArgumentException>(() => new PabulibDocument([new("budget", "1"), new("budget", "2")], projects, [], votes, []));
        Assert.Throws<ArgumentException>(() => new PabulibDocument([new("", "1")], projects, [], votes, []));
        Assert.Throws<ArgumentException>(() => new PabulibDocument(meta, ["project_id"], [], votes, []));
        Assert.Throws<ArgumentException>(() => new PabulibDocument(meta, projects, [], ["voter_id", "vote", "VOTE"], []));
        Assert.Throws<ArgumentException>(() => new PabulibDocument(meta, projects, [["a"]], votes, []));
        Assert.Throws<ArgumentException>(() => new PabulibDocument(meta, projects, [], votes, [["1", null!]]));
        Assert.Throws<ArgumentException>(() => new PabulibDocument(meta, projects, [], votes, []) { NewLine = "\n\n" });
    }

    [Fact]
    public void Document_Equality_ComparesContentNotLineBreaks()
    {
        var lf = Document(["1", "a", ""]);
        var crlf = new PabulibDocument(lf.Meta, lf.ProjectColumns, lf.ProjectRows, lf.VoteColumns, lf.VoteRows) { NewLine = "\r\n" };
        var other = Document(["1", "a", "x"]);

        Assert.Equal(lf, crlf);
        Assert.Equal(lf.GetHashCode(), crlf.GetHashCode());
        Assert.NotEqual(lf, other);
        Assert.False(lf.Equals(null));
    }
}
