namespace PBudget.Functions.Notifications;

/// <summary>Delivers one notification to its recipient's email address.</summary>
/// <remarks>
/// Queue delivery is at-least-once, and a caller may enqueue the same notification twice: a sender must write or
/// send a notification once per <see cref="Notification.Id"/>, and treat "already done" as success. Throwing fails
/// the queue invocation, so the host retries and finally moves the message to <c>notifications-poison</c>.
/// </remarks>
public interface INotificationSender
{
    /// <param name="notification">A valid notification with an email address.</param>
    /// <param name="emailAddress">Where to send it: the recipient's address.</param>
    /// <param name="cancellationToken">Fires when the host gives up on this invocation.</param>
    Task SendAsync(Notification notification, string emailAddress, CancellationToken cancellationToken);
}
