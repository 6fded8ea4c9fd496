using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace PBudget.Cli.Tests;

public sealed partial class CodesCommandTests(RunningApp running) : IClassFixture<RunningApp>, IDisposable
{
    private const string Abbey = "E05000001";

    private readonly string folder = Directory.CreateTempSubdirectory("pbudget-cli-codes-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task CodesIssue_RunningApp_WritesDistinctPrintedCodesToCsvAndOneCardEachToTheSheet()
    {
        var scheme = await CreateSchemeAsync();
        var csv = Path.Combine(folder, "abbey.csv");
        var sheet = Path.Combine(folder, "abbey.html");

        var (exitCode, output) = await CliRunner.RunAsync("codes", "issue", "--scheme", scheme, "--ward", Abbey, "--count", "25", "--url", running.Url, "--out", csv, "--sheets", sheet);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Issued 25 codes for Abbey (E05000001)", output, StringComparison.Ordinal);
        var records = ReadCsv(csv);
        Assert.Equal(["code", "ward_code", "ward_name", "batch", "scheme_name", "vote_url"], records[0]);
        var rows = records.Skip(1).ToList();
        Assert.Equal(25, rows.Count);
        Assert.All(rows, r => Assert.Matches(PrintedCode(), r[0]));
        Assert.Equal(25, rows.Select(r => r[0]).Distinct(StringComparer.Ordinal).Count());
        var voteUrl = $"{running.Url.TrimEnd('/')}/api/forms/schemes/{scheme}/wards/{Abbey}/vote";
        Assert.All(rows, r => Assert.Equal([Abbey, "Abbey", rows[0][3], "Cli Borough Ward Budgets", voteUrl], r[1..]));

        var document = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(sheet, Cancel));
        Assert.Equal("en-GB", document.DocumentElement.GetAttribute("lang"));
        Assert.Single(document.QuerySelectorAll("h1"));
        var cards = document.QuerySelectorAll("article.card");
        Assert.Equal(rows.Select(r => r[0]), cards.Select(c => c.QuerySelector(".code")!.TextContent));
        Assert.All(cards, card =>
        {
            Assert.Equal("Abbey", card.QuerySelector("h2")!.TextContent);
            Assert.Equal(card.QuerySelector("h2")!.Id, card.GetAttribute("aria-labelledby"));
            Assert.Equal("Cli Borough Ward Budgets", card.QuerySelector(".scheme")!.TextContent);
            Assert.Equal(voteUrl, card.QuerySelector("a")!.GetAttribute("href"));
        });
        Assert.Contains("break-after: page", document.QuerySelector("style")!.TextContent, StringComparison.Ordinal);

        var figures = await ReconcileAsync(scheme);
        Assert.Equal(25, figures.GetProperty("codesIssued").GetInt32());
    }

    [Fact]
    public async Task CodesIssue_UnknownWard_PrintsTheProblemAndExitsOneWritingNothing()
    {
        var scheme = await CreateSchemeAsync();
        var csv = Path.Combine(folder, "nowhere.csv");

        var (exitCode, output) = await CliRunner.RunAsync("codes", "issue", "--scheme", scheme, "--ward", "E05009999", "--count", "5", "--url", running.Url, "--out", csv);

        Assert.Equal(1, exitCode);
        Assert.Contains("The app refused: 404", output, StringComparison.Ordinal);
        Assert.Contains("There is no ward E05009999", output, StringComparison.Ordinal);
        Assert.False(File.Exists(csv));
    }

    [Fact]
    public async Task CodesIssue_TooManyCodes_PrintsTheFieldsMessageAndExitsOne()
    {
        var scheme = await CreateSchemeAsync();

        var (exitCode, output) = await CliRunner.RunAsync("codes", "issue", "--scheme", scheme, "--ward", Abbey, "--count", "10001", "--url", running.Url, "--out", Path.Combine(folder, "many.csv"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Issue between 1 and 10,000 codes at a time.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodesIssue_OutputFileExists_RefusesBeforeIssuingAnyCode()
    {
        var scheme = await CreateSchemeAsync();
        var csv = Path.Combine(folder, "earlier.csv");
        await File.WriteAllTextAsync(csv, "codes of an earlier batch", Cancel);

        var (exitCode, output) = await CliRunner.RunAsync("codes", "issue", "--scheme", scheme, "--ward", Abbey, "--count", "5", "--url", running.Url, "--out", csv);

        Assert.Equal(1, exitCode);
        Assert.Contains("exists already", output, StringComparison.Ordinal);
        Assert.Equal("codes of an earlier batch", await File.ReadAllTextAsync(csv, Cancel));
        Assert.Equal(0, (await ReconcileAsync(scheme)).GetProperty("codesIssued").GetInt32());
    }

    // No field here needs quoting (CodeFilesTests covers quoting), so a plain split reads it.
    private static List<string[]> ReadCsv(string path) => [.. File.ReadAllLines(path).Select(line => line.Split(','))];

    private async Task<string> CreateSchemeAsync()
    {
        using var admin = await running.App.SignedInClientAsync(RunningApp.DemoAdmin, Cancel);
        var id = "cli-" + Guid.NewGuid().ToString("N")[..12];
        var created = await admin.PostAsJsonAsync(
            "/api/schemes",
            new
            {
                id,
                name = "Cli Borough Ward Budgets",
                financialYear = "2026-27",
                budgetRule = new { pencePerHead = 200, minimumPerWardPence = 1_500_000, roundingUnit = "Pound", roundingDirection = "Down" },
            },
            Cancel);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Cancel));
        using var wards = new StringContent("code,name,population,area\nE05000001,Abbey,12480,Central\n", Encoding.UTF8, "text/csv");
        var imported = await admin.PutAsync($"/api/schemes/{id}/wards", wards, Cancel);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync(Cancel));
        return id;
    }

    private async Task<JsonElement> ReconcileAsync(string scheme)
    {
        using var admin = await running.App.SignedInClientAsync(RunningApp.DemoAdmin, Cancel);
        return await admin.GetFromJsonAsync<JsonElement>($"/api/schemes/{scheme}/wards/{Abbey}/reconciliation", Cancel);
    }

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$")]
    private static partial Regex PrintedCode();
}
