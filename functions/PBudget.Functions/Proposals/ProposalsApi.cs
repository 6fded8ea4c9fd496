using Azure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PBudget.Core.Proposals;
using PBudget.Functions.Auth;
using PBudget.Functions.Problems;
using PBudget.Functions.Publishing;
using PBudget.Functions.Schemes;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Proposals;

/// <summary>Residents propose projects for a ward, and edit, withdraw and follow their own proposals.</summary>
public static class ProposalsApi
{
    /// <summary>The rate-limit policy on residents' writes (see <see cref="ProposalRateLimits"/>).</summary>
    public const string WritePolicy = "proposal-writes";

    public static RouteGroupBuilder MapProposals(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/schemes/{schemeId}").WithTags("Proposals")
            .RequireAuthorization(Policies.SignedIn).RequireValidSchemeId().RequireValidProposalRoute();
        group.MapPost("/wards/{wardCode}/proposals", Propose).RequireRateLimiting(WritePolicy);
        group.MapGet("/proposals/mine", ListMine);
        group.MapGet("/proposals/{proposalId}", GetProposal).WithName(nameof(GetProposal));
        group.MapPut("/proposals/{proposalId}", Edit).RequireRateLimiting(WritePolicy);
        group.MapPost("/proposals/{proposalId}/withdrawal", Withdraw).RequireRateLimiting(WritePolicy);
        return group;
    }

    public static async Task<Results<CreatedAtRoute<ProposalResponse>, ValidationProblem>> Propose(
        string schemeId, string wardCode, ProposalRequest request, ProposalStore store, ProposalNotices notices, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        var (details, errors) = Parse(request);
        if (details is null)
        {
            return ProblemResults.Invalid(errors);
        }

        var user = CurrentUser.From(context.User);
        var stored = await store.SubmitAsync(schemeId, wardCode, details, new ProposalAuthor(user.Id, user.Name, user.Email), cancellationToken);
        await notices.ReceivedAsync(stored, cancellationToken);
        await publish.EnqueueAsync(schemeId, "proposal submitted", cancellationToken);
        context.Response.Headers.ETag = stored.ETag.ToString("H");
        return TypedResults.CreatedAtRoute(stored.ToResponse(forStaff: false), nameof(GetProposal), new { schemeId, proposalId = stored.Proposal.Id });
    }

    public static async Task<Ok<ProposalResponse[]>> ListMine(string schemeId, ProposalStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User);
        var mine = await store.ListAsync(schemeId, cancellationToken, authorId: user.Id);
        return TypedResults.Ok(mine.Select(p => p.ToResponse(forStaff: false)).ToArray());
    }

    /// <summary>The author and staff can read a proposal here, hidden or not; everyone can read published ones on the site.</summary>
    public static async Task<Results<Ok<ProposalResponse>, ProblemHttpResult>> GetProposal(
        string schemeId, string proposalId, ProposalStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(schemeId, proposalId, cancellationToken);
        if (stored is null)
        {
            return ProblemResults.NotFound($"There is no proposal '{proposalId}' in the scheme '{schemeId}'.");
        }

        var user = CurrentUser.From(context.User);
        if (!user.IsStaff && stored.Proposal.AuthorId != user.Id)
        {
            return ProblemResults.Forbidden("You can only read your own proposals here. Published proposals are on the public site.");
        }

        context.Response.Headers.ETag = stored.ETag.ToString("H");
        return TypedResults.Ok(stored.ToResponse(forStaff: user.IsStaff));
    }

    /// <summary>Replaces the proposal's details. Send If-Match with the ETag you read; a reviewed proposal goes back for review.</summary>
    public static async Task<Results<Ok<ProposalResponse>, ValidationProblem>> Edit(
        string schemeId, string proposalId, ProposalRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
        ProposalStore store, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        var (details, errors) = Parse(request);
        if (details is null)
        {
            return ProblemResults.Invalid(errors);
        }

        var stored = await store.EditAsync(schemeId, proposalId, details, CurrentUser.From(context.User), ifMatch is null ? null : new ETag(ifMatch), cancellationToken);
        await publish.EnqueueAsync(schemeId, "proposal edited", cancellationToken);
        context.Response.Headers.ETag = stored.ETag.ToString("H");
        return TypedResults.Ok(stored.ToResponse(forStaff: false));
    }

    public static async Task<Ok<ProposalResponse>> Withdraw(string schemeId, string proposalId, ProposalStore store, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        var stored = await store.WithdrawAsync(schemeId, proposalId, CurrentUser.From(context.User), cancellationToken);
        await publish.EnqueueAsync(schemeId, "proposal withdrawn", cancellationToken);
        return TypedResults.Ok(stored.ToResponse(forStaff: false));
    }

    private static (ProposalDetails? Details, Core.Validation.ValidationErrors Errors) Parse(ProposalRequest request) =>
        ProposalDetails.Parse(request.Title, request.Summary, request.Description, request.EstimatedCost, request.Category, request.Postcode, request.Point, request.Organisation);
}
