namespace PBudget.Counting.Elections;

/// <summary>
/// One distinct ballot and how many voters cast it. Counting works on distinct ballots, so memory grows with
/// the number of different ballots, not with the number of voters.
/// </summary>
public sealed class Ballot
{
    /// <summary>Creates a ballot cast by <paramref name="weight"/> voters.</summary>
    /// <param name="projects">Indexes into <see cref="Election.Projects"/>, each at most once; in rank order for ordinal ballots.</param>
    /// <param name="points">The points or score given to each project, aligned with <paramref name="projects"/>; null for approval, choose-1 and ordinal ballots.</param>
    /// <param name="weight">How many voters cast exactly this ballot (at least 1).</param>
    public Ballot(int[] projects, long[]? points, long weight)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentOutOfRangeException.ThrowIfLessThan(weight, 1);
        if (points is not null && points.Length != projects.Length)
        {
            throw new ArgumentException("There must be one points value for each project.", nameof(points));
        }

        Projects = projects;
        Points = points;
        Weight = weight;
    }

    /// <summary>Indexes into <see cref="Election.Projects"/>; in rank order for ordinal ballots.</summary>
    public IReadOnlyList<int> Projects { get; }

    /// <summary>Points aligned with <see cref="Projects"/>, or null where the ballot type has none.</summary>
    public IReadOnlyList<long>? Points { get; }

    /// <summary>How many voters cast this ballot.</summary>
    public long Weight { get; }

    /// <summary>The points this ballot gives the project at position <paramref name="position"/> (1 where the ballot type has no points).</summary>
    public long PointsAt(int position) => Points is null ? 1 : Points[position];
}
