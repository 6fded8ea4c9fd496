namespace PBudget.Counting.Elections;

/// <summary>
/// A participatory budgeting election ready to count: the budget, the projects and the distinct ballots with
/// how many voters cast each. Built by <see cref="Pabulib.PabulibReader"/> or directly (tests, the ballot store).
/// </summary>
public sealed class Election
{
    /// <summary>Creates an election. <paramref name="voterCount"/> includes voters whose ballot was empty.</summary>
    public Election(VoteType voteType, long budget, IReadOnlyList<Project> projects, IReadOnlyList<Ballot> ballots, long voterCount, BallotRules? rules = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(ballots);
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        var weights = 0L;
        foreach (var ballot in ballots)
        {
            foreach (var index in ballot.Projects)
            {
                if ((uint)index >= (uint)projects.Count)
                {
                    throw new ArgumentException($"A ballot names project index {index}, but there are {projects.Count} projects.", nameof(ballots));
                }
            }

            weights = checked(weights + ballot.Weight);
        }

        if (voterCount < weights)
        {
            throw new ArgumentOutOfRangeException(nameof(voterCount), $"There are {weights} ballots, more than the {voterCount} voters given.");
        }

        VoteType = voteType;
        Budget = budget;
        Projects = projects;
        Ballots = ballots;
        VoterCount = voterCount;
        Rules = rules ?? BallotRules.None;
        Description = description;
    }

    /// <summary>How ballots were filled in.</summary>
    public VoteType VoteType { get; }

    /// <summary>The total budget, in the election's currency units.</summary>
    public long Budget { get; }

    /// <summary>Every project, in the file's order; ballots refer to them by index.</summary>
    public IReadOnlyList<Project> Projects { get; }

    /// <summary>The distinct non-empty ballots, each with how many voters cast it.</summary>
    public IReadOnlyList<Ballot> Ballots { get; }

    /// <summary>How many voters took part, including those whose ballot was empty (they still share the budget in MES).</summary>
    public long VoterCount { get; }

    /// <summary>The constraints ballots had to meet, and the minimum score a project needed, as the file states them.</summary>
    public BallotRules Rules { get; }

    /// <summary>The file's description, for the count's heading.</summary>
    public string? Description { get; }
}

/// <summary>What the election's META says ballots had to satisfy, and any score threshold; null where it says nothing.</summary>
public sealed record BallotRules(
    long? MinLength = null,
    long? MaxLength = null,
    long? MaxSumCost = null,
    long? MinSumPoints = null,
    long? MaxSumPoints = null,
    long? MinProjectScoreThreshold = null)
{
    /// <summary>No constraints.</summary>
    public static BallotRules None { get; } = new();
}
