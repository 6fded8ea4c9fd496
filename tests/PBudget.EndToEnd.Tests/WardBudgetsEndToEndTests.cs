using System.Net;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Html.Parser;
using PBudget.Testing;

namespace PBudget.EndToEnd.Tests;

/// <summary>The real app as a process, real Azurite, the real queue: from an import to the public ward page.</summary>
public sealed class WardBudgetsEndToEndTests(AzuriteFixture azurite)
{
    private const string DemoAdmin = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a01";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Importing_wards_publishes_each_wards_budget_to_the_public_site_through_the_queue()
    {
        await using var app = await FunctionAppProcess.StartAsync(azurite, Cancel);
        using var admin = await app.SignedInClientAsync(DemoAdmin, Cancel);
        var id = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("/api/schemes", new
        {
            id,
            name = "End to End Borough",
            financialYear = "2026-27",
            budgetRule = new { totalPotPence = 10_000_000, minimumPerWardPence = 2_000_000, roundingUnit = "Pound" },
        }, Cancel)).EnsureSuccessStatusCode();

        // £100,000 pot, minimum £20,000: Small's share (1,000/21,000 × £100,000 ≈ £4,762) is lifted to £20,000,
        // and the other £80,000 is shared 10,000 : 10,000, so Large A and Large B get £40,000 each.
        const string Wards = "code,name,population,area\nE05000101,Large A,10000,North\nE05000102,Large B,10000,North\nE05000103,Small,1000,South\n";
        (await admin.PutAsync($"/api/schemes/{id}/wards", new StringContent(Wards, Encoding.UTF8, "text/csv"), Cancel)).EnsureSuccessStatusCode();

        var page = await app.WaitForAsync("the published ward page", async () =>
        {
            using var response = await app.Client.GetAsync($"/schemes/{id}/wards/E05000103/", Cancel);
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync(Cancel) : null;
        }, Cancel);

        var document = new HtmlParser().ParseDocument(page);
        Assert.Contains("Small", document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("£20,000", document.Body!.TextContent, StringComparison.Ordinal);
        var large = await app.Client.GetStringAsync($"/schemes/{id}/wards/E05000101/", Cancel);
        Assert.Contains("£40,000", large, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_councillors_transfer_reaches_the_public_ward_page()
    {
        await using var app = await FunctionAppProcess.StartAsync(azurite, Cancel);
        using var admin = await app.SignedInClientAsync(DemoAdmin, Cancel);
        using var councillor = await app.SignedInClientAsync("7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a03", Cancel);
        var id = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("/api/schemes", new
        {
            id,
            name = "Transfer Borough",
            financialYear = "2026-27",
            budgetRule = new { pencePerHead = 200, roundingUnit = "Pound" },
            adjustments = new { scope = "WithinArea" },
        }, Cancel)).EnsureSuccessStatusCode();
        const string Wards = "code,name,population,area\nE05000201,Upper,10000,Vale\nE05000202,Lower,10000,Vale\n";
        (await admin.PutAsync($"/api/schemes/{id}/wards", new StringContent(Wards, Encoding.UTF8, "text/csv"), Cancel)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/schemes/{id}/councillors/7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a03", new { displayName = "Cllr Chris", wards = new[] { "E05000201", "E05000202" } }, Cancel)).EnsureSuccessStatusCode();

        // Each starts at 10,000 × £2 = £20,000; £2,500 moves from Upper to Lower.
        (await councillor.PostAsJsonAsync($"/api/schemes/{id}/budget-transfers", new { fromWard = "E05000201", toWard = "E05000202", amountPence = 250_000, reason = "Shared youth club" }, Cancel)).EnsureSuccessStatusCode();

        var lower = await app.WaitForAsync("the ward page to show the transfer", async () =>
        {
            using var response = await app.Client.GetAsync($"/schemes/{id}/wards/E05000202/", Cancel);
            var text = response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(Cancel) : null;
            return text is not null && text.Contains("£22,500", StringComparison.Ordinal) ? text : null;
        }, Cancel);

        Assert.Contains("£22,500", lower, StringComparison.Ordinal);
        Assert.Contains("£17,500", await app.Client.GetStringAsync($"/schemes/{id}/wards/E05000201/", Cancel), StringComparison.Ordinal);
    }
}
