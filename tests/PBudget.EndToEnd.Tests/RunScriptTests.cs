using System.Diagnostics;
using PBudget.Testing;

namespace PBudget.EndToEnd.Tests;

/// <summary>README command 1, as a new user runs it: twice, checking the second run duplicates nothing.</summary>
public sealed class RunScriptTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_run_command_seeds_the_demo_scheme_publishes_the_site_and_is_safe_to_run_twice()
    {
        var local = Path.Combine(Path.GetTempPath(), "pbudget-run", Guid.NewGuid().ToString("N"));
        var ports = new Dictionary<string, string>
        {
            ["PBUDGET_PORT"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AZURITE_BLOB_PORT"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AZURITE_QUEUE_PORT"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AZURITE_TABLE_PORT"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PBUDGET_LOCAL_DIR"] = local,
        };
        try
        {
            var first = await RunAsync(ports);
            var second = await RunAsync(ports);

            Assert.True(first.ExitCode == 0, first.Output);
            Assert.Contains("12 added", first.Output, StringComparison.Ordinal);
            Assert.Contains("http://localhost:" + ports["PBUDGET_PORT"] + "/dev/sign-in", first.Output, StringComparison.Ordinal);
            Assert.Contains("Opened proposals and added 4 demo proposals", first.Output, StringComparison.Ordinal);
            Assert.Contains("Imported the demo postcodes", first.Output, StringComparison.Ordinal);
            Assert.Contains("Emails to residents land in: " + Path.Combine(local, "mailbox"), first.Output, StringComparison.Ordinal);
            Assert.Contains("the demo proposals were added on the first run", second.Output, StringComparison.Ordinal);
            Assert.True(second.ExitCode == 0, second.Output);
            Assert.Contains("exists already", second.Output, StringComparison.Ordinal);
            Assert.Contains("0 added, 0 updated, 12 unchanged", second.Output, StringComparison.Ordinal);
            var wardList = await File.ReadAllTextAsync(Path.Combine(local, "site", "schemes", "riverside-2026-27", "wards", "index.html"), Cancel);
            Assert.Equal(12, CountOccurrences(wardList, "/schemes/riverside-2026-27/wards/E059000"));
        }
        finally
        {
            if (Directory.Exists(local))
            {
                Directory.Delete(local, recursive: true);
            }
        }
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "run.sh"), "--smoke"])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Cancel);
        var stderr = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        return (process.ExitCode, await stdout + await stderr);
    }
}
