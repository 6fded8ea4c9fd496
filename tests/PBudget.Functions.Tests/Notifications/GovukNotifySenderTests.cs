using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Notify.Exceptions;
using PBudget.Functions.Notifications;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Notifications;

/// <summary>
/// The GOV.UK Notify sender against Notify's documented HTTP API (docs.notifications.service.gov.uk, "REST API":
/// "Send an email", "Get the status of multiple messages", "Authorisation header"), served by a local fake on a
/// free loopback port. The real service is never called.
/// </summary>
public sealed class GovukNotifySenderTests : IAsyncLifetime
{
    private readonly FakeNotify notify = new();
    private IHost app = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await notify.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:GovukNotify:ApiKey"] = NotificationsSetupTests.ApiKey,
            ["Notifications:GovukNotify:EmailTemplateId"] = NotificationsSetupTests.TemplateId,
            ["Notifications:GovukNotify:BaseUrl"] = notify.BaseUrl,
        });
        builder.Services.AddLogging();
        builder.Services.AddPBudgetNotifications(builder.Configuration);
        app = builder.Build();
        await app.StartAsync(Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        app.Dispose();
        await notify.DisposeAsync();
    }

    [Fact]
    public async Task Sending_posts_the_documented_email_request_with_the_template_personalisation_and_the_notification_id_as_reference()
    {
        var notification = NotificationSamples.Hidden();

        await Sender().SendAsync(notification, "rita@example.org", Cancel);

        var post = Assert.Single(notify.Requests, request => request.Method == "POST");
        Assert.Equal("/v2/notifications/email", post.Path);
        Assert.StartsWith("application/json", post.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(post.Body);
        var root = body.RootElement;
        Assert.Equal("rita@example.org", root.GetProperty("email_address").GetString());
        Assert.Equal(NotificationsSetupTests.TemplateId, root.GetProperty("template_id").GetString());
        Assert.Equal(notification.Id, root.GetProperty("reference").GetString());
        var personalisation = root.GetProperty("personalisation");
        Assert.Equal(["subject", "body"], personalisation.EnumerateObject().Select(field => field.Name));
        Assert.Equal(notification.Subject, personalisation.GetProperty("subject").GetString());
        Assert.Equal(notification.Body, personalisation.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Every_request_carries_a_bearer_jwt_signed_with_the_keys_secret_and_issued_by_its_service()
    {
        await Sender().SendAsync(NotificationSamples.Hidden(), "rita@example.org", Cancel);

        Assert.NotEmpty(notify.Requests);
        Assert.All(notify.Requests, request =>
        {
            Assert.StartsWith("Bearer ", request.Authorization, StringComparison.Ordinal);
            var token = request.Authorization!["Bearer ".Length..];
            var parts = token.Split('.');
            Assert.Equal(3, parts.Length);

            // "Authorisation header": HS256 over header.payload, keyed with the secret half of the API key.
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(NotificationsSetupTests.SecretKey), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            Assert.Equal(expected, Base64Url.DecodeFromChars(parts[2]));

            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
            Assert.Equal("JWT", header.RootElement.GetProperty("typ").GetString());

            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            Assert.Equal(NotificationsSetupTests.ServiceId, claims.RootElement.GetProperty("iss").GetString());

            // Notify refuses a token issued more than 30 seconds from its own clock.
            var issuedAt = DateTimeOffset.FromUnixTimeSeconds((long)claims.RootElement.GetProperty("iat").GetDouble());
            Assert.InRange(issuedAt, DateTimeOffset.UtcNow.AddSeconds(-30), DateTimeOffset.UtcNow.AddSeconds(30));
        });
    }

    [Fact]
    public async Task Before_sending_the_sender_asks_for_an_earlier_email_with_the_same_reference()
    {
        var notification = NotificationSamples.Hidden();

        await Sender().SendAsync(notification, "rita@example.org", Cancel);

        var lookup = notify.Requests.First();
        Assert.Equal("GET", lookup.Method);
        Assert.Equal("/v2/notifications", lookup.Path);
        Assert.Contains("template_type=email", lookup.Query, StringComparison.Ordinal);
        Assert.Contains("reference=" + notification.Id, lookup.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notification_that_Notify_already_has_by_reference_is_not_sent_again()
    {
        var notification = NotificationSamples.Hidden();

        await Sender().SendAsync(notification, "rita@example.org", Cancel);
        await Sender().SendAsync(notification, "rita@example.org", Cancel);

        Assert.Single(notify.Requests, request => request.Method == "POST");
        Assert.Equal(2, notify.Requests.Count(request => request.Method == "GET"));
    }

    [Fact]
    public async Task An_error_from_Notify_fails_the_send_so_that_the_queue_retries_the_message()
    {
        notify.RejectSends = true;

        var error = await Assert.ThrowsAsync<NotifyClientException>(() => Sender().SendAsync(NotificationSamples.Hidden(), "rita@example.org", Cancel));

        Assert.Contains("400", error.Message, StringComparison.Ordinal);
    }

    private INotificationSender Sender() => app.Services.GetRequiredService<INotificationSender>();

    /// <summary>
    /// Notify's API as documented, for the calls the sender makes: remembers each request, answers a send with
    /// 201 and the documented response, and lists earlier sends by reference.
    /// </summary>
    private sealed class FakeNotify : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, string> sentByReference = new();
        private WebApplication? server;

        public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

        public string BaseUrl { get; private set; } = "";

        public bool RejectSends { get; set; }

        public async Task StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            BaseUrl = $"http://127.0.0.1:{FreePorts.Next()}/";
            builder.WebHost.UseUrls(BaseUrl);
            server = builder.Build();
            server.Use(async (context, next) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync(context.RequestAborted);
                Requests.Enqueue(new RecordedRequest(
                    context.Request.Method,
                    context.Request.Path,
                    context.Request.QueryString.Value ?? "",
                    context.Request.Headers.Authorization.ToString(),
                    context.Request.ContentType,
                    body));
                context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
                await next(context);
            });
            server.MapGet("/v2/notifications", (string? reference) => Results.Json(new
            {
                notifications = sentByReference.TryGetValue(reference ?? "", out var id)
                    ? new[] { new { id, reference, type = "email", status = "delivered" } }
                    : [],
                links = new { current = BaseUrl + "v2/notifications" },
            }));
            server.MapPost("/v2/notifications/email", (JsonElement request) =>
            {
                if (RejectSends)
                {
                    return Results.Json(
                        new { status_code = 400, errors = new[] { new { error = "BadRequestError", message = "Can't send to this recipient using a team-only API key" } } },
                        statusCode: 400);
                }

                var id = Guid.NewGuid().ToString();
                var reference = request.GetProperty("reference").GetString()!;
                sentByReference[reference] = id;
                var personalisation = request.GetProperty("personalisation");
                return Results.Json(
                    new
                    {
                        id,
                        reference,
                        content = new
                        {
                            subject = personalisation.GetProperty("subject").GetString(),
                            body = personalisation.GetProperty("body").GetString(),
                            from_email = "pbudget@notifications.service.gov.uk",
                        },
                        uri = BaseUrl + "v2/notifications/" + id,
                        template = new { id = request.GetProperty("template_id").GetString(), version = 1, uri = BaseUrl + "v2/template/x" },
                    },
                    statusCode: 201);
            });
            await server.StartAsync(Cancel);
        }

        public async ValueTask DisposeAsync()
        {
            if (server is not null)
            {
                await server.StopAsync(CancellationToken.None);
                await server.DisposeAsync();
            }
        }
    }

    private sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, string? ContentType, string Body);
}
