using System.Buffers;
using System.Runtime.CompilerServices;
using static PBudget.Counting.Pabulib.PabulibFormat;

namespace PBudget.Counting.Pabulib;

/// <summary>
/// What a file's structure delivers, section by section. The parser checks the structure (sections in order, headers
/// with their required columns, field counts, quotes); a sink checks the content. A row with the wrong number of
/// fields arrives as null, so that it is still counted.
/// </summary>
internal abstract class PabulibSink
{
    public abstract void MetaSection(int line);

    public abstract void Meta(int line, string key, string value);

    public abstract void ProjectsHeader(int sectionLine, int line, IReadOnlyList<string> columns);

    public abstract void Project(int line, IPabulibRow? row);

    public abstract void VotesHeader(int sectionLine, int line, IReadOnlyList<string> columns);

    public abstract void Vote(int line, IPabulibRow? row);

    /// <param name="truncated">The file ended inside a quoted field, so counts cannot be compared.</param>
    public abstract void End(bool truncated);
}

/// <summary>Reads a file's structure from a <see cref="PabulibTokenizer"/> and hands each part to a <see cref="PabulibSink"/>.</summary>
internal sealed class PabulibParser
{
    private static readonly SearchValues<char> SectionLetters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ_");
    private static readonly string[][] RequiredColumns = [[], [ProjectId, Cost], [VoterId, VoteColumn]];

    private readonly PabulibTokenizer tokens;
    private readonly PabulibSink sink;
    private readonly PabulibLog log;
    private readonly int[] sectionLines = new int[3];
    private readonly bool[] misplaced = new bool[3];
    private readonly Dictionary<string, int> metaKeys = new(StringComparer.Ordinal);
    private int current = -1;
    private bool skipping;
    private bool expectHeader;
    private string[] columns = [];
    private int headerLine;

    private PabulibParser(TextReader reader, PabulibSink sink, PabulibLog log)
    {
        tokens = new PabulibTokenizer(reader);
        this.sink = sink;
        this.log = log;
    }

    /// <summary>Parses the whole file; returns the first line break it used, or null if it had none.</summary>
    public static string? Parse(TextReader reader, PabulibSink sink, PabulibLog log)
    {
        var parser = new PabulibParser(reader, sink, log);
        parser.Run();
        return parser.tokens.NewLine;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run()
    {
        var truncated = false;
        var empty = true;
        while (tokens.ReadRecord())
        {
            var line = tokens.Line;
            ReportQuotes(line);
            if (tokens.UnterminatedQuoteLine > 0)
            {
                truncated = true;
                break;
            }

            if (tokens.IsBlank)
            {
                continue;
            }

            empty = false;
            var section = tokens.IsQuoted(0) ? -1 : SectionIndex(tokens[0]);
            if (section >= 0 && AllEmptyAfterFirst())
            {
                StartSection(section, line);
            }
            else if (skipping)
            {
                continue;
            }
            else if (current < 0)
            {
                log.Error(line, "section", $"the file must start with a META line, not {Quote(tokens[0])}");
                skipping = true;
            }
            else if (expectHeader)
            {
                ReadHeader(line);
            }
            else
            {
                ReadRow(line);
            }
        }

        if (empty && !truncated)
        {
            log.Error(0, "section", "the file is empty: it must have META, PROJECTS and VOTES sections");
            return;
        }

        if (expectHeader)
        {
            log.Error(sectionLines[current], "header", $"the {Sections[current]} section has no header line");
        }

        if (!truncated)
        {
            for (var i = 0; i < Sections.Length; i++)
            {
                if (sectionLines[i] == 0)
                {
                    log.Error(0, "section", $"the file has no {Sections[i]} section");
                }
            }
        }

        sink.End(truncated);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool AllEmptyAfterFirst()
    {
        for (var i = 1; i < tokens.Count; i++)
        {
            if (!tokens[i].IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    private void StartSection(int section, int line)
    {
        var name = Sections[section];
        if (expectHeader)
        {
            log.Error(sectionLines[current], "header", $"the {Sections[current]} section has no header line");
            expectHeader = false;
        }

        if (sectionLines[section] > 0)
        {
            log.Error(line, "section", $"{name} appears twice; the first is on line {sectionLines[section]}");
            skipping = true;
            return;
        }

        sectionLines[section] = line;
        var laterSeen = false;
        for (var i = section + 1; i < Sections.Length; i++)
        {
            laterSeen |= sectionLines[i] > 0;
        }

        var earlierMissing = -1;
        for (var i = section - 1; i >= 0; i--)
        {
            if (sectionLines[i] == 0 || misplaced[i])
            {
                earlierMissing = i;
            }
        }

        if (laterSeen || earlierMissing >= 0)
        {
            misplaced[section] = true;
            skipping = true;
            log.Error(line, "section", section == 0
                ? "META must be the first section"
                : earlierMissing >= 0
                    ? $"{name} must come after {Sections[earlierMissing]}"
                    : $"{name} must come before {Sections[section + 1]}");
            return;
        }

        current = section;
        skipping = false;
        expectHeader = true;
        if (section == 0)
        {
            sink.MetaSection(line);
        }
    }

    private void ReadHeader(int line)
    {
        expectHeader = false;
        headerLine = line;
        if (current == 0)
        {
            if (tokens.Count == 2 && tokens[0].Trim().Equals("key", StringComparison.OrdinalIgnoreCase)
                && tokens[1].Trim().Equals("value", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            log.Error(line, "header", "the META section's first line must be key;value");
            ReadRow(line);
            return;
        }

        columns = new string[tokens.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = tokens.GetString(i);
            var name = columns[i].Trim();
            if (name.Length == 0)
            {
                log.Error(line, "header", $"column {i + 1} of the {Sections[current]} header has no name");
            }
            else if (ColumnIndex(columns, name) < i)
            {
                log.Error(line, name, $"the {name} column appears twice in the {Sections[current]} header");
            }
        }

        foreach (var required in RequiredColumns[current])
        {
            if (ColumnIndex(columns, required) < 0)
            {
                log.Error(line, required, $"the {Sections[current]} header has no {required} column");
            }
        }

        if (current == 1)
        {
            sink.ProjectsHeader(sectionLines[1], line, columns);
        }
        else
        {
            sink.VotesHeader(sectionLines[2], line, columns);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadRow(int line)
    {
        if (LooksLikeSection())
        {
            // Not counted as a project or voter: it is neither, and the counts in META should still agree.
            log.Error(line, "section", $"{Quote(tokens[0])} is not a section: the sections are META, PROJECTS and VOTES");
            return;
        }

        if (current == 0)
        {
            ReadMeta(line);
            return;
        }

        var row = tokens.Count == columns.Length ? tokens : null;
        if (row is null)
        {
            log.Error(line, "row", $"{Plural(tokens.Count, "field", "fields")}, but the header on line {headerLine} has {columns.Length}");
        }

        if (current == 1)
        {
            sink.Project(line, row);
        }
        else
        {
            sink.Vote(line, row);
        }
    }

    /// <summary>A line holding one capitalised word, such as <c>BALLOTS</c>: a section name nobody knows.</summary>
    private bool LooksLikeSection()
    {
        var text = tokens[0];
        return tokens.Count == 1 && !tokens.IsQuoted(0) && text.Length > 0 && !text.ContainsAnyExcept(SectionLetters);
    }

    private void ReadMeta(int line)
    {
        var key = tokens.GetString(0);
        if (tokens.Count != 2)
        {
            log.Error(line, key.Length > 0 ? key : "row", $"{Plural(tokens.Count, "field", "fields")} where META lines have 2 (key;value); a value holding \";\" must be quoted");
            return;
        }

        if (key.Length == 0)
        {
            log.Error(line, "key", "the META key is empty");
            return;
        }

        if (!metaKeys.TryAdd(key, line))
        {
            log.Error(line, key, $"{key} is already given on line {metaKeys[key]}");
            return;
        }

        sink.Meta(line, key, tokens.GetString(1));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReportQuotes(int line)
    {
        foreach (var field in tokens.StrayQuoteFields)
        {
            log.Warning(line, FieldName(field), "text follows the closing quote, so the field is read as written, quotes included");
        }

        if (tokens.UnterminatedQuoteLine > 0)
        {
            log.Error(tokens.UnterminatedQuoteLine, FieldName(tokens.UnterminatedQuoteField), "the quote that opens this field is never closed: the file ends inside it");
        }
    }

    private string FieldName(int index) =>
        current < 0 || skipping ? "row"
        : expectHeader ? "header"
        : current == 0 ? (index == 0 ? "key" : "value")
        : index < columns.Length ? columns[index]
        : "row";
}
