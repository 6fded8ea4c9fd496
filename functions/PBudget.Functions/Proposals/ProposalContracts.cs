using PBudget.Core.Proposals;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Proposals;

/// <summary>A resident's proposal as typed: the estimated cost is pounds as people write them ("2,500" or "2500.50").</summary>
public sealed record ProposalRequest(
    string? Title, string? Summary, string? Description, string? EstimatedCost, string? Category, string? Postcode, string? Point, string? Organisation);

/// <summary>Hide a proposal from the public (or show it again), with the reason the author is told.</summary>
public sealed record ModerationRequest(bool? Hidden, string? Reason);

/// <summary>The feasibility decision. A feasible proposal needs a reviewed cost in pounds and how it was worked out.</summary>
public sealed record FeasibilityRequest(bool? Feasible, string? Reason, string? ReviewedCost, string? CostExplanation);

/// <summary>Merge this proposal, a duplicate, into another of the same ward.</summary>
public sealed record MergeRequest(string? Into);

/// <summary>A councillor's declared interest in a proposal of their ward.</summary>
public sealed record InterestRequest(string? ProposalId, string? Interest);

/// <summary>Sign off the shortlist: the ids of exactly the proposals on it, as the signer saw them.</summary>
public sealed record SignOffRequest(string[]? ProposalIds);

/// <summary>A proposal as its author and staff see it. Credits (other residents' names) are for staff only.</summary>
public sealed record ProposalResponse(
    string Id,
    string SchemeId,
    string WardCode,
    string Title,
    string Summary,
    string Description,
    long EstimatedCostPence,
    string Category,
    string? Postcode,
    decimal? Latitude,
    decimal? Longitude,
    string? Organisation,
    ProposalStatus Status,
    bool Hidden,
    string? ModerationReason,
    string? FeasibilityReason,
    long? ReviewedCostPence,
    string? CostExplanation,
    string? MergedInto,
    int ProposerCount,
    IReadOnlyList<string>? CreditedAuthors,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A ward's shortlist as it stands, whether it is signed off, and the interests councillors have declared.</summary>
public sealed record ShortlistResponse(
    string WardCode,
    long WardBudgetPence,
    IReadOnlyList<ProposalResponse> Proposals,
    ShortlistSignOff? SignOff,
    IReadOnlyList<InterestDeclaration> Interests);

internal static class ProposalResponseMapping
{
    public static ProposalResponse ToResponse(this StoredProposal stored, bool forStaff)
    {
        var p = stored.Proposal;
        return new ProposalResponse(
            p.Id,
            p.SchemeId,
            p.WardCode,
            p.Details.Title,
            p.Details.Summary,
            p.Details.Description,
            p.Details.EstimatedCostPence,
            p.Details.Category,
            p.Details.Location?.Postcode,
            p.Details.Location?.Latitude,
            p.Details.Location?.Longitude,
            p.Details.Organisation,
            p.Status,
            p.IsHidden,
            p.Moderation?.Reason,
            p.Review?.Reason,
            p.Review?.ReviewedCostPence,
            p.Review?.CostExplanation,
            p.MergedInto,
            p.Credits.Count,
            forStaff ? p.Credits.Select(c => c.Name).ToList() : null,
            p.SubmittedAt,
            p.UpdatedAt);
    }
}
