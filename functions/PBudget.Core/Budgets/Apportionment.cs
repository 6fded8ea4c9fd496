namespace PBudget.Core.Budgets;

/// <summary>
/// Shares a whole number of units between claimants in proportion to their weights by the
/// largest-remainder (Hamilton) method, with a guaranteed minimum per claimant. Integer arithmetic only.
/// </summary>
/// <remarks>
/// Claimants whose proportional share would fall below the minimum are given exactly the minimum and the
/// rest is shared again among the others, until no share falls below it. Leftover units after rounding
/// down go to the largest remainders; equal remainders go to the lower code (ordinal), so the result does
/// not depend on the order of the input. If every remaining claimant has zero weight, they share equally.
/// </remarks>
public static class Apportionment
{
    /// <param name="total">Units to share; must be at least <paramref name="minimum"/> × claimants.</param>
    /// <param name="minimum">The least any claimant receives.</param>
    /// <param name="claimants">Distinct codes with non-negative weights.</param>
    /// <returns>Units per code, adding up to <paramref name="total"/> exactly.</returns>
    public static IReadOnlyDictionary<string, long> LargestRemainder(
        long total,
        long minimum,
        IReadOnlyList<(string Code, long Weight)> claimants)
    {
        ArgumentNullException.ThrowIfNull(claimants);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfNegative(minimum);
        if ((Int128)minimum * claimants.Count > total)
        {
            throw new ArgumentException("The total cannot give every claimant its minimum.", nameof(minimum));
        }

        if (claimants.Any(c => c.Weight < 0))
        {
            throw new ArgumentException("Weights cannot be negative.", nameof(claimants));
        }

        if (claimants.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count() != claimants.Count)
        {
            throw new ArgumentException("Each claimant's code must be distinct; a repeated code would lose its share.", nameof(claimants));
        }

        var result = new Dictionary<string, long>(claimants.Count, StringComparer.Ordinal);
        if (claimants.Count == 0)
        {
            return total == 0 ? result : throw new ArgumentException("There is no claimant to share the total between.", nameof(claimants));
        }

        var free = claimants.OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        Int128 remaining = total;
        while (true)
        {
            var weightTotal = TotalWeight(free);
            var pinned = free.Where(c => remaining * Weight(c, weightTotal) < (Int128)minimum * weightTotal.Sum).ToList();
            if (pinned.Count == 0)
            {
                break;
            }

            foreach (var claimant in pinned)
            {
                result[claimant.Code] = minimum;
                free.Remove(claimant);
                remaining -= minimum;
            }
        }

        if (free.Count == 0)
        {
            // Unreachable when total >= minimum × claimants: the last claimant pinned would have had a share of at least the minimum.
            throw new InvalidOperationException("Every claimant was pinned to the minimum with units left over.");
        }

        var weights = TotalWeight(free);
        var shares = free
            .Select(c => (c.Code, Floor: (long)(remaining * Weight(c, weights) / weights.Sum), Remainder: remaining * Weight(c, weights) % weights.Sum))
            .ToList();
        var leftover = (long)(remaining - shares.Aggregate(Int128.Zero, (sum, s) => sum + s.Floor));
        var luckiest = shares
            .OrderByDescending(s => s.Remainder)
            .ThenBy(s => s.Code, StringComparer.Ordinal)
            .Take((int)leftover)
            .Select(s => s.Code)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var share in shares)
        {
            result[share.Code] = share.Floor + (luckiest.Contains(share.Code) ? 1 : 0);
        }

        return result;
    }

    // With no weight left among the free claimants, each counts as weight 1, so they share equally.
    private static (Int128 Sum, bool Equal) TotalWeight(List<(string Code, long Weight)> free)
    {
        Int128 sum = 0;
        foreach (var claimant in free)
        {
            sum += claimant.Weight;
        }

        return sum == 0 ? (free.Count, true) : (sum, false);
    }

    private static Int128 Weight((string Code, long Weight) claimant, (Int128 Sum, bool Equal) total) =>
        total.Equal ? 1 : claimant.Weight;
}
