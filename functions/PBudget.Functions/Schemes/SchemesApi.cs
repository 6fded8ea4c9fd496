using Azure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PBudget.Core.Budgets;
using PBudget.Core.Schemes;
using PBudget.Core.Validation;
using PBudget.Functions.Auth;
using PBudget.Functions.Problems;
using PBudget.Functions.Publishing;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Schemes;

/// <summary>Create, list and read schemes, and change their budget rules.</summary>
public static class SchemesApi
{
    public static RouteGroupBuilder MapSchemes(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/schemes").WithTags("Schemes");
        group.MapGet("/", ListSchemes).RequireAuthorization(Policies.Staff);
        group.MapGet("/{schemeId}", GetScheme).RequireAuthorization(Policies.Staff).RequireValidSchemeId().WithName(nameof(GetScheme));
        group.MapPost("/", CreateScheme).RequireAuthorization(Policies.Admin);
        group.MapPut("/{schemeId}/rules", UpdateRules).RequireAuthorization(Policies.Admin).RequireValidSchemeId();
        return group;
    }

    public static async Task<Ok<SchemeResponse[]>> ListSchemes(SchemeStore store, CancellationToken cancellationToken)
    {
        var schemes = await store.ListAsync(cancellationToken);
        return TypedResults.Ok(schemes.Select(s => s.ToResponse()).ToArray());
    }

    public static async Task<Results<Ok<SchemeResponse>, ProblemHttpResult>> GetScheme(string schemeId, SchemeStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(schemeId, cancellationToken);
        if (stored is null)
        {
            return ProblemResults.NotFound($"There is no scheme with the id '{schemeId}'.");
        }

        response.Headers.ETag = stored.ETag.ToString("H");
        return TypedResults.Ok(stored.ToResponse());
    }

    public static async Task<Results<CreatedAtRoute<SchemeResponse>, ValidationProblem, ProblemHttpResult>> CreateScheme(
        CreateSchemeRequest request, SchemeStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var adjustments = request.Adjustments ?? AdjustmentPolicy.Default;
        var errors = Scheme.Validate(request.Id, request.Name, request.FinancialYear, request.BudgetRule, adjustments);
        if (!errors.IsValid)
        {
            return ProblemResults.Invalid(errors);
        }

        try
        {
            var scheme = new Scheme(request.Id!, request.Name!.Trim(), request.FinancialYear!, request.BudgetRule!, adjustments);
            var stored = await store.CreateAsync(scheme, CurrentUser.From(context.User), cancellationToken);
            context.Response.Headers.ETag = stored.ETag.ToString("H");
            return TypedResults.CreatedAtRoute(stored.ToResponse(), nameof(GetScheme), new { schemeId = scheme.Id });
        }
        catch (AlreadyExistsException exists)
        {
            return ProblemResults.Conflict(exists.Message);
        }
    }

    /// <summary>Changes the rules and recomputes budgets. Send If-Match with the ETag you read to avoid overwriting someone else's change.</summary>
    public static async Task<Results<Ok<SchemeResponse>, ValidationProblem, ProblemHttpResult>> UpdateRules(
        string schemeId, SchemeRulesRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, SchemeStore store, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var adjustments = request.Adjustments ?? AdjustmentPolicy.Default;
        Scheme.ValidateRules(request.BudgetRule, adjustments, errors);
        if (!errors.IsValid)
        {
            return ProblemResults.Invalid(errors);
        }

        try
        {
            var stored = await store.UpdateRulesAsync(schemeId, request.BudgetRule!, adjustments, ifMatch is null ? null : new ETag(ifMatch), CurrentUser.From(context.User), cancellationToken);
            await publish.EnqueueAsync(schemeId, "rules changed", cancellationToken);
            context.Response.Headers.ETag = stored.ETag.ToString("H");
            return TypedResults.Ok(stored.ToResponse());
        }
        catch (ConcurrencyException race)
        {
            return ProblemResults.PreconditionFailed(race.Message);
        }
    }
}
