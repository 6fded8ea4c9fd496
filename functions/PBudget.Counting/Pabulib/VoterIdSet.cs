using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PBudget.Counting.Pabulib;

/// <summary>
/// The voter ids seen so far, to refuse a file that lists a voter twice, without keeping the ids themselves.
/// </summary>
/// <remarks>
/// Why a digest and not the ids: the set must last until the file ends, and ids are as long as a file likes (Assen's
/// are 40 characters), so keeping them would make memory grow with the ids' length times the voters. A 128-bit digest
/// is 16 bytes whatever the id (a 24-byte slot with the line where it was first seen). Two different ids share a
/// digest with probability about n²/2¹²⁹, around 10⁻²⁷ for a million voters, so a false "already on line" is not a
/// practical risk; and should a file be crafted to collide, the result is a refusal, never a silently merged voter.
/// The digest is System.IO.Hashing's XxHash128, seeded at random in each process so that a file cannot be crafted to
/// pile its ids into one slot; SHA-256 costs about 4 µs an id here, a third of a second for 90,000 voters.
/// </remarks>
internal sealed class VoterIdSet
{
    // Open addressing on the digest itself: it is already uniformly spread, so its low bits pick the slot. A line of
    // 0 marks an empty slot (lines start at 1). At most three quarters full, so linear probes stay short.
    private const int MaxPresized = 1 << 18;
    // HashCode is seeded at random once per process: this takes a seed from it without loading the crypto library.
    private static readonly long Seed = HashCode.Combine(0);
    private Slot[] slots;
    private int count;

    /// <param name="expected">How many voters META announces, to size the table once; a larger figure is not trusted beyond 2^18 slots.</param>
    public VoterIdSet(long expected = 0)
    {
        var size = 1024;
        while (size < MaxPresized && size * 3L / 4 < expected)
        {
            size *= 2;
        }

        slots = new Slot[size];
    }

    public int Count => count;

    /// <summary>Adds an id seen on <paramref name="line"/>; false, with the line it was first seen on, if it was seen before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAdd(ReadOnlySpan<char> id, int line, out int firstLine)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(line, 1);
        var digest = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(id), Seed);
        var low = (ulong)digest;
        var high = (ulong)(digest >> 64);
        var mask = slots.Length - 1;
        var i = (int)low & mask;
        while (slots[i].Line != 0)
        {
            if (slots[i].Low == low && slots[i].High == high)
            {
                firstLine = slots[i].Line;
                return false;
            }

            i = (i + 1) & mask;
        }

        slots[i] = new Slot(low, high, line);
        firstLine = line;
        if (++count > slots.Length / 4 * 3)
        {
            Grow();
        }

        return true;
    }

    /// <summary>Doubles the table and puts every digest back in its new slot.</summary>
    private void Grow()
    {
        var old = slots;
        slots = new Slot[old.Length * 2];
        var mask = slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Line == 0)
            {
                continue;
            }

            var i = (int)slot.Low & mask;
            while (slots[i].Line != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = slot;
        }
    }

    private readonly record struct Slot(ulong Low, ulong High, int Line);
}
