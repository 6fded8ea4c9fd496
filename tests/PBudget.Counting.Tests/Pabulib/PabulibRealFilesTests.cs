using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using PBudget.Counting.Elections;
using PBudget.Counting.Pabulib;
using PBudget.Counting.Tests.Support;
using static PBudget.Counting.Tests.Pabulib.PabulibTestSupport;

namespace PBudget.Counting.Tests.Pabulib;

/// <summary>The 13 real elections in the shared folder: each reads cleanly, agrees with its META and SOURCES.md, and round-trips.</summary>
public sealed class PabulibRealFilesTests
{
    // From SOURCES.md: voters, projects, budget and vote type of each file, recounted there from the files' sections.
    private static readonly Dictionary<string, (long Voters, int Projects, long Budget, VoteType VoteType)> Sources = new()
    {
        ["Netherlands_Assen_2024.pb"] = (84, 14, 100_000, VoteType.Approval),
        ["Poland_Czestochowa_2020_Grabowka.pb"] = (201, 8, 225_862, VoteType.Cumulative),
        ["US_Stanford_Dataset_PB_Chicago_39th_Ward_2021_vote_rankings.pb"] = (491, 22, 500_000, VoteType.Ordinal),
        ["Poland_Swiecie_2023.pb"] = (2_553, 22, 1_070_000, VoteType.Approval),
        ["Poland_Wieliczka_2023_Green_Budget.pb"] = (6_586, 64, 1_000_000, VoteType.Approval),
        ["Netherlands_Amsterdam_621.pb"] = (10_081, 60, 450_000, VoteType.Approval),
        ["Poland_Warszawa_2023_Mokotow.pb"] = (11_067, 81, 8_697_250, VoteType.Approval),
        ["Poland_Czestochowa_2024.pb"] = (22_899, 93, 2_367_122, VoteType.Cumulative),
        ["Hungary_Budapest_2024.pb"] = (28_943, 175, 1_000_000_000, VoteType.Approval),
        ["Poland_Gdansk_2020.pb"] = (30_237, 28, 3_600_000, VoteType.ChooseOne),
        ["Poland_Warszawa_2026.pb"] = (61_668, 83, 24_186_815, VoteType.Approval),
        ["Poland_Krakow_2024.pb"] = (65_101, 119, 9_200_000, VoteType.Ordinal),
        ["Poland_Lodz_2022.pb"] = (90_494, 160, 6_112_868, VoteType.Approval),
    };

    // Written back, every file is its own text again, apart from line breaks (some files use CRLF, one mixes
    // CRLF and LF, two lack a final line break), except where the file itself is not quite valid CSV.
    private static readonly Dictionary<string, int[]> LinesNotReproduced = new()
    {
        // "Odkupmy" i my - …: text after a closing quote. It is read as written, quotes included, and written back
        // correctly quoted: """Odkupmy"" i my - …".
        ["Poland_Czestochowa_2020_Grabowka.pb"] = [29],
    };

    // Each file is read once as a document and once as an election, shared by the tests that look at it.
    private static readonly ConcurrentDictionary<string, Lazy<PabulibResult<PabulibDocument>>> Documents = new();
    private static readonly ConcurrentDictionary<string, Lazy<PabulibResult<Election>>> Elections = new();

    // Byte for byte, the writer gives back every file except where the file's own bytes carry something a document
    // does not keep: mixed line breaks, a missing final line break, or the malformed quote above.
    private static readonly Dictionary<string, string> NotByteExact = new()
    {
        ["Poland_Czestochowa_2020_Grabowka.pb"] = "line 29's stray quote is written back correctly quoted",
        ["Poland_Wieliczka_2023_Green_Budget.pb"] = "mixes CRLF and LF line breaks; the document keeps the first (CRLF)",
        ["Poland_Krakow_2024.pb"] = "has no final line break",
        ["Poland_Warszawa_2026.pb"] = "has no final line break",
    };

    public static TheoryData<string> Files => PabulibFiles.Names;

    [Fact]
    public void SharedFolder_HoldsEveryFileInSources()
    {
        Assert.True(Directory.Exists(PabulibFiles.Folder), $"The real Pabulib files are missing: expected the folder {PabulibFiles.Folder}.");
        var names = Directory.GetFiles(PabulibFiles.Folder, "*.pb").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(Sources.Keys.Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ReadElection_RealFile_HasNoErrorsAndAgreesWithMeta(string name)
    {
        var document = ReadDocumentFile(name);
        var meta = document.Meta.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

        var result = ReadElectionFile(name);

        Assert.True(result.IsValid, Lines(result.Errors));
        var election = result.Value;
        Assert.Equal(long.Parse(meta["num_projects"], CultureInfo.InvariantCulture), election.Projects.Count);
        Assert.Equal(long.Parse(meta["num_votes"], CultureInfo.InvariantCulture), election.VoterCount);
        Assert.Equal(long.Parse(meta["budget"], CultureInfo.InvariantCulture), election.Budget);
        Assert.Equal(meta["description"], election.Description);
        Assert.True(Sources.TryGetValue(name, out var source), $"{name} is not in SOURCES.md's table.");
        Assert.Equal((source.Voters, source.Projects, source.Budget, source.VoteType), (election.VoterCount, election.Projects.Count, election.Budget, election.VoteType));
        var emptyVotes = document.VoteRows.Count(row => row[1].Length == 0);
        Assert.Equal(election.VoterCount, election.Ballots.Sum(ballot => ballot.Weight) + emptyVotes);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ReadDocument_RealFile_WrittenAndReadAgainIsEqual(string name)
    {
        var document = ReadDocumentFile(name);

        var written = Write(document);
        var again = ReadDocument(written);

        Assert.True(again.IsValid, Lines(again.Errors));
        Assert.Equal(document, again.Value);
        Assert.Equal(document.NewLine, again.Value.NewLine);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Write_RealFile_GivesTheOriginalTextUpToLineBreaks(string name)
    {
        var original = Normalise(File.ReadAllText(PabulibFiles.PathOf(name)));

        var written = Normalise(Write(ReadDocumentFile(name)));

        var originalLines = original.Split('\n');
        var writtenLines = written.Split('\n');
        Assert.Equal(originalLines.Length, writtenLines.Length);
        var differing = Enumerable.Range(0, originalLines.Length).Where(i => originalLines[i] != writtenLines[i]).Select(i => i + 1);
        Assert.Equal(LinesNotReproduced.GetValueOrDefault(name, []), differing);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Write_RealFile_IsByteForByteTheOriginalUnlessListed(string name)
    {
        var original = File.ReadAllBytes(PabulibFiles.PathOf(name));

        var written = Encoding.UTF8.GetBytes(Write(ReadDocumentFile(name)));

        Assert.Equal(!NotByteExact.ContainsKey(name), original.AsSpan().SequenceEqual(written));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ToElection_RealFileDocument_IsTheElectionReadDirectly(string name)
    {
        var direct = ReadElectionFile(name);

        var viaDocument = ReadDocumentFile(name).ToElection();

        Assert.True(viaDocument.IsValid, Lines(viaDocument.Errors));
        AssertSameElection(direct.ValueOrThrow(), viaDocument.Value);
        // Reading the text warns about the text (quotes); the election about the ballots: together, what reading directly says.
        var textWarnings = Documents[name].Value.Warnings;
        Assert.Equal(direct.Warnings, textWarnings.Concat(viaDocument.Warnings).OrderBy(warning => warning.Line));
    }

    [Fact]
    public void ReadElection_Assen_SelectedAreTheNineWinnersInSources()
    {
        var election = ReadElectionFile("Netherlands_Assen_2024.pb").ValueOrThrow();

        var winners = election.Projects.Where(project => project.Selected == true).ToList();

        Assert.Equal(["11", "12", "13", "14", "2", "3", "5", "6", "9"], winners.Select(project => project.Id).Order(StringComparer.Ordinal));
        Assert.Equal(76_700, winners.Sum(project => project.Cost));
        Assert.All(election.Projects, project => Assert.NotNull(project.Selected));
        Assert.Equal(new BallotRules(MinLength: 2), election.Rules);
        Assert.Equal("PopUp Podium", election.Projects[0].Name);
    }

    [Fact]
    public void ReadElection_Krakow_KeepsRankOrderAndTheCitysScores()
    {
        var election = ReadElectionFile("Poland_Krakow_2024.pb").ValueOrThrow();

        // The first voter ranked BO.OM.63/24, BO.OM.81/24, BO.OM.178/24, in that order.
        var first = election.Ballots[0];
        Assert.Equal(["BO.OM.63/24", "BO.OM.81/24", "BO.OM.178/24"], first.Projects.Select(index => election.Projects[index].Id));
        Assert.Null(first.Points);
        Assert.All(election.Projects, project => Assert.NotNull(project.FileScore));
        Assert.Equal(10, election.Projects.Count(project => project.Selected == true));
    }

    [Fact]
    public void ReadElection_CumulativeGrabowka_KeepsPointsAlignedWithSortedProjects()
    {
        var election = ReadElectionFile("Poland_Czestochowa_2020_Grabowka.pb").ValueOrThrow();

        // Voter 108 gave 448,463,196,443 the points 3,3,2,2: the ballot is sorted by project index, points kept aligned.
        var ballot = Assert.Single(election.Ballots, ballot =>
            ballot.Projects.Select(index => election.Projects[index].Id).Order(StringComparer.Ordinal).SequenceEqual(["196", "443", "448", "463"]));
        Assert.Equal(ballot.Projects.Order(), ballot.Projects);
        var pointsById = ballot.Projects.Select((index, i) => (election.Projects[index].Id, ballot.Points![i])).ToDictionary();
        Assert.Equal(new Dictionary<string, long> { ["448"] = 3, ["463"] = 3, ["196"] = 2, ["443"] = 2 }, pointsById);
        Assert.Equal(new BallotRules(MinSumPoints: 1, MaxSumPoints: 10), election.Rules);
    }

    private static PabulibDocument ReadDocumentFile(string name)
    {
        var result = Documents.GetOrAdd(name, key => new(() =>
        {
            using var reader = PabulibFiles.Open(key);
            return PabulibReader.ReadDocument(reader);
        })).Value;
        Assert.True(result.IsValid, Lines(result.Errors));
        return result.Value;
    }

    private static PabulibResult<Election> ReadElectionFile(string name) =>
        Elections.GetOrAdd(name, key => new(() =>
        {
            using var reader = PabulibFiles.Open(key);
            return PabulibReader.ReadElection(reader);
        })).Value;

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
}
