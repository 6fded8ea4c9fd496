using PBudget.Counting.Elections;
using static PBudget.Counting.Pabulib.PabulibFormat;

namespace PBudget.Counting.Pabulib;

/// <summary>
/// How an <see cref="Election"/> is laid out as a Pabulib file: its META pairs, project rows and, produced one at a
/// time so that writing a large election holds no per-voter rows, its vote rows.
/// </summary>
internal sealed class ElectionLayout
{
    private static readonly string[] Fixed = [NumProjects, NumVotes, Budget, VoteTypeKey];

    private readonly Election election;
    private readonly string[] ballotVotes;
    private readonly string[]? ballotPoints;

    private ElectionLayout(Election election, KeyValuePair<string, string>[] meta, string[] projectColumns, string[][] projectRows)
    {
        this.election = election;
        Meta = meta;
        ProjectColumns = projectColumns;
        ProjectRows = projectRows;
        var usesPoints = HasPoints(election.VoteType);
        VoteColumns = usesPoints ? [VoterId, VoteColumn, PointsColumn] : [VoterId, VoteColumn];
        ballotVotes = new string[election.Ballots.Count];
        ballotPoints = usesPoints ? new string[election.Ballots.Count] : null;
        for (var i = 0; i < ballotVotes.Length; i++)
        {
            var ballot = election.Ballots[i];
            ballotVotes[i] = string.Join(',', ballot.Projects.Select(index => election.Projects[index].Id));
            if (ballotPoints is not null)
            {
                ballotPoints[i] = string.Join(',', ballot.Points!.Select(Format));
            }
        }
    }

    public KeyValuePair<string, string>[] Meta { get; }

    public string[] ProjectColumns { get; }

    public string[][] ProjectRows { get; }

    public string[] VoteColumns { get; }

    public static ElectionLayout Create(Election election, IEnumerable<KeyValuePair<string, string>>? overrides)
    {
        ArgumentNullException.ThrowIfNull(election);
        CheckProjects(election);
        CheckBallots(election);

        var rules = election.Rules;
        var meta = new List<KeyValuePair<string, string>>();
        if (election.Description is not null)
        {
            meta.Add(new(Description, election.Description));
        }

        meta.Add(new(NumProjects, Format(election.Projects.Count)));
        meta.Add(new(NumVotes, Format(election.VoterCount)));
        meta.Add(new(Budget, Format(election.Budget)));
        meta.Add(new(VoteTypeKey, VoteTypeName(election.VoteType)));
        AddRule(meta, MinLength, rules.MinLength);
        AddRule(meta, MaxLength, rules.MaxLength);
        AddRule(meta, MaxSumCost, rules.MaxSumCost);
        AddRule(meta, MinSumPoints, rules.MinSumPoints);
        AddRule(meta, MaxSumPoints, rules.MaxSumPoints);
        AddRule(meta, MinProjectScoreThreshold, rules.MinProjectScoreThreshold);

        var overridden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in overrides ?? [])
        {
            if (string.IsNullOrEmpty(key) || value is null)
            {
                throw new ArgumentException("Every META key must be non-empty and have a value.", nameof(overrides));
            }

            if (!overridden.Add(key))
            {
                throw new ArgumentException($"The META key {key} is given twice.", nameof(overrides));
            }

            var at = meta.FindIndex(pair => pair.Key == key);
            if (at < 0)
            {
                meta.Add(new(key, value));
            }
            else if (Fixed.Contains(key) && meta[at].Value != value)
            {
                throw new ArgumentException($"META {key} is {meta[at].Value} for this election, not {value}.", nameof(overrides));
            }
            else
            {
                meta[at] = new(key, value);
            }
        }

        var projects = election.Projects;
        var columns = new List<string> { ProjectId, Cost };
        var hasName = projects.Any(project => !string.IsNullOrEmpty(project.Name));
        var hasScore = projects.Any(project => project.FileScore is not null);
        var hasSelected = projects.Any(project => project.Selected is not null);
        if (hasName)
        {
            columns.Add(Name);
        }

        if (hasScore)
        {
            columns.Add(Score);
        }

        if (hasSelected)
        {
            columns.Add(Selected);
        }

        var rows = new string[projects.Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            var project = projects[i];
            var row = new List<string>(columns.Count) { project.Id, Format(project.Cost) };
            if (hasName)
            {
                row.Add(project.Name ?? "");
            }

            if (hasScore)
            {
                row.Add(project.FileScore is { } score ? Format(score) : "");
            }

            if (hasSelected)
            {
                row.Add(project.Selected switch { true => "1", false => "0", null => "" });
            }

            rows[i] = [.. row];
        }

        return new ElectionLayout(election, [.. meta], [.. columns], rows);
    }

    /// <summary>One row per voter: each ballot as many times as its weight, then the empty ballots.</summary>
    public IEnumerable<string[]> VoteRows()
    {
        var voter = 0L;
        for (var i = 0; i < ballotVotes.Length; i++)
        {
            for (var copy = 0L; copy < election.Ballots[i].Weight; copy++)
            {
                yield return Row(++voter, ballotVotes[i], ballotPoints?[i]);
            }
        }

        while (voter < election.VoterCount)
        {
            yield return Row(++voter, "", ballotPoints is null ? null : "");
        }
    }

    private static string[] Row(long voter, string vote, string? points) =>
        points is null ? [Format(voter), vote] : [Format(voter), vote, points];

    private static void AddRule(List<KeyValuePair<string, string>> meta, string key, long? value)
    {
        if (value is { } number)
        {
            meta.Add(new(key, Format(number)));
        }
    }

    private static void CheckProjects(Election election)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in election.Projects)
        {
            if (string.IsNullOrEmpty(project.Id) || project.Id.Contains(',', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Project id {Quote(project.Id)} cannot be written: ids must be non-empty and hold no comma.", nameof(election));
            }

            if (!ids.Add(project.Id))
            {
                throw new ArgumentException($"Project id {Quote(project.Id)} is used twice.", nameof(election));
            }

            if (project.Cost < 0)
            {
                throw new ArgumentException($"Project {Quote(project.Id)} has a negative cost.", nameof(election));
            }
        }
    }

    private static void CheckBallots(Election election)
    {
        var usesPoints = HasPoints(election.VoteType);
        var seen = new HashSet<int>();
        foreach (var ballot in election.Ballots)
        {
            if (usesPoints != ballot.Points is not null)
            {
                throw new ArgumentException(
                    usesPoints
                        ? $"{VoteTypeName(election.VoteType)} ballots must give points."
                        : $"{VoteTypeName(election.VoteType)} ballots cannot give points.",
                    nameof(election));
            }

            if (election.VoteType == VoteType.Cumulative && ballot.Points!.Any(points => points < 0))
            {
                throw new ArgumentException("Cumulative ballots cannot give negative points.", nameof(election));
            }

            seen.Clear();
            foreach (var index in ballot.Projects)
            {
                if (!seen.Add(index))
                {
                    throw new ArgumentException($"A ballot names project {Quote(election.Projects[index].Id)} twice.", nameof(election));
                }
            }
        }
    }
}
