using System.Numerics;

namespace PBudget.Counting.Rules;

/// <summary>
/// A closed interval [<see cref="Lo"/>, <see cref="Hi"/>] of doubles that certainly contains an exact real value.
/// Every operation rounds its result outward by one unit in the last place: the machine rounds to nearest, so the exact
/// result lies within half a unit of the one computed, and the widened interval still holds it. Comparisons are made
/// only when the intervals do not overlap, so a comparison decided here is the comparison the exact numbers make.
/// </summary>
internal readonly record struct Interval(double Lo, double Hi)
{
    /// <summary>Integers up to this size are exact doubles.</summary>
    public const long MaxExactInteger = 1L << 53;

    public static readonly Interval Zero = new(0, 0);

    /// <summary>An integer held exactly (the caller checks it is at most <see cref="MaxExactInteger"/> in size).</summary>
    public static Interval Exact(long value) => new(value, value);

    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/>, for a positive denominator.</summary>
    public static Interval Quotient(BigInteger numerator, BigInteger denominator)
    {
        // Each conversion to double is off by at most one unit in the last place, the division by at most half of one:
        // three units either way cover it.
        var approximate = (double)numerator / (double)denominator;
        return new(Down(Down(Down(approximate))), Up(Up(Up(approximate))));
    }

    // An operation with an exact zero operand is exact, and is not widened: a quantity that is zero by construction (no
    // change with the step, say) then stays exactly zero rather than becoming a tiny interval around it.
    public static Interval operator +(Interval a, Interval b) => new(
        a.Lo == 0 ? b.Lo : b.Lo == 0 ? a.Lo : Down(a.Lo + b.Lo),
        a.Hi == 0 ? b.Hi : b.Hi == 0 ? a.Hi : Up(a.Hi + b.Hi));

    public static Interval operator -(Interval a, Interval b) => a + (-b);

    public static Interval operator -(Interval a) => new(-a.Hi, -a.Lo);

    /// <summary>This times <paramref name="k"/>, an exact non-negative double.</summary>
    public Interval Times(double k) => new(Lo == 0 ? 0 : Down(Lo * k), Hi == 0 ? 0 : Up(Hi * k));

    /// <summary>This divided by <paramref name="k"/>, an exact positive double.</summary>
    public Interval Over(double k) => new(Lo == 0 ? 0 : Down(Lo / k), Hi == 0 ? 0 : Up(Hi / k));

    /// <summary>Whether every value in this interval is below every value in <paramref name="other"/>.</summary>
    public bool Below(Interval other) => Hi < other.Lo;

    public static double Down(double x) => Math.BitDecrement(x);

    public static double Up(double x) => Math.BitIncrement(x);
}
