using PBudget.Core.Budgets;
using PBudget.Core.Schemes;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Schemes;

/// <summary>Create a scheme. Money is in pence.</summary>
public sealed record CreateSchemeRequest(string? Id, string? Name, string? FinancialYear, BudgetRule? BudgetRule, AdjustmentPolicy? Adjustments);

/// <summary>Change how budgets are worked out and how far councillors may adjust them.</summary>
public sealed record SchemeRulesRequest(BudgetRule? BudgetRule, AdjustmentPolicy? Adjustments);

/// <summary>Move the scheme on to the next phase, named as in <see cref="SchemePhase"/> (for example <c>ProposalsOpen</c>).</summary>
public sealed record PhaseMoveRequest(string? To);

/// <summary>The day each phase is planned to start, keyed by phase name.</summary>
public sealed record PhaseDatesRequest(Dictionary<string, DateOnly>? PlannedStarts);

/// <summary>A scheme, with its rules in figures and in words, and where it is in its year.</summary>
public sealed record SchemeResponse(
    string Id,
    string Name,
    string FinancialYear,
    BudgetRule BudgetRule,
    string BudgetRuleDescription,
    AdjustmentPolicy Adjustments,
    string AdjustmentsDescription,
    SchemePhase Phase,
    string PhaseDescription,
    IReadOnlyList<PhaseDate> Phases,
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
        stored.Phase,
        stored.Phase.Describe(),
        stored.PhaseTimeline,
        stored.CreatedAt,
        stored.UpdatedAt);
}
