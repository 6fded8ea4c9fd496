using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using PBudget.Functions.Hosting;
using PBudget.Functions.Storage;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Hosting;

/// <summary>
/// The local queue dispatcher against a real Azurite: our own minimal app maps a queue function, a test
/// host.json and function.json in a temporary content root configure it, and each test has its own
/// storage name prefix. Tests wait for conditions with a generous ceiling and never assert on time.
/// </summary>
public sealed class LocalQueueDispatcherTests(AzuriteFixture azurite)
{
    private const string FunctionName = "Work";
    private const string QueueBaseName = "work";
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(60);

    private readonly string prefix = "h" + Guid.NewGuid().ToString("N")[..15];

    [Fact]
    public async Task A_message_is_delivered_once_over_real_http_to_the_discovered_address_and_then_deleted()
    {
        var handler = new RecordingHandler();
        await using var host = await StartAsync(handler, maxDequeueCount: 5, "none", kestrel: true);
        var sent = await Queue().SendMessageAsync("""{"schemeId":"leeds-2026"}""", TestContext.Current.CancellationToken);

        await WaitUntilAsync(async () => host.Logs.Count("Delivered") == 1 && await ApproximateCountAsync(Queue()) == 0, "the message to be handled and deleted");

        var invocation = Assert.Single(handler.Invocations);
        Assert.Equal(new QueueInvocation(FunctionName, """{"schemeId":"leeds-2026"}""", 1, sent.Value.MessageId), invocation);
        Assert.Equal(0, await ApproximateCountAsync(Poison()));
    }

    [Fact]
    public async Task A_message_whose_handler_always_fails_is_tried_maxDequeueCount_times_then_moved_to_the_poison_queue()
    {
        var handler = RecordingHandler.AlwaysFails();
        await using var host = await StartAsync(handler, maxDequeueCount: 3, "none");
        await Queue().SendMessageAsync("poisonous", TestContext.Current.CancellationToken);

        await WaitUntilAsync(
            async () => host.Logs.Count("MovedToPoison") == 1 && await ApproximateCountAsync(Queue()) == 0,
            "the message to reach the poison queue");

        Assert.Equal([1L, 2L, 3L], handler.Invocations.Select(invocation => invocation.DequeueCount));
        Assert.All(handler.Invocations, invocation => Assert.Equal("poisonous", invocation.MessageText));
        var poisoned = await Poison().ReceiveMessageAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("poisonous", poisoned.Value.MessageText);
        Assert.Equal(2, host.Logs.Count("WillRetry"));
    }

    [Fact]
    public async Task A_message_whose_handler_fails_once_is_delivered_again_with_DequeueCount_2_and_then_deleted()
    {
        var handler = RecordingHandler.FailsFirstTime();
        await using var host = await StartAsync(handler, maxDequeueCount: 5, "none");
        await Queue().SendMessageAsync("second time lucky", TestContext.Current.CancellationToken);

        await WaitUntilAsync(
            async () => handler.Invocations.Count >= 2 && await ApproximateCountAsync(Queue()) == 0,
            "the message to be handled on its second delivery and deleted");

        Assert.Equal([1L, 2L], handler.Invocations.Select(invocation => invocation.DequeueCount));
        Assert.All(handler.Invocations, invocation => Assert.Equal("second time lucky", invocation.MessageText));
        Assert.Equal(0, await ApproximateCountAsync(Poison()));
    }

    [Fact]
    public async Task A_base64_message_is_decoded_before_delivery_when_host_json_says_base64()
    {
        var handler = new RecordingHandler();
        await using var host = await StartAsync(handler, maxDequeueCount: 5, "base64");
        var base64Sender = new QueueClient(
            azurite.ConnectionString,
            prefix + QueueBaseName,
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await base64Sender.SendMessageAsync("""{"schemeId":"leeds-2026","reason":"£ and é survive"}""", TestContext.Current.CancellationToken);

        await WaitUntilAsync(async () => !handler.Invocations.IsEmpty && await ApproximateCountAsync(Queue()) == 0, "the message to be handled and deleted");

        Assert.Equal("""{"schemeId":"leeds-2026","reason":"£ and é survive"}""", Assert.Single(handler.Invocations).MessageText);
    }

    [Fact]
    public async Task A_message_that_is_not_base64_when_host_json_says_base64_goes_to_the_poison_queue_without_reaching_the_handler()
    {
        var handler = new RecordingHandler();
        await using var host = await StartAsync(handler, maxDequeueCount: 2, "base64");
        await Queue().SendMessageAsync("{not base64}", TestContext.Current.CancellationToken);

        await WaitUntilAsync(
            async () => await ApproximateCountAsync(Poison()) == 1 && await ApproximateCountAsync(Queue()) == 0,
            "the undecodable message to reach the poison queue");

        Assert.Empty(handler.Invocations);
        Assert.Equal("{not base64}", (await Poison().ReceiveMessageAsync(cancellationToken: TestContext.Current.CancellationToken)).Value.MessageText);
    }

    [Fact]
    public async Task A_dispatcher_that_cannot_tell_where_the_app_listens_logs_an_error_and_leaves_the_app_and_the_message_alone()
    {
        var handler = new RecordingHandler();
        await using var host = await StartAsync(handler, maxDequeueCount: 5, "none", connectDispatcher: false);
        await Queue().SendMessageAsync("waiting", TestContext.Current.CancellationToken);

        await WaitUntilAsync(() => Task.FromResult(host.Logs.Count("NoBaseAddress") == 1), "the dispatcher to report that it has no address");

        Assert.Empty(handler.Invocations);
        Assert.Equal(1, await ApproximateCountAsync(Queue()));
        using var client = host.CreateClient();
        using var content = new StringContent("""{"Data":{"message":"direct"},"Metadata":{"DequeueCount":1}}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/" + FunctionName, UriKind.Relative), content, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode); // the app still runs
    }

    private async Task<QueueFunctionTestHost> StartAsync(
        RecordingHandler handler, int maxDequeueCount, string messageEncoding, bool kestrel = false, bool connectDispatcher = true)
    {
        var root = QueueFunctionTestHost.NewContentRoot();
        await File.WriteAllTextAsync(
            Path.Combine(root, QueueHostSettings.HostFileName),
            QueueFunctionTestHost.HostJson(maxDequeueCount, messageEncoding),
            TestContext.Current.CancellationToken);
        QueueFunctionTestHost.WriteFunctionJson(root, FunctionName, QueueFunctionTestHost.QueueFunctionJson("message", QueueBaseName));

        // The queues exist before the first send; the dispatcher also creates them if they are missing.
        await Queue().CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        await Poison().CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);

        return await QueueFunctionTestHost.StartAsync(
            root,
            app => app.MapQueueFunction(FunctionName, handler.HandleAsync),
            settings: new Dictionary<string, string?>
            {
                ["LocalQueueDispatcher:Enabled"] = "true",
                ["Storage:ConnectionString"] = azurite.ConnectionString,
                ["Storage:NamePrefix"] = prefix,
            },
            kestrel: kestrel,
            connectDispatcher: connectDispatcher);
    }

    // Plain text, as the app's StorageClients sends; base names get this test's prefix.
    private QueueClient Queue() => new(azurite.ConnectionString, prefix + QueueBaseName);

    private QueueClient Poison() => new(azurite.ConnectionString, prefix + QueueBaseName + StorageNames.PoisonSuffix);

    // Counts invisible (in-flight) messages too, unlike a peek.
    private static async Task<int> ApproximateCountAsync(QueueClient queue) =>
        (await queue.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Ceiling;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Gave up waiting for {what} after {Ceiling.TotalSeconds} s.");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
