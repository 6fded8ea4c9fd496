using PBudget.Core.Budgets;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Schemes;

/// <summary>Create a scheme. Money is in pence.</summary>
public sealed record CreateSchemeRequest(string? Id, string? Name, string? FinancialYear, BudgetRule? BudgetRule, AdjustmentPolicy? Adjustments);

/// <summary>Change how budgets are worked out and how far councillors may adjust them.</summary>
public sealed record SchemeRulesRequest(BudgetRule? BudgetRule, AdjustmentPolicy? Adjustments);

/// <summary>A scheme, with its rules in figures and in words.</summary>
public sealed record SchemeResponse(
    string Id,
    string Name,
    string FinancialYear,
    BudgetRule BudgetRule,
    string BudgetRuleDescription,
    AdjustmentPolicy Adjustments,
    string AdjustmentsDescription,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

internal static class SchemeResponseMapping
{
    public static SchemeResponse ToResponse(this StoredScheme stored) => new(
        stored.Scheme.Id,
        stored.Scheme.Name,
        stored.Scheme.FinancialYear,
        stored.Scheme.Rule,
        stored.Scheme.Rule.Describe(),
        stored.Scheme.Adjustments,
        stored.Scheme.Adjustments.Describe(),
        stored.CreatedAt,
        stored.UpdatedAt);
}
