using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace PBudget.Functions.Storage;

// Ballots live in the Ballots table, spread over VoterKeys.Partitions partitions per ward: PartitionKey
// "{scheme}|{ward}|{nn}". Each partition holds its receipt chain's head, the chain's entries, the ballots and the
// voting codes whose keys fall in it, so a ballot, its receipt and the spending of its code commit in one
// transaction (see docs/adr/0007).

/// <summary>Names a ballot partition.</summary>
public static class BallotPartitions
{
    public static string Key(string schemeId, string wardCode, int partition) =>
        string.Create(CultureInfo.InvariantCulture, $"{schemeId}|{wardCode}|{partition:D2}");

    public static string WardPrefix(string schemeId, string wardCode) => $"{schemeId}|{wardCode}|";
}

/// <summary>The receipt chain's head: RowKey <c>head</c>. Its ETag serialises the partition's ballot writes.</summary>
public sealed class ChainHeadEntity : ITableEntity
{
    public const string Key = "head";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = Key;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>How many receipts the chain holds.</summary>
    public long Length { get; set; }

    /// <summary>The last tracking code, or the chain's genesis hash while it is empty.</summary>
    public string Last { get; set; } = "";

    /// <summary>The hash that closed the chain when voting closed; no ballot is accepted after it.</summary>
    public string? ClosingHash { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>One receipt in a chain: RowKey <c>track|{position:D9}</c>. Superseded when its ballot was later changed; never deleted.</summary>
public sealed class TrackingEntity : ITableEntity
{
    public const string Prefix = "track|";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Code { get; set; } = "";

    public string Previous { get; set; } = "";

    public DateTimeOffset At { get; set; }

    /// <summary>The secret random salt hashed into the code; never published.</summary>
    public string Salt { get; set; } = "";

    public bool Superseded { get; set; }

    public static string RowKeyFor(long position) => Prefix + position.ToString("D9", CultureInfo.InvariantCulture);
}

/// <summary>A ballot: RowKey <c>ballot|{voter key}</c>. The voter key is an HMAC; the row never holds who voted or their code.</summary>
public sealed class BallotEntity : ITableEntity
{
    public const string Prefix = "ballot|";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The choices as canonical JSON.</summary>
    public string Choices { get; set; } = "";

    /// <summary>Account, Code or Paper.</summary>
    public string Channel { get; set; } = "";

    /// <summary>Whether a voting code was spent on it (always for Code; for Paper, when the sheet had a code).</summary>
    public bool ViaCode { get; set; }

    /// <summary>The receipt's position in the chain, to mark it superseded when the ballot changes.</summary>
    public long Position { get; set; }

    public string TrackingCode { get; set; } = "";

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>How many times the voter changed this ballot.</summary>
    public int Changes { get; set; }

    public static string RowKeyFor(string voterKey) => Prefix + voterKey;
}

/// <summary>
/// An unused voting code: RowKey <c>code|{HMAC of the code}</c>. Spending it deletes the row in the ballot's transaction,
/// so an unknown or spent code fails the transaction; the ballot records how it was spent.
/// </summary>
public sealed class VotingCodeEntity : ITableEntity
{
    public const string Prefix = "code|";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Batch { get; set; } = "";

    public static string RowKeyFor(string codeKey) => Prefix + codeKey;
}

/// <summary>A batch of codes issued for a ward, in the scheme's partition: RowKey <c>codes|{ward}|{batch}</c>.</summary>
public sealed class CodeBatchEntity : ITableEntity
{
    public const string Prefix = "codes|";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string WardCode { get; set; } = "";

    public string Batch { get; set; } = "";

    public int Count { get; set; }

    public string IssuedBy { get; set; } = "";

    public DateTimeOffset IssuedAt { get; set; }

    public static string RowKeyFor(string wardCode, string batch) => $"{Prefix}{wardCode}|{batch}";
}

/// <summary>A postcode's ward, in the Postcodes table: PartitionKey <c>{scheme}|{import}</c>, RowKey the normalised postcode.</summary>
public sealed class PostcodeEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string WardCode { get; set; } = "";

    public static string PartitionFor(string schemeId, string import) => $"{schemeId}|{import}";
}
