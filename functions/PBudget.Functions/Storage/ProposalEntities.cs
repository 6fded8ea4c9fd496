using Azure;
using Azure.Data.Tables;

namespace PBudget.Functions.Storage;

// Proposals live in their scheme's partition (see docs/adr/0006), so each change commits with its audit row, the
// author's counter and the scheme-row phase guard in one transaction.

/// <summary>A proposal: RowKey <c>proposal|{id}</c>.</summary>
public sealed class ProposalEntity : ITableEntity
{
    public const string Prefix = "proposal|";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Id { get; set; } = "";

    public string WardCode { get; set; } = "";

    public string AuthorId { get; set; } = "";

    public string AuthorName { get; set; } = "";

    /// <summary>Where decisions are sent; never published.</summary>
    public string? AuthorEmail { get; set; }

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    public string Description { get; set; } = "";

    public long EstimatedCostPence { get; set; }

    public string Category { get; set; } = "";

    public string? Postcode { get; set; }

    // Decimal degrees as invariant text: Table Storage has no decimal type, and a double would not round-trip exactly.
    public string? Latitude { get; set; }

    public string? Longitude { get; set; }

    public string? Organisation { get; set; }

    public string Status { get; set; } = "";

    public bool? Feasible { get; set; }

    public string? FeasibilityReason { get; set; }

    public long? ReviewedCostPence { get; set; }

    public string? CostExplanation { get; set; }

    public string? ReviewerName { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public bool Hidden { get; set; }

    public string? ModerationReason { get; set; }

    public string? ModeratorName { get; set; }

    public DateTimeOffset? ModeratedAt { get; set; }

    public string? MergedInto { get; set; }

    /// <summary>The authors credited, as JSON.</summary>
    public string Credits { get; set; } = "[]";

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static string RowKeyFor(string id) => Prefix + id;
}

/// <summary>How many open proposals a resident has in the scheme: RowKey <c>author|{userId}</c>. Enforces the cap atomically.</summary>
public sealed class AuthorEntity : ITableEntity
{
    public const string Prefix = "author|";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int OpenProposals { get; set; }

    public static string RowKeyFor(string userId) => Prefix + userId;
}

/// <summary>A councillor's declared interest: RowKey <c>interest|{wardCode}|{proposalId}|{councillorId}</c>.</summary>
public sealed class InterestEntity : ITableEntity
{
    public const string Prefix = "interest|";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string WardCode { get; set; } = "";

    public string ProposalId { get; set; } = "";

    public string CouncillorId { get; set; } = "";

    public string CouncillorName { get; set; } = "";

    public string Interest { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public static string PrefixFor(string wardCode) => Prefix + wardCode + "|";

    public static string RowKeyFor(string wardCode, string proposalId, string councillorId) => PrefixFor(wardCode) + proposalId + "|" + councillorId;
}

/// <summary>A ward's signed-off shortlist: RowKey <c>shortlist|{wardCode}</c>.</summary>
public sealed class ShortlistEntity : ITableEntity
{
    public const string Prefix = "shortlist|";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string WardCode { get; set; } = "";

    /// <summary>The proposals and the costs they were signed off at, as JSON.</summary>
    public string Entries { get; set; } = "[]";

    public string SignedOffBy { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public static string RowKeyFor(string wardCode) => Prefix + wardCode;
}
