using System.Text;

namespace PBudget.Site.OpenData;

/// <summary>RFC 4180 rows: comma-separated, CRLF line ends, fields quoted when they hold a comma, a quote or a line break, quotes doubled.</summary>
internal static class Csv
{
    public static void AppendRow(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Quote));
        csv.Append("\r\n");
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
}
