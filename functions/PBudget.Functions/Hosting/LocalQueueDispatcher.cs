using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Hosting;

/// <summary>
/// A Development convenience that does locally what the Azure Functions host does in Azure: it polls the
/// queue of every <c>*/function.json</c> with a <c>queueTrigger</c>, POSTs each message to this app's
/// <c>/{FunctionName}</c> endpoint with the custom handler invocation request, deletes the message on a 2xx
/// answer, lets it reappear after host.json's <c>visibilityTimeout</c> otherwise, and after
/// <c>maxDequeueCount</c> tries moves it to <c>&lt;queue&gt;-poison</c>. It is not the production engine.
/// </summary>
/// <remarks>
/// <para>
/// It reaches the app through the named HTTP client <see cref="HttpClientName"/>. The address is, in order:
/// <see cref="LocalQueueDispatcherOptions.BaseAddress"/>, the client's own base address, or the server's
/// listening address once the app has started (a loopback http address preferred). A test host on
/// <c>TestServer</c> gives the client a base address and <c>server.CreateHandler()</c> as its primary handler.
/// </para>
/// <para>Queue names in function.json are base names: <see cref="StorageClients"/> applies the configured prefix.</para>
/// </remarks>
public sealed partial class LocalQueueDispatcher : BackgroundService
{
    /// <summary>The name of the <see cref="HttpClient"/> the dispatcher sends invocations with.</summary>
    public const string HttpClientName = "PBudget.Functions.LocalQueueDispatcher";

    private readonly LocalQueueDispatcherOptions options;
    private readonly StorageClients storage;
    private readonly IHttpClientFactory httpClientFactory;
    private readonly IServer server;
    private readonly IHostApplicationLifetime lifetime;
    private readonly IConfiguration configuration;
    private readonly string functionsRoot;
    private readonly ILogger<LocalQueueDispatcher> logger;
    private TaskCompletionSource wakeSignal = NewSignal();

    /// <summary>Creates the dispatcher; <see cref="FunctionsHostingExtensions.AddFunctionsHosting"/> registers it.</summary>
    public LocalQueueDispatcher(
        IOptions<LocalQueueDispatcherOptions> options,
        StorageClients storage,
        IHttpClientFactory httpClientFactory,
        IServer server,
        IHostApplicationLifetime lifetime,
        IHostEnvironment environment,
        IConfiguration configuration,
        ILogger<LocalQueueDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        this.options = options.Value;
        this.storage = storage;
        this.httpClientFactory = httpClientFactory;
        this.server = server;
        this.lifetime = lifetime;
        this.configuration = configuration;
        this.logger = logger;
        functionsRoot = this.options.FunctionsRoot ?? environment.ContentRootPath;
    }

    /// <summary>
    /// Polls every queue now instead of at the end of its back-off, for example right after the app enqueued a
    /// message. Optional: without it a message waits at most host.json's <c>maxPollingInterval</c>.
    /// </summary>
    public void Wake() => Interlocked.Exchange(ref wakeSignal, NewSignal()).TrySetResult();

    /// <summary>Picks the address to reach this app at from the server's listening addresses.</summary>
    /// <returns>A loopback http address if there is one, then https; wildcard hosts become loopback; null if none fits.</returns>
    internal static Uri? ChooseBaseAddress(IEnumerable<string> addresses) =>
        addresses
            .Select(Candidate)
            .Where(candidate => candidate is not null)
            .OrderBy(candidate => candidate!.Value.Rank)
            .Select(candidate => candidate!.Value.Address)
            .FirstOrDefault();

    /// <summary>Decodes a message body as the queue extension does for host.json's <c>messageEncoding</c>.</summary>
    internal static bool TryDecode(string body, HostQueueMessageEncoding encoding, [NotNullWhen(true)] out string? text)
    {
        if (encoding == HostQueueMessageEncoding.None)
        {
            text = body;
            return true;
        }

        var bytes = new byte[body.Length];
        if (Convert.TryFromBase64String(body, bytes, out var length))
        {
            text = Encoding.UTF8.GetString(bytes, 0, length);
            return true;
        }

        text = null;
        return false;
    }

    /// <summary>Replaces <c>%Setting%</c> in a binding property with the app setting, as the Functions host does.</summary>
    internal static string ResolveAppSettings(string value, IConfiguration configuration) =>
        AppSettingPattern().Replace(value, match =>
        {
            var key = match.Groups[1].Value;
            return configuration[key.Replace("__", ":", StringComparison.Ordinal)]
                ?? throw new InvalidOperationException($"The app setting '{key}' used in '{value}' is not set.");
        });

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The server's address is only known once the app has started, and invocations need the app ready.
        await WaitForAppStartedAsync(stoppingToken);

        var hostJson = Path.Combine(functionsRoot, QueueHostSettings.HostFileName);
        QueueHostSettings settings;
        if (File.Exists(hostJson))
        {
            settings = QueueHostSettings.Load(hostJson);
        }
        else
        {
            Log.NoHostJson(logger, hostJson);
            settings = new QueueHostSettings();
        }

        var functions = FunctionMetadata.LoadAll(functionsRoot).Where(function => function.QueueTrigger is not null).ToList();
        if (functions.Count == 0)
        {
            Log.NoQueueFunctions(logger, functionsRoot);
            return;
        }

        if (ResolveBaseAddress() is not { } baseAddress)
        {
            return;
        }

        var names = string.Join(", ", functions.Select(function => function.Name));
        Log.Started(logger, names, baseAddress, settings.MaxDequeueCount, settings.VisibilityTimeout, settings.MessageEncoding);
        await Task.WhenAll(functions.Select(function => RunQueueAsync(function, settings, baseAddress, stoppingToken)));
    }

    [SuppressMessage(
        "Design",
        "CA1031:Do not catch general exception types",
        Justification = "A storage outage (Azurite not started yet) must back off and retry, not stop the app.")]
    private async Task RunQueueAsync(FunctionMetadata function, QueueHostSettings settings, Uri baseAddress, CancellationToken stoppingToken)
    {
        var trigger = function.QueueTrigger!;
        var baseName = ResolveAppSettings(
            trigger.QueueName ?? throw new InvalidDataException($"{function.FunctionJsonPath}: the queueTrigger has no queueName."),
            configuration);
        var queue = storage.Queue(baseName);
        var poison = storage.Queue(baseName + StorageNames.PoisonSuffix);
        var created = false;
        var delay = QueueHostSettings.MinimumPollingInterval;

        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before polling, so that a Wake() during the poll is not lost.
            var wake = Volatile.Read(ref wakeSignal).Task;
            QueueMessage[] messages = [];
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }

                messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, options.ProcessingLease, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                Log.PollFailed(logger, exception, queue.Name);
            }

            if (messages.Length > 0)
            {
                // The host processes a batch in parallel too; handlers must cope with that.
                await Task.WhenAll(messages.Select(message =>
                    DeliverAsync(function, trigger.Name, settings, queue, poison, message, baseAddress, stoppingToken)));
                delay = QueueHostSettings.MinimumPollingInterval;
                continue;
            }

            using (var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                await Task.WhenAny(Task.Delay(delay, delayCancellation.Token), wake);
                await delayCancellation.CancelAsync();
            }

            delay = wake.IsCompleted
                ? QueueHostSettings.MinimumPollingInterval
                : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
        }
    }

    private async Task DeliverAsync(
        FunctionMetadata function,
        string bindingName,
        QueueHostSettings settings,
        QueueClient queue,
        QueueClient poison,
        QueueMessage message,
        Uri baseAddress,
        CancellationToken stoppingToken)
    {
        string? failure;
        try
        {
            failure = TryDecode(message.MessageText, settings.MessageEncoding, out var text)
                ? await InvokeAsync(function.Name, bindingName, text, message, baseAddress, stoppingToken)
                : "the message body is not base64, as host.json's messageEncoding requires";
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down mid-delivery: make the message visible again at once rather than after the lease.
            await CompleteAsync(queue, poison, message, () => queue.UpdateMessageAsync(
                message.MessageId, message.PopReceipt, message.MessageText, TimeSpan.Zero, CancellationToken.None));
            return;
        }

        if (failure is null)
        {
            await CompleteAsync(queue, poison, message, async () =>
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                Log.Delivered(logger, function.Name, message.MessageId, message.DequeueCount);
            });
        }
        else if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            // As the host does: copy the body as stored (still encoded) to the poison queue, then delete.
            await CompleteAsync(queue, poison, message, async () =>
            {
                await poison.SendMessageAsync(message.MessageText, CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                Log.MovedToPoison(logger, function.Name, message.MessageId, message.DequeueCount, poison.Name, failure);
            });
        }
        else
        {
            await CompleteAsync(queue, poison, message, async () =>
            {
                await queue.UpdateMessageAsync(
                    message.MessageId, message.PopReceipt, message.MessageText, settings.VisibilityTimeout, CancellationToken.None);
                Log.WillRetry(logger, function.Name, message.MessageId, message.DequeueCount, settings.MaxDequeueCount, settings.VisibilityTimeout, failure);
            });
        }
    }

    /// <summary>Sends one invocation; returns null on a 2xx answer, else why it failed.</summary>
    private async Task<string?> InvokeAsync(string functionName, string bindingName, string text, QueueMessage message, Uri baseAddress, CancellationToken stoppingToken)
    {
        Log.Delivering(logger, functionName, message.MessageId, message.DequeueCount);
        using var client = httpClientFactory.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, Uri.EscapeDataString(functionName)));
        request.Content = new ByteArrayContent(CustomHandlerProtocol.QueueRequest(functionName, bindingName, text, message, DateTimeOffset.UtcNow));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(CustomHandlerProtocol.JsonContentType);
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.ProcessingLease);
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            var logs = CustomHandlerProtocol.ReadLogs(await response.Content.ReadAsStringAsync(timeout.Token));
            return $"HTTP {(int)response.StatusCode}" + (logs.Count > 0 ? ": " + string.Join(" | ", logs) : "");
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return $"no answer within {options.ProcessingLease}";
        }
        catch (HttpRequestException exception)
        {
            return exception.Message;
        }
    }

    [SuppressMessage(
        "Design",
        "CA1031:Do not catch general exception types",
        Justification = "A failed delete or release only means the message comes back; log it and keep dispatching.")]
    private async Task CompleteAsync(QueueClient queue, QueueClient poison, QueueMessage message, Func<Task> complete)
    {
        try
        {
            await complete();
        }
        catch (Exception exception)
        {
            // Typically the lease ran out and another poll took the message: its pop receipt no longer works.
            Log.CompleteFailed(logger, exception, message.MessageId, queue.Name, poison.Name);
        }
    }

    /// <summary>Where to send invocations, or null (logged) when it cannot be told: then the dispatcher stays idle rather than stop the app.</summary>
    private Uri? ResolveBaseAddress()
    {
        if (options.BaseAddress is { } configured)
        {
            return WithTrailingSlash(configured);
        }

        using (var probe = httpClientFactory.CreateClient(HttpClientName))
        {
            if (probe.BaseAddress is { } clientAddress)
            {
                return WithTrailingSlash(clientAddress);
            }
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (ChooseBaseAddress(addresses) is { } address)
        {
            return address;
        }

        Log.NoBaseAddress(logger, string.Join(", ", addresses), LocalQueueDispatcherOptions.SectionName, HttpClientName);
        return null;
    }

    private async Task WaitForAppStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }
    }

    private static (Uri Address, int Rank)? Candidate(string address)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return null;
        }

        if (binding.IsUnixPipe || binding.Port <= 0)
        {
            return null;
        }

        var host = binding.Host;
        int hostRank;
        if (host is "+" or "*" or "0.0.0.0")
        {
            (host, hostRank) = ("127.0.0.1", 2);
        }
        else if (host is "[::]" or "::")
        {
            (host, hostRank) = ("[::1]", 2);
        }
        else if (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            hostRank = QueueFunctionEndpoints.IsLoopback(ip) ? 0 : 5;
        }
        else
        {
            hostRank = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? 1 : 5;
        }

        var schemeRank = string.Equals(binding.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) ? 0 : 10;
        var uri = new UriBuilder(binding.Scheme, host, binding.Port, binding.PathBase.TrimEnd('/') + "/").Uri;
        return (uri, schemeRank + hostRank);
    }

    private static Uri WithTrailingSlash(Uri address) =>
        address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [GeneratedRegex("%([^%]+)%", RegexOptions.CultureInvariant)]
    private static partial Regex AppSettingPattern();

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Local queue dispatcher delivering to {Functions} at {BaseAddress} (maxDequeueCount {MaxDequeueCount}, visibilityTimeout {VisibilityTimeout}, messageEncoding {MessageEncoding}). In Azure the Functions host does this.")]
        public static partial void Started(ILogger logger, string functions, Uri baseAddress, int maxDequeueCount, TimeSpan visibilityTimeout, HostQueueMessageEncoding messageEncoding);

        [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Local queue dispatcher found no queue-triggered function.json under {FunctionsRoot}; nothing to deliver.")]
        public static partial void NoQueueFunctions(ILogger logger, string functionsRoot);

        [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Local queue dispatcher found no {HostJson}; using the queue extension's defaults.")]
        public static partial void NoHostJson(ILogger logger, string hostJson);

        [LoggerMessage(EventId = 19, Level = LogLevel.Error, Message = "Local queue dispatcher cannot tell where this app listens (server addresses: '{Addresses}'), so it delivers nothing. Set {Section}:BaseAddress, or give the '{HttpClientName}' HTTP client a base address (and, on TestServer, server.CreateHandler() as its primary handler).")]
        public static partial void NoBaseAddress(ILogger logger, string addresses, string section, string httpClientName);

        [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Delivering message {MessageId} to {FunctionName}, delivery {DequeueCount}.")]
        public static partial void Delivering(ILogger logger, string functionName, string messageId, long dequeueCount);

        [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "{FunctionName} handled message {MessageId} on delivery {DequeueCount}; deleted it.")]
        public static partial void Delivered(ILogger logger, string functionName, string messageId, long dequeueCount);

        [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "{FunctionName} failed message {MessageId} on delivery {DequeueCount} of {MaxDequeueCount}; it will be retried after {VisibilityTimeout}. Reason: {Failure}")]
        public static partial void WillRetry(ILogger logger, string functionName, string messageId, long dequeueCount, int maxDequeueCount, TimeSpan visibilityTimeout, string failure);

        [LoggerMessage(EventId = 16, Level = LogLevel.Error, Message = "{FunctionName} failed message {MessageId} on its last delivery ({DequeueCount}); moved it to {PoisonQueue}. Reason: {Failure}")]
        public static partial void MovedToPoison(ILogger logger, string functionName, string messageId, long dequeueCount, string poisonQueue, string failure);

        [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "Polling queue {QueueName} failed; will retry.")]
        public static partial void PollFailed(ILogger logger, Exception exception, string queueName);

        [LoggerMessage(EventId = 18, Level = LogLevel.Warning, Message = "Could not complete message {MessageId} on {QueueName} (poison queue {PoisonQueue}); it will reappear.")]
        public static partial void CompleteFailed(ILogger logger, Exception exception, string messageId, string queueName, string poisonQueue);
    }
}
