using System.Text;
using PBudget.Core.Proposals;
using PBudget.Core.Publishing;
using PBudget.Site.Tests.Support;

namespace PBudget.Site.Tests.Generator;

public sealed class OpenDataTests
{
    [Fact]
    public async Task BuildAsync_BudgetsCsv_HasHeaderAndOneRowPerWardInPence()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var lines = site.Output.ReadText("schemes/riverside-2026-27/data/budgets.csv").Split("\r\n");

        Assert.Equal("ward_code,ward_name,area,population,computed_pence,budget_pence", lines[0]);
        Assert.Equal("E05900002,Castle,Central,9875,1975000,2225000", lines[2]);
        Assert.Equal(12, lines.Length); // header, ten wards, and the empty string after the final CRLF
        Assert.Equal("", lines[^1]);
    }

    [Fact]
    public async Task BuildAsync_BudgetsCsv_QuotesNamesWithCommasAndQuotesPerRfc4180()
    {
        var site = await BuiltSite.BuildAsync(new PublishedSite([SampleSites.Awkward("Smith's \"Green\", East")]));

        var csv = site.Output.ReadText("schemes/awkward-2026-27/data/budgets.csv");
        var rows = ParseRfc4180(csv);

        Assert.Contains("E05000001,\"Smith's \"\"Green\"\", East\",\"North, \"\"Upper\"\"\",10000,2000000,2000000\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(["E05000001", "Smith's \"Green\", East", "North, \"Upper\"", "10000", "2000000", "2000000"], rows[1]);
        Assert.Equal(["E05000002", "Plain", "South", "5000", "1500000", "1500000"], rows[2]);
    }

    [Fact]
    public async Task BuildAsync_SchemeJson_IsTheSnapshotAndReadsBack()
    {
        var scheme = SampleSites.Riverside();
        var site = await BuiltSite.BuildAsync(new PublishedSite([scheme]));

        var json = site.Output.ReadText("schemes/riverside-2026-27/data/scheme.json");

        Assert.Equal(SiteSnapshot.Serialize(scheme), json);
        var read = SiteSnapshot.Deserialize(json);

        // Records compare lists by reference, so the proposals are compared one by one.
        Assert.Equal(scheme.Wards.Select(w => w with { Proposals = null }), read.Wards.Select(w => w with { Proposals = null }));
        Assert.Equal(scheme.Wards.SelectMany(w => w.ProposalList), read.Wards.SelectMany(w => w.ProposalList));
        Assert.Equal(scheme.Phase, read.Phase);
    }

    [Fact]
    public async Task BuildAsync_SchemeJson_WritesEachProposalOnce()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var json = site.Output.ReadText("schemes/riverside-2026-27/data/scheme.json");

        Assert.Contains("\"proposals\": [", json, StringComparison.Ordinal);
        Assert.DoesNotContain("proposalList", json, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, "\"id\": \"abbeybench\""));
    }

    [Fact]
    public async Task BuildAsync_OpenDataPage_DescribesEveryCsvColumnAndLinksBothFiles()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());
        var page = site.Page("schemes/riverside-2026-27/data/index.html");
        var header = site.Output.ReadText("schemes/riverside-2026-27/data/budgets.csv").Split("\r\n")[0].Split(',');

        var described = page.QuerySelectorAll("table")[0].QuerySelectorAll("tbody th").Select(th => th.TextContent.Trim());

        Assert.Equal(header, described);
        Assert.NotNull(page.QuerySelector("a[href='/schemes/riverside-2026-27/data/budgets.csv']"));
        Assert.NotNull(page.QuerySelector("a[href='/schemes/riverside-2026-27/data/scheme.json']"));
    }

    [Fact]
    public async Task BuildAsync_ProposalsCsv_HasHeaderAndOneRowPerListedProposalInPenceAndPounds()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var rows = ParseRfc4180(site.Output.ReadText("schemes/riverside-2026-27/data/proposals.csv"));
        var byId = rows.Skip(1).ToDictionary(r => r[0]);

        Assert.Equal(
            "proposal_id,ward_code,ward_name,title,summary,description_markdown,category,status,shortlisted,estimated_cost_pence,estimated_cost_pounds,reviewed_cost_pence,reviewed_cost_pounds,cost_explanation,feasibility_reason,organisation,location,merged_into,proposer_count,submitted_at",
            string.Join(',', rows[0]));
        Assert.All(rows, row => Assert.Equal(rows[0].Count, row.Count));

        // Every proposal but the withdrawn one, ward by ward, in the order submitted.
        Assert.Equal(
            ["abbeybench", "abbeydupes", "abbeysprts", "abbeyartwk", "abbeycrssg", "caspntrs22", "cashstry22", "cassprthaw", "casdgbns22", "stmaryfsh2"],
            rows.Skip(1).Select(r => r[0]));
        Assert.Equal(
            ["abbeybench", "E05900001", "Abbey", "Benches on Abbey Green", "A short summary of benches on abbey green.",
             "A longer description of **Benches on Abbey Green**.\n\nIt has *two* paragraphs.", "Environment and green spaces", "Feasible", "no",
             "300000", "3000.00", "280000", "2800.00", "Four benches at £600 each, and £400 to fit them.", "The parks team can fit them in spring.",
             "", "", "", "2", "2026-06-15T23:30:00Z"],
            byId["abbeybench"]);
        Assert.Equal(["Merged", "abbeybench"], [byId["abbeydupes"][7], byId["abbeydupes"][17]]);
        Assert.Equal(["Waiting for review", "800000", "8000.00", "", "", "Abbey Arts Collective", "RV1 2AB"], byId["abbeyartwk"].Where((_, i) => i is 7 or 9 or 10 or 11 or 12 or 15 or 16));
        Assert.Equal("yes", byId["caspntrs22"][8]);
        Assert.Equal(SampleSites.HostileMarkdown, byId["abbeycrssg"][5]);
        Assert.Equal([SampleSites.AwkwardTitle, "Fish, chips & a \"quiz\" once a month", "250050", "2500.50", "St Mary's \"Friends\" & Co"], byId["stmaryfsh2"].Where((_, i) => i is 3 or 4 or 9 or 10 or 15));
    }

    [Fact]
    public async Task BuildAsync_ProposalsCsv_TextThatLooksLikeAFormulaIsNotRunBySpreadsheets()
    {
        var proposal = SampleSites.Proposal("abcdefgh22", "=HYPERLINK(\"https://evil.example\")", "Other", ProposalStatus.Submitted, 100) with
        {
            Summary = "+1 for this",
            Organisation = "@Home Friends",
            Location = "-0.5, 51.5",
        };
        var scheme = SampleSites.Scheme("formula-2026-27", "Formula", [SampleSites.Ward("E05000001", "Plain", null, 1) with { Proposals = [proposal] }]);
        var site = await BuiltSite.BuildAsync(new PublishedSite([scheme]));

        var row = ParseRfc4180(site.Output.ReadText("schemes/formula-2026-27/data/proposals.csv"))[1];

        Assert.Equal(["'=HYPERLINK(\"https://evil.example\")", "'+1 for this", "'@Home Friends", "'-0.5, 51.5"], [row[3], row[4], row[15], row[16]]);
        Assert.Equal("abcdefgh22", row[0]);
    }

    [Fact]
    public async Task BuildAsync_SchemeWithoutProposals_WritesAProposalsCsvWithOnlyTheHeader()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());

        var rows = ParseRfc4180(site.Output.ReadText("schemes/hillford-2026-27/data/proposals.csv"));

        Assert.Single(rows);
        Assert.Equal("text/csv; charset=utf-8", site.Output.ContentTypes["schemes/hillford-2026-27/data/proposals.csv"]);
    }

    [Fact]
    public async Task BuildAsync_OpenDataPage_DescribesEveryProposalsCsvColumnAndLinksIt()
    {
        var site = await BuiltSite.BuildAsync(SampleSites.Realistic());
        var page = site.Page("schemes/riverside-2026-27/data/index.html");
        var header = site.Output.ReadText("schemes/riverside-2026-27/data/proposals.csv").Split("\r\n")[0].Split(',');

        var table = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent == "Columns in the proposals CSV file");

        Assert.Equal(header, table.QuerySelectorAll("tbody th").Select(th => th.TextContent.Trim()));
        Assert.NotNull(page.QuerySelector("a[href='/schemes/riverside-2026-27/data/proposals.csv']"));
        Assert.Contains("withdrew are left out", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>A strict reader for the test: fields, quoted fields with doubled quotes, CRLF rows.</summary>
    private static List<List<string>> ParseRfc4180(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.Equal(0, field.Length);
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r')
            {
                Assert.Equal('\n', csv[++i]);
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(quoted);
        Assert.Empty(row);
        return rows;
    }
}
