using PBudget.Core.Validation;

namespace PBudget.Core.Schemes;

/// <summary>A phase's dates: when it is planned to start (published so residents can plan) and when it actually started.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="PlannedStart">The day it is planned to start, if set.</param>
/// <param name="StartedAt">When an admin moved the scheme into it, if they have.</param>
public sealed record PhaseDate(SchemePhase Phase, DateOnly? PlannedStart, DateTimeOffset? StartedAt);

/// <summary>Checks planned phase dates.</summary>
public static class PhaseDates
{
    /// <summary>Planned dates must not go backwards: a later phase cannot be planned to start before an earlier one.</summary>
    public static ValidationErrors Validate(IReadOnlyDictionary<SchemePhase, DateOnly> planned)
    {
        ArgumentNullException.ThrowIfNull(planned);
        var errors = new ValidationErrors();
        KeyValuePair<SchemePhase, DateOnly>? previous = null;
        foreach (var entry in planned.OrderBy(p => p.Key))
        {
            if (previous is { } before && entry.Value < before.Value)
            {
                errors.Add(
                    "plannedStarts." + entry.Key,
                    $"'{entry.Key.Describe()}' is planned to start on {entry.Value:d MMMM yyyy}, before '{before.Key.Describe()}' on {before.Value:d MMMM yyyy}.");
            }

            previous = entry;
        }

        return errors;
    }

    /// <summary>Every phase in order with its dates, from what is stored.</summary>
    public static IReadOnlyList<PhaseDate> Timeline(IReadOnlyDictionary<SchemePhase, DateOnly> planned, IReadOnlyDictionary<SchemePhase, DateTimeOffset> started)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(started);
        return Enum.GetValues<SchemePhase>()
            .Select(phase => new PhaseDate(
                phase,
                planned.TryGetValue(phase, out var day) ? day : null,
                started.TryGetValue(phase, out var at) ? at : null))
            .ToList();
    }
}
