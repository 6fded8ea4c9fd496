using PBudget.Functions.Notifications;

namespace PBudget.Functions.Tests.Notifications;

/// <summary>Notifications as the proposals API writes them.</summary>
internal static class NotificationSamples
{
    public const string SchemeId = "riverside-2026-27";
    public const string ProposalId = "k7m2p9qrst";

    public static readonly DateTimeOffset DecidedAt = new(2026, 11, 23, 9, 30, 5, TimeSpan.Zero);

    public static Notification Hidden(string? emailAddress = "rita@example.org", string? id = null) => new(
        id ?? Notification.IdFrom(SchemeId, "audit|2519234875123456789|3f2a", nameof(NotificationKind.ProposalHidden)),
        new NotificationRecipient("0a6b3c58-0000-4000-8000-000000000005", "Rita Resident", emailAddress),
        NotificationKind.ProposalHidden,
        "Your proposal 'Benches on Mill Lane' has been hidden",
        "Dear Rita,\n\nA moderator has hidden your proposal 'Benches on Mill Lane'.\nReason: it names a private person.\n\nYou can edit it and ask for it to be shown again.\n",
        SchemeId,
        ProposalId,
        DecidedAt);

    /// <summary>A unique notification, so that tests sharing a mailbox or a queue never see each other's.</summary>
    public static Notification Unique(string? emailAddress = "rita@example.org") =>
        Hidden(emailAddress, Notification.IdFrom(Guid.NewGuid().ToString()));
}
