using Microsoft.AspNetCore.Http.HttpResults;
using PBudget.Core.Proposals;
using PBudget.Core.Validation;
using PBudget.Functions.Auth;
using PBudget.Functions.Problems;
using PBudget.Functions.Publishing;
using PBudget.Functions.Schemes;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Proposals;

/// <summary>Officers' review queue: moderation, feasibility and cost, and merging duplicates.</summary>
public static class ReviewApi
{
    public const int MaxReasonLength = 1000;

    public static RouteGroupBuilder MapProposalReview(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/schemes/{schemeId}").WithTags("Proposal review").RequireValidSchemeId().RequireValidProposalRoute();
        group.MapGet("/wards/{wardCode}/proposals", ListForWard).RequireAuthorization(Policies.Staff);
        group.MapPost("/proposals/{proposalId}/moderation", Moderate).RequireAuthorization(Policies.AdminOrOfficer);
        group.MapPost("/proposals/{proposalId}/review", Review).RequireAuthorization(Policies.AdminOrOfficer);
        group.MapPost("/proposals/{proposalId}/merge", Merge).RequireAuthorization(Policies.AdminOrOfficer);
        return group;
    }

    /// <summary>The ward's review queue: every proposal, hidden ones included, optionally of one status. Councillors see their own wards.</summary>
    public static async Task<Results<Ok<ProposalResponse[]>, ProblemHttpResult>> ListForWard(
        string schemeId, string wardCode, string? status, ProposalStore store, SchemeStore schemes, HttpContext context, CancellationToken cancellationToken)
    {
        ProposalStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ProposalStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return ProblemResults.NotFound($"'{status}' is not a proposal status; use one of {string.Join(", ", Enum.GetNames<ProposalStatus>())}.");
            }

            wanted = parsed;
        }

        await WardAccess.RequireAsync(schemes, schemeId, wardCode, CurrentUser.From(context.User), "see proposals for", cancellationToken);
        var proposals = await store.ListAsync(schemeId, cancellationToken, wardCode: wardCode);
        return TypedResults.Ok(proposals.Where(p => wanted is null || p.Proposal.Status == wanted).Select(p => p.ToResponse(forStaff: true)).ToArray());
    }

    public static async Task<Results<Ok<ProposalResponse>, ValidationProblem>> Moderate(
        string schemeId, string proposalId, ModerationRequest request, ProposalStore store, ProposalNotices notices, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (request.Hidden is null)
        {
            errors.Add("hidden", "Say whether the proposal should be hidden (true) or shown (false).");
        }

        var reason = RequireText(request.Reason, "reason", "the reason, which the author is told", MaxReasonLength, errors);
        if (!errors.IsValid)
        {
            return ProblemResults.Invalid(errors);
        }

        var outcome = await store.ModerateAsync(schemeId, proposalId, request.Hidden!.Value, reason!, CurrentUser.From(context.User), cancellationToken);
        await notices.ModeratedAsync(outcome.Proposal, cancellationToken);
        await publish.EnqueueAsync(schemeId, "proposal moderated", cancellationToken);
        return TypedResults.Ok(outcome.Proposal.ToResponse(forStaff: true));
    }

    public static async Task<Results<Ok<ProposalResponse>, ValidationProblem>> Review(
        string schemeId, string proposalId, FeasibilityRequest request, ProposalStore store, ProposalNotices notices, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (request.Feasible is null)
        {
            errors.Add("feasible", "Say whether the proposal is feasible (true) or not (false).");
        }

        var reason = RequireText(request.Reason, "reason", "the reason for the decision", MaxReasonLength, errors);
        long? cost = null;
        string? explanation = null;
        if (request.Feasible == true || !string.IsNullOrWhiteSpace(request.ReviewedCost))
        {
            if (!ProposalDetails.TryParsePounds(request.ReviewedCost, out var pence) || pence <= 0 || pence > ProposalDetails.MaxCostPence)
            {
                errors.Add("reviewedCost", "Enter the reviewed cost in pounds, more than £0 and at most £1,000,000, like 2500 or 2,500.50.");
            }
            else
            {
                cost = pence;
            }

            explanation = RequireText(request.CostExplanation, "costExplanation", "how the reviewed cost was worked out", MaxReasonLength, errors);
        }

        if (!errors.IsValid)
        {
            return ProblemResults.Invalid(errors);
        }

        var outcome = await store.ReviewAsync(schemeId, proposalId, request.Feasible!.Value, reason!, cost, explanation, CurrentUser.From(context.User), cancellationToken);
        await notices.ReviewedAsync(outcome.Proposal, cancellationToken);
        await publish.EnqueueAsync(schemeId, "proposal reviewed", cancellationToken);
        return TypedResults.Ok(outcome.Proposal.ToResponse(forStaff: true));
    }

    public static async Task<Results<Ok<ProposalResponse>, ValidationProblem>> Merge(
        string schemeId, string proposalId, MergeRequest request, ProposalStore store, ProposalNotices notices, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        if (!Proposal.IsValidId(request.Into))
        {
            var errors = new ValidationErrors();
            errors.Add("into", "Give the id of the proposal to merge this one into.");
            return ProblemResults.Invalid(errors);
        }

        var (duplicate, into, _) = await store.MergeAsync(schemeId, proposalId, request.Into!, CurrentUser.From(context.User), cancellationToken);
        await notices.MergedAsync(duplicate, into, cancellationToken);
        await publish.EnqueueAsync(schemeId, "proposals merged", cancellationToken);
        return TypedResults.Ok(into.ToResponse(forStaff: true));
    }

    internal static string? RequireText(string? value, string field, string what, int maxLength, ValidationErrors errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add(field, $"Enter {what}.");
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            errors.Add(field, $"This must be {maxLength} characters or fewer.");
            return null;
        }

        return trimmed;
    }
}
