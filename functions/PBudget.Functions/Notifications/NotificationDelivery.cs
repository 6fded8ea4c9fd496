namespace PBudget.Functions.Notifications;

/// <summary>
/// What the Notify function does with one queue message: read it, and hand it to the configured sender. Plain
/// inputs, no hosting types, so any queue host can call it.
/// </summary>
public sealed partial class NotificationDelivery(INotificationSender sender, ILogger<NotificationDelivery> logger)
{
    /// <summary>Delivers the notification in a queue message.</summary>
    /// <returns>Whether it was handed to the sender; false when it had no email address and was dropped.</returns>
    /// <exception cref="FormatException">The message is not a valid notification (the host retries, then poisons it).</exception>
    public async Task<bool> DeliverAsync(string messageText, CancellationToken cancellationToken)
    {
        var notification = Notification.Parse(messageText);
        if (notification.Recipient.EmailAddress is not { } emailAddress)
        {
            // Retrying cannot give the message an address, so it is finished: logged and dropped.
            Log.DroppedWithoutAddress(logger, notification.Id, notification.Kind, notification.Recipient.UserId, notification.SchemeId, notification.ProposalId);
            return false;
        }

        await sender.SendAsync(notification, emailAddress, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(
            EventId = 1,
            EventName = "DroppedWithoutAddress",
            Level = LogLevel.Warning,
            Message = "Dropped notification {NotificationId} ({Kind}) for user {UserId} about proposal {ProposalId} in scheme {SchemeId}: the user has no email address, so it was not sent and will not be retried.")]
        public static partial void DroppedWithoutAddress(ILogger logger, string notificationId, NotificationKind kind, string userId, string schemeId, string proposalId);
    }
}
