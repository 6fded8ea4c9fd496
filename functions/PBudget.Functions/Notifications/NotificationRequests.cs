using System.Text;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Notifications;

/// <summary>Puts notifications on the notifications queue, for the Notify function to send.</summary>
public sealed class NotificationRequests(StorageClients storage)
{
    // Azure Queue Storage's limit on one message.
    internal const int MaxMessageBytes = 64 * 1024;

    /// <summary>
    /// Enqueues a notification. Enqueueing the same notification (same <see cref="Notification.Id"/>) again is
    /// safe: the senders write or send it once.
    /// </summary>
    /// <exception cref="ArgumentException">The notification is not valid, or too large for one queue message.</exception>
    public async Task EnqueueAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var message = notification.ToMessageText();
        if (Encoding.UTF8.GetByteCount(message) > MaxMessageBytes)
        {
            throw new ArgumentException($"Notification {notification.Id} is larger than one queue message ({MaxMessageBytes} bytes): shorten its body.", nameof(notification));
        }

        await storage.Queue(StorageNames.NotificationsQueue).SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
    }
}
