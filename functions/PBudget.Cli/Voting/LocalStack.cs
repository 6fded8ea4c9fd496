using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PBudget.Cli.Voting;

/// <summary>Thrown when the local Azurite or function app cannot be found or started; the message says what to do.</summary>
internal sealed class LocalStackException : Exception
{
    public LocalStackException()
    {
    }

    public LocalStackException(string message)
        : base(message)
    {
    }

    public LocalStackException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Where this checkout keeps what a local run needs: Azurite from package.json, and the built function app.</summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that holds PBudget.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The configuration this program was built in: the function app it starts is the one built alongside it.</summary>
    public static string BuildConfiguration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public static string AzuriteScript => Path.Combine(Root, "node_modules", "azurite", "dist", "src", "azurite.js");

    public static string FunctionAppFolder => Path.Combine(Root, "functions", "PBudget.Functions", "bin", BuildConfiguration, "net10.0");

    // From this program's folder first (it lives under the checkout), then from where it was run.
    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PBudget.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new LocalStackException(
            $"Could not find the PBudget checkout (PBudget.sln) above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}. " +
            "Run this from the checkout, or pass --url to use an app that is already running.");
    }
}

/// <summary>A child process whose output is kept (the last lines, for error messages) and which dies with this one.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 200;

    private readonly Process process;
    private readonly Queue<string> lines = new();

    private ChildProcess(Process process, string name)
    {
        this.process = process;
        Name = name;
    }

    public string Name { get; }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Output
    {
        get
        {
            lock (lines)
            {
                return string.Join(Environment.NewLine, lines);
            }
        }
    }

    public static ChildProcess Start(string name, ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new LocalStackException($"{name} did not start.");
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new LocalStackException($"Could not start {name} ({start.FileName}): {error.Message}", error);
        }

        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => child.Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // If this program is stopped (Ctrl+C, or the end of Main) before disposing, the child goes too.
        AppDomain.CurrentDomain.ProcessExit += child.KillOnExit;
        return child;
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Killed but slow to go: nothing more to do.
            }
        }

        process.Dispose();
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Enqueue(line);
            if (lines.Count > KeptLines)
            {
                lines.Dequeue();
            }
        }
    }
}

/// <summary>Azurite from the checkout's node_modules, in memory, on free loopback ports.</summary>
internal sealed class LocalAzurite : IAsyncDisposable
{
    private const string AccountName = "devstoreaccount1";

    // Azurite's well-known development key: public, documented, and only ever valid against the emulator.
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ChildProcess process;
    private readonly int blobPort;
    private readonly int queuePort;
    private readonly int tablePort;

    private LocalAzurite(ChildProcess process, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        this.blobPort = blobPort;
        this.queuePort = queuePort;
        this.tablePort = tablePort;
    }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    public static async Task<LocalAzurite> StartAsync(CancellationToken cancellationToken)
    {
        var script = RepositoryLayout.AzuriteScript;
        if (!File.Exists(script))
        {
            throw new LocalStackException($"Azurite is not installed ({script} is missing). Run 'npm ci' in {RepositoryLayout.Root} first, or pass --url.");
        }

        var (blob, queue, table) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var start = new ProcessStartInfo("node");
        foreach (var argument in new[]
                 {
                     script, "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
                     "--blobHost", "127.0.0.1", "--blobPort", Text(blob),
                     "--queueHost", "127.0.0.1", "--queuePort", Text(queue),
                     "--tableHost", "127.0.0.1", "--tablePort", Text(table),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var azurite = new LocalAzurite(ChildProcess.Start("Azurite", start), blob, queue, table);
        try
        {
            foreach (var port in new[] { blob, queue, table })
            {
                await azurite.WaitForPortAsync(port, cancellationToken);
            }
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        return azurite;
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();

    private async Task WaitForPortAsync(int port, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new LocalStackException($"Azurite exited with code {process.ExitCode}:{Environment.NewLine}{process.Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        throw new LocalStackException($"Azurite did not listen on port {port} within 60 s:{Environment.NewLine}{process.Output}");
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The built function app, started as the Functions host would start it (here without the host) in Development,
/// against the given storage with its own table and queue name prefix, on a free loopback port.
/// </summary>
internal sealed class LocalFunctionApp : IAsyncDisposable
{
    private readonly ChildProcess process;
    private readonly string folder;

    private LocalFunctionApp(ChildProcess process, Uri url, string folder)
    {
        this.process = process;
        Url = url;
        this.folder = folder;
    }

    public Uri Url { get; }

    public static async Task<LocalFunctionApp> StartAsync(string storageConnectionString, CancellationToken cancellationToken)
    {
        var appFolder = RepositoryLayout.FunctionAppFolder;
        var dll = Path.Combine(appFolder, "PBudget.Functions.dll");
        if (!File.Exists(dll))
        {
            throw new LocalStackException(
                $"The function app is not built at {dll}. Build it first: dotnet build functions/PBudget.Functions -c {RepositoryLayout.BuildConfiguration}");
        }

        var port = FreePorts.Next();
        var scratch = Directory.CreateTempSubdirectory("pbudget-bench-").FullName;
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host, [dll]) { WorkingDirectory = appFolder };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Storage__ConnectionString"] = storageConnectionString;
        start.Environment["Storage__NamePrefix"] = "b" + Guid.NewGuid().ToString("N")[..12];
        start.Environment["Publishing__OutputFolder"] = Path.Combine(scratch, "site");
        start.Environment["Notifications__MailboxFolder"] = Path.Combine(scratch, "mailbox");

        var url = new Uri($"http://127.0.0.1:{port}");
        var app = new LocalFunctionApp(ChildProcess.Start("the function app", start), url, scratch);
        try
        {
            await app.WaitUntilHealthyAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temporary folder is left for the system to clear.
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new LocalStackException($"The function app exited with code {process.ExitCode}:{Environment.NewLine}{process.Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening but slow to answer while it starts.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new LocalStackException($"The function app did not answer /api/health within 90 s:{Environment.NewLine}{process.Output}");
    }
}

/// <summary>Azurite and the function app together, started for one run and stopped at its end.</summary>
internal sealed class LocalStack : IAsyncDisposable
{
    private LocalStack(LocalAzurite azurite, LocalFunctionApp app)
    {
        Azurite = azurite;
        App = app;
    }

    public LocalAzurite Azurite { get; }

    public LocalFunctionApp App { get; }

    public static async Task<LocalStack> StartAsync(CancellationToken cancellationToken)
    {
        var azurite = await LocalAzurite.StartAsync(cancellationToken);
        try
        {
            return new LocalStack(azurite, await LocalFunctionApp.StartAsync(azurite.ConnectionString, cancellationToken));
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

/// <summary>Free loopback ports, so that two runs never collide.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
