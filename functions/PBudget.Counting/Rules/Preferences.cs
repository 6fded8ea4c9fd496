using PBudget.Counting.Elections;

namespace PBudget.Counting.Rules;

/// <summary>
/// The ballots turned around: for each project, the distinct ballots that support it and how strongly (1 for an
/// approval, the points for cumulative and scoring ballots), and its score. Built once per count.
/// </summary>
internal sealed class Preferences
{
    private Preferences(Election election, int[][] supporters, long[][]? strengths, long[] scores, long[] supporterCounts)
    {
        Election = election;
        Supporters = supporters;
        Strengths = strengths;
        Scores = scores;
        SupporterCounts = supporterCounts;
    }

    public Election Election { get; }

    /// <summary>For each project, the indexes of the distinct ballots that support it.</summary>
    public int[][] Supporters { get; }

    /// <summary>For each project, each supporting ballot's strength, aligned with <see cref="Supporters"/>; null when every strength is 1.</summary>
    public long[][]? Strengths { get; }

    /// <summary>Each project's score: the sum over voters of their strength of support, or the file's score for ordinal ballots.</summary>
    public long[] Scores { get; }

    /// <summary>How many voters support each project.</summary>
    public long[] SupporterCounts { get; }

    public static Preferences Build(Election election, ScoreBasis basis, string ruleName)
    {
        var usesPoints = basis == ScoreBasis.Ballots && election.VoteType is VoteType.Cumulative or VoteType.Scoring;
        var usesFileScore = basis == ScoreBasis.Ballots && election.VoteType == VoteType.Ordinal;
        if (usesFileScore && election.Projects.Any(p => p.FileScore is null))
        {
            throw new CountingException(
                $"{ruleName} needs a score for each project, but these ordinal ballots are rankings and the file has no score column. " +
                "Count with --score approvals to treat every ranked project as one vote.");
        }

        var count = election.Projects.Count;
        // A project given no points (or, on scoring ballots, a negative score) is listed but not supported.
        var lengths = new int[count];
        foreach (var ballot in election.Ballots)
        {
            for (var position = 0; position < ballot.Projects.Count; position++)
            {
                if (!usesPoints || ballot.PointsAt(position) > 0)
                {
                    lengths[ballot.Projects[position]]++;
                }
            }
        }

        var supporters = new int[count][];
        var strengths = usesPoints ? new long[count][] : null;
        for (var p = 0; p < count; p++)
        {
            supporters[p] = new int[lengths[p]];
            strengths?[p] = new long[lengths[p]];
        }

        var filled = new int[count];
        var scores = new long[count];
        var supporterCounts = new long[count];
        for (var b = 0; b < election.Ballots.Count; b++)
        {
            var ballot = election.Ballots[b];
            for (var position = 0; position < ballot.Projects.Count; position++)
            {
                var project = ballot.Projects[position];
                var strength = usesPoints ? ballot.PointsAt(position) : 1;
                scores[project] = checked(scores[project] + (strength * ballot.Weight));
                if (strength <= 0)
                {
                    continue;
                }

                supporters[project][filled[project]] = b;
                strengths?[project][filled[project]] = strength;
                filled[project]++;
                supporterCounts[project] = checked(supporterCounts[project] + ballot.Weight);
            }
        }

        if (usesFileScore)
        {
            for (var p = 0; p < count; p++)
            {
                scores[p] = election.Projects[p].FileScore!.Value;
            }
        }

        return new Preferences(election, supporters, strengths, scores, supporterCounts);
    }

    /// <summary>The strength of the <paramref name="position"/>th supporter of <paramref name="project"/>.</summary>
    public long Strength(int project, int position) => Strengths is null ? 1 : Strengths[project][position];
}
