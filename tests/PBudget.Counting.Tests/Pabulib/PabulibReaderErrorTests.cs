using PBudget.Counting.Pabulib;
using static PBudget.Counting.Tests.Pabulib.PabulibTestSupport;

namespace PBudget.Counting.Tests.Pabulib;

/// <summary>Broken files: each problem is reported with its line and field, and reading never throws.</summary>
public sealed class PabulibReaderErrorTests
{
    /// <summary>One line of <see cref="PabulibTestSupport.ValidLines"/> replaced (1-based), or removed when the replacement is null.</summary>
    public static TheoryData<string, int, string?, string> OneLineChanged => new()
    {
        { "bad number", 11, "1;12x;Benches", "line 11, field cost: \"12x\" is not a whole number" },
        { "fractional cost", 11, "1;400.5;Benches", "line 11, field cost: \"400.5\" is not a whole number" },
        { "cost too large", 11, "1;99999999999999999999;Benches", "line 11, field cost: \"99999999999999999999\" is too large" },
        { "negative cost", 11, "1;-5;Benches", "line 11, field cost: -5 is negative; a cost cannot be" },
        { "empty cost", 11, "1;;Benches", "line 11, field cost: \"\" is not a whole number" },
        { "duplicate project id", 13, "2;300;Lights", "line 13, field project_id: project \"2\" is already on line 12" },
        { "empty project id", 13, ";300;Lights", "line 13, field project_id: the project id is empty" },
        { "comma in project id", 13, "\"3,4\";300;Lights", "line 13, field project_id: \"3,4\" contains a comma, which votes use to separate project ids" },
        { "unknown project in a vote", 16, "v1;1,9", "line 16, field vote: project \"9\" is not in PROJECTS" },
        { "same project twice in a vote", 16, "v1;2,1,2", "line 16, field vote: project \"2\" is named twice" },
        { "empty project id in a vote", 16, "v1;1,,2", "line 16, field vote: \"1,,2\" has an empty project id (two commas together, or a comma at either end)" },
        { "duplicate voter id", 18, "v1;3", "line 18, field voter_id: voter \"v1\" is already on line 16" },
        { "empty voter id", 18, ";3", "line 18, field voter_id: the voter id is empty" },
        { "unknown vote_type", 7, "vote_type;borda", "line 7, field vote_type: \"borda\" is not a vote type: approval, choose-1, cumulative, scoring or ordinal" },
        { "missing budget", 6, null, "line 1, field budget: META has no budget" },
        { "missing vote_type", 7, null, "line 1, field vote_type: META has no vote_type" },
        { "fractional budget", 6, "budget;1000.5", "line 6, field budget: \"1000.5\" is not a whole number" },
        { "negative budget", 6, "budget;-1000", "line 6, field budget: -1000 is negative; budget cannot be" },
        { "bad constraint", 8, "max_length;three", "line 8, field max_length: \"three\" is not a whole number" },
        { "num_projects disagrees", 4, "num_projects;4", "line 4, field num_projects: META says 4, but PROJECTS has 3 projects" },
        { "num_votes disagrees", 5, "num_votes;40", "line 5, field num_votes: META says 40, but VOTES has 4 voters" },
        { "num_votes not a number", 5, "num_votes;many", "line 5, field num_votes: \"many\" is not a whole number" },
        { "META line with three fields", 3, "description;Test;ward", "line 3, field description: 3 fields where META lines have 2 (key;value); a value holding \";\" must be quoted" },
        { "repeated META key", 8, "budget;1000", "line 8, field budget: budget is already given on line 6" },
        { "empty META key", 8, ";3", "line 8, field key: the META key is empty" },
        { "META header missing", 2, "budget;1000", "line 2, field header: the META section's first line must be key;value" },
        { "row with too many fields", 12, "2;500;Trees;extra", "line 12, field row: 4 fields, but the header on line 10 has 3" },
        { "row with too few fields", 17, "v2", "line 17, field row: 1 field, but the header on line 15 has 2" },
        { "no project_id column", 10, "id;cost;name", "line 10, field project_id: the PROJECTS header has no project_id column" },
        { "no cost column", 10, "project_id;price;name", "line 10, field cost: the PROJECTS header has no cost column" },
        { "no voter_id column", 15, "voter;vote", "line 15, field voter_id: the VOTES header has no voter_id column" },
        { "no vote column", 15, "voter_id;ballot", "line 15, field vote: the VOTES header has no vote column" },
        { "repeated column", 10, "project_id;cost;cost", "line 10, field cost: the cost column appears twice in the PROJECTS header" },
        { "unnamed column", 10, "project_id;cost;", "line 10, field header: column 3 of the PROJECTS header has no name" },
        { "unterminated quote", 13, "3;300;\"Lights", "line 13, field name: the quote that opens this field is never closed: the file ends inside it" },
        { "data before META", 1, "hello", "line 1, field section: the file must start with a META line, not \"hello\"" },
        { "unknown section", 9, "BALLOTS", "line 9, field section: \"BALLOTS\" is not a section: the sections are META, PROJECTS and VOTES" },
        { "no PROJECTS section", 9, "PROJECTZ", "field section: the file has no PROJECTS section" },
        { "no VOTES section", 14, "VOTE", "field section: the file has no VOTES section" },
    };

    public static TheoryData<string, string[], string> WholeFile => new()
    {
        {
            "VOTES before PROJECTS",
            ["META", "key;value", "budget;10", "vote_type;approval", "VOTES", "voter_id;vote", "1;a", "PROJECTS", "project_id;cost", "a;5"],
            "line 5, field section: VOTES must come after PROJECTS"
        },
        {
            "META not first",
            ["PROJECTS", "project_id;cost", "a;5", "META", "key;value", "budget;10", "VOTES", "voter_id;vote", "1;a"],
            "line 1, field section: PROJECTS must come after META"
        },
        {
            "a section twice",
            ["META", "key;value", "budget;10", "vote_type;approval", "PROJECTS", "project_id;cost", "a;5", "VOTES", "voter_id;vote", "1;a", "META", "key;value"],
            "line 11, field section: META appears twice; the first is on line 1"
        },
        {
            "a section with no header",
            ["META", "key;value", "budget;10", "vote_type;approval", "PROJECTS", "VOTES", "voter_id;vote", "1;a"],
            "line 5, field header: the PROJECTS section has no header line"
        },
        {
            "cumulative without points",
            ["META", "key;value", "budget;10", "vote_type;cumulative", "PROJECTS", "project_id;cost", "a;5", "VOTES", "voter_id;vote", "1;a"],
            "line 9, field points: cumulative ballots need a points column in the VOTES header"
        },
        {
            "points not matching the vote",
            ["META", "key;value", "budget;10", "vote_type;cumulative", "PROJECTS", "project_id;cost", "a;5", "b;5", "VOTES", "voter_id;vote;points", "1;a,b;3"],
            "line 11, field points: 1 value for 2 projects in the vote"
        },
        {
            "points that are not numbers",
            ["META", "key;value", "budget;10", "vote_type;scoring", "PROJECTS", "project_id;cost", "a;5", "b;5", "VOTES", "voter_id;vote;points", "1;a,b;3,x"],
            "line 11, field points: \"x\" is not a whole number"
        },
        {
            "negative cumulative points",
            ["META", "key;value", "budget;10", "vote_type;cumulative", "PROJECTS", "project_id;cost", "a;5", "b;5", "VOTES", "voter_id;vote;points", "1;a,b;3,-1"],
            "line 11, field points: -1 is negative; cumulative points cannot be"
        },
        {
            "selected neither 0 nor 1",
            ["META", "key;value", "budget;10", "vote_type;approval", "PROJECTS", "project_id;cost;selected", "a;5;2", "VOTES", "voter_id;vote", "1;a"],
            "line 7, field selected: \"2\" is neither 0 nor 1"
        },
        {
            "score not a number",
            ["META", "key;value", "budget;10", "vote_type;ordinal", "PROJECTS", "project_id;cost;score", "a;5;high", "VOTES", "voter_id;vote", "1;a"],
            "line 7, field score: \"high\" is not a whole number"
        },
        {
            "an error after a quoted field spanning lines is on its physical line",
            ["META", "key;value", "description;\"two", "lines\"", "budget;10", "vote_type;approval", "PROJECTS", "project_id;cost", "a;5x", "VOTES", "voter_id;vote", "1;a"],
            "line 9, field cost: \"5x\" is not a whole number"
        },
        {
            "an empty file",
            [""],
            "field section: the file is empty: it must have META, PROJECTS and VOTES sections"
        },
    };

    [Theory]
    [MemberData(nameof(OneLineChanged))]
    public void ReadElection_OneLineBroken_ReportsItsLineAndField(string problem, int line, string? replacement, string expected)
    {
        var lines = ValidLines().ToList();
        if (replacement is null)
        {
            lines.RemoveAt(line - 1);
        }
        else
        {
            lines[line - 1] = replacement;
        }

        var result = ReadElection(Join([.. lines]));

        Assert.False(result.IsValid, problem);
        Assert.Null(result.Value);
        Assert.Contains(expected, result.Errors.Select(error => error.ToString()));
    }

    [Theory]
    [MemberData(nameof(WholeFile))]
    public void ReadElection_BrokenFile_ReportsTheError(string problem, string[] lines, string expected)
    {
        var result = ReadElection(Join(lines));

        Assert.False(result.IsValid, problem);
        Assert.Contains(expected, result.Errors.Select(error => error.ToString()));
    }

    [Fact]
    public void ReadElection_ValidLines_AreValid()
    {
        var result = ReadElection(Join(ValidLines()));

        Assert.True(result.IsValid, Lines(result.Errors));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void ReadElection_Error_HasLineFieldAndMessage()
    {
        var lines = ValidLines();
        lines[10] = "1;12x;Benches";

        var error = Assert.Single(ReadElection(Join(lines)).Errors);

        Assert.Equal(new PabulibError(11, "cost", "\"12x\" is not a whole number"), error);
        Assert.Equal("line 11, field cost: \"12x\" is not a whole number", error.ToString());
    }

    [Fact]
    public void ReadElection_UnknownSectionAmongVotes_IsOneErrorAndNotAVoter()
    {
        var lines = ValidLines().ToList();
        lines.Insert(17, "EXTRA");

        var errors = ReadElection(Join([.. lines])).Errors;

        Assert.Equal(["line 18, field section: \"EXTRA\" is not a section: the sections are META, PROJECTS and VOTES"], errors.Select(error => error.ToString()));
    }

    [Fact]
    public void ReadElection_ManyErrors_KeepsTheFirstHundredThenSaysHowManyMore()
    {
        var lines = ValidLines()[..^4].ToList();
        lines[4] = "num_votes;250";
        lines.AddRange(Enumerable.Range(1, 250).Select(voter => $"v{voter};9"));

        var errors = ReadElection(Join([.. lines])).Errors;

        Assert.Equal(PabulibReader.MaxReported + 1, errors.Count);
        Assert.Equal("line 16, field vote: project \"9\" is not in PROJECTS", errors[0].ToString());
        Assert.Equal("line 115, field vote: project \"9\" is not in PROJECTS", errors[^2].ToString());
        Assert.Equal("and 150 more errors", errors[^1].ToString());
    }

    [Fact]
    public void ReadElection_SeveralErrors_AreAllReportedInLineOrder()
    {
        var lines = ValidLines();
        lines[4] = "num_votes;5";
        lines[10] = "1;x;Benches";
        lines[15] = "v1;1,7";
        lines[16] = "v1;2";

        var errors = ReadElection(Join(lines)).Errors.Select(error => (error.Line, error.Field));

        Assert.Equal([(5, "num_votes"), (11, "cost"), (16, "vote"), (17, "voter_id")], errors);
    }

    [Fact]
    public void ToElection_DocumentWithBadContent_ReportsTheSameLinesAsReadingDirectly()
    {
        var lines = ValidLines();
        lines[2] = "description;\"two\nlines\"";
        lines[10] = "1;x;Benches";
        lines[16] = "v1;2";
        var text = Join(lines);

        var document = ReadDocument(text);
        var viaDocument = document.ValueOrThrow().ToElection();
        var direct = ReadElection(text);

        Assert.Equal(["line 12, field cost: \"x\" is not a whole number", "line 18, field voter_id: voter \"v1\" is already on line 17"], direct.Errors.Select(error => error.ToString()));
        Assert.Equal(direct.Errors, viaDocument.Errors);
    }

    [Fact]
    public void ReadDocument_StructuralError_IsReportedAndGivesNoDocument()
    {
        var lines = ValidLines();
        lines[11] = "2;500";

        var result = ReadDocument(Join(lines));

        Assert.False(result.IsValid);
        Assert.Equal(["line 12, field row: 2 fields, but the header on line 10 has 3"], result.Errors.Select(error => error.ToString()));
    }

    [Fact]
    public void ReadDocument_ContentError_IsLeftToToElection()
    {
        var lines = ValidLines();
        lines[10] = "1;x;Benches";

        var result = ReadDocument(Join(lines));

        Assert.True(result.IsValid, Lines(result.Errors));
        Assert.Equal("x", result.Value.ProjectRows[0][1]);
    }

    [Fact]
    public void ValueOrThrow_FileWithErrors_ThrowsListingThem()
    {
        var lines = ValidLines();
        lines[10] = "1;12x;Benches";

        var exception = Assert.Throws<InvalidDataException>(() => ReadElection(Join(lines)).ValueOrThrow());

        Assert.Contains("line 11, field cost: \"12x\" is not a whole number", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NullReader_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => PabulibReader.ReadElection(null!));
        Assert.Throws<ArgumentNullException>(() => PabulibReader.ReadDocument(null!));
    }
}
