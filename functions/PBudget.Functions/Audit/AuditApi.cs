using Microsoft.AspNetCore.Http.HttpResults;
using PBudget.Core.Audit;
using PBudget.Functions.Auth;
using PBudget.Functions.Problems;
using PBudget.Functions.Schemes;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Audit;

/// <summary>Read back who changed what in a scheme, newest first.</summary>
public static class AuditApi
{
    public const int MaxTake = 500;

    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/schemes/{schemeId}/audit").WithTags("Audit").RequireValidSchemeId();
        group.MapGet("/", ReadAudit).RequireAuthorization(Policies.Staff);
        return group;
    }

    public static async Task<Results<Ok<AuditEntry[]>, ValidationProblem, ProblemHttpResult>> ReadAudit(string schemeId, SchemeStore store, CancellationToken cancellationToken, int take = 100)
    {
        if (take is < 1 or > MaxTake)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["take"] = [$"Ask for between 1 and {MaxTake} entries."] });
        }

        if (await store.GetAsync(schemeId, cancellationToken) is null)
        {
            return ProblemResults.NotFound($"There is no scheme with the id '{schemeId}'.");
        }

        return TypedResults.Ok((await store.ReadAuditAsync(schemeId, take, cancellationToken)).ToArray());
    }
}
