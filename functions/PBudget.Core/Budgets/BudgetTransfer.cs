using PBudget.Core.Validation;

namespace PBudget.Core.Budgets;

/// <summary>A ward's budget as the rule computed it and as councillors have adjusted it.</summary>
/// <param name="Code">The ward code.</param>
/// <param name="Area">The ward's area, if any.</param>
/// <param name="ComputedPence">What the scheme's rule gives the ward.</param>
/// <param name="AdjustmentPence">What councillors have moved in (positive) or out (negative).</param>
public sealed record WardBudget(string Code, string? Area, long ComputedPence, long AdjustmentPence)
{
    /// <summary>The ward's budget now.</summary>
    public long BudgetPence => ComputedPence + AdjustmentPence;
}

/// <summary>
/// Moving money from one ward to another. The total is unchanged by construction: what one ward gains,
/// the other loses, and both rows are written in one storage transaction.
/// </summary>
public static class BudgetTransfer
{
    /// <summary>Checks a transfer against the scheme's rule and adjustment policy, naming every reason it is refused.</summary>
    public static ValidationErrors Check(BudgetRule rule, AdjustmentPolicy policy, WardBudget from, WardBudget to, long amountPence)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var errors = new ValidationErrors();
        var unit = (long)rule.RoundingUnit;
        if (amountPence <= 0)
        {
            errors.Add("amountPence", "Enter an amount of more than £0 to move.");
        }
        else if (amountPence % unit != 0)
        {
            errors.Add("amountPence", $"Move a whole number of {Money.FormatPounds(unit)} units, as the scheme's budgets are rounded to {Money.FormatPounds(unit)}.");
        }

        if (string.Equals(from.Code, to.Code, StringComparison.Ordinal))
        {
            errors.Add("toWard", "Choose a different ward to move the money to.");
        }

        switch (policy.Scope)
        {
            case TransferScope.None:
                errors.Add("toWard", "This scheme does not allow money to be moved between wards.");
                break;
            case TransferScope.WithinArea when from.Area is null || !string.Equals(from.Area, to.Area, StringComparison.Ordinal):
                errors.Add("toWard", $"Money can only move between wards of the same area; {from.Code} is in {from.Area ?? "no area"} and {to.Code} is in {to.Area ?? "no area"}.");
                break;
            case TransferScope.WithinArea or TransferScope.AnyWard:
                break;
            default:
                errors.Add("toWard", "The scheme's adjustment policy is not one PBudget knows; money cannot move until an admin sets it.");
                break;
        }

        // The balance checks below only make sense for a positive amount between two different wards.
        if (amountPence <= 0 || string.Equals(from.Code, to.Code, StringComparison.Ordinal))
        {
            return errors;
        }

        var minimum = rule.MinimumPerWardPence ?? 0;
        var fromAfter = from.BudgetPence - amountPence;
        var toAfter = to.BudgetPence + amountPence;
        if (fromAfter < minimum)
        {
            errors.Add("amountPence", $"Ward {from.Code} has {Money.FormatPounds(from.BudgetPence)}; moving {Money.FormatPounds(amountPence)} would leave it below the minimum of {Money.FormatPounds(minimum)}.");
        }

        if (policy.MaxChangePercent is { } percent)
        {
            CheckLimit(from, fromAfter, percent, errors);
            CheckLimit(to, toAfter, percent, errors);
        }

        return errors;
    }

    // |after - computed| <= percent% of computed, compared in integers.
    private static void CheckLimit(WardBudget ward, long after, int percent, ValidationErrors errors)
    {
        if ((Int128)Math.Abs(after - ward.ComputedPence) * 100 > (Int128)ward.ComputedPence * percent)
        {
            errors.Add("amountPence", $"Ward {ward.Code} would have {Money.FormatPounds(after)}, more than {percent}% away from the {Money.FormatPounds(ward.ComputedPence)} the rule gives it.");
        }
    }
}
