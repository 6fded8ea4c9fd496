using PBudget.Counting.Elections;
using static PBudget.Counting.Pabulib.PabulibFormat;

namespace PBudget.Counting.Pabulib;

/// <summary>
/// Writes Pabulib <c>.pb</c> files that <see cref="PabulibReader"/> (and other Pabulib readers) read back the same.
/// A field is quoted only when it must be: when it holds a semicolon, a double quote or a line break, starts or ends
/// with white space, or is a first field that would read as a section name.
/// </summary>
public static class PabulibWriter
{
    /// <summary>Writes a document with every key, column and value it holds, in order, using its <see cref="PabulibDocument.NewLine"/>.</summary>
    public static void Write(PabulibDocument document, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(writer);
        var output = new Output(writer, document.NewLine);
        output.Head(document.Meta, document.ProjectColumns, document.ProjectRows);
        output.Line(document.VoteColumns);
        foreach (var row in document.VoteRows)
        {
            output.Line(row);
        }
    }

    /// <summary>
    /// Writes an election as open data anyone can recount, laid out as <see cref="PabulibDocument.FromElection"/>
    /// describes, with LF line breaks. Voters' rows are written as they are produced, never all held at once.
    /// </summary>
    /// <param name="election">The election to write.</param>
    /// <param name="writer">Where to write; not closed.</param>
    /// <param name="meta">Further META pairs, as for <see cref="PabulibDocument.FromElection"/>.</param>
    /// <exception cref="ArgumentException">The election cannot be written as a Pabulib file (see <see cref="PabulibDocument.FromElection"/>).</exception>
    public static void Write(Election election, TextWriter writer, IEnumerable<KeyValuePair<string, string>>? meta = null)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(writer);
        var layout = ElectionLayout.Create(election, meta);
        var output = new Output(writer, "\n");
        output.Head(layout.Meta, layout.ProjectColumns, layout.ProjectRows);
        output.Line(layout.VoteColumns);
        foreach (var row in layout.VoteRows())
        {
            output.Line(row);
        }
    }

    private sealed class Output(TextWriter writer, string newLine)
    {
        public void Head(IReadOnlyList<KeyValuePair<string, string>> meta, IReadOnlyList<string> projectColumns, IReadOnlyList<IReadOnlyList<string>> projectRows)
        {
            writer.Write(SectionMeta);
            writer.Write(newLine);
            writer.Write("key;value");
            writer.Write(newLine);
            foreach (var (key, value) in meta)
            {
                Field(key, first: true);
                writer.Write(';');
                Field(value, first: false);
                writer.Write(newLine);
            }

            writer.Write(SectionProjects);
            writer.Write(newLine);
            Line(projectColumns);
            foreach (var row in projectRows)
            {
                Line(row);
            }

            writer.Write(SectionVotes);
            writer.Write(newLine);
        }

        public void Line(IReadOnlyList<string> fields)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                if (i > 0)
                {
                    writer.Write(';');
                }

                Field(fields[i], first: i == 0);
            }

            writer.Write(newLine);
        }

        private void Field(string value, bool first)
        {
            if (!NeedsQuotes(value, first))
            {
                writer.Write(value);
                return;
            }

            writer.Write('"');
            var rest = value.AsSpan();
            for (var quote = rest.IndexOf('"'); quote >= 0; quote = rest.IndexOf('"'))
            {
                writer.Write(rest[..(quote + 1)]);
                writer.Write('"');
                rest = rest[(quote + 1)..];
            }

            writer.Write(rest);
            writer.Write('"');
        }

        private static bool NeedsQuotes(string value, bool first) =>
            value.AsSpan().ContainsAny(NeedQuoting)
            || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
            || (first && SectionIndex(value) >= 0);
    }
}
