using System.Globalization;
using System.Text;
using PBudget.Core.Publishing;
using PBudget.Site.Pages;

namespace PBudget.Site.OpenData;

/// <summary>
/// A scheme's proposals as CSV, one row per proposal that the ward lists show (withdrawn ones are left out, as they
/// are from the lists), written as <see cref="BudgetsCsv"/> writes: RFC 4180, with money in pence and in pounds.
/// </summary>
internal static class ProposalsCsv
{
    /// <summary>The columns, in order, with what each holds (the open data page shows these).</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> Columns =
    [
        ("proposal_id", "The proposal’s identifier, as used in its page’s web address"),
        ("ward_code", "The ONS code of the ward it is for"),
        ("ward_name", "The name of the ward it is for"),
        ("title", "The proposal’s title"),
        ("summary", "The proposal’s short summary"),
        ("description_markdown", "The full description, as the resident wrote it, in Markdown"),
        ("category", "The category it was filed under"),
        ("status", "Where it stands: Waiting for review, Feasible, Not feasible or Merged"),
        ("shortlisted", "yes if it is on the ward’s signed-off shortlist, otherwise no"),
        ("estimated_cost_pence", "The resident’s estimate of the cost, in pence"),
        ("estimated_cost_pounds", "The same estimate in pounds, for example 2500.00"),
        ("reviewed_cost_pence", "The cost after council officers checked it, in pence; empty until it is reviewed"),
        ("reviewed_cost_pounds", "The same reviewed cost in pounds; empty until it is reviewed"),
        ("cost_explanation", "How officers worked out the reviewed cost, if they said"),
        ("feasibility_reason", "Why officers found it feasible or not feasible, if they have reviewed it"),
        ("organisation", "The organisation that suggested it, if any (residents’ names are never published)"),
        ("location", "Where it would happen, as a postcode or latitude and longitude, if given"),
        ("merged_into", "For a merged proposal, the identifier of the proposal it was merged into"),
        ("proposer_count", "How many residents’ proposals it combines: 1 unless others were merged into it"),
        ("submitted_at", "When it was submitted, as an ISO 8601 date and time in UTC"),
    ];

    public static string Write(PublishedScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var csv = new StringBuilder();
        Csv.AppendRow(csv, Columns.Select(c => c.Name));
        foreach (var ward in scheme.Wards)
        {
            foreach (var proposal in ProposalFormat.Listed(ward))
            {
                Csv.AppendRow(csv,
                [
                    proposal.Id,
                    ward.Code,
                    Text(ward.Name),
                    Text(proposal.Title),
                    Text(proposal.Summary),
                    Text(proposal.DescriptionMarkdown),
                    Text(proposal.Category),
                    ProposalFormat.Status(proposal.Status),
                    proposal.Shortlisted ? "yes" : "no",
                    Pence(proposal.EstimatedCostPence),
                    Pounds(proposal.EstimatedCostPence),
                    proposal.ReviewedCostPence is { } reviewed ? Pence(reviewed) : "",
                    proposal.ReviewedCostPence is { } reviewedAgain ? Pounds(reviewedAgain) : "",
                    Text(proposal.CostExplanation),
                    Text(proposal.FeasibilityReason),
                    Text(proposal.Organisation),
                    Text(proposal.Location),
                    proposal.MergedInto ?? "",
                    proposal.ProposerCount.ToString(CultureInfo.InvariantCulture),
                    Format.IsoDateTime(proposal.SubmittedAt),
                ]);
            }
        }

        return csv.ToString();
    }

    private static string Pence(long pence) => pence.ToString(CultureInfo.InvariantCulture);

    // Exact: pence / 100 as a decimal, always with two places and no thousands separator.
    private static string Pounds(long pence) => (pence / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// Residents' words, made safe to open in a spreadsheet: one that starts like a formula (=, +, -, @, tab or
    /// carriage return) gets an apostrophe in front, so it is shown rather than run.
    /// </summary>
    private static string Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value ?? "";
}
