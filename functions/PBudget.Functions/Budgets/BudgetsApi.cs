using Microsoft.AspNetCore.Http.HttpResults;
using PBudget.Core.Validation;
using PBudget.Core.Wards;
using PBudget.Functions.Auth;
using PBudget.Functions.Problems;
using PBudget.Functions.Publishing;
using PBudget.Functions.Schemes;
using PBudget.Functions.Storage;
using PBudget.Functions.Wards;

namespace PBudget.Functions.Budgets;

/// <summary>Move money from one ward to another. The scheme's total never changes.</summary>
public sealed record BudgetTransferRequest(string? FromWard, string? ToWard, long? AmountPence, string? Reason);

/// <summary>Both wards' budgets after the move.</summary>
public sealed record BudgetTransferResponse(WardResponse From, WardResponse To);

/// <summary>Councillors adjust their wards' devolved budgets within the scheme's limits.</summary>
public static class BudgetsApi
{
    public const int MaxReasonLength = 500;

    public static RouteGroupBuilder MapBudgets(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/schemes/{schemeId}/budget-transfers").WithTags("Budgets").RequireValidSchemeId();
        group.MapPost("/", TransferBudget).RequireAuthorization(Policies.BudgetHolder);
        return group;
    }

    public static async Task<Results<Ok<BudgetTransferResponse>, ValidationProblem, ProblemHttpResult>> TransferBudget(
        string schemeId, BudgetTransferRequest request, SchemeStore store, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!Ward.IsValidCode(request.FromWard))
        {
            errors.Add("fromWard", "Enter the code of the ward to move money from, for example E05011234.");
        }

        if (!Ward.IsValidCode(request.ToWard))
        {
            errors.Add("toWard", "Enter the code of the ward to move money to, for example E05011235.");
        }

        if (request.AmountPence is null)
        {
            errors.Add("amountPence", "Enter the amount to move, in pence.");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors.Add("reason", "Say why the money is moving; the reason is kept in the audit trail.");
        }
        else if (request.Reason.Length > MaxReasonLength)
        {
            errors.Add("reason", $"The reason must be {MaxReasonLength} characters or fewer.");
        }

        if (!errors.IsValid)
        {
            return ProblemResults.Invalid(errors);
        }

        var user = CurrentUser.From(context.User);
        if (!user.IsAdmin)
        {
            // Councillors adjust only the wards they hold: both ends of the move must be theirs.
            var held = await store.GetCouncillorWardsAsync(schemeId, user.Id, cancellationToken);
            var notHeld = new[] { request.FromWard!, request.ToWard! }.Where(code => !held.Contains(code)).Distinct().ToList();
            if (notHeld.Count > 0)
            {
                return ProblemResults.Forbidden($"You can only move money between wards you hold in this scheme; you do not hold {string.Join(" or ", notHeld)}.");
            }
        }

        var (from, to) = await store.TransferAsync(schemeId, request.FromWard!, request.ToWard!, request.AmountPence!.Value, request.Reason!.Trim(), user, cancellationToken);
        await publish.EnqueueAsync(schemeId, "budget transferred", cancellationToken);
        return TypedResults.Ok(new BudgetTransferResponse(WardsApi.ToResponse(from), WardsApi.ToResponse(to)));
    }
}
