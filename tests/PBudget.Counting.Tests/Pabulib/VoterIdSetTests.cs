using System.Runtime.InteropServices;
using PBudget.Counting.Pabulib;

namespace PBudget.Counting.Tests.Pabulib;

public sealed class VoterIdSetTests
{
    [Fact]
    public void TryAdd_RepeatedId_GivesTheFirstLine()
    {
        var set = new VoterIdSet();

        Assert.True(set.TryAdd("a", 3, out _));
        Assert.True(set.TryAdd("b", 4, out _));
        Assert.False(set.TryAdd("a", 9, out var first));
        Assert.Equal(3, first);
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void TryAdd_ManyIds_FindsExactlyTheRepeats()
    {
        var set = new VoterIdSet(expected: 10);

        var added = Enumerable.Range(1, 100_000).Count(i => set.TryAdd($"voter-{i % 90_000}", i, out _));

        Assert.Equal(90_000, added);
        Assert.Equal(90_000, set.Count);
    }
}
