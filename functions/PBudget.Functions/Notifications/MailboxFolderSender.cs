using Microsoft.Extensions.Options;

namespace PBudget.Functions.Notifications;

/// <summary>
/// Writes each notification into the mailbox folder as <c>{id}.eml</c> instead of sending it: local runs and
/// tests. The file appears whole (written beside it, then moved over it) and a redelivery writes the same bytes
/// to the same name, so a notification is there once however often it arrives.
/// </summary>
public sealed partial class MailboxFolderSender(IOptions<NotificationsOptions> options, ILogger<MailboxFolderSender> logger) : INotificationSender
{
    public const string FileExtension = ".eml";

    /// <summary>The mailbox folder, as a full path.</summary>
    public string Folder { get; } = Path.GetFullPath(
        options?.Value.MailboxFolder ?? throw new InvalidOperationException("Notifications:MailboxFolder is not set."));

    /// <summary>Where a notification's file goes. Ids are lowercase letters, digits, '-' and '_', so never a path.</summary>
    public string PathFor(string notificationId) => Path.Combine(Folder, notificationId + FileExtension);

    public async Task SendAsync(Notification notification, string emailAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var content = EmlMessage.Write(notification, emailAddress);
        var path = PathFor(notification.Id);
        Directory.CreateDirectory(Folder);

        // Same folder, so the move is a rename: readers see the old file or the new one, never half of one.
        var temporary = Path.Combine(Folder, $".{notification.Id}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        Log.Written(logger, notification.Id, notification.Kind, path);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Wrote notification {NotificationId} ({Kind}) to {Path}.")]
        public static partial void Written(ILogger logger, string notificationId, NotificationKind kind, string path);
    }
}
