using PBudget.Counting.Elections;
using static PBudget.Counting.Pabulib.PabulibFormat;

namespace PBudget.Counting.Pabulib;

/// <summary>
/// A Pabulib file as text: the META pairs in order, and the PROJECTS and VOTES sections as their header columns and
/// rows of strings, with every key, column and value kept exactly as read (unknown ones included), so that
/// <see cref="PabulibWriter.Write(PabulibDocument, TextWriter)"/> gives the file back. Use
/// <see cref="PabulibReader.ReadElection"/> instead to count a file: a document holds every voter's row.
/// </summary>
/// <remarks>Two documents are equal when their META pairs, columns and rows are; <see cref="NewLine"/> is presentation and not compared.</remarks>
public sealed class PabulibDocument : IEquatable<PabulibDocument>
{
    private readonly KeyValuePair<string, string>[] meta;
    private readonly string[] projectColumns;
    private readonly string[][] projectRows;
    private readonly string[] voteColumns;
    private readonly string[][] voteRows;
    private readonly string newLine = "\n";

    /// <summary>Creates a document, checking that it can be written as a file and read back the same.</summary>
    /// <param name="meta">The META pairs in order; keys must be non-empty and distinct.</param>
    /// <param name="projectColumns">The PROJECTS header; it must include <c>project_id</c> and <c>cost</c>.</param>
    /// <param name="projectRows">One row per project, each with one value per column.</param>
    /// <param name="voteColumns">The VOTES header; it must include <c>voter_id</c> and <c>vote</c>.</param>
    /// <param name="voteRows">One row per voter, each with one value per column.</param>
    /// <exception cref="ArgumentException">A key is empty or repeated, a column is missing, empty or repeated, or a row has the wrong number of values.</exception>
    public PabulibDocument(
        IEnumerable<KeyValuePair<string, string>> meta,
        IEnumerable<string> projectColumns,
        IEnumerable<IReadOnlyList<string>> projectRows,
        IEnumerable<string> voteColumns,
        IEnumerable<IReadOnlyList<string>> voteRows)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(projectColumns);
        ArgumentNullException.ThrowIfNull(projectRows);
        ArgumentNullException.ThrowIfNull(voteColumns);
        ArgumentNullException.ThrowIfNull(voteRows);
        this.meta = [.. meta];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in this.meta)
        {
            if (string.IsNullOrEmpty(key) || value is null)
            {
                throw new ArgumentException("Every META key must be non-empty and have a value.", nameof(meta));
            }

            if (!keys.Add(key))
            {
                throw new ArgumentException($"The META key {key} is given twice.", nameof(meta));
            }
        }

        this.projectColumns = Columns(projectColumns, [ProjectId, Cost], nameof(projectColumns));
        this.projectRows = Rows(projectRows, this.projectColumns.Length, nameof(projectRows));
        this.voteColumns = Columns(voteColumns, [VoterId, VoteColumn], nameof(voteColumns));
        this.voteRows = Rows(voteRows, this.voteColumns.Length, nameof(voteRows));
    }

    private PabulibDocument(KeyValuePair<string, string>[] meta, string[] projectColumns, string[][] projectRows, string[] voteColumns, string[][] voteRows)
    {
        this.meta = meta;
        this.projectColumns = projectColumns;
        this.projectRows = projectRows;
        this.voteColumns = voteColumns;
        this.voteRows = voteRows;
    }

    /// <summary>For the reader: parts it has already checked, taken without copying.</summary>
    internal static PabulibDocument FromCheckedParts(KeyValuePair<string, string>[] meta, string[] projectColumns, string[][] projectRows, string[] voteColumns, string[][] voteRows, string newLine) =>
        new(meta, projectColumns, projectRows, voteColumns, voteRows) { NewLine = newLine };

    /// <summary>The META pairs, in the file's order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Meta => meta;

    /// <summary>The PROJECTS header.</summary>
    public IReadOnlyList<string> ProjectColumns => projectColumns;

    /// <summary>The projects, one row of strings each, aligned with <see cref="ProjectColumns"/>.</summary>
    public IReadOnlyList<IReadOnlyList<string>> ProjectRows => projectRows;

    /// <summary>The VOTES header.</summary>
    public IReadOnlyList<string> VoteColumns => voteColumns;

    /// <summary>The voters, one row of strings each, aligned with <see cref="VoteColumns"/>.</summary>
    public IReadOnlyList<IReadOnlyList<string>> VoteRows => voteRows;

    /// <summary>The line break the writer uses: the file's first one when read (LF, CRLF or CR), LF otherwise.</summary>
    public string NewLine
    {
        get => newLine;
        init => newLine = value is "\n" or "\r\n" or "\r"
            ? value
            : throw new ArgumentException("A line break is \\n, \\r\\n or \\r.", nameof(value));
    }

    /// <summary>The value of a META key, or null if the file does not give it.</summary>
    public string? GetMeta(string key)
    {
        foreach (var pair in meta)
        {
            if (pair.Key == key)
            {
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// The election this document describes, checked exactly as <see cref="PabulibReader.ReadElection"/> checks a
    /// file. Errors and warnings name the line each part has in the document as written by <see cref="PabulibWriter"/>,
    /// which for a document read from a file is its line in that file (blank lines aside).
    /// </summary>
    public PabulibResult<Election> ToElection()
    {
        var log = new PabulibLog();
        var builder = new ElectionBuilder(log);
        var row = new StringRow();
        var line = 1;
        builder.MetaSection(line);
        line += 2;
        foreach (var (key, value) in meta)
        {
            builder.Meta(line, key, value);
            line += 1 + LineBreakCount(key) + LineBreakCount(value);
        }

        builder.ProjectsHeader(line, line + 1, projectColumns);
        line += 2 + LineBreaks(projectColumns);
        foreach (var project in projectRows)
        {
            builder.Project(line, row.Set(project));
            line += 1 + LineBreaks(project);
        }

        builder.VotesHeader(line, line + 1, voteColumns);
        line += 2 + LineBreaks(voteColumns);
        foreach (var vote in voteRows)
        {
            builder.Vote(line, row.Set(vote));
            line += 1 + LineBreaks(vote);
        }

        builder.End(truncated: false);
        return log.Result(builder.Build);
    }

    /// <summary>
    /// A document for an election, to publish its ballots as open data anyone can recount: META gives
    /// <c>description</c> (when the election has one), <c>num_projects</c>, <c>num_votes</c>, <c>budget</c>,
    /// <c>vote_type</c> and the election's <see cref="BallotRules"/>; PROJECTS gives <c>project_id</c> and
    /// <c>cost</c>, and <c>name</c>, <c>score</c> and <c>selected</c> when any project has them; VOTES has one row per
    /// voter, voter ids 1, 2, 3 and so on, each ballot repeated for its weight, then the voters with empty ballots.
    /// </summary>
    /// <param name="election">The election to write.</param>
    /// <param name="meta">Further META pairs (such as <c>country</c>, <c>unit</c>, <c>instance</c>, <c>rule</c>,
    /// <c>currency</c>), appended in order, or replacing a generated pair with the same key. They cannot change
    /// <c>num_projects</c>, <c>num_votes</c>, <c>budget</c> or <c>vote_type</c>.</param>
    /// <exception cref="ArgumentException">The election cannot be written as a Pabulib file: a project id is empty,
    /// repeated or holds a comma; a ballot names a project twice; ballots have points where the vote type has none, or
    /// none where it needs them; or <paramref name="meta"/> contradicts the election.</exception>
    /// <remarks>A project's empty name is written as no name, so it reads back as null.</remarks>
    public static PabulibDocument FromElection(Election election, IEnumerable<KeyValuePair<string, string>>? meta = null)
    {
        var layout = ElectionLayout.Create(election, meta);
        return new PabulibDocument(layout.Meta, layout.ProjectColumns, layout.ProjectRows, layout.VoteColumns, [.. layout.VoteRows()]);
    }

    /// <inheritdoc/>
    public bool Equals(PabulibDocument? other) =>
        other is not null
        && meta.AsSpan().SequenceEqual(other.meta)
        && projectColumns.AsSpan().SequenceEqual(other.projectColumns)
        && voteColumns.AsSpan().SequenceEqual(other.voteColumns)
        && RowsEqual(projectRows, other.projectRows)
        && RowsEqual(voteRows, other.voteRows);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PabulibDocument);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var pair in meta)
        {
            hash.Add(pair.Key, StringComparer.Ordinal);
            hash.Add(pair.Value, StringComparer.Ordinal);
        }

        foreach (var column in projectColumns.Concat(voteColumns))
        {
            hash.Add(column, StringComparer.Ordinal);
        }

        hash.Add(projectRows.Length);
        hash.Add(voteRows.Length);
        return hash.ToHashCode();
    }

    private static bool RowsEqual(string[][] left, string[][] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (!left[i].AsSpan().SequenceEqual(right[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int LineBreaks(IReadOnlyList<string> fields)
    {
        var count = 0;
        foreach (var field in fields)
        {
            count += LineBreakCount(field);
        }

        return count;
    }

    private static string[] Columns(IEnumerable<string> columns, string[] required, string parameter)
    {
        string[] result = [.. columns];
        for (var i = 0; i < result.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(result[i]) || ColumnIndex(result, result[i].Trim()) < i)
            {
                throw new ArgumentException($"Column {i + 1} is empty or repeats an earlier column.", parameter);
            }
        }

        foreach (var name in required)
        {
            if (ColumnIndex(result, name) < 0)
            {
                throw new ArgumentException($"There is no {name} column.", parameter);
            }
        }

        return result;
    }

    private static string[][] Rows(IEnumerable<IReadOnlyList<string>> rows, int width, string parameter)
    {
        var result = new List<string[]>();
        foreach (var row in rows)
        {
            if (row is null || row.Count != width || row.Any(value => value is null))
            {
                throw new ArgumentException($"Row {result.Count + 1} must have {width} non-null values, one per column.", parameter);
            }

            result.Add([.. row]);
        }

        return [.. result];
    }
}
