using PBudget.Testing;

namespace PBudget.Cli.Tests;

public sealed class WardsCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pbudget-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task WardsCheck_ValidFile_SaysHowManyWardsAndExitsZero()
    {
        var file = Write("good.csv", "code,name,population,area\nE05000001,Abbey,12480,Central\nE05000002,\"Castle, Old Town\",9875,Central\n");

        var (exitCode, output) = await CliRunner.RunAsync("wards", "check", file);

        Assert.Equal(0, exitCode);
        Assert.Contains("2 wards, population 22,355", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WardsCheck_BadRows_ListsEachLineAndFieldAndExitsOne()
    {
        var file = Write("bad.csv", "code,name,population\nE05000001,Abbey,lots\nE0500000X,Castle,100\n");

        var (exitCode, output) = await CliRunner.RunAsync("wards", "check", file);

        Assert.Equal(1, exitCode);
        Assert.Contains("2 problem(s)", output, StringComparison.Ordinal);
        Assert.Contains("Line 2, population: 'lots' is not a whole number.", output, StringComparison.Ordinal);
        Assert.Contains("Line 3, code:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WardsCheck_MissingFile_SaysSoAndExitsOne()
    {
        var (exitCode, output) = await CliRunner.RunAsync("wards", "check", Path.Combine(folder, "nope.csv"));

        Assert.Equal(1, exitCode);
        Assert.Contains("There is no file", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WardsImport_BadFile_IsRefusedLocallyWithoutContactingTheApp()
    {
        var file = Write("bad.csv", "code,name,population\nE05000001,,10\n");

        // Nothing listens on this port: had the command tried the app, it would say it could not reach it.
        var (exitCode, output) = await CliRunner.RunAsync("wards", "import", file, "--scheme", "x", "--url", $"http://127.0.0.1:{FreePorts.Next()}");

        Assert.Equal(1, exitCode);
        Assert.Contains("Line 2, name", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not reach", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_AppNotRunning_SaysItCouldNotReachTheAppAndExitsOne()
    {
        var (exitCode, output) = await CliRunner.RunAsync("seed", "--url", $"http://127.0.0.1:{FreePorts.Next()}");

        Assert.Equal(1, exitCode);
        Assert.Contains("Could not reach the app", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_UrlThatIsNotHttp_IsRefusedBeforeAnythingRuns()
    {
        var (exitCode, output) = await CliRunner.RunAsync("seed", "--url", "ftp://example");

        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("Could not reach", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_WithoutUrl_ExplainsTheMissingOption()
    {
        var (exitCode, _) = await CliRunner.RunAsync("seed");

        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public void DemoWards_TheEmbeddedListIsValid_TwelveWardsInThreeAreas()
    {
        var result = Core.Wards.WardCsvReader.Read(new StringReader(Demo.DemoScheme.WardsCsv()));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(12, result.Wards.Count);
        Assert.Equal(["Central", "North", "South"], result.Wards.Select(w => w.Area!).Distinct().Order(StringComparer.Ordinal));
        Assert.All(Demo.DemoScheme.CouncillorWards, code => Assert.Equal("North", result.Wards.Single(w => w.Code == code).Area));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
