using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using PBudget.Functions.Hosting;

namespace PBudget.Functions.Tests.Hosting;

public sealed class QueueHostSettingsTests
{
    [Fact]
    public void Parse_DocumentedExample_ReadsEverySetting()
    {
        // The example in the queue extension's "host.json settings" documentation.
        const string json = """
            {
                "version": "2.0",
                "extensions": {
                    "queues": {
                        "maxPollingInterval": "00:00:02",
                        "visibilityTimeout" : "00:00:30",
                        "batchSize": 16,
                        "maxDequeueCount": 5,
                        "newBatchThreshold": 8,
                        "messageEncoding": "base64"
                    }
                }
            }
            """;

        var settings = QueueHostSettings.Parse(json);

        Assert.Equal(TimeSpan.FromSeconds(2), settings.MaxPollingInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.VisibilityTimeout);
        Assert.Equal(16, settings.BatchSize);
        Assert.Equal(5, settings.MaxDequeueCount);
        Assert.Equal(HostQueueMessageEncoding.Base64, settings.MessageEncoding);
    }

    [Fact]
    public void Parse_NoQueuesSection_UsesTheDocumentedDefaults()
    {
        var settings = QueueHostSettings.Parse("""{ "version": "2.0" }""");

        Assert.Equal(new QueueHostSettings
        {
            MaxPollingInterval = TimeSpan.FromMinutes(1),
            VisibilityTimeout = TimeSpan.Zero,
            BatchSize = 16,
            MaxDequeueCount = 5,
            MessageEncoding = HostQueueMessageEncoding.Base64,
        }, settings);
    }

    [Fact]
    public void Parse_NamesInAnotherCaseAndComments_AreReadAsTheHostReadsThem()
    {
        var settings = QueueHostSettings.Parse("""
            {
              // the host binds host.json through configuration, which ignores case
              "Extensions": { "Queues": { "MaxDequeueCount": 2, "MessageEncoding": "None", } }
            }
            """);

        Assert.Equal(2, settings.MaxDequeueCount);
        Assert.Equal(HostQueueMessageEncoding.None, settings.MessageEncoding);
    }

    [Theory]
    [InlineData("""{"extensions":{"queues":{"maxDequeueCount":0}}}""")]
    [InlineData("""{"extensions":{"queues":{"maxDequeueCount":"5"}}}""")]
    [InlineData("""{"extensions":{"queues":{"batchSize":33}}}""")]
    [InlineData("""{"extensions":{"queues":{"visibilityTimeout":30000}}}""")]
    [InlineData("""{"extensions":{"queues":{"visibilityTimeout":"-00:00:01"}}}""")]
    [InlineData("""{"extensions":{"queues":{"maxPollingInterval":"00:00:00.050"}}}""")]
    [InlineData("""{"extensions":{"queues":{"messageEncoding":"utf8"}}}""")]
    [InlineData("""{"extensions":""")]
    public void Parse_InvalidSetting_ThrowsInvalidData(string json) =>
        Assert.Throws<InvalidDataException>(() => QueueHostSettings.Parse(json));
}

public sealed class FunctionMetadataTests
{
    [Fact]
    public void Parse_DocumentedQueueFunction_ReadsTriggerAndOutput()
    {
        // The MyQueueFunction example of the custom handler documentation ("Function metadata").
        const string json = """
            {
              "bindings": [
                { "name": "myQueueItem", "type": "queueTrigger", "direction": "in", "queueName": "messages-incoming", "connection": "AzureWebJobsStorage" },
                { "name": "$return", "type": "queue", "direction": "out", "queueName": "messages-outgoing", "connection": "AzureWebJobsStorage" }
              ]
            }
            """;

        var function = FunctionMetadata.Parse("MyQueueFunction", "MyQueueFunction/function.json", json);

        Assert.Equal(new FunctionBinding("queueTrigger", "in", "myQueueItem", "messages-incoming", "AzureWebJobsStorage", null, null, null), function.QueueTrigger);
        Assert.Null(function.HttpTrigger);
        Assert.Equal(2, function.Bindings.Count);
    }

    [Fact]
    public void Parse_BindingWithoutName_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => FunctionMetadata.Parse("F", "F/function.json", """{"bindings":[{"type":"queueTrigger","direction":"in"}]}"""));

    [Fact]
    public void Parse_NoBindingsArray_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => FunctionMetadata.Parse("F", "F/function.json", """{"disabled":false}"""));

    [Fact]
    public void LoadAll_FoldersAtSeveralDepths_ReadsOnlyTheFunctionFoldersNextToHostJson()
    {
        var root = QueueFunctionTestHost.NewContentRoot();
        try
        {
            QueueFunctionTestHost.WriteFunctionJson(root, "Publish", QueueFunctionTestHost.QueueFunctionJson("message", "publish"));
            QueueFunctionTestHost.WriteFunctionJson(Path.Combine(root, "bin", "Debug"), "Publish", QueueFunctionTestHost.QueueFunctionJson("message", "publish"));
            Directory.CreateDirectory(Path.Combine(root, "Storage"));

            var function = Assert.Single(FunctionMetadata.LoadAll(root));

            Assert.Equal("Publish", function.Name);
            Assert.Equal("message", function.QueueTrigger?.Name);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

public sealed class CustomHandlerProtocolTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("{ message: \"Message sent\" }", "{ message: \"Message sent\" }")]
    [InlineData("\"{\\\"a\\\":1}\"", "{\"a\":1}")]
    [InlineData("\"a\" \"b\"", "\"a\" \"b\"")]
    [InlineData("\"", "\"")]
    [InlineData("", "")]
    public void UnwrapJsonString_Text_RemovesOneLevelOfJsonStringEncodingOnly(string text, string expected) =>
        Assert.Equal(expected, CustomHandlerProtocol.UnwrapJsonString(text));

    [Fact]
    public void Response_Logs_IsTheDocumentedEnvelope() =>
        Assert.Equal("""{"Outputs":{},"Logs":["one"],"ReturnValue":null}""", CustomHandlerProtocol.Response(["one"]));

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("fe80::1", false)]
    public void IsLocalCaller_Address_AcceptsOnlyThisMachine(string address, bool expected) =>
        Assert.Equal(expected, QueueFunctionEndpoints.IsLocalCaller(IPAddress.Parse(address)));

    [Fact]
    public void IsLocalCaller_NoIpAddress_IsANonNetworkTransportAndAccepted() =>
        Assert.True(QueueFunctionEndpoints.IsLocalCaller(null));
}

public sealed class LocalQueueDispatcherUnitTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123/")]
    [InlineData("https://127.0.0.1:5001;http://localhost:5000", "http://localhost:5000/")]
    [InlineData("https://localhost:5001;http://[::]:5000", "http://[::1]:5000/")]
    [InlineData("http://0.0.0.0:5000;https://127.0.0.1:5001", "http://127.0.0.1:5000/")]
    [InlineData("http://+:80", "http://127.0.0.1/")]
    [InlineData("http://192.0.2.10:5000;http://127.0.0.1:5001", "http://127.0.0.1:5001/")]
    [InlineData("https://localhost:5001", "https://localhost:5001/")]
    [InlineData("http://127.0.0.1:5000/app", "http://127.0.0.1:5000/app/")]
    public void ChooseBaseAddress_ServerAddresses_PrefersLoopbackHttp(string addresses, string expected) =>
        Assert.Equal(new Uri(expected), LocalQueueDispatcher.ChooseBaseAddress(addresses.Split(';')));

    [Fact]
    public void ChooseBaseAddress_OnlyAUnixSocket_GivesNothing() =>
        Assert.Null(LocalQueueDispatcher.ChooseBaseAddress(["http://unix:/tmp/app.sock"]));

    [Fact]
    public void TryDecode_Base64_GivesTheUtf8Text()
    {
        Assert.True(LocalQueueDispatcher.TryDecode(Convert.ToBase64String("Grant £50"u8.ToArray()), HostQueueMessageEncoding.Base64, out var text));
        Assert.Equal("Grant £50", text);
    }

    [Fact]
    public void TryDecode_NotBase64_Fails() =>
        Assert.False(LocalQueueDispatcher.TryDecode("{\"schemeId\":\"x\"}", HostQueueMessageEncoding.Base64, out _));

    [Fact]
    public void TryDecode_None_KeepsTheText()
    {
        Assert.True(LocalQueueDispatcher.TryDecode("{\"schemeId\":\"x\"}", HostQueueMessageEncoding.None, out var text));
        Assert.Equal("{\"schemeId\":\"x\"}", text);
    }

    [Fact]
    public void ResolveAppSettings_PercentNames_AreReplacedFromConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Queues:Publish"] = "publish", ["Env"] = "dev" })
            .Build();

        Assert.Equal("publish-dev", LocalQueueDispatcher.ResolveAppSettings("%Queues__Publish%-%Env%", configuration));
        Assert.Equal("publish", LocalQueueDispatcher.ResolveAppSettings("publish", configuration));
        Assert.Throws<InvalidOperationException>(() => LocalQueueDispatcher.ResolveAppSettings("%Missing%", configuration));
    }
}

public sealed class FunctionsHostingExtensionsTests
{
    [Theory]
    [InlineData("Development", null, null, true)]
    [InlineData("Development", "false", null, false)]
    [InlineData("Development", null, "7071", false)]
    [InlineData("Development", "true", "7071", true)]
    [InlineData("Production", null, null, false)]
    [InlineData("Production", "false", null, false)]
    [InlineData("Testing", null, null, false)]
    [InlineData("Testing", "true", null, true)]
    public void AddFunctionsHosting_EnvironmentAndSettings_RegistersTheDispatcherOnlyWhereItBelongs(
        string environmentName, string? enabled, string? customHandlerPort, bool expected)
    {
        var services = new ServiceCollection();

        services.AddFunctionsHosting(Environment(environmentName), Configuration(enabled, customHandlerPort));

        Assert.Equal(expected, services.Any(descriptor => descriptor.ServiceType == typeof(LocalQueueDispatcher)));
        Assert.Equal(expected, services.Any(descriptor => descriptor.ServiceType == typeof(IHostedService)));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void AddFunctionsHosting_EnabledOutsideDevelopmentAndTesting_Throws(string environmentName)
    {
        var exception = Assert.Throws<InvalidOperationException>(
            () => new ServiceCollection().AddFunctionsHosting(Environment(environmentName), Configuration("true", null)));

        Assert.Contains(environmentName, exception.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? enabled, string? customHandlerPort) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["LocalQueueDispatcher:Enabled"] = enabled,
                [FunctionsHostingExtensions.CustomHandlerPortVariable] = customHandlerPort,
            })
            .Build();

    private static HostEnvironment Environment(string name) => new() { EnvironmentName = name };

    private sealed class HostEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "";

        public string ApplicationName { get; set; } = "PBudget.Functions";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

public sealed class MapQueueFunctionTests
{
    [Theory]
    [InlineData("")]
    [InlineData("api")]
    [InlineData("API")]
    [InlineData("a/b")]
    [InlineData("{name}")]
    [InlineData("1st")]
    [InlineData("with space")]
    public Task MapQueueFunction_InvalidName_ThrowsArgumentException(string functionName) =>
        WithAppAsync(app => Assert.Throws<ArgumentException>(() => app.MapQueueFunction(functionName, NoOpAsync)));

    [Fact]
    public Task MapQueueFunction_OnARouteGroup_ThrowsArgumentException() =>
        WithAppAsync(app => Assert.Throws<ArgumentException>(() => app.MapGroup("/api").MapQueueFunction("Publish", NoOpAsync)));

    [Fact]
    public Task MapQueueFunction_FunctionJsonWithoutQueueTrigger_ThrowsInvalidOperation() =>
        WithAppAsync(
            app => Assert.Throws<InvalidOperationException>(() => app.MapQueueFunction("Orders", NoOpAsync)),
            root => QueueFunctionTestHost.WriteFunctionJson(root, "Orders", """{"bindings":[{"type":"httpTrigger","direction":"in","name":"req"}]}"""));

    private static async Task WithAppAsync(Action<WebApplication> test, Action<string>? prepare = null)
    {
        var root = QueueFunctionTestHost.NewContentRoot();
        try
        {
            prepare?.Invoke(root);
            await using var app = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                EnvironmentName = FunctionsHostingExtensions.TestingEnvironmentName,
                ContentRootPath = root,
            }).Build();
            test(app);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static Task NoOpAsync(QueueInvocation invocation, IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}
