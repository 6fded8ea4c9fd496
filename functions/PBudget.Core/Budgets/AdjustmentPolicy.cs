using PBudget.Core.Validation;

namespace PBudget.Core.Budgets;

/// <summary>Between which wards councillors may move money.</summary>
public enum TransferScope
{
    /// <summary>Budgets are fixed by the rule; nobody moves money.</summary>
    None,

    /// <summary>Only between wards of the same area (the default): local priorities, no cross-town raids.</summary>
    WithinArea,

    /// <summary>Between any two wards of the scheme.</summary>
    AnyWard,
}

/// <summary>
/// The limits a scheme sets on councillors' adjustments. Money only ever moves between wards, so the
/// scheme's total never changes; a ward never drops below the rule's minimum.
/// </summary>
/// <param name="Scope">Between which wards money may move.</param>
/// <param name="MaxChangePercent">How far a ward's budget may move from what the rule gave it, as a whole percentage; none means no limit.</param>
public sealed record AdjustmentPolicy(TransferScope Scope = TransferScope.WithinArea, int? MaxChangePercent = null)
{
    public static AdjustmentPolicy Default { get; } = new();

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (!Enum.IsDefined(Scope))
        {
            errors.Add(nameof(Scope), "Choose who money may move between: None, WithinArea or AnyWard.");
        }

        if (MaxChangePercent is < 0 or > 100)
        {
            errors.Add(nameof(MaxChangePercent), "The largest change must be a whole percentage from 0 to 100.");
        }

        return errors;
    }

    public string Describe() => Scope switch
    {
        TransferScope.None => "Councillors cannot move money between wards.",
        TransferScope.WithinArea => "Councillors may move money between wards of the same area" + Limit(),
        _ => "Councillors may move money between any wards of the scheme" + Limit(),
    };

    private string Limit() => MaxChangePercent is { } percent
        ? $", changing a ward's budget by at most {percent}% of what the rule gave it."
        : ".";
}
