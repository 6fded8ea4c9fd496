namespace PBudget.Functions.Storage;

/// <summary>
/// The one source of every table and queue name the app uses. Infrastructure templates declare
/// exactly these (a test checks it), and each queue has a <c>-poison</c> twin.
/// </summary>
public static class StorageNames
{
    /// <summary>Schemes, their wards, councillor assignments and audit rows, partitioned by scheme.</summary>
    public const string SchemesTable = "Schemes";

    /// <summary>Ballots, their receipt chains and voting codes, in partitions of a ward (see docs/adr/0007).</summary>
    public const string BallotsTable = "Ballots";

    /// <summary>Each scheme's postcode-to-ward lookup, one partition per import.</summary>
    public const string PostcodesTable = "Postcodes";

    /// <summary>ASP.NET Core's Data Protection keys, shared by every instance (session cookies, anti-forgery tokens).</summary>
    public const string DataProtectionKeysTable = "DataProtectionKeys";

    /// <summary>Requests to rebuild the public site.</summary>
    public const string PublishQueue = "publish";

    /// <summary>Messages to people about decisions on what they submitted; the Notify function delivers them.</summary>
    public const string NotificationsQueue = "notifications";

    /// <summary>The suffix of the queue where the Functions host moves a message that failed every retry.</summary>
    public const string PoisonSuffix = "-poison";

    public static IReadOnlyList<string> Tables { get; } = [SchemesTable, BallotsTable, PostcodesTable, DataProtectionKeysTable];

    public static IReadOnlyList<string> Queues { get; } = [PublishQueue, NotificationsQueue];
}
