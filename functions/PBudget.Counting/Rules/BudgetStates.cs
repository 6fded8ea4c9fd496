using Fractions;

namespace PBudget.Counting.Rules;

/// <summary>
/// The distinct amounts voters hold, each with a small id. Voters who supported the same funded projects hold the
/// same amount, so a count tracks a state per distinct ballot and does its exact arithmetic once per state, not once
/// per voter: that is what makes exact counting of large elections fast.
/// </summary>
internal sealed class BudgetStates
{
    private readonly List<Fraction> amounts = [];
    private readonly Dictionary<Fraction, int> ids = [];

    public BudgetStates(Fraction initial) => Intern(initial);

    public int Count => amounts.Count;

    public Fraction this[int state] => amounts[state];

    /// <summary>The state holding <paramref name="amount"/>, created if new.</summary>
    public int Intern(Fraction amount)
    {
        amount = amount.Reduce();
        if (!ids.TryGetValue(amount, out var id))
        {
            id = amounts.Count;
            amounts.Add(amount);
            ids.Add(amount, id);
        }

        return id;
    }
}
