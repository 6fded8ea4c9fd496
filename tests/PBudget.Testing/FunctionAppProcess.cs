using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PBudget.Testing;

/// <summary>
/// The real, built function app started as its own process on a free loopback port, as the Functions host
/// would start it (here without the host, so Development's local queue dispatcher delivers queue messages).
/// </summary>
public sealed class FunctionAppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private FunctionAppProcess(Process process, int port, string siteFolder)
    {
        this.process = process;
        Port = port;
        SiteFolder = siteFolder;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public int Port { get; }

    public string SiteFolder { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>The storage name prefix this app's tables and queues use.</summary>
    public string StoragePrefix { get; private init; } = "";

    /// <summary>
    /// Starts the app in Development against the given Azurite, with its own site folder and its own storage prefix,
    /// unless given <paramref name="storagePrefix"/> (to restart on the data of an app that was stopped).
    /// </summary>
    public static async Task<FunctionAppProcess> StartAsync(AzuriteFixture azurite, CancellationToken cancellationToken, string? storagePrefix = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var folder = RepositoryPaths.ProjectOutput(Path.Combine("functions", "PBudget.Functions"));
        var dll = Path.Combine(folder, "PBudget.Functions.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The function app is not built at {dll}; build the solution in {RepositoryPaths.BuildConfiguration} first.");
        }

        var port = FreePorts.Next();
        var siteFolder = Path.Combine(Path.GetTempPath(), "pbudget-e2e", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Storage__ConnectionString"] = azurite.ConnectionString;
        var prefix = storagePrefix ?? "e" + Guid.NewGuid().ToString("N")[..12];
        start.Environment["Storage__NamePrefix"] = prefix;
        start.Environment["Publishing__OutputFolder"] = siteFolder;
        start.Environment["Publishing__ServeOutputFolder"] = "true";

        var app = new FunctionAppProcess(Process.Start(start) ?? throw new InvalidOperationException("The app did not start."), port, siteFolder) { StoragePrefix = prefix };
        app.process.OutputDataReceived += (_, e) => app.Capture(e.Data);
        app.process.ErrorDataReceived += (_, e) => app.Capture(e.Data);
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        await app.WaitUntilHealthyAsync(cancellationToken).ConfigureAwait(false);
        return app;
    }

    /// <summary>Signs in through the app's local sign-in as one of its demo people.</summary>
    public async Task<HttpClient> SignedInClientAsync(string demoUserId, CancellationToken cancellationToken)
    {
        using var response = await Client.PostAsJsonAsync("/dev/token", new { userId = demoUserId }, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var client = new HttpClient { BaseAddress = Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", body.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Polls until a condition holds, failing with the app's output after a generous ceiling. Never asserts on time.</summary>
    public async Task<T> WaitForAsync<T>(string what, Func<Task<T?>> probe, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} while waiting for {what}:\n{Output}");
            }

            if (await probe().ConfigureAwait(false) is { } result)
            {
                return result;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"Gave up waiting for {what}. App output:\n{Output}");
    }

    /// <summary>Kills the app at once with SIGKILL, as a crashed or evicted instance dies: no shutdown, no flushing.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process.Dispose();
        if (Directory.Exists(SiteFolder))
        {
            Directory.Delete(SiteFolder, recursive: true);
        }
    }

    private Task<string> WaitUntilHealthyAsync(CancellationToken cancellationToken) =>
        WaitForAsync("the app to answer /api/health", async () =>
        {
            try
            {
                using var response = await Client.GetAsync("/api/health", cancellationToken).ConfigureAwait(false);
                return response.IsSuccessStatusCode ? "healthy" : null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }, cancellationToken);

    private void Capture(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
