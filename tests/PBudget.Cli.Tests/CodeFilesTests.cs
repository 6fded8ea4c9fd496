using PBudget.Cli.Voting;

namespace PBudget.Cli.Tests;

public sealed class CodeFilesTests
{
    private static readonly CodeBatch Batch = new("20261201-090000-abc123", "E05000004", "Kingsmead, \"East\" & <Docks>", DateTimeOffset.Parse("2026-12-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), 2, ["7K3M-Q9XW-2HDR-F4TN-8", "0000-1111-2222-3333-4"]);

    [Fact]
    public void VoteUrlFor_AppUnderAPath_KeepsThePathAndEscapesTheIds()
    {
        var url = CodeLetters.VoteUrlFor(new Uri("https://budgets.example.gov.uk/pb/"), "riverside-2026-27", "E05000001");

        Assert.Equal("https://budgets.example.gov.uk/pb/api/forms/schemes/riverside-2026-27/wards/E05000001/vote", url.AbsoluteUri);
    }

    [Fact]
    public void Csv_NamesWithCommasAndQuotes_AreQuotedAsRfc4180Says()
    {
        var csv = CodeFiles.Csv(new CodeLetters("s", "Ward Budgets", Batch, new Uri("http://localhost:7071/api/forms/schemes/s/wards/E05000004/vote")));

        Assert.Equal(
            "code,ward_code,ward_name,batch,scheme_name,vote_url\r\n" +
            "7K3M-Q9XW-2HDR-F4TN-8,E05000004,\"Kingsmead, \"\"East\"\" & <Docks>\",20261201-090000-abc123,Ward Budgets,http://localhost:7071/api/forms/schemes/s/wards/E05000004/vote\r\n" +
            "0000-1111-2222-3333-4,E05000004,\"Kingsmead, \"\"East\"\" & <Docks>\",20261201-090000-abc123,Ward Budgets,http://localhost:7071/api/forms/schemes/s/wards/E05000004/vote\r\n",
            csv);
    }

    [Fact]
    public void Sheet_NamesWithMarkup_AreEncodedAndEachCodeGetsItsOwnCard()
    {
        var html = CodeFiles.Sheet(new CodeLetters("s", "<script>alert(1)</script>", Batch, new Uri("http://localhost:7071/api/forms/schemes/s/wards/E05000004/vote")));

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Kingsmead, &quot;East&quot; &amp; &lt;Docks&gt;", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<article class=\"card\"").Length - 1);
        Assert.Contains("<p class=\"code\">0000-1111-2222-3333-4</p>", html, StringComparison.Ordinal);
    }
}
