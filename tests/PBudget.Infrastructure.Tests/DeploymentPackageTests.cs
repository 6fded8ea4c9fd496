using System.Diagnostics;
using PBudget.Testing;

namespace PBudget.Infrastructure.Tests;

/// <summary>
/// What azd's `api` service uploads: `dotnet publish` of the function app. Flex Consumption's custom-handler runtime has
/// no .NET, so the package must be self-contained for Linux, with host.json's executable and every function.json.
/// </summary>
public sealed class DeploymentPackageTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("pbudget-package-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public async Task The_published_function_app_is_a_self_contained_custom_handler_without_development_settings()
    {
        var project = Path.Combine(RepositoryPaths.Root, "functions", "PBudget.Functions");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "publish", project, "-c", RepositoryPaths.BuildConfiguration, "--no-restore", "-o", output, "-nologo", "-v:quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, "dotnet publish failed:\n" + await log + await errors);
        var host = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "host.json"), TestContext.Current.CancellationToken))!;
        var executable = (string)host["customHandler"]!["description"]!["defaultExecutablePath"]!;
        Assert.True(File.Exists(Path.Combine(output, executable)), $"host.json runs {executable}, which is not in the package.");
        Assert.True(File.Exists(Path.Combine(output, "libcoreclr.so")), "The package does not carry the .NET runtime, which Flex Consumption's custom runtime lacks.");
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(Path.Combine(output, executable)).HasFlag(UnixFileMode.UserExecute), $"{executable} is not executable.");
        foreach (var function in new[] { "api", "Publish", "Notify" })
        {
            Assert.True(File.Exists(Path.Combine(output, function, "function.json")), $"{function}/function.json is missing.");
        }

        Assert.False(File.Exists(Path.Combine(output, "appsettings.Development.json")), "Development settings (local sign-in, a public secret) must never ship.");
    }
}
