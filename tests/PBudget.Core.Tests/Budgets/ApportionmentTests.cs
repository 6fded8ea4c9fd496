using PBudget.Core.Budgets;

namespace PBudget.Core.Tests.Budgets;

public sealed class ApportionmentTests
{
    [Fact]
    public void LargestRemainder_NullClaimants_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>("claimants", () => Apportionment.LargestRemainder(10, 0, null!));
    }

    [Fact]
    public void LargestRemainder_NegativeTotal_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>("total", () => Apportionment.LargestRemainder(-1, 0, [("A", 1)]));
    }

    [Fact]
    public void LargestRemainder_NegativeMinimum_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>("minimum", () => Apportionment.LargestRemainder(10, -1, [("A", 1)]));
    }

    [Fact]
    public void LargestRemainder_MinimumTimesClaimantsOverTotal_ThrowsArgumentException()
    {
        // 3 × 4 = 12 > 11.
        var exception = Assert.Throws<ArgumentException>(() => Apportionment.LargestRemainder(11, 4, [("A", 1), ("B", 1), ("C", 1)]));

        Assert.Equal("minimum", exception.ParamName);
    }

    [Fact]
    public void LargestRemainder_MinimumTimesClaimantsOverflowsLong_ThrowsRatherThanWrapping()
    {
        // 2 × long.MaxValue wraps to -2 in long arithmetic, which would look feasible.
        var exception = Assert.Throws<ArgumentException>(() =>
            Apportionment.LargestRemainder(long.MaxValue, long.MaxValue, [("A", 1), ("B", 1)]));

        Assert.Equal("minimum", exception.ParamName);
    }

    [Fact]
    public void LargestRemainder_MinimumTimesClaimantsEqualsTotal_GivesEachTheMinimum()
    {
        // 3 × 4 = 12 = total.
        var result = Apportionment.LargestRemainder(12, 4, [("A", 100), ("B", 1), ("C", 0)]);

        Assert.Equal(4, result["A"]);
        Assert.Equal(4, result["B"]);
        Assert.Equal(4, result["C"]);
    }

    [Fact]
    public void LargestRemainder_EmptyListNothingToShare_IsEmpty()
    {
        Assert.Empty(Apportionment.LargestRemainder(0, 0, []));
    }

    [Fact]
    public void LargestRemainder_EmptyListWithMinimum_IsEmpty()
    {
        // 0 claimants × any minimum = 0 ≤ 0.
        Assert.Empty(Apportionment.LargestRemainder(0, 5, []));
    }

    [Fact]
    public void LargestRemainder_ZeroTotal_GivesEveryoneZero()
    {
        var result = Apportionment.LargestRemainder(0, 0, [("A", 5), ("B", 0)]);

        Assert.Equal(0, result["A"]);
        Assert.Equal(0, result["B"]);
    }

    [Fact]
    public void LargestRemainder_SingleClaimant_GetsEverything()
    {
        var result = Apportionment.LargestRemainder(1_234, 7, [("A", 0)]);

        Assert.Equal(1_234, Assert.Single(result).Value);
    }

    [Fact]
    public void LargestRemainder_ExactQuotas_HaveNoLeftover()
    {
        // 12 × (1, 2, 3) / 6 = 2, 4, 6 exactly.
        var result = Apportionment.LargestRemainder(12, 0, [("C", 3), ("A", 1), ("B", 2)]);

        Assert.Equal(2, result["A"]);
        Assert.Equal(4, result["B"]);
        Assert.Equal(6, result["C"]);
    }

    [Fact]
    public void LargestRemainder_EqualRemainders_GoToLowerCodeOrdinal()
    {
        // 3 units, equal weights: 1.5 each → 1 + 1, one leftover, tie → "a" is ordinally after "B" ('a' = 97 > 'B' = 66),
        // so "B" gets it: B 2, a 1 (a case-insensitive or culture order would pick "a").
        var result = Apportionment.LargestRemainder(3, 0, [("a", 1), ("B", 1)]);

        Assert.Equal(2, result["B"]);
        Assert.Equal(1, result["a"]);
    }

    [Fact]
    public void LargestRemainder_HugeWeightsAndTotal_UseWideArithmetic()
    {
        // total × weight ≈ 8.5 × 10^37 needs Int128. Each quota = long.MaxValue / 2 = 4,611,686,018,427,387,903.5:
        // floors 4,611,686,018,427,387,903 each, one unit left over, equal remainders → "A".
        var result = Apportionment.LargestRemainder(long.MaxValue, 0, [("B", long.MaxValue), ("A", long.MaxValue)]);

        Assert.Equal(4_611_686_018_427_387_904, result["A"]);
        Assert.Equal(4_611_686_018_427_387_903, result["B"]);
    }

    [Fact]
    public void LargestRemainder_NegativeWeight_ThrowsArgumentException()
    {
        // Bug check: weights must be non-negative (documented on the parameter) but are not checked.
        // Two weights of -1 with 10 units pins both claimants at 0 and then throws InvalidOperationException
        // from the branch commented "unreachable"; a single negative weight silently gets a share.
        Assert.ThrowsAny<ArgumentException>(() => Apportionment.LargestRemainder(10, 0, [("A", -1), ("B", -1)]));
    }

    [Fact]
    public void LargestRemainder_DuplicateCodes_ThrowsArgumentException()
    {
        // Bug check: codes must be distinct (documented) but are not checked. With ("A", 1) twice and 10 units,
        // both shares of 5 are written to the same key, so the result adds up to 5, not 10.
        Assert.ThrowsAny<ArgumentException>(() => Apportionment.LargestRemainder(10, 0, [("A", 1), ("A", 1)]));
    }
}
