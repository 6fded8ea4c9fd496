using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PBudget.Functions.Hosting;

/// <summary>Maps queue-triggered functions to the endpoints the Azure Functions host invokes.</summary>
public static partial class QueueFunctionEndpoints
{
    /// <summary>
    /// Maps <c>POST /{functionName}</c>, the endpoint the Azure Functions host (or, in Development, the local
    /// queue dispatcher) calls for each message on the queue named in <c>{functionName}/function.json</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The endpoint reads the custom handler invocation request, calls <paramref name="handler"/> with the
    /// decoded message, and answers <c>200</c> with the documented response envelope
    /// (<c>{"Outputs":{},"Logs":[],"ReturnValue":null}</c>). If the handler throws it answers <c>500</c> with
    /// the error in <c>Logs</c>: the host then makes the message visible again after host.json's
    /// <c>visibilityTimeout</c>, and after <c>maxDequeueCount</c> tries moves it to <c>&lt;queue&gt;-poison</c>.
    /// A body that is not an invocation request gets <c>400</c> problem details.
    /// </para>
    /// <para>
    /// Messages can arrive more than once: <paramref name="handler"/> must be idempotent (see <see cref="QueueInvocation"/>).
    /// </para>
    /// <para>
    /// Only callers on this machine are served (the host runs beside the app; others get <c>403</c> problem
    /// details). The endpoint allows anonymous access explicitly, so an app-wide fallback policy that requires
    /// a signed-in user does not block the host, and is left out of the OpenAPI document. Its path is outside
    /// <c>/api</c>, so the catch-all HTTP function (route <c>api/{*path}</c>) never proxies a public request to it.
    /// </para>
    /// </remarks>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="functionName">The function's folder name in the deployment, for example <c>Publish</c>.</param>
    /// <param name="handler">Runs the function: the invocation, the request's services, and a token that fires when the host gives up.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="functionName"/> is not a valid function name, or is <c>api</c>; or <paramref name="endpoints"/> is a route group.
    /// </exception>
    /// <exception cref="InvalidOperationException">The function's <c>function.json</c> exists but has no queue trigger.</exception>
    public static IEndpointConventionBuilder MapQueueFunction(
        this IEndpointRouteBuilder endpoints,
        string functionName,
        Func<QueueInvocation, IServiceProvider, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(handler);
        if (string.IsNullOrEmpty(functionName) || !FunctionNamePattern().IsMatch(functionName))
        {
            throw new ArgumentException(
                $"'{functionName}' is not a function name: use letters, digits, '-' and '_', starting with a letter.",
                nameof(functionName));
        }

        if (string.Equals(functionName, "api", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("'api' is the HTTP catch-all function's folder and route prefix.", nameof(functionName));
        }

        if (endpoints is RouteGroupBuilder)
        {
            // A group's prefix would move the endpoint away from the path the host calls.
            throw new ArgumentException("Map queue functions on the app itself: the host calls /{FunctionName} at the root.", nameof(endpoints));
        }

        var bindingName = FindTriggerBindingName(endpoints.ServiceProvider, functionName);

        // A Func (not a RequestDelegate) so that the returned IResult is written to the response.
        Func<HttpContext, Task<IResult>> invoke = context => InvokeAsync(context, functionName, bindingName, handler);
        return endpoints
            .MapPost("/" + functionName, invoke)
            .WithDisplayName($"Queue function {functionName}")
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
    }

    /// <summary>Whether an address is this machine's loopback (IPv4, IPv6, or IPv4 mapped to IPv6).</summary>
    internal static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>
    /// Whether a caller is on this machine: a loopback address, or no IP address at all, which only a
    /// non-network transport gives (in-process TestServer, a Unix socket, a named pipe): none of them can be
    /// reached from another machine.
    /// </summary>
    internal static bool IsLocalCaller(IPAddress? remoteAddress) => remoteAddress is null || IsLoopback(remoteAddress);

    /// <summary>
    /// The trigger's binding name from <c>{functionsRoot}/{functionName}/function.json</c>, or <see langword="null"/>
    /// when that file is not there (for example in a test host); then <c>Data</c> must hold exactly one value.
    /// </summary>
    private static string? FindTriggerBindingName(IServiceProvider services, string functionName)
    {
        var path = Path.Combine(FunctionsHostingExtensions.FunctionsRoot(services), functionName, FunctionMetadata.FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var function = FunctionMetadata.Load(path);
        return function.QueueTrigger?.Name
            ?? throw new InvalidOperationException($"{path} has no queueTrigger binding, so '{functionName}' is not a queue function.");
    }

    [SuppressMessage(
        "Design",
        "CA1031:Do not catch general exception types",
        Justification = "Any handler failure must become a non-2xx answer, so that the host retries and then poisons the message.")]
    private static async Task<IResult> InvokeAsync(
        HttpContext context,
        string functionName,
        string? bindingName,
        Func<QueueInvocation, IServiceProvider, CancellationToken, Task> handler)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(QueueFunctionEndpoints).FullName!);
        var remote = context.Connection.RemoteIpAddress;
        if (!IsLocalCaller(remote))
        {
            Log.RefusedRemoteCaller(logger, functionName, remote?.ToString() ?? "(none)");
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Only the Azure Functions host can invoke queue functions.",
                detail: "Queue function endpoints answer callers on this machine only.");
        }

        QueueInvocation? invocation;
        string? error;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            CustomHandlerProtocol.TryReadQueueInvocation(document.RootElement, functionName, bindingName, out invocation, out error);
        }
        catch (JsonException exception)
        {
            invocation = null;
            error = $"The body is not JSON: {exception.Message}";
        }

        if (invocation is null)
        {
            Log.MalformedInvocation(logger, functionName, error!);
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The request is not an Azure Functions queue invocation.",
                detail: error);
        }

        Log.Invoking(logger, functionName, invocation.MessageId, invocation.DequeueCount);
        try
        {
            await handler(invocation, context.RequestServices, context.RequestAborted);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            Log.HandlerFailed(logger, exception, functionName, invocation.MessageId, invocation.DequeueCount);
            var line = $"{functionName} failed on delivery {invocation.DequeueCount} of message {invocation.MessageId}: {exception.GetType().Name}: {exception.Message}";
            return Envelope(StatusCodes.Status500InternalServerError, [line]);
        }

        return Envelope(StatusCodes.Status200OK, []);
    }

    private static IResult Envelope(int statusCode, IEnumerable<string> logs) =>
        Results.Text(CustomHandlerProtocol.Response(logs), CustomHandlerProtocol.JsonContentType, Encoding.UTF8, statusCode);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionNamePattern();

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Refused a call to queue function {FunctionName} from {RemoteAddress}: only callers on this machine are served.")]
        public static partial void RefusedRemoteCaller(ILogger logger, string functionName, string remoteAddress);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Refused a malformed invocation of queue function {FunctionName}: {Error}")]
        public static partial void MalformedInvocation(ILogger logger, string functionName, string error);

        [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Running queue function {FunctionName} for message {MessageId}, delivery {DequeueCount}.")]
        public static partial void Invoking(ILogger logger, string functionName, string? messageId, long dequeueCount);

        [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Queue function {FunctionName} failed for message {MessageId} on delivery {DequeueCount}; the host will retry or move it to the poison queue.")]
        public static partial void HandlerFailed(ILogger logger, Exception exception, string functionName, string? messageId, long dequeueCount);
    }
}
