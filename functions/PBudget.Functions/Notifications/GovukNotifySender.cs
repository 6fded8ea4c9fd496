using Microsoft.Extensions.Options;
using Notify.Client;

namespace PBudget.Functions.Notifications;

/// <summary>
/// Sends each notification as an email through GOV.UK Notify, with one template whose personalisation fields are
/// <c>subject</c> and <c>body</c>, and the notification id as Notify's <c>reference</c>.
/// </summary>
/// <remarks>
/// Notify has no idempotency key, so before sending the sender asks Notify for an email with the same reference
/// and sends nothing if there is one: a redelivered or twice-enqueued notification is sent once (two deliveries
/// racing each other within a second could still both send).
/// </remarks>
public sealed partial class GovukNotifySender(
    IHttpClientFactory httpClients,
    IOptions<NotificationsOptions> options,
    ILogger<GovukNotifySender> logger) : INotificationSender
{
    /// <summary>The named <see cref="HttpClient"/> the sender calls Notify with.</summary>
    public const string HttpClientName = "PBudget.Notifications.GovukNotify";

    /// <summary>The template's personalisation fields.</summary>
    public const string SubjectField = "subject";

    public const string BodyField = "body";

    private readonly GovukNotifyOptions settings = options?.Value.GovukNotify ?? throw new ArgumentNullException(nameof(options));

    public async Task SendAsync(Notification notification, string emailAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var http = new HttpClientWrapper(httpClients.CreateClient(HttpClientName));
        var client = new NotificationClient(http, settings.ApiKey!);
        if (settings.BaseUrl is { } baseUrl)
        {
            // This constructor always aims at the live service; only it takes our own HttpClient, so re-aim it.
            http.BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        }

        // The client has no cancellation of its own: WaitAsync stops waiting, and the HttpClient's timeout ends the call.
        var earlier = await client.GetNotificationsAsync(templateType: "email", reference: notification.Id).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (earlier?.notifications is { Count: > 0 } sent)
        {
            Log.AlreadySent(logger, notification.Id, sent[0].id);
            return;
        }

        var personalisation = new Dictionary<string, object>
        {
            [SubjectField] = notification.Subject,
            [BodyField] = notification.Body,
        };
        var response = await client
            .SendEmailAsync(emailAddress, settings.EmailTemplateId, personalisation, clientReference: notification.Id)
            .WaitAsync(cancellationToken)
            .ConfigureAwait(false);
        Log.Sent(logger, notification.Id, notification.Kind, response.id);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Sent notification {NotificationId} ({Kind}) through GOV.UK Notify as {NotifyId}.")]
        public static partial void Sent(ILogger logger, string notificationId, NotificationKind kind, string notifyId);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Notification {NotificationId} was sent already (GOV.UK Notify {NotifyId}): not sent again.")]
        public static partial void AlreadySent(ILogger logger, string notificationId, string notifyId);
    }
}
