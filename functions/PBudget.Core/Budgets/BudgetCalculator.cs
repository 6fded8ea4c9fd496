using PBudget.Core.Validation;

namespace PBudget.Core.Budgets;

/// <summary>A ward's population, the only input a budget rule needs besides the ward's code.</summary>
/// <param name="Code">The ward code; ties in the apportionment go to the lower code.</param>
/// <param name="Population">Residents, zero or more.</param>
public readonly record struct WardPopulation(string Code, long Population);

/// <summary>
/// Works out each ward's devolved budget from a <see cref="BudgetRule"/>, in integer pence, exactly and
/// deterministically: the same wards in any order give the same amounts.
/// </summary>
public static class BudgetCalculator
{
    /// <summary>Returns each ward's budget in pence, keyed by ward code.</summary>
    /// <exception cref="DomainValidationException">The rule is invalid, or a pot cannot give every ward its minimum.</exception>
    public static IReadOnlyDictionary<string, long> Compute(BudgetRule rule, IReadOnlyCollection<WardPopulation> wards)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(wards);
        var errors = rule.Validate();
        if (!errors.IsValid)
        {
            throw new DomainValidationException(errors);
        }

        if (wards.Any(ward => ward.Population < 0))
        {
            throw new ArgumentException("Populations cannot be negative.", nameof(wards));
        }

        if (wards.Select(ward => ward.Code).Distinct(StringComparer.Ordinal).Count() != wards.Count)
        {
            throw new ArgumentException("Each ward may appear once; a repeated ward would lose part of the budget.", nameof(wards));
        }

        if (wards.Count == 0)
        {
            // No wards yet (a scheme being set up): nothing to share.
            return new Dictionary<string, long>(StringComparer.Ordinal);
        }

        return rule.TotalPotPence is { } pot
            ? SharePot(rule, pot, wards)
            : PerHead(rule, wards);
    }

    /// <summary>Checks that a pot can give every ward its minimum, without computing anything else.</summary>
    public static ValidationErrors CheckFeasible(BudgetRule rule, int wardCount)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = new ValidationErrors();
        if (rule.TotalPotPence is { } pot && rule.MinimumPerWardPence is { } minimum && (Int128)minimum * wardCount > pot)
        {
            errors.Add(
                nameof(BudgetRule.MinimumPerWardPence),
                $"The minimum of {Money.FormatPounds(minimum)} for each of {wardCount} wards needs {Money.FormatPounds((long)minimum * wardCount)}, more than the pot of {Money.FormatPounds(pot)}.");
        }

        return errors;
    }

    private static Dictionary<string, long> PerHead(BudgetRule rule, IReadOnlyCollection<WardPopulation> wards)
    {
        var unit = (long)rule.RoundingUnit;
        var minimum = rule.MinimumPerWardPence ?? 0;
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var ward in wards)
        {
            // Int128 so that rounding up never overflows on the way to a result that fits.
            Int128 raw = checked(ward.Population * rule.PencePerHead!.Value);
            var rounded = rule.RoundingDirection switch
            {
                RoundingDirection.Up => (raw + unit - 1) / unit * unit,
                RoundingDirection.Nearest => (raw + (unit / 2)) / unit * unit,
                _ => raw / unit * unit,
            };
            result[ward.Code] = Math.Max(checked((long)rounded), minimum);
        }

        return result;
    }

    private static Dictionary<string, long> SharePot(BudgetRule rule, long pot, IReadOnlyCollection<WardPopulation> wards)
    {
        var errors = CheckFeasible(rule, wards.Count);
        if (!errors.IsValid)
        {
            throw new DomainValidationException(errors);
        }

        var unit = (long)rule.RoundingUnit;
        var units = Apportionment.LargestRemainder(
            pot / unit,
            (rule.MinimumPerWardPence ?? 0) / unit,
            wards.Select(ward => (ward.Code, ward.Population)).ToList());
        return units.ToDictionary(pair => pair.Key, pair => pair.Value * unit, StringComparer.Ordinal);
    }
}
