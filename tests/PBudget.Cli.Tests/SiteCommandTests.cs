using PBudget.Core.Publishing;
using PBudget.Site;

namespace PBudget.Cli.Tests;

public sealed class SiteCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pbudget-cli-site-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task SiteBuild_FromPublishedSnapshots_WritesEverySchemesPages()
    {
        var north = Snapshot("north-2026-27", "North Ward Budgets", ("E05000001", "Abbey", 1_234_500));
        var south = Snapshot("south-2026-27", "South Ward Budgets", ("E05000002", "Castle", 2_000_000));
        var output = Path.Combine(folder, "site");

        var (exitCode, text) = await CliRunner.RunAsync("site", "build", north, south, "--out", output);

        Assert.Equal(0, exitCode);
        Assert.Contains("Wrote", text, StringComparison.Ordinal);
        var abbey = await File.ReadAllTextAsync(Path.Combine(output, "schemes", "north-2026-27", "wards", "E05000001", "index.html"), TestContext.Current.CancellationToken);
        Assert.Contains("£12,345", abbey, StringComparison.Ordinal);
        var home = await File.ReadAllTextAsync(Path.Combine(output, "index.html"), TestContext.Current.CancellationToken);
        Assert.Contains("North Ward Budgets", home, StringComparison.Ordinal);
        Assert.Contains("South Ward Budgets", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiteStaticWebApp_WritesTheConfigurationThatSendsEveryPageToTheApp()
    {
        var output = Path.Combine(folder, "azure-web");

        var (exitCode, text) = await CliRunner.RunAsync("site", "static-web-app", "--out", output);

        Assert.Equal(0, exitCode);
        Assert.Contains(StaticWebAppFront.ConfigFile, text, StringComparison.Ordinal);
        using var config = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, StaticWebAppFront.ConfigFile), TestContext.Current.CancellationToken));
        Assert.Equal("/api/site", config.RootElement.GetProperty("navigationFallback").GetProperty("rewrite").GetString());
        Assert.True(File.Exists(Path.Combine(output, "index.html")), "Static Web Apps' deployment refuses a folder without a home page.");
    }

    [Fact]
    public async Task SiteBuild_BrokenSnapshot_NamesTheFileAndExitsOneWritingNothing()
    {
        var broken = Path.Combine(folder, "broken.json");
        await File.WriteAllTextAsync(broken, "{ \"id\": ", TestContext.Current.CancellationToken);
        var output = Path.Combine(folder, "site");

        var (exitCode, text) = await CliRunner.RunAsync("site", "build", broken, "--out", output);

        Assert.Equal(1, exitCode);
        Assert.Contains("broken.json", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    private string Snapshot(string id, string name, (string Code, string Name, long Pence) ward)
    {
        var scheme = new PublishedScheme(
            id, name, "2026-27", "Each ward receives £2 for every resident, rounded down to whole pounds.",
            ward.Pence, 6_000,
            [new PublishedWard(ward.Code, ward.Name, "Central", 6_000, ward.Pence, ward.Pence)],
            new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var path = Path.Combine(folder, id + ".json");
        File.WriteAllText(path, SiteSnapshot.Serialize(scheme));
        return path;
    }
}
