using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PBudget.Functions.Hosting;
using PBudget.Functions.Notifications;
using PBudget.Functions.Storage;
using PBudget.Functions.Tests.Hosting;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Notifications;

/// <summary>
/// The Notify queue function in the real app against a real Azurite: notifications are enqueued through the
/// app's own <see cref="NotificationRequests"/>, and the function is invoked at <c>POST /Notify</c> with the
/// request the Azure Functions host sends for a queue message.
/// </summary>
public sealed class NotifyFunctionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(60);

    private readonly string mailbox = Path.Combine(Path.GetTempPath(), "pbudget-tests", Guid.NewGuid().ToString("N"), "mailbox");
    private readonly RecordingLoggerProvider logs = new();
    private PBudgetApp app = null!;
    private WebApplicationFactory<Program> factory = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        app = new PBudgetApp(azurite, settings: new Dictionary<string, string?> { ["Notifications:MailboxFolder"] = mailbox });
        factory = app.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await app.DisposeAsync();
        var root = Path.GetDirectoryName(mailbox)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task An_enqueued_notification_lands_in_the_mailbox_folder_as_an_eml_file_when_the_Notify_function_runs()
    {
        var notification = NotificationSamples.Unique();
        await factory.Services.GetRequiredService<NotificationRequests>().EnqueueAsync(notification, Cancel);
        var message = await ReceiveAsync();

        using var response = await InvokeNotifyAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(notification.ToMessageText(), message.MessageText); // plain JSON, as host.json's messageEncoding "none" expects
        var eml = await File.ReadAllTextAsync(Path.Combine(mailbox, notification.Id + ".eml"), Cancel);
        Assert.Contains("To: \"Rita Resident\" <rita@example.org>\r\n", eml, StringComparison.Ordinal);
        Assert.Contains($"Message-ID: <{notification.Id}@pbudget.localhost>\r\n", eml, StringComparison.Ordinal);
        Assert.Contains("\r\n\r\nDear Rita,\r\n", eml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redelivered_or_twice_enqueued_notification_writes_the_same_mail_once()
    {
        var notification = NotificationSamples.Unique();
        var requests = factory.Services.GetRequiredService<NotificationRequests>();
        await requests.EnqueueAsync(notification, Cancel);
        await requests.EnqueueAsync(notification, Cancel);
        var first = await ReceiveAsync();
        var second = await ReceiveAsync();

        using var delivered = await InvokeNotifyAsync(first);
        var written = await File.ReadAllBytesAsync(Path.Combine(mailbox, notification.Id + ".eml"), Cancel);
        using var redelivered = await InvokeNotifyAsync(first);
        using var again = await InvokeNotifyAsync(second);

        Assert.All([delivered, redelivered, again], response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal([notification.Id + ".eml"], Directory.GetFiles(mailbox).Select(Path.GetFileName));
        Assert.Equal(written, await File.ReadAllBytesAsync(Path.Combine(mailbox, notification.Id + ".eml"), Cancel));
    }

    [Fact]
    public async Task A_malformed_notification_fails_the_invocation_so_the_host_retries_it_and_then_moves_it_to_the_poison_queue()
    {
        using var response = await factory.CreateClient().PostAsJsonAsync(
            "/" + NotificationsSetup.FunctionName,
            new { Data = new { message = """{"id":"n-1","subject":"no recipient"}""" }, Metadata = new { DequeueCount = 1, Id = "m-1" } },
            Cancel);

        Assert.False(response.IsSuccessStatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var log = Assert.Single(body.RootElement.GetProperty("Logs").EnumerateArray()).GetString();
        Assert.Contains(nameof(FormatException), log, StringComparison.Ordinal);
        Assert.False(Directory.Exists(mailbox) && Directory.EnumerateFiles(mailbox).Any());
    }

    [Fact]
    public async Task A_notification_for_someone_with_no_email_address_is_dropped_with_a_log_line_and_does_not_fail()
    {
        var notification = NotificationSamples.Unique(emailAddress: null);
        await factory.Services.GetRequiredService<NotificationRequests>().EnqueueAsync(notification, Cancel);

        using var response = await InvokeNotifyAsync(await ReceiveAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(File.Exists(Path.Combine(mailbox, notification.Id + ".eml")));
        var dropped = Assert.Single(logs.Events, e => e.EventId.Name == "DroppedWithoutAddress");
        Assert.Equal(LogLevel.Warning, dropped.Level);
        Assert.Contains(notification.Id, dropped.Message, StringComparison.Ordinal);
        Assert.Contains("no email address", dropped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_the_local_queue_dispatcher_delivers_an_enqueued_notification_to_the_mailbox_folder()
    {
        await using var local = new PBudgetApp(azurite, settings: new Dictionary<string, string?>
        {
            ["Notifications:MailboxFolder"] = mailbox,
            ["LocalQueueDispatcher:Enabled"] = "true",
        });
        await using var dispatching = local.WithWebHostBuilder(builder => builder.ConfigureServices(services => services
            .AddHttpClient(LocalQueueDispatcher.HttpClientName, client => client.BaseAddress = new Uri("http://localhost/"))
            .ConfigurePrimaryHttpMessageHandler(provider => ((TestServer)provider.GetRequiredService<IServer>()).CreateHandler())));
        var notification = NotificationSamples.Unique();

        await dispatching.Services.GetRequiredService<NotificationRequests>().EnqueueAsync(notification, Cancel);
        dispatching.Services.GetRequiredService<LocalQueueDispatcher>().Wake();

        var path = Path.Combine(mailbox, notification.Id + ".eml");
        var deadline = DateTime.UtcNow + Ceiling;
        while (!File.Exists(path))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No mail at {path} after {Ceiling.TotalSeconds} s.");
            await Task.Delay(100, Cancel);
        }
    }

    [Fact]
    public async Task The_app_does_not_start_when_notifications_have_nowhere_to_go()
    {
        var settings = new Dictionary<string, string?> { ["Notifications:MailboxFolder"] = "" };
        var services = new ServiceCollection();
        services.AddPBudgetNotifications(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await using var provider = services.BuildServiceProvider();

        // The options say why; the whole app then refuses to start. (When a host fails to start, WebApplicationFactory
        // sometimes reports the disposed provider instead of the validation error, so only the failure is asserted there.)
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<NotificationsOptions>>().Value);
        Assert.Contains("Notifications have nowhere to go", error.Message, StringComparison.Ordinal);
        await using var unconfigured = new PBudgetApp(azurite, settings: settings);
        Assert.ThrowsAny<Exception>(() => unconfigured.CreateClient());
    }

    /// <summary>Takes the next message off this app's notifications queue, as the Functions host does before it invokes the function.</summary>
    private async Task<QueueMessage> ReceiveAsync()
    {
        var queue = new QueueClient(azurite.ConnectionString, app.Prefix + StorageNames.NotificationsQueue);
        var message = (await queue.ReceiveMessageAsync(cancellationToken: Cancel)).Value;
        Assert.NotNull(message);
        return message;
    }

    /// <summary>POSTs the custom handler request the Functions host sends for this queue message (binding "message", as in Notify/function.json).</summary>
    private async Task<HttpResponseMessage> InvokeNotifyAsync(QueueMessage message)
    {
        var request = CustomHandlerProtocol.QueueRequest(NotificationsSetup.FunctionName, "message", message.MessageText, message, DateTimeOffset.UtcNow);
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new("application/json");
        return await factory.CreateClient().PostAsync(new Uri("/" + NotificationsSetup.FunctionName, UriKind.Relative), content, Cancel);
    }
}
