using Azure;
using Azure.Data.Tables;

namespace PBudget.Functions.Storage;

// Everything about one scheme shares its partition (PartitionKey = scheme id), so that a change and its
// audit row commit in one transaction. Row keys are prefixed by kind; see docs/adr/0003.

/// <summary>The scheme row: RowKey <c>scheme</c>.</summary>
public sealed class SchemeEntity : ITableEntity
{
    public const string Key = "scheme";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = Key;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Name { get; set; } = "";

    public string FinancialYear { get; set; } = "";

    public long? PencePerHead { get; set; }

    public long? TotalPotPence { get; set; }

    public long? MinimumPerWardPence { get; set; }

    public string RoundingUnit { get; set; } = "";

    public string RoundingDirection { get; set; } = "";

    public string TransferScope { get; set; } = "";

    public int? MaxChangePercent { get; set; }

    /// <summary>The current phase's name; missing on rows written before phases existed, which read as set-up.</summary>
    public string? Phase { get; set; }

    /// <summary>Planned start days and actual start times of phases, as JSON.</summary>
    public string? PhaseDates { get; set; }

    /// <summary>The ballot rule as JSON; missing until an admin sets one, which reads as the default rule.</summary>
    public string? BallotRule { get; set; }

    /// <summary>Which postcode import is current (a partition of the Postcodes table); missing until one is imported.</summary>
    public string? PostcodeImport { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A ward row: RowKey <c>ward|{code}</c>. The budget is the computed amount plus councillors' adjustment.</summary>
public sealed class WardEntity : ITableEntity
{
    public const string Prefix = "ward|";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public long Population { get; set; }

    public string? Area { get; set; }

    public long ComputedPence { get; set; }

    public long AdjustmentPence { get; set; }

    public static string RowKeyFor(string code) => Prefix + code;
}

/// <summary>A councillor's assignment to a ward: RowKey <c>councillor|{userId}|{wardCode}</c>.</summary>
public sealed class CouncillorWardEntity : ITableEntity
{
    public const string Prefix = "councillor|";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string UserId { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string WardCode { get; set; } = "";

    public static string PrefixFor(string userId) => Prefix + userId + "|";
}

/// <summary>An audit row: RowKey <c>audit|{descending ticks}|{id}</c>, so a range read returns newest first.</summary>
public sealed class AuditEntity : ITableEntity
{
    public const string Prefix = "audit|";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public DateTimeOffset At { get; set; }

    public string ActorId { get; set; } = "";

    public string ActorName { get; set; } = "";

    public string Action { get; set; } = "";

    public string Subject { get; set; } = "";

    public string? Before { get; set; }

    public string? After { get; set; }

    public static string RowKeyFor(DateTimeOffset at) =>
        Prefix + (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "|" + Guid.NewGuid().ToString("N");
}

/// <summary>Range filters over a row key prefix within one partition.</summary>
internal static class RowKeyRange
{
    // '|' + 1 is '}', so [prefix, prefix-with-last-char-incremented) covers exactly the keys with the prefix.
    public static string Filter(string partitionKey, string prefix)
    {
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {upper}");
    }
}
