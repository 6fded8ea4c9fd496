using Microsoft.AspNetCore.Http.HttpResults;
using PBudget.Core.Proposals;
using PBudget.Core.Validation;
using PBudget.Functions.Auth;
using PBudget.Functions.Problems;
using PBudget.Functions.Publishing;
using PBudget.Functions.Schemes;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Proposals;

/// <summary>Councillors declare interests and sign off their wards' shortlists.</summary>
public static class ShortlistApi
{
    public const int MaxInterestLength = 500;

    public static RouteGroupBuilder MapShortlists(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/schemes/{schemeId}/wards/{wardCode}").WithTags("Shortlists").RequireValidSchemeId().RequireValidProposalRoute();
        group.MapGet("/shortlist", GetShortlist).RequireAuthorization(Policies.Staff);
        group.MapPost("/shortlist/sign-off", SignOff).RequireAuthorization(Policies.BudgetHolder);
        group.MapPost("/interests", DeclareInterest).RequireAuthorization(Policies.Councillor);
        return group;
    }

    /// <summary>The proposals that would go to the vote now, whether they are signed off, and declared interests.</summary>
    public static async Task<Ok<ShortlistResponse>> GetShortlist(
        string schemeId, string wardCode, ProposalStore store, SchemeStore schemes, HttpContext context, CancellationToken cancellationToken)
    {
        await WardAccess.RequireAsync(schemes, schemeId, wardCode, CurrentUser.From(context.User), "see the shortlist for", cancellationToken);
        var ward = (await schemes.GetWardsAsync(schemeId, cancellationToken)).FirstOrDefault(w => w.Code == wardCode)
            ?? throw new NotFoundException($"There is no ward {wardCode} in the scheme '{schemeId}'.");
        var proposals = await store.ListAsync(schemeId, cancellationToken, wardCode: wardCode);
        var shortlist = Shortlists.For(proposals.Select(p => p.Proposal), ward.BudgetPence).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        return TypedResults.Ok(new ShortlistResponse(
            wardCode,
            ward.BudgetPence,
            proposals.Where(p => shortlist.Contains(p.Proposal.Id)).OrderBy(p => p.Proposal.CostPence).Select(p => p.ToResponse(forStaff: true)).ToList(),
            await store.GetSignOffAsync(schemeId, wardCode, cancellationToken),
            await store.ListInterestsAsync(schemeId, wardCode, cancellationToken)));
    }

    public static async Task<Results<Ok<ShortlistSignOff>, ValidationProblem>> SignOff(
        string schemeId, string wardCode, SignOffRequest request, ProposalStore store, SchemeStore schemes, ProposalNotices notices, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.ProposalIds is null || request.ProposalIds.Length == 0)
        {
            var errors = new ValidationErrors();
            errors.Add("proposalIds", "List the ids of the proposals on the shortlist you are signing off.");
            return ProblemResults.Invalid(errors);
        }

        var user = CurrentUser.From(context.User);
        await WardAccess.RequireAsync(schemes, schemeId, wardCode, user, "sign off the shortlist for", cancellationToken);
        var signOff = await store.SignOffAsync(schemeId, wardCode, request.ProposalIds, user, cancellationToken);
        await notices.ShortlistedAsync(schemeId, signOff, cancellationToken);
        await publish.EnqueueAsync(schemeId, "shortlist signed off", cancellationToken);
        return TypedResults.Ok(signOff);
    }

    public static async Task<Results<Ok<InterestDeclaration>, ValidationProblem>> DeclareInterest(
        string schemeId, string wardCode, InterestRequest request, ProposalStore store, SchemeStore schemes, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!Proposal.IsValidId(request.ProposalId))
        {
            errors.Add("proposalId", "Give the id of the proposal you have an interest in.");
        }

        var interest = ReviewApi.RequireText(request.Interest, "interest", "what your interest is", MaxInterestLength, errors);
        if (!errors.IsValid)
        {
            return ProblemResults.Invalid(errors);
        }

        var user = CurrentUser.From(context.User);
        await WardAccess.RequireAsync(schemes, schemeId, wardCode, user, "declare interests for", cancellationToken);
        return TypedResults.Ok(await store.DeclareInterestAsync(schemeId, wardCode, request.ProposalId!, interest!, user, cancellationToken));
    }
}
