using System.Net.Http.Json;
using System.Text;
using PBudget.Testing;

namespace PBudget.EndToEnd.Tests.Browser;

/// <summary>
/// The real app against Azurite with a scheme open for proposals (set up through the JSON API, as an admin would),
/// and Debian's Chromium to use its forms. Shared by the browser tests of one class.
/// </summary>
public sealed class FormsBrowserFixture(AzuriteFixture azurite)
    : BrowserAppFixture(azurite, "the browser tests of the forms", "/assets/govuk-frontend.min.css")
{
    /// <summary>The resident journey's ward.</summary>
    public const string ResidentWard = "E05000301";

    /// <summary>The officer review's ward.</summary>
    public const string ReviewWard = "E05000302";

    public string SchemeId { get; } = "forms-" + Guid.NewGuid().ToString("N")[..8];

    protected override async Task SetUpAsync(CancellationToken cancel)
    {
        using var admin = await App.SignedInClientAsync(AdminId, cancel);
        (await admin.PostAsJsonAsync("/api/schemes", new
        {
            id = SchemeId,
            name = "Forms Borough",
            financialYear = "2026-27",
            budgetRule = new { pencePerHead = 200, roundingUnit = "Pound" },
        }, cancel)).EnsureSuccessStatusCode();
        var wards = $"code,name,population,area\n{ResidentWard},Abbey,10000,North\n{ReviewWard},Bridge,10000,South\n";
        (await admin.PutAsync($"/api/schemes/{SchemeId}/wards", new StringContent(wards, Encoding.UTF8, "text/csv"), cancel)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/schemes/{SchemeId}/phase", new { to = "ProposalsOpen" }, cancel)).EnsureSuccessStatusCode();
    }
}
