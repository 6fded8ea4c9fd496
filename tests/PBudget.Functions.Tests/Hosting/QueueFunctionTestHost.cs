using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PBudget.Functions.Hosting;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Tests.Hosting;

/// <summary>
/// A minimal app of our own (not Program.cs) that maps queue functions the way the real app does, on
/// TestServer or on Kestrel at a free loopback port, with a temporary content root holding the host.json
/// and function.json files a test writes.
/// </summary>
internal sealed class QueueFunctionTestHost : IAsyncDisposable
{
    private QueueFunctionTestHost(WebApplication app, string contentRoot, RecordingLoggerProvider logs)
    {
        App = app;
        ContentRoot = contentRoot;
        Logs = logs;
    }

    public WebApplication App { get; }

    public string ContentRoot { get; }

    public RecordingLoggerProvider Logs { get; }

    /// <summary>The TestServer, when the host runs on one.</summary>
    public TestServer? Server => App.Services.GetRequiredService<IServer>() as TestServer;

    public static string NewContentRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "pbudget-hosting-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    }

    public static void WriteFunctionJson(string contentRoot, string functionName, string json)
    {
        Directory.CreateDirectory(Path.Combine(contentRoot, functionName));
        File.WriteAllText(Path.Combine(contentRoot, functionName, FunctionMetadata.FileName), json);
    }

    public static string QueueFunctionJson(string bindingName, string queueName) => $$"""
        {
          "bindings": [
            { "name": "{{bindingName}}", "type": "queueTrigger", "direction": "in", "queueName": "{{queueName}}", "connection": "Storage" }
          ]
        }
        """;

    public static string HostJson(int maxDequeueCount, string messageEncoding) => $$"""
        {
          "version": "2.0",
          "extensions": {
            "queues": {
              "maxPollingInterval": "00:00:00.500",
              "visibilityTimeout": "00:00:01",
              "batchSize": 4,
              "maxDequeueCount": {{maxDequeueCount}},
              "messageEncoding": "{{messageEncoding}}"
            }
          }
        }
        """;

    /// <summary>Starts the host. Without storage settings no dispatcher runs (contract tests).</summary>
    public static async Task<QueueFunctionTestHost> StartAsync(
        string contentRoot,
        Action<WebApplication> map,
        Action<WebApplicationBuilder>? configure = null,
        IDictionary<string, string?>? settings = null,
        bool kestrel = false,
        bool connectDispatcher = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = FunctionsHostingExtensions.TestingEnvironmentName,
            ContentRootPath = contentRoot,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        var logs = new RecordingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);

        if (kestrel)
        {
            // Port 0: Kestrel picks a free port, and the dispatcher must discover it from the server's addresses.
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        if (!kestrel && connectDispatcher)
        {
            // As the dispatcher's documentation says: TestServer has no socket, so give the named client the
            // in-memory handler and a base address.
            builder.Services
                .AddHttpClient(LocalQueueDispatcher.HttpClientName, client => client.BaseAddress = new Uri("http://localhost/"))
                .ConfigurePrimaryHttpMessageHandler(services => ((TestServer)services.GetRequiredService<IServer>()).CreateHandler());
        }

        if (settings?.ContainsKey("Storage:ConnectionString") == true)
        {
            builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
            builder.Services.AddSingleton<StorageClients>();
        }

        builder.Services.AddFunctionsHosting(builder.Environment, builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new QueueFunctionTestHost(app, contentRoot, logs);
    }

    public HttpClient CreateClient() => Server is { } server
        ? server.CreateClient()
        : new HttpClient { BaseAddress = new Uri(App.Urls.First()) };

    /// <summary>The endpoint mapped at <paramref name="route"/>, to inspect its metadata.</summary>
    public RouteEndpoint Endpoint(string route) =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Single(endpoint => endpoint.RoutePattern.RawText == route);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        try
        {
            Directory.Delete(ContentRoot, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

/// <summary>Records every invocation a queue function receives, and fails or succeeds as a test says.</summary>
internal sealed class RecordingHandler
{
    private readonly Func<QueueInvocation, int, Task> behaviour;

    public RecordingHandler(Func<QueueInvocation, int, Task>? behaviour = null) =>
        this.behaviour = behaviour ?? ((_, _) => Task.CompletedTask);

    public ConcurrentQueue<QueueInvocation> Invocations { get; } = new();

    /// <summary>A service type to resolve from the services the endpoint passes, while the request is alive.</summary>
    public Type? ProbeType { get; init; }

    public object? ProbedService { get; private set; }

    public static RecordingHandler AlwaysFails() =>
        new((invocation, _) => throw new InvalidOperationException($"Handler refused '{invocation.MessageText}'."));

    public static RecordingHandler FailsFirstTime() =>
        new((_, attempt) => attempt == 1 ? throw new InvalidOperationException("First delivery fails.") : Task.CompletedTask);

    public Task HandleAsync(QueueInvocation invocation, IServiceProvider services, CancellationToken cancellationToken)
    {
        Invocations.Enqueue(invocation);
        ProbedService = ProbeType is null ? null : services.GetService(ProbeType);
        return behaviour(invocation, Invocations.Count);
    }
}

/// <summary>Keeps log events in memory, so tests can check that deliveries, retries and poison moves are logged.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, EventId EventId, string Message)> Events { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public int Count(string eventName) => Events.Count(e => e.EventId.Name == eventName);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Events.Enqueue((category, logLevel, eventId, formatter(state, exception)));
    }
}
