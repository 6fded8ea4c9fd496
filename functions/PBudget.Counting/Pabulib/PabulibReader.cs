using PBudget.Counting.Elections;

namespace PBudget.Counting.Pabulib;

/// <summary>
/// Reads Pabulib <c>.pb</c> files (pabulib.org/format): a META section of <c>key;value</c> lines, a PROJECTS section
/// headed <c>project_id;cost;…</c> and a VOTES section headed <c>voter_id;vote;…</c>, semicolon-separated, with
/// fields optionally double-quoted. Bad input never throws: every problem comes back as a <see cref="PabulibError"/>
/// naming its line and field.
/// </summary>
/// <remarks>
/// Budgets, costs, scores and points are whole numbers; <c>1000.0</c> and <c>1000.00</c> are read as 1000, and any
/// other fraction is an error. Ballots that break the META constraints (<c>min_length</c>, <c>max_length</c>,
/// <c>min_sum_cost</c>, <c>max_sum_cost</c>, <c>min_points</c>, <c>max_points</c>, <c>min_sum_points</c>,
/// <c>max_sum_points</c>) or name several projects on a choose-1 ballot are warnings: published files have them and
/// they are still counted.
/// </remarks>
public static class PabulibReader
{
    /// <summary>How many errors, and separately how many warnings, are listed before an "and N more" entry.</summary>
    public const int MaxReported = 100;

    /// <summary>
    /// Reads a file straight into an <see cref="Election"/>, streaming: memory grows with the projects and the distinct
    /// ballots (plus 16 bytes a voter, to find repeated voter ids), never with the file's text or its voters' rows.
    /// Approval and choose-1 ballots are sorted by project index; cumulative and scoring ballots too, points kept
    /// aligned; ordinal ballots keep their order. Identical ballots are merged, with a weight; empty ballots count
    /// in <see cref="Election.VoterCount"/> but give no <see cref="Ballot"/>.
    /// </summary>
    /// <param name="reader">The file's text; read to its end and not closed.</param>
    public static PabulibResult<Election> ReadElection(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var log = new PabulibLog();
        var builder = new ElectionBuilder(log);
        PabulibParser.Parse(reader, builder, log);
        return log.Result(builder.Build);
    }

    /// <summary>
    /// Reads a whole file as a <see cref="PabulibDocument"/>, every key, column and value kept as text, so it can be
    /// written back. Only the structure is checked here (sections, headers, field counts, quotes, repeated META keys);
    /// <see cref="PabulibDocument.ToElection"/> checks the content as <see cref="ReadElection"/> does.
    /// </summary>
    /// <param name="reader">The file's text; read to its end and not closed.</param>
    public static PabulibResult<PabulibDocument> ReadDocument(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var log = new PabulibLog();
        var sink = new DocumentSink();
        var newLine = PabulibParser.Parse(reader, sink, log);
        return log.Result(() => sink.Build(newLine ?? "\n"));
    }

    /// <summary>Collects a file's strings for a <see cref="PabulibDocument"/>, sharing repeated short values.</summary>
    private sealed class DocumentSink : PabulibSink
    {
        private const int LongestShared = 32;
        private const int MaxShared = 100_000;

        private readonly List<KeyValuePair<string, string>> meta = [];
        private readonly List<string[]> projectRows = [];
        private readonly List<string[]> voteRows = [];
        private readonly HashSet<string> shared = new(StringComparer.Ordinal);
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> sharedLookup;
        private string[] projectColumns = [];
        private string[] voteColumns = [];
        private int voterIdColumn = -1;

        public DocumentSink() => sharedLookup = shared.GetAlternateLookup<ReadOnlySpan<char>>();

        public PabulibDocument Build(string newLine) =>
            PabulibDocument.FromCheckedParts([.. meta], projectColumns, [.. projectRows], voteColumns, [.. voteRows], newLine);

        public override void MetaSection(int line)
        {
        }

        public override void Meta(int line, string key, string value) => meta.Add(new(key, value));

        public override void ProjectsHeader(int sectionLine, int line, IReadOnlyList<string> columns) => projectColumns = [.. columns];

        public override void Project(int line, IPabulibRow? row)
        {
            if (row is not null)
            {
                projectRows.Add(Strings(row, -1));
            }
        }

        public override void VotesHeader(int sectionLine, int line, IReadOnlyList<string> columns)
        {
            voteColumns = [.. columns];
            voterIdColumn = PabulibFormat.ColumnIndex(columns, PabulibFormat.VoterId);
        }

        public override void Vote(int line, IPabulibRow? row)
        {
            if (row is not null)
            {
                voteRows.Add(Strings(row, voterIdColumn));
            }
        }

        public override void End(bool truncated)
        {
        }

        // Columns such as sex, age or voting_method repeat a few values across every voter: keep one copy of each.
        private string[] Strings(IPabulibRow row, int uniqueColumn)
        {
            var values = new string[row.Count];
            for (var i = 0; i < values.Length; i++)
            {
                var text = row[i];
                if (i == uniqueColumn || text.Length > LongestShared)
                {
                    values[i] = new string(text);
                }
                else if (!sharedLookup.TryGetValue(text, out var value))
                {
                    value = new string(text);
                    if (shared.Count < MaxShared)
                    {
                        shared.Add(value);
                    }

                    values[i] = value;
                }
                else
                {
                    values[i] = value;
                }
            }

            return values;
        }
    }
}
