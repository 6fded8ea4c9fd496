using Microsoft.AspNetCore.Http.HttpResults;
using PBudget.Core.Validation;
using PBudget.Core.Wards;
using PBudget.Functions.Auth;
using PBudget.Functions.Problems;
using PBudget.Functions.Schemes;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Councillors;

/// <summary>The wards a councillor holds in a scheme; replaces any previous set.</summary>
public sealed record CouncillorWardsRequest(string? DisplayName, string[]? Wards);

/// <summary>A councillor and the wards they hold.</summary>
public sealed record CouncillorResponse(string UserId, string DisplayName, IReadOnlyList<string> Wards);

/// <summary>Admins assign councillors (by their Entra object id) to wards; the assignment scopes what they may adjust.</summary>
public static class CouncillorsApi
{
    public static RouteGroupBuilder MapCouncillors(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/schemes/{schemeId}/councillors").WithTags("Councillors").RequireValidSchemeId();
        group.MapGet("/", ListCouncillors).RequireAuthorization(Policies.Staff);
        group.MapPut("/{userId}", SetCouncillorWards).RequireAuthorization(Policies.Admin);
        return group;
    }

    public static async Task<Results<Ok<CouncillorResponse[]>, ProblemHttpResult>> ListCouncillors(string schemeId, SchemeStore store, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(schemeId, cancellationToken) is null)
        {
            return ProblemResults.NotFound($"There is no scheme with the id '{schemeId}'.");
        }

        var assignments = await store.ListCouncillorWardsAsync(schemeId, cancellationToken);
        return TypedResults.Ok(assignments
            .GroupBy(a => a.UserId, StringComparer.Ordinal)
            .Select(g => new CouncillorResponse(g.Key, g.First().DisplayName, g.Select(a => a.WardCode).Order(StringComparer.Ordinal).ToList()))
            .OrderBy(c => c.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToArray());
    }

    public static async Task<Results<Ok<CouncillorResponse>, ValidationProblem>> SetCouncillorWards(
        string schemeId, string userId, CouncillorWardsRequest request, SchemeStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!Guid.TryParse(userId, out _))
        {
            errors.Add("userId", "The user id must be the councillor's Entra ID object id (a GUID).");
        }

        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 120)
        {
            errors.Add("displayName", "Enter the councillor's name, 120 characters or fewer.");
        }

        if (request.Wards is null)
        {
            errors.Add("wards", "List the ward codes the councillor holds (an empty list removes them all).");
        }
        else if (request.Wards.Length > Ward.MaxWardsPerScheme || request.Wards.Any(code => !Ward.IsValidCode(code)))
        {
            errors.Add("wards", "Each ward must be a ward code such as E05011234.");
        }

        if (!errors.IsValid)
        {
            return ProblemResults.Invalid(errors);
        }

        var id = Guid.Parse(userId).ToString();
        var wards = await store.SetCouncillorWardsAsync(schemeId, id, request.DisplayName!.Trim(), request.Wards!, CurrentUser.From(context.User), cancellationToken);
        return TypedResults.Ok(new CouncillorResponse(id, request.DisplayName.Trim(), wards.Select(w => w.WardCode).ToList()));
    }
}
