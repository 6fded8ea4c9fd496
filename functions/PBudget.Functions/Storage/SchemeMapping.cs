using PBudget.Core.Budgets;
using PBudget.Core.Schemes;

namespace PBudget.Functions.Storage;

/// <summary>Maps between table entities and the domain; entities never leave the storage layer.</summary>
internal static class SchemeMapping
{
    public static SchemeEntity ToEntity(Scheme scheme, DateTimeOffset createdAt, DateTimeOffset updatedAt) => new()
    {
        PartitionKey = scheme.Id,
        RowKey = SchemeEntity.Key,
        Name = scheme.Name,
        FinancialYear = scheme.FinancialYear,
        PencePerHead = scheme.Rule.PencePerHead,
        TotalPotPence = scheme.Rule.TotalPotPence,
        MinimumPerWardPence = scheme.Rule.MinimumPerWardPence,
        RoundingUnit = scheme.Rule.RoundingUnit.ToString(),
        RoundingDirection = scheme.Rule.RoundingDirection.ToString(),
        TransferScope = scheme.Adjustments.Scope.ToString(),
        MaxChangePercent = scheme.Adjustments.MaxChangePercent,
        CreatedAt = createdAt,
        UpdatedAt = updatedAt,
    };

    public static StoredScheme ToStored(SchemeEntity entity) => new(
        new Scheme(
            entity.PartitionKey,
            entity.Name,
            entity.FinancialYear,
            new BudgetRule(
                entity.PencePerHead,
                entity.TotalPotPence,
                entity.MinimumPerWardPence,
                Enum.Parse<RoundingUnit>(entity.RoundingUnit),
                Enum.Parse<RoundingDirection>(entity.RoundingDirection)),
            new AdjustmentPolicy(Enum.Parse<TransferScope>(entity.TransferScope), entity.MaxChangePercent)),
        entity.ETag,
        entity.CreatedAt,
        entity.UpdatedAt);

    public static StoredWard ToStored(WardEntity entity) =>
        new(entity.Code, entity.Name, entity.Population, entity.Area, entity.ComputedPence, entity.AdjustmentPence);
}
