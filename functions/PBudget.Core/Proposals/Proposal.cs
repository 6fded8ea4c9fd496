using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace PBudget.Core.Proposals;

/// <summary>Where a proposal stands. Hiding by a moderator is separate (<see cref="Proposal.Moderation"/>), as any proposal can be hidden.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProposalStatus>))]
public enum ProposalStatus
{
    /// <summary>Waiting for an officer's review.</summary>
    Submitted,

    /// <summary>Withdrawn by its author.</summary>
    Withdrawn,

    /// <summary>Officers found it can be delivered, at the reviewed cost.</summary>
    Feasible,

    /// <summary>Officers found it cannot be delivered; the reason is published.</summary>
    NotFeasible,

    /// <summary>Combined with a duplicate; its authors are credited on the proposal it was merged into.</summary>
    Merged,
}

/// <summary>An officer's feasibility and cost review.</summary>
/// <param name="Feasible">Whether the project can be delivered.</param>
/// <param name="Reason">Why, in words shown to the author and on the site.</param>
/// <param name="ReviewedCostPence">What officers expect it to cost, in pence (required when feasible).</param>
/// <param name="CostExplanation">How officers arrived at the cost.</param>
/// <param name="ReviewerName">Who reviewed it.</param>
/// <param name="At">When.</param>
public sealed record FeasibilityReview(bool Feasible, string Reason, long? ReviewedCostPence, string? CostExplanation, string ReviewerName, DateTimeOffset At);

/// <summary>A moderator's decision to hide a proposal from the public, with the reason shown to its author.</summary>
public sealed record Moderation(bool Hidden, string Reason, string ModeratorName, DateTimeOffset At);

/// <summary>An author credited on a proposal: its own author, or the author of a duplicate merged into it.</summary>
/// <param name="UserId">The author's stable user id (never published).</param>
/// <param name="Name">The author's name (shown to staff only).</param>
/// <param name="Organisation">The organisation they proposed for, which is published.</param>
/// <param name="FromProposalId">The proposal they wrote.</param>
public sealed record Credit(string UserId, string Name, string? Organisation, string FromProposalId);

/// <summary>A resident's proposed project for one ward of a scheme, with its review.</summary>
public sealed record Proposal(
    string Id,
    string SchemeId,
    string WardCode,
    string AuthorId,
    string AuthorName,
    ProposalDetails Details,
    ProposalStatus Status,
    FeasibilityReview? Review,
    Moderation? Moderation,
    string? MergedInto,
    IReadOnlyList<Credit> Credits,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Residents may keep this many proposals open (not withdrawn, not merged) in one scheme.</summary>
    public const int MaxOpenPerResident = 5;

    public bool IsHidden => Moderation?.Hidden == true;

    /// <summary>Counts against the author's cap: anything not withdrawn or merged away.</summary>
    public bool IsOpen => Status is not (ProposalStatus.Withdrawn or ProposalStatus.Merged);

    /// <summary>What the shortlist and the vote use: the reviewed cost once there is one.</summary>
    public long CostPence => Review?.ReviewedCostPence ?? Details.EstimatedCostPence;

    /// <summary>Whether this proposal can go on its ward's shortlist: feasible, visible, and affordable within the ward's budget.</summary>
    public bool QualifiesForShortlist(long wardBudgetPence) =>
        Status == ProposalStatus.Feasible && !IsHidden && Review?.ReviewedCostPence is { } cost && cost <= wardBudgetPence;

    /// <summary>A new id: 10 characters of unambiguous lowercase letters and digits (50 bits), safe in URLs and storage keys.</summary>
    public static string NewId() => RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 10);

    public static bool IsValidId(string? id) => id is { Length: 10 } && id.All(c => "abcdefghjkmnpqrstuvwxyz23456789".Contains(c, StringComparison.Ordinal));
}
