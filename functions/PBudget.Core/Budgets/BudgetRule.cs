using PBudget.Core.Validation;

namespace PBudget.Core.Budgets;

/// <summary>The unit each ward's budget is rounded to.</summary>
public enum RoundingUnit
{
    /// <summary>No rounding beyond the penny.</summary>
    Penny = 1,

    /// <summary>Whole pounds.</summary>
    Pound = 100,

    /// <summary>Multiples of £10.</summary>
    TenPounds = 1_000,

    /// <summary>Multiples of £100.</summary>
    HundredPounds = 10_000,
}

/// <summary>Which way a per-head amount is rounded to the <see cref="RoundingUnit"/>.</summary>
public enum RoundingDirection
{
    /// <summary>Down, so that the devolved total never exceeds what the rate gives. The default.</summary>
    Down,

    /// <summary>To the nearest unit, halves rounded up.</summary>
    Nearest,

    /// <summary>Up.</summary>
    Up,
}

/// <summary>
/// How a scheme works out each ward's devolved budget. Exactly one basis applies:
/// <list type="bullet">
/// <item><b>Per head</b> (<see cref="PencePerHead"/>): population × rate, rounded to the unit.</item>
/// <item><b>A fixed pot</b> (<see cref="TotalPotPence"/>): the pot shared out in proportion to population,
/// whole units by the largest-remainder method (ties to the lower ward code), adding up to the pot exactly.</item>
/// </list>
/// Either way every ward gets at least <see cref="MinimumPerWardPence"/>. All amounts are integer pence.
/// </summary>
/// <param name="PencePerHead">The rate per resident, in pence (the seed strategy proposes 200, £2 a head).</param>
/// <param name="TotalPotPence">The fixed total to share out, in pence.</param>
/// <param name="MinimumPerWardPence">The least any ward receives, in pence.</param>
/// <param name="RoundingUnit">The unit budgets are rounded to; with a pot, the pot and minimum must be whole units.</param>
/// <param name="RoundingDirection">How per-head amounts are rounded. A pot is always shared exactly.</param>
public sealed record BudgetRule(
    long? PencePerHead,
    long? TotalPotPence,
    long? MinimumPerWardPence,
    RoundingUnit RoundingUnit = RoundingUnit.Pound,
    RoundingDirection RoundingDirection = RoundingDirection.Down)
{
    /// <summary>The largest rate accepted: £1,000 a head guards against a pounds-for-pence typo.</summary>
    public const long MaxPencePerHead = 100_000;

    /// <summary>The largest pot accepted: £1bn, far above any ward scheme, and safe from overflow.</summary>
    public const long MaxPotPence = 100_000_000_000;

    /// <summary>Checks the rule on its own, field by field.</summary>
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (PencePerHead is null && TotalPotPence is null)
        {
            errors.Add(nameof(PencePerHead), "Set either a rate per head or a total pot.");
        }

        if (PencePerHead is not null && TotalPotPence is not null)
        {
            errors.Add(nameof(TotalPotPence), "Set either a rate per head or a total pot, not both: with a pot, budgets follow population shares of the pot.");
        }

        if (PencePerHead is < 0 or > MaxPencePerHead)
        {
            errors.Add(nameof(PencePerHead), $"The rate per head must be between 0 and {MaxPencePerHead} pence (£1,000).");
        }

        if (TotalPotPence is < 0 or > MaxPotPence)
        {
            errors.Add(nameof(TotalPotPence), "The total pot must be between £0 and £1,000,000,000.");
        }

        if (MinimumPerWardPence is < 0 or > MaxPotPence)
        {
            errors.Add(nameof(MinimumPerWardPence), "The minimum per ward must be between £0 and £1,000,000,000.");
        }

        if (!Enum.IsDefined(RoundingUnit))
        {
            errors.Add(nameof(RoundingUnit), "Choose a rounding unit: Penny, Pound, TenPounds or HundredPounds.");
        }
        else
        {
            var unit = (long)RoundingUnit;
            if (TotalPotPence is { } pot && pot % unit != 0)
            {
                errors.Add(nameof(TotalPotPence), $"The total pot must be a whole number of the rounding unit ({Money.FormatPounds(unit)}).");
            }

            if (MinimumPerWardPence is { } minimum && minimum % unit != 0)
            {
                errors.Add(nameof(MinimumPerWardPence), $"The minimum per ward must be a whole number of the rounding unit ({Money.FormatPounds(unit)}).");
            }
        }

        if (!Enum.IsDefined(RoundingDirection))
        {
            errors.Add(nameof(RoundingDirection), "Choose a rounding direction: Down, Nearest or Up.");
        }

        return errors;
    }

    private string Rounded(string unit) => RoundingUnit == RoundingUnit.Penny
        ? "to the penny"
        : RoundingDirection switch
        {
            RoundingDirection.Up => $"rounded up to {unit}",
            RoundingDirection.Nearest => RoundingUnit switch
            {
                RoundingUnit.Pound => "rounded to the nearest pound",
                RoundingUnit.TenPounds => "rounded to the nearest £10",
                _ => "rounded to the nearest £100",
            },
            _ => $"rounded down to {unit}",
        };

    /// <summary>The rule in plain English, as the public site shows it.</summary>
    public string Describe()
    {
        var unit = RoundingUnit switch
        {
            RoundingUnit.Pound => "whole pounds",
            RoundingUnit.TenPounds => "multiples of £10",
            RoundingUnit.HundredPounds => "multiples of £100",
            _ => "pennies",
        };
        var basis = TotalPotPence is { } pot
            ? $"A total pot of {Money.FormatPounds(pot)} is shared between the wards in proportion to their population, in {unit}, so that the budgets add up to the pot exactly."
            : $"Each ward receives {Money.FormatPounds(PencePerHead ?? 0)} for every resident, {Rounded(unit)}.";
        return MinimumPerWardPence is > 0
            ? basis + $" Every ward receives at least {Money.FormatPounds(MinimumPerWardPence.Value)}."
            : basis;
    }
}
