using System.Text.Json;
using PBudget.Testing;

namespace PBudget.Cli.Tests;

public sealed class CountCommandTests : IDisposable
{
    private static readonly string Assen = Path.Combine(RepositoryPaths.Shared, "pabulib", "Netherlands_Assen_2024.pb");

    // Assen's published result (pabulib's selected column): nine projects, 76,700 of 100,000.
    private static readonly string[] AssenPublishedWinners = ["3", "9", "11", "2", "13", "14", "5", "6", "12"];

    private readonly string folder = Directory.CreateTempSubdirectory("pbudget-cli-count-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Count_AssenByMesWithAdd1_AsText_ListsTheWinnersAndSaysTheyMatchTheRecord()
    {
        var (exitCode, text) = await CliRunner.RunAsync("count", Assen, "--rule", "mes", "--completion", "add1");

        Assert.Equal(0, exitCode);
        Assert.Contains("spent 76,700; left 23,300", text, StringComparison.Ordinal);
        Assert.Contains("matches the winners recorded", text, StringComparison.Ordinal);
        Assert.Contains("PopUp Podium", text, StringComparison.Ordinal);
        Assert.Contains("no: stop", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_AssenByMesWithAdd1_AsJson_HasTheWinnersInOrderAndTheRounds()
    {
        var (exitCode, text) = await CliRunner.RunAsync("count", Assen, "--rule", "mes", "--completion", "add1", "--format", "json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(AssenPublishedWinners, root.GetProperty("winners").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(76_700, root.GetProperty("total_cost").GetInt64());
        Assert.Equal(100_000, root.GetProperty("budget").GetInt64());
        Assert.Equal("mes", root.GetProperty("rule").GetString());
        Assert.True(root.GetProperty("matches_selected").GetBoolean());
        var rounds = root.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(9, rounds.Count);
        Assert.Equal("1/43", rounds[0].GetProperty("price_per_satisfaction").GetString());
        Assert.False(root.GetProperty("completion_steps").EnumerateArray().Last().GetProperty("fits").GetBoolean());
    }

    [Fact]
    public async Task Count_BrokenFile_NamesTheLineAndFieldAndExitsOne()
    {
        var file = await WriteAsync("broken.pb", "META\nkey;value\nnum_projects;1\nnum_votes;1\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;12x\nVOTES\nvoter_id;vote\nv1;1\n");

        var (exitCode, text) = await CliRunner.RunAsync("count", file, "--rule", "greedy");

        Assert.Equal(1, exitCode);
        Assert.Contains("line 9", text, StringComparison.Ordinal);
        Assert.Contains("cost", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_RuleThatDoesNotFitTheBallots_ExplainsAndExitsTwo()
    {
        var file = await WriteAsync("ranked.pb", "META\nkey;value\nnum_projects;2\nnum_votes;1\nbudget;100\nvote_type;ordinal\nPROJECTS\nproject_id;cost\n1;10\n2;10\nVOTES\nvoter_id;vote\nv1;2,1\n");

        var (exitCode, text) = await CliRunner.RunAsync("count", file, "--rule", "phragmen");

        Assert.Equal(2, exitCode);
        Assert.Contains("phragmen counts approval ballots; these are ordinal ballots", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_TieWithRefuse_NamesTheTiedProjectsAndExitsTwo_AndDefaultPicksTheSmallerId()
    {
        // Two projects with one vote each, and money for one.
        var file = await WriteAsync("tie.pb", "META\nkey;value\nnum_projects;2\nnum_votes;2\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n9;10\n10;10\nVOTES\nvoter_id;vote\nv1;9\nv2;10\n");

        var (refused, text) = await CliRunner.RunAsync("count", file, "--rule", "greedy", "--tie-break", "refuse");
        Assert.Equal(2, refused);
        Assert.Contains("Projects 10, 9 tie exactly", text, StringComparison.Ordinal);

        var (exitCode, json) = await CliRunner.RunAsync("count", file, "--rule", "greedy", "--format", "json");
        Assert.Equal(0, exitCode);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(["10"], document.RootElement.GetProperty("winners").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task Count_UnknownRule_IsRefused()
    {
        var (exitCode, _) = await CliRunner.RunAsync("count", Assen, "--rule", "borda");

        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task BenchCount_SmallFile_PrintsTheMedianAndPeakMemoryOfEachRule()
    {
        var (exitCode, text) = await CliRunner.RunAsync("bench", "count", Assen, "--rule", "greedy", "mes-add1", "--repeat", "1");

        Assert.Equal(0, exitCode);
        // Under 1 s a time is printed in ms, from 1 s in seconds; a loaded machine can take either.
        Assert.Matches(@"Netherlands_Assen_2024\.pb greedy: (\d+ ms|\d+\.\d\d s), peak \d+ MiB", text);
        Assert.Matches(@"Netherlands_Assen_2024\.pb mes-add1: (\d+ ms|\d+\.\d\d s), peak \d+ MiB", text);
    }

    [Fact]
    public async Task BenchCount_UnknownRule_IsRefused()
    {
        var (exitCode, text) = await CliRunner.RunAsync("bench", "count", Assen, "--rule", "borda");

        Assert.Equal(2, exitCode);
        Assert.Contains("'borda' is not a rule to time", text, StringComparison.Ordinal);
    }

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, text, TestContext.Current.CancellationToken);
        return path;
    }
}
