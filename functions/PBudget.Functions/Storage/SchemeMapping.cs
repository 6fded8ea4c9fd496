using System.Text.Json;
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

    private static readonly JsonSerializerOptions PhaseJson = new(JsonSerializerDefaults.Web);

    public static StoredScheme ToStored(SchemeEntity entity)
    {
        var phase = entity.Phase is null ? SchemePhase.SetUp : Enum.Parse<SchemePhase>(entity.Phase);
        var (planned, started) = ReadPhaseDates(entity.PhaseDates);
        return ToStoredScheme(entity) with { Phase = phase, Timeline = PhaseDates.Timeline(planned, started) };
    }

    /// <summary>Reads the phase dates column; an empty column means no dates yet.</summary>
    public static (Dictionary<SchemePhase, DateOnly> Planned, Dictionary<SchemePhase, DateTimeOffset> Started) ReadPhaseDates(string? json)
    {
        var stored = string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<StoredPhaseDates>(json, PhaseJson);
        return (stored?.Planned ?? [], stored?.Started ?? []);
    }

    public static string WritePhaseDates(Dictionary<SchemePhase, DateOnly> planned, Dictionary<SchemePhase, DateTimeOffset> started) =>
        JsonSerializer.Serialize(new StoredPhaseDates(planned, started), PhaseJson);

    private sealed record StoredPhaseDates(Dictionary<SchemePhase, DateOnly>? Planned, Dictionary<SchemePhase, DateTimeOffset>? Started);

    private static StoredScheme ToStoredScheme(SchemeEntity entity) => new(
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
