using System.Text;
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
        Assert.Equal(scheme.Wards, SiteSnapshot.Deserialize(json).Wards);
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
