using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PBudget.Counting.Pabulib;

/// <summary>
/// The distinct ballots seen so far, each with how many voters cast it, in the order first seen. A ballot is looked up
/// by a span, so a ballot already seen costs no allocation.
/// </summary>
/// <remarks>
/// Open addressing rather than a Dictionary: this runs once per voter, and keeping the whole lookup in this class lets
/// it be compiled fully optimised on first use, which matters when a file is read once by a short-lived process.
/// Hashing is <see cref="HashCode"/>'s, seeded afresh in each process, so a crafted file cannot aim its ballots at one slot.
/// </remarks>
/// <typeparam name="T"><see cref="int"/> for project indexes, <see cref="long"/> for project index and points pairs.</typeparam>
internal sealed class BallotTable<T>
    where T : unmanaged, IEquatable<T>
{
    private readonly List<T[]> keys = [];
    private readonly List<int> hashes = [];
    private readonly List<long> weights = [];
    private int[] slots = new int[256];

    public int Count => keys.Count;

    public T[] Key(int index) => keys[index];

    public long Weight(int index) => weights[index];

    /// <summary>Counts one voter for the ballot <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<T> key)
    {
        var hash = Hash(key);
        var mask = slots.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var slot = slots[i] - 1;
            if (slot < 0)
            {
                keys.Add(key.ToArray());
                hashes.Add(hash);
                weights.Add(1);
                slots[i] = keys.Count;
                if (keys.Count > slots.Length / 4 * 3)
                {
                    Grow();
                }

                return;
            }

            if (hashes[slot] == hash && key.SequenceEqual(keys[slot]))
            {
                CollectionsMarshal.AsSpan(weights)[slot]++;
                return;
            }
        }
    }

    private static int Hash(ReadOnlySpan<T> key)
    {
        var hash = default(HashCode);
        hash.AddBytes(MemoryMarshal.AsBytes(key));
        return hash.ToHashCode() & int.MaxValue;
    }

    private void Grow()
    {
        slots = new int[slots.Length * 2];
        var mask = slots.Length - 1;
        for (var key = 0; key < keys.Count; key++)
        {
            var i = hashes[key] & mask;
            while (slots[i] != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = key + 1;
        }
    }
}

/// <summary>Project ids and their indexes, looked up by span, for the same reasons as <see cref="BallotTable{T}"/>.</summary>
internal sealed class ProjectIndex
{
    private readonly List<string> ids = [];
    private readonly List<int> hashes = [];
    private int[] slots = new int[64];

    /// <summary>Adds an id; false, with the index it already has, if it is there.</summary>
    public bool TryAdd(string id, out int index)
    {
        if (TryGetIndex(id, out index))
        {
            return false;
        }

        var hash = Hash(id);
        ids.Add(id);
        hashes.Add(hash);
        index = ids.Count - 1;
        if (ids.Count > slots.Length / 2)
        {
            slots = new int[slots.Length * 2];
            for (var i = 0; i < ids.Count; i++)
            {
                Place(hashes[i], i);
            }
        }
        else
        {
            Place(hash, index);
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGetIndex(ReadOnlySpan<char> id, out int index)
    {
        var hash = Hash(id);
        var mask = slots.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            index = slots[i] - 1;
            if (index < 0)
            {
                return false;
            }

            if (hashes[index] == hash && id.SequenceEqual(ids[index]))
            {
                return true;
            }
        }
    }

    private static int Hash(ReadOnlySpan<char> id) => string.GetHashCode(id) & int.MaxValue;

    private void Place(int hash, int index)
    {
        var mask = slots.Length - 1;
        var i = hash & mask;
        while (slots[i] != 0)
        {
            i = (i + 1) & mask;
        }

        slots[i] = index + 1;
    }
}
