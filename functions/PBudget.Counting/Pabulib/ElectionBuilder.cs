using System.Runtime.CompilerServices;
using PBudget.Counting.Elections;
using static PBudget.Counting.Pabulib.PabulibFormat;

namespace PBudget.Counting.Pabulib;

/// <summary>
/// Checks a file's content and builds the <see cref="Election"/>: META values, projects, and the votes folded into
/// distinct ballots as they arrive. Holds the projects, the distinct ballots and one 16-byte digest per voter id,
/// never the votes themselves. Used both straight from the file and from a <see cref="PabulibDocument"/>.
/// </summary>
internal sealed class ElectionBuilder : PabulibSink
{
    private readonly PabulibLog log;
    private readonly Dictionary<string, int> metaLines = new(StringComparer.Ordinal);
    private readonly List<Project> projects = [];
    private readonly List<int> projectLines = [];
    private readonly ProjectIndex projectIndex = new();
    private readonly BallotTable<int> plainBallots = new();
    private readonly BallotTable<long> pointsBallots = new();

    private int metaSectionLine;
    private bool metaChecked;
    private long? budget;
    private VoteType? voteType;
    private long? numProjects;
    private long? numVotes;
    private string? description;
    private long? minLength;
    private long? maxLength;
    private long? minSumCost;
    private long? maxSumCost;
    private long? minPoints;
    private long? maxPoints;
    private long? minSumPoints;
    private long? maxSumPoints;
    private long? minProjectScoreThreshold;

    private bool projectsSeen;
    private long projectRows;
    private int projectIdColumn = -1;
    private int costColumn = -1;
    private int nameColumn = -1;
    private int scoreColumn = -1;
    private int selectedColumn = -1;

    private bool votesSeen;
    private VoterIdSet voters = new();
    private long voterRows;
    private int voterIdColumn = -1;
    private int voteColumn = -1;
    private int pointsColumn = -1;
    private bool usesPoints;
    private int[] seen = [];
    private int stamp;
    private int[] indexes = [];
    private long[] points = [];
    private long[] pointsKey = [];

    public ElectionBuilder(PabulibLog log) => this.log = log;

    /// <summary>The election, once <see cref="End"/> has run with no errors logged.</summary>
    public Election Build()
    {
        var distinct = new List<Ballot>(plainBallots.Count + pointsBallots.Count);
        for (var i = 0; i < plainBallots.Count; i++)
        {
            // The table's own key becomes the ballot's project list: nothing else holds or changes it.
            distinct.Add(new Ballot(plainBallots.Key(i), null, plainBallots.Weight(i)));
        }

        for (var i = 0; i < pointsBallots.Count; i++)
        {
            var key = pointsBallots.Key(i);
            var ballotProjects = new int[key.Length / 2];
            var ballotPoints = new long[ballotProjects.Length];
            for (var j = 0; j < ballotProjects.Length; j++)
            {
                ballotProjects[j] = (int)key[2 * j];
                ballotPoints[j] = key[(2 * j) + 1];
            }

            distinct.Add(new Ballot(ballotProjects, ballotPoints, pointsBallots.Weight(i)));
        }

        var rules = new BallotRules(minLength, maxLength, maxSumCost, minSumPoints, maxSumPoints, minProjectScoreThreshold);
        return new Election(voteType!.Value, budget!.Value, projects.ToArray(), distinct, voterRows, rules, description);
    }

    public override void MetaSection(int line) => metaSectionLine = line;

    public override void Meta(int line, string key, string value)
    {
        metaLines[key] = line;
        switch (key)
        {
            case Description:
                description = value;
                break;
            case VoteTypeKey:
                voteType = ParseVoteType(value);
                if (voteType is null)
                {
                    log.Error(line, key, $"{Quote(value)} is not a vote type: approval, choose-1, cumulative, scoring or ordinal");
                }

                break;
            case Budget:
                budget = MetaNumber(line, key, value, mayBeNegative: false);
                break;
            case NumProjects:
                numProjects = MetaNumber(line, key, value, mayBeNegative: false);
                break;
            case NumVotes:
                numVotes = MetaNumber(line, key, value, mayBeNegative: false);
                break;
            case MinLength:
                minLength = MetaNumber(line, key, value, mayBeNegative: false);
                break;
            case MaxLength:
                maxLength = MetaNumber(line, key, value, mayBeNegative: false);
                break;
            case MinSumCost:
                minSumCost = MetaNumber(line, key, value, mayBeNegative: false);
                break;
            case MaxSumCost:
                maxSumCost = MetaNumber(line, key, value, mayBeNegative: false);
                break;
            case MinPoints:
                minPoints = MetaNumber(line, key, value, mayBeNegative: true);
                break;
            case MaxPoints:
                maxPoints = MetaNumber(line, key, value, mayBeNegative: true);
                break;
            case MinSumPoints:
                minSumPoints = MetaNumber(line, key, value, mayBeNegative: true);
                break;
            case MaxSumPoints:
                maxSumPoints = MetaNumber(line, key, value, mayBeNegative: true);
                break;
            case MinProjectScoreThreshold:
                minProjectScoreThreshold = MetaNumber(line, key, value, mayBeNegative: true);
                break;
            default:
                break;
        }
    }

    public override void ProjectsHeader(int sectionLine, int line, IReadOnlyList<string> columns)
    {
        CheckMeta();
        projectsSeen = true;
        projectIdColumn = ColumnIndex(columns, ProjectId);
        costColumn = ColumnIndex(columns, Cost);
        nameColumn = ColumnIndex(columns, Name);
        scoreColumn = ColumnIndex(columns, Score);
        selectedColumn = ColumnIndex(columns, Selected);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Project(int line, IPabulibRow? row)
    {
        projectRows++;
        if (row is null || projectIdColumn < 0)
        {
            return;
        }

        var id = row[projectIdColumn];
        var cost = 0L;
        if (costColumn >= 0)
        {
            var costText = row[costColumn];
            var status = WholeNumber.Parse(costText, out cost);
            if (status != WholeNumber.Status.Ok)
            {
                log.Error(line, Cost, WholeNumber.Problem(costText, status));
            }
            else if (cost < 0)
            {
                log.Error(line, Cost, $"{Format(cost)} is negative; a cost cannot be");
            }
        }

        var name = nameColumn >= 0 && !row[nameColumn].IsEmpty ? new string(row[nameColumn]) : null;
        long? score = null;
        if (scoreColumn >= 0 && !row[scoreColumn].IsEmpty)
        {
            var scoreText = row[scoreColumn];
            var status = WholeNumber.Parse(scoreText, out var value);
            if (status == WholeNumber.Status.Ok)
            {
                score = value;
            }
            else
            {
                log.Error(line, Score, WholeNumber.Problem(scoreText, status));
            }
        }

        bool? selected = null;
        if (selectedColumn >= 0 && !row[selectedColumn].IsEmpty)
        {
            var selectedText = row[selectedColumn];
            selected = selectedText is "1" ? true : selectedText is "0" ? false : null;
            if (selected is null)
            {
                log.Error(line, Selected, $"{Quote(selectedText)} is neither 0 nor 1");
            }
        }

        if (id.IsEmpty)
        {
            log.Error(line, ProjectId, "the project id is empty");
            return;
        }

        if (id.Contains(','))
        {
            log.Error(line, ProjectId, $"{Quote(id)} contains a comma, which votes use to separate project ids");
        }

        // Registered even when its cost or other fields are wrong, so votes for it do not raise errors of their own.
        var idText = new string(id);
        if (!projectIndex.TryAdd(idText, out var existing))
        {
            log.Error(line, ProjectId, $"project {Quote(id)} is already on line {projectLines[existing]}");
            return;
        }

        projects.Add(new Project(idText, Math.Max(cost, 0), name, score, selected));
        projectLines.Add(line);
    }

    public override void VotesHeader(int sectionLine, int line, IReadOnlyList<string> columns)
    {
        CheckMeta();
        CheckCount(NumProjects, numProjects, projectsSeen ? projectRows : null, "project", "projects", SectionProjects);
        votesSeen = true;
        voters = new VoterIdSet(numVotes ?? 0);
        voterIdColumn = ColumnIndex(columns, VoterId);
        voteColumn = ColumnIndex(columns, VoteColumn);
        pointsColumn = ColumnIndex(columns, PointsColumn);
        usesPoints = HasPoints(voteType);
        if (usesPoints && pointsColumn < 0)
        {
            log.Error(line, PointsColumn, $"{VoteTypeName(voteType!.Value)} ballots need a points column in the VOTES header");
            usesPoints = false;
        }

        if (projectIdColumn < 0)
        {
            // Without project ids every vote would be "not in PROJECTS"; the header error says it once.
            voteColumn = -1;
        }

        seen = new int[projects.Count];
        indexes = new int[projects.Count];
        points = new long[projects.Count];
        pointsKey = new long[usesPoints ? 2 * projects.Count : 0];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Vote(int line, IPabulibRow? row)
    {
        voterRows++;
        if (row is null)
        {
            return;
        }

        if (voterIdColumn >= 0)
        {
            var voterId = row[voterIdColumn];
            if (voterId.IsEmpty)
            {
                log.Error(line, VoterId, "the voter id is empty");
            }
            else if (!voters.TryAdd(voterId, line, out var firstLine))
            {
                log.Error(line, VoterId, $"voter {Quote(voterId)} is already on line {firstLine}");
            }
        }

        if (voteColumn < 0)
        {
            return;
        }

        var vote = row[voteColumn];
        if (++stamp == int.MaxValue)
        {
            Array.Clear(seen);
            stamp = 1;
        }

        var valid = true;
        var length = 0;
        var items = 0;
        if (!vote.IsEmpty)
        {
            foreach (var range in vote.Split(','))
            {
                items++;
                var item = vote[range];
                if (item.IsEmpty)
                {
                    log.Error(line, VoteColumn, $"{Quote(vote)} has an empty project id (two commas together, or a comma at either end)");
                    valid = false;
                }
                else if (!projectIndex.TryGetIndex(item, out var index))
                {
                    log.Error(line, VoteColumn, $"project {Quote(item)} is not in PROJECTS");
                    valid = false;
                }
                else if (seen[index] == stamp)
                {
                    log.Error(line, VoteColumn, $"project {Quote(item)} is named twice");
                    valid = false;
                }
                else
                {
                    seen[index] = stamp;
                    indexes[length++] = index;
                }
            }
        }

        if (usesPoints)
        {
            valid &= ReadPoints(line, row[pointsColumn], items);
        }

        if (!valid)
        {
            return;
        }

        CheckConstraints(line, length);

        // An empty ballot still counts as a voter (VoterCount), but gives no Ballot.
        if (length == 0)
        {
            return;
        }

        var ballotIndexes = indexes.AsSpan(0, length);
        if (usesPoints)
        {
            ballotIndexes.Sort(points.AsSpan(0, length));
            for (var i = 0; i < length; i++)
            {
                pointsKey[2 * i] = ballotIndexes[i];
                pointsKey[(2 * i) + 1] = points[i];
            }

            pointsBallots.Add(pointsKey.AsSpan(0, 2 * length));
            return;
        }

        if (voteType != VoteType.Ordinal)
        {
            ballotIndexes.Sort();
        }

        plainBallots.Add(ballotIndexes);
    }

    public override void End(bool truncated)
    {
        CheckMeta();
        if (!truncated)
        {
            CheckCount(NumVotes, numVotes, votesSeen ? voterRows : null, "voter", "voters", SectionVotes);
            if (!votesSeen)
            {
                CheckCount(NumProjects, numProjects, projectsSeen ? projectRows : null, "project", "projects", SectionProjects);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadPoints(int line, ReadOnlySpan<char> text, int projectCount)
    {
        var valid = true;
        var count = 0;
        if (!text.IsEmpty)
        {
            foreach (var range in text.Split(','))
            {
                var item = text[range];
                var status = WholeNumber.Parse(item, out var value);
                if (status != WholeNumber.Status.Ok)
                {
                    log.Error(line, PointsColumn, WholeNumber.Problem(item, status));
                    valid = false;
                }
                else if (value < 0 && voteType == VoteType.Cumulative)
                {
                    log.Error(line, PointsColumn, $"{Format(value)} is negative; cumulative points cannot be");
                    valid = false;
                }
                else if (count < points.Length)
                {
                    points[count] = value;
                }

                count++;
            }
        }

        if (count != projectCount)
        {
            log.Error(line, PointsColumn, $"{Plural(count, "value", "values")} for {Plural(projectCount, "project", "projects")} in the vote");
            valid = false;
        }

        return valid;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckConstraints(int line, int length)
    {
        if (voteType == VoteType.ChooseOne && length > 1)
        {
            log.Warning(line, VoteColumn, $"{Plural(length, "project", "projects")} on a choose-1 ballot");
        }

        if (length < minLength)
        {
            log.Warning(line, VoteColumn, $"{Plural(length, "project", "projects")}, fewer than min_length {Format(minLength.Value)}");
        }

        if (length > maxLength)
        {
            log.Warning(line, VoteColumn, $"{Plural(length, "project", "projects")}, more than max_length {Format(maxLength.Value)}");
        }

        if (minSumCost is not null || maxSumCost is not null)
        {
            Int128 sum = 0;
            for (var i = 0; i < length; i++)
            {
                sum += projects[indexes[i]].Cost;
            }

            if (sum < minSumCost)
            {
                log.Warning(line, VoteColumn, $"the projects cost {sum} in total, less than min_sum_cost {Format(minSumCost.Value)}");
            }

            if (sum > maxSumCost)
            {
                log.Warning(line, VoteColumn, $"the projects cost {sum} in total, more than max_sum_cost {Format(maxSumCost.Value)}");
            }
        }

        if (!usesPoints)
        {
            return;
        }

        Int128 total = 0;
        for (var i = 0; i < length; i++)
        {
            total += points[i];
            if (points[i] < minPoints)
            {
                log.Warning(line, PointsColumn, $"{Plural(points[i], "point", "points")} for project {Quote(projects[indexes[i]].Id)}, fewer than min_points {Format(minPoints.Value)}");
            }

            if (points[i] > maxPoints)
            {
                log.Warning(line, PointsColumn, $"{Plural(points[i], "point", "points")} for project {Quote(projects[indexes[i]].Id)}, more than max_points {Format(maxPoints.Value)}");
            }
        }

        if (total < minSumPoints)
        {
            log.Warning(line, PointsColumn, $"{PointsTotal(total)} in total, fewer than min_sum_points {Format(minSumPoints.Value)}");
        }

        if (total > maxSumPoints)
        {
            log.Warning(line, PointsColumn, $"{PointsTotal(total)} in total, more than max_sum_points {Format(maxSumPoints.Value)}");
        }
    }

    private static string PointsTotal(Int128 total) => total == 1 ? "1 point" : $"{total} points";

    /// <summary>Once META is over: the keys every election needs are there. Reported at the META line.</summary>
    private void CheckMeta()
    {
        if (metaChecked || metaSectionLine == 0)
        {
            return;
        }

        metaChecked = true;
        foreach (var required in new[] { Budget, VoteTypeKey })
        {
            if (!metaLines.ContainsKey(required))
            {
                log.Error(metaSectionLine, required, $"META has no {required}");
            }
        }
    }

    private void CheckCount(string key, long? stated, long? counted, string one, string many, string section)
    {
        if (stated is not null && counted is not null && stated != counted)
        {
            log.Error(metaLines[key], key, $"META says {Format(stated.Value)}, but {section} has {Plural(counted.Value, one, many)}");
        }
    }

    private long? MetaNumber(int line, string key, string value, bool mayBeNegative)
    {
        var status = WholeNumber.Parse(value, out var number);
        if (status != WholeNumber.Status.Ok)
        {
            log.Error(line, key, WholeNumber.Problem(value, status));
            return null;
        }

        if (number < 0 && !mayBeNegative)
        {
            log.Error(line, key, $"{Format(number)} is negative; {key} cannot be");
            return null;
        }

        return number;
    }
}
