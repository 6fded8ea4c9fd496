using System.Text.RegularExpressions;

namespace PBudget.Cli.Tests;

/// <summary>The ballot benchmark, small: its own Azurite and app, the figures line, and nothing lost. Never asserts on time.</summary>
public sealed partial class BallotBenchTests
{
    [Fact]
    public async Task BenchBallots_SmallRun_EndsWithTheFiguresLineAndNothingLostOrDoubled()
    {
        var (exitCode, output) = await CliRunner.RunAsync("bench", "ballots", "--clients", "2", "--ballots", "40");

        Assert.True(exitCode == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(FiguresLine(), lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("2 ", StringComparison.Ordinal) && l.Contains(" 40 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Tx4/s", StringComparison.Ordinal) && l.Contains("Raw/s", StringComparison.Ordinal));
        Assert.DoesNotContain("tx4 ", output, StringComparison.Ordinal); // No four-entity transaction failed.

        // The app it started is stopped again.
        var app = AppUrl().Match(output);
        Assert.True(app.Success, output);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(app.Groups[1].Value + "/api/health"), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("--clients", "0")]
    [InlineData("--clients", "2,x")]
    [InlineData("--duration", "soon")]
    [InlineData("--ballots", "0")]
    public async Task BenchBallots_BadOption_IsRefusedBeforeAnythingStarts(string option, string value)
    {
        var (exitCode, output) = await CliRunner.RunAsync("bench", "ballots", option, value);

        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("Starting Azurite", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^clients=2 ballots_per_s=[0-9]+\.[0-9] raw_per_s=[0-9]+\.[0-9] ratio=[0-9]+\.[0-9]{2} p99_ms=[0-9]+\.[0-9] lost=0 doubled=0$")]
    private static partial Regex FiguresLine();

    [GeneratedRegex(@"Setting up a scheme in voting at (http://127\.0\.0\.1:[0-9]+)")]
    private static partial Regex AppUrl();
}
