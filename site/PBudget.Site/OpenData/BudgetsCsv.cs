using System.Globalization;
using System.Text;
using PBudget.Core.Publishing;

namespace PBudget.Site.OpenData;

/// <summary>
/// A scheme's ward budgets as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma,
/// a quote or a line break, quotes doubled). Money is in pence so the columns add up exactly.
/// </summary>
internal static class BudgetsCsv
{
    /// <summary>The columns, in order, with what each holds (the open data page shows these).</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> Columns =
    [
        ("ward_code", "The ward’s ONS code, for example E05000001"),
        ("ward_name", "The ward’s name"),
        ("area", "The area the ward is in, if the scheme groups wards into areas; empty otherwise"),
        ("population", "The population the budget was worked out from"),
        ("computed_pence", "The budget the scheme’s rule gave the ward, in pence"),
        ("budget_pence", "The ward’s budget after any money councillors moved, in pence"),
    ];

    public static string Write(PublishedScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var csv = new StringBuilder();
        Csv.AppendRow(csv, Columns.Select(c => c.Name));
        foreach (var ward in scheme.Wards)
        {
            Csv.AppendRow(csv,
            [
                ward.Code,
                ward.Name,
                ward.Area ?? "",
                ward.Population.ToString(CultureInfo.InvariantCulture),
                ward.ComputedPence.ToString(CultureInfo.InvariantCulture),
                ward.BudgetPence.ToString(CultureInfo.InvariantCulture),
            ]);
        }

        return csv.ToString();
    }
}
