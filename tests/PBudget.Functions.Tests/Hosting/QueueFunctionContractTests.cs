using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PBudget.Functions.Hosting;

namespace PBudget.Functions.Tests.Hosting;

/// <summary>
/// The queue function endpoint against the Azure Functions custom handler contract, as documented in
/// "Azure Functions custom handlers" (learn.microsoft.com/azure/azure-functions/functions-custom-handlers,
/// source MicrosoftDocs/azure-docs articles/azure-functions/functions-custom-handlers.md):
/// <list type="bullet">
/// <item>"Request payload": for a queue message the host POSTs <c>/&lt;FunctionName&gt;</c> with
/// <c>{"Data": {"&lt;binding name&gt;": "&lt;message as a JSON string&gt;"}, "Metadata": {"DequeueCount": 1,
/// "ExpirationTime": "...", "Id": "...", "InsertionTime": "...", "NextVisibleTime": "...", "PopReceipt": "...",
/// "sys": {"MethodName": "...", "UtcNow": "...", "RandGuid": "..."}}}</c>.</item>
/// <item>"Response payload": <c>{"Outputs": {...}, "Logs": [...], "ReturnValue": ...}</c>; this app has no
/// output bindings, so <c>{"Outputs": {}, "Logs": [], "ReturnValue": null}</c>.</item>
/// <item>The host only reads the response after a success status; any other status fails the invocation
/// (azure-functions-host DefaultHttpWorkerService calls EnsureSuccessStatusCode), so the queue extension retries.</item>
/// </list>
/// </summary>
public sealed class QueueFunctionContractTests : IAsyncLifetime
{
    private const string FunctionName = "Contract";

    // The documented queue request, field for field, with this app's values: the message is a JSON string
    // holding the queue message text, and Metadata carries numbers and strings as in the docs' sample.
    private const string DocumentedRequest = """
        {
          "Data": {
            "message": "{ \"schemeId\": \"leeds-2026\" }"
          },
          "Metadata": {
            "DequeueCount": 1,
            "ExpirationTime": "2026-05-16T17:58:31+00:00",
            "Id": "5f0c2a1e-8d7b-4c55-9a3e-2b1f4e6d7c80",
            "InsertionTime": "2026-05-09T17:58:31+00:00",
            "NextVisibleTime": "2026-05-09T18:08:32+00:00",
            "PopReceipt": "AgAAAAMAAAAAAAAAtZ1xQm9W3AE=",
            "sys": {
              "MethodName": "Contract",
              "UtcNow": "2026-05-09T17:58:32.2205399Z",
              "RandGuid": "0b8f7f55-9f87-4a8e-b3b5-3d1c1e0a9a11"
            }
          }
        }
        """;

    private readonly RecordingHandler handler = new() { ProbeType = typeof(Marker) };
    private readonly RecordingHandler failing = RecordingHandler.AlwaysFails();
    private QueueFunctionTestHost host = null!;
    private HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        host = await QueueFunctionTestHost.StartAsync(
            QueueFunctionTestHost.NewContentRoot(),
            app =>
            {
                app.MapQueueFunction(FunctionName, handler.HandleAsync);
                app.MapQueueFunction("Failing", failing.HandleAsync);
            },
            builder => builder.Services.AddSingleton<Marker>());
        client = host.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task The_documented_queue_request_reaches_the_handler_and_gets_the_documented_response()
    {
        using var response = await PostAsync(FunctionName, DocumentedRequest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var invocation = Assert.Single(handler.Invocations);
        Assert.Equal(new QueueInvocation(FunctionName, "{ \"schemeId\": \"leeds-2026\" }", 1, "5f0c2a1e-8d7b-4c55-9a3e-2b1f4e6d7c80"), invocation);
        Assert.IsType<Marker>(handler.ProbedService); // the request's services reach the handler

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], body.RootElement.EnumerateObject().Select(property => property.Name));
        Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Empty(body.RootElement.GetProperty("Outputs").EnumerateObject());
        Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("Logs").ValueKind);
        Assert.Equal(0, body.RootElement.GetProperty("Logs").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("ReturnValue").ValueKind);
    }

    [Fact]
    public async Task A_message_serialised_twice_as_the_functions_host_code_does_reaches_the_handler_as_the_original_text()
    {
        // The host JSON-serialises a string value before it serialises the request (ScriptInvocationContextExtensions),
        // so the text and every metadata value can arrive quoted once more.
        const string hostRequest = """
            {
              "Data": { "message": "\"{\\\"schemeId\\\":\\\"leeds-2026\\\"}\"" },
              "Metadata": { "DequeueCount": "3", "Id": "\"5f0c2a1e-8d7b-4c55-9a3e-2b1f4e6d7c80\"" }
            }
            """;

        using var response = await PostAsync(FunctionName, hostRequest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new QueueInvocation(FunctionName, "{\"schemeId\":\"leeds-2026\"}", 3, "5f0c2a1e-8d7b-4c55-9a3e-2b1f4e6d7c80"), Assert.Single(handler.Invocations));
    }

    [Fact]
    public async Task A_message_the_host_passes_as_a_json_object_reaches_the_handler_as_its_json_text()
    {
        using var response = await PostAsync(FunctionName, """{"Data":{"message":{"schemeId":"leeds-2026"}},"Metadata":{"DequeueCount":2}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new QueueInvocation(FunctionName, """{"schemeId":"leeds-2026"}""", 2, null), Assert.Single(handler.Invocations));
    }

    [Fact]
    public async Task A_handler_that_throws_fails_the_invocation_with_a_non_success_status_and_its_error_in_Logs()
    {
        using var response = await PostAsync("Failing", DocumentedRequest);

        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var log = Assert.Single(body.RootElement.GetProperty("Logs").EnumerateArray()).GetString();
        Assert.Contains("Handler refused '{ \"schemeId\": \"leeds-2026\" }'.", log, StringComparison.Ordinal);
        Assert.Empty(body.RootElement.GetProperty("Outputs").EnumerateObject());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("ReturnValue").ValueKind);
        Assert.Single(failing.Invocations);
        Assert.Equal(1, host.Logs.Count("HandlerFailed"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"Data":"x","Metadata":{"DequeueCount":1}}""")]
    [InlineData("""{"Data":{},"Metadata":{"DequeueCount":1}}""")]
    [InlineData("""{"Data":{"message":"a","other":"b"},"Metadata":{"DequeueCount":1}}""")]
    [InlineData("""{"Data":{"message":null},"Metadata":{"DequeueCount":1}}""")]
    [InlineData("""{"Data":{"message":"a"}}""")]
    [InlineData("""{"Data":{"message":"a"},"Metadata":{}}""")]
    [InlineData("""{"Data":{"message":"a"},"Metadata":{"DequeueCount":0}}""")]
    [InlineData("""{"Data":{"message":"a"},"Metadata":{"DequeueCount":"many"}}""")]
    public async Task A_body_that_is_not_a_queue_invocation_request_is_rejected_with_400_problem_details(string body)
    {
        using var response = await PostAsync(FunctionName, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
        Assert.Empty(handler.Invocations);
    }

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("10.1.2.3")]
    [InlineData("2001:db8::1")]
    public async Task A_caller_that_is_not_on_loopback_is_refused_with_403_problem_details(string remoteAddress)
    {
        var context = await host.Server!.SendAsync(
            http =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
                http.Request.Method = HttpMethods.Post;
                http.Request.Path = "/" + FunctionName;
                http.Request.ContentType = "application/json";
                http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(DocumentedRequest));
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Empty(handler.Invocations);
    }

    [Fact]
    public void The_queue_endpoint_is_a_POST_that_allows_anonymous_callers_and_is_left_out_of_OpenAPI()
    {
        var endpoint = host.Endpoint("/" + FunctionName);

        Assert.Equal([HttpMethods.Post], endpoint.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods);
        Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
        Assert.True(endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription);
    }

    [Fact]
    public async Task A_fallback_policy_that_requires_a_signed_in_user_does_not_block_the_functions_host()
    {
        var handlerBehindPolicy = new RecordingHandler();
        await using var securedHost = await QueueFunctionTestHost.StartAsync(
            QueueFunctionTestHost.NewContentRoot(),
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet("/api/private", () => "private");
                app.MapQueueFunction(FunctionName, handlerBehindPolicy.HandleAsync);
            },
            builder =>
            {
                builder.Services.AddAuthentication(NobodyHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, NobodyHandler>(NobodyHandler.SchemeName, null);
                builder.Services.AddAuthorization(options => options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            });
        using var securedClient = securedHost.CreateClient();

        using var privateResponse = await securedClient.GetAsync(new Uri("/api/private", UriKind.Relative), TestContext.Current.CancellationToken);
        using var content = new StringContent(DocumentedRequest, Encoding.UTF8, "application/json");
        using var queueResponse = await securedClient.PostAsync(new Uri("/" + FunctionName, UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, privateResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, queueResponse.StatusCode);
        Assert.Single(handlerBehindPolicy.Invocations);
    }

    [Fact]
    public async Task The_trigger_value_is_read_by_the_binding_name_in_function_json_when_Data_holds_more_than_one_value()
    {
        var root = QueueFunctionTestHost.NewContentRoot();
        QueueFunctionTestHost.WriteFunctionJson(root, "Orders", QueueFunctionTestHost.QueueFunctionJson("order", "orders"));
        var ordersHandler = new RecordingHandler();
        await using var ordersHost = await QueueFunctionTestHost.StartAsync(root, app => app.MapQueueFunction("Orders", ordersHandler.HandleAsync));
        using var ordersClient = ordersHost.CreateClient();
        using var content = new StringContent(
            """{"Data":{"inputBlob":"ignored","order":"order 1005"},"Metadata":{"DequeueCount":1,"Id":"m-1"}}""",
            Encoding.UTF8,
            "application/json");

        using var response = await ordersClient.PostAsync(new Uri("/Orders", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new QueueInvocation("Orders", "order 1005", 1, "m-1"), Assert.Single(ordersHandler.Invocations));
    }

    private async Task<HttpResponseMessage> PostAsync(string functionName, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await client.PostAsync(new Uri("/" + functionName, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    private sealed class Marker;

    /// <summary>An authentication scheme that never signs anyone in, so the fallback policy challenges with 401.</summary>
    private sealed class NobodyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "Nobody";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }
}
