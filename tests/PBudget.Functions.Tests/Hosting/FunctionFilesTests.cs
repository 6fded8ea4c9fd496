using System.Text.Json;
using PBudget.Functions.Hosting;
using PBudget.Functions.Storage;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Hosting;

/// <summary>
/// The real host.json and function.json files, as built into the function app's output folder (what the
/// Functions host reads in Azure), checked against what the app and ARCHITECTURE.md expect of them.
/// </summary>
public sealed class FunctionFilesTests
{
    private static readonly string Output = RepositoryPaths.ProjectOutput(Path.Combine("functions", "PBudget.Functions"));
    private static readonly string Source = Path.Combine(RepositoryPaths.Root, "functions", "PBudget.Functions");

    [Fact]
    public void HostJson_CustomHandler_StartsTheAppExecutableOnLoopbackAndProxiesHttp()
    {
        using var host = HostJson();
        var customHandler = host.RootElement.GetProperty("customHandler");
        var description = customHandler.GetProperty("description");

        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal("PBudget.Functions", description.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("", description.GetProperty("workingDirectory").GetString());
        Assert.Equal(
            ["--urls", "http://127.0.0.1:%FUNCTIONS_CUSTOMHANDLER_PORT%"],
            description.GetProperty("arguments").EnumerateArray().Select(argument => argument.GetString()));
        Assert.True(customHandler.GetProperty("enableProxyingHttpRequest").GetBoolean());

        // The executable the host starts is the app host the build writes next to host.json (Linux: no extension).
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.Exists(Path.Combine(Output, "PBudget.Functions")), $"No app executable in {Output}.");
        }
    }

    [Fact]
    public void HostJson_ExtensionBundle_IsTheVersion4Bundle()
    {
        using var host = HostJson();
        var bundle = host.RootElement.GetProperty("extensionBundle");

        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", bundle.GetProperty("id").GetString());
        Assert.Equal("[4.*, 5.0.0)", bundle.GetProperty("version").GetString());
    }

    [Fact]
    public void HostJson_HttpRoutePrefix_IsEmptySoThatTheCatchAllRouteCarriesApi()
    {
        using var host = HostJson();

        // The default prefix is "api"; with it, route "api/{*path}" would answer at /api/api/...
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void FunctionJson_HttpFunctions_AreOneAnonymousCatchAllUnderApi()
    {
        var functions = FunctionMetadata.LoadAll(Output);
        var http = functions.Where(function => function.HttpTrigger is not null).ToList();

        var catchAll = Assert.Single(http);
        Assert.Equal("api", catchAll.Name);
        var trigger = catchAll.HttpTrigger!;
        Assert.Equal("api/{*path}", trigger.Route);
        Assert.Equal("anonymous", trigger.AuthLevel);
        Assert.Null(trigger.Methods); // no list: every method
        Assert.Contains(catchAll.Bindings, binding => binding is { Type: "http", Direction: "out" });

        // A route of "{*path}" alone would let the public reach /Publish and every other queue endpoint.
        Assert.All(functions.SelectMany(function => function.Bindings).Where(binding => binding.IsHttpTrigger), binding =>
        {
            var route = (binding.Route ?? "").TrimStart('/');
            Assert.NotEqual("{*path}", route);
            Assert.StartsWith("api/", route, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void HostJson_Queues_TryFiveTimesWithPlainTextMessagesAsTheSenderWrites()
    {
        var settings = QueueHostSettings.Load(Path.Combine(Output, QueueHostSettings.HostFileName));
        using var host = HostJson();
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");

        Assert.Equal(5, settings.MaxDequeueCount);
        Assert.Equal(HostQueueMessageEncoding.None, settings.MessageEncoding); // StorageClients sends with QueueMessageEncoding.None
        Assert.InRange(settings.VisibilityTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.InRange(settings.BatchSize, 1, 32);
        Assert.InRange(settings.MaxPollingInterval, QueueHostSettings.MinimumPollingInterval, TimeSpan.FromMinutes(1));

        // Explicit, not defaults: the local dispatcher and the host must not disagree about an omitted value.
        foreach (var name in new[] { "maxDequeueCount", "messageEncoding", "visibilityTimeout", "batchSize", "maxPollingInterval" })
        {
            Assert.True(queues.TryGetProperty(name, out _), $"host.json extensions.queues has no {name}.");
        }
    }

    [Fact]
    public void FunctionJson_QueueTriggers_ListenToKnownQueuesThroughTheStorageConnection()
    {
        var queueFunctions = FunctionMetadata.LoadAll(Output).Where(function => function.QueueTrigger is not null).ToList();

        Assert.NotEmpty(queueFunctions);
        Assert.All(queueFunctions, function =>
        {
            var trigger = function.QueueTrigger!;
            Assert.Contains(trigger.QueueName, StorageNames.Queues);
            Assert.Equal("in", trigger.Direction);
            Assert.False(string.IsNullOrEmpty(trigger.Name));

            // "Storage" is StorageOptions' section: in Azure the host's identity-based connection reads
            // Storage__queueServiceUri, the same setting the app binds to Storage:QueueServiceUri.
            Assert.Equal(StorageOptions.SectionName, trigger.Connection);
        });

        // Every queue the app writes to has a function that reads it.
        Assert.All(StorageNames.Queues, queue => Assert.Contains(queueFunctions, function => function.QueueTrigger!.QueueName == queue));
    }

    [Fact]
    public void FunctionJson_BuildOutput_HasEveryFunctionFolderOfTheProject()
    {
        var source = FunctionMetadata.LoadAll(Source).Select(function => function.Name);
        var output = FunctionMetadata.LoadAll(Output).Select(function => function.Name);

        Assert.Equal(source, output);
        Assert.True(File.Exists(Path.Combine(Output, QueueHostSettings.HostFileName)));
    }

    private static JsonDocument HostJson() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, QueueHostSettings.HostFileName)));
}
