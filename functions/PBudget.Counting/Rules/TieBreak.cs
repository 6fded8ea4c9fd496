using System.Security.Cryptography;
using System.Text;
using PBudget.Counting.Elections;

namespace PBudget.Counting.Rules;

/// <summary>How a count settles two projects that tie exactly.</summary>
public abstract record TieBreak
{
    private protected TieBreak()
    {
    }

    /// <summary>The smallest project id, compared as a string ("10" before "9"): the order pabutools uses.</summary>
    public static TieBreak Default { get; } = new ByProjectId();

    /// <summary>Stop and report the tie instead of guessing.</summary>
    public static TieBreak Refuse { get; } = new RefuseTies();

    /// <summary>
    /// A lottery anyone can rerun: projects are ordered by the SHA-256 of the seed, a line feed and the project id (UTF-8),
    /// smallest first. Publish the seed before the count.
    /// </summary>
    public static TieBreak Lottery(string seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(seed);
        return new SeededLottery(seed);
    }

    /// <summary>The name used in outputs: <c>default</c>, <c>refuse</c> or <c>lottery:SEED</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Whether a tie stops the count.</summary>
    public virtual bool RefusesTies => false;

    /// <summary>
    /// Each project's place in the tie order: among tied projects, the one with the lowest rank wins.
    /// Ranks are a permutation of 0..n-1.
    /// </summary>
    public int[] Ranks(IReadOnlyList<Project> projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var order = Enumerable.Range(0, projects.Count).ToArray();
        Array.Sort(order, Compare(projects));
        var ranks = new int[projects.Count];
        for (var rank = 0; rank < order.Length; rank++)
        {
            ranks[order[rank]] = rank;
        }

        return ranks;
    }

    private protected virtual Comparison<int> Compare(IReadOnlyList<Project> projects) =>
        (a, b) => string.CompareOrdinal(projects[a].Id, projects[b].Id);

    /// <inheritdoc/>
    public override string ToString() => Name;

    private sealed record ByProjectId : TieBreak
    {
        public override string Name => "default";
    }

    private sealed record RefuseTies : TieBreak
    {
        public override string Name => "refuse";

        public override bool RefusesTies => true;
    }

    private sealed record SeededLottery(string Seed) : TieBreak
    {
        public override string Name => "lottery:" + Seed;

        private protected override Comparison<int> Compare(IReadOnlyList<Project> projects)
        {
            var tickets = projects.Select(p => SHA256.HashData(Encoding.UTF8.GetBytes(Seed + "\n" + p.Id))).ToArray();
            var byId = base.Compare(projects);
            return (a, b) =>
            {
                var byTicket = tickets[a].AsSpan().SequenceCompareTo(tickets[b]);
                return byTicket != 0 ? byTicket : byId(a, b);
            };
        }
    }
}
