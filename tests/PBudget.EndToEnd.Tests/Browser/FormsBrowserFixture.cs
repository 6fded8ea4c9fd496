using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using PBudget.Testing;

namespace PBudget.EndToEnd.Tests.Browser;

/// <summary>
/// The real app against Azurite with a scheme open for proposals (set up through the JSON API, as an admin would),
/// and Debian's Chromium to use its forms. Shared by the browser tests of one class.
/// </summary>
public sealed class FormsBrowserFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    public const string AdminId = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a01";
    public const string OfficerId = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a02";
    public const string CouncillorId = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a03";
    public const string ResidentId = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a04";

    /// <summary>The resident journey's ward.</summary>
    public const string ResidentWard = "E05000301";

    /// <summary>The officer review's ward.</summary>
    public const string ReviewWard = "E05000302";

    private FunctionAppProcess? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public FunctionAppProcess App => app ?? throw new InvalidOperationException("The app is not running.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Chromium is not running.");

    public string SchemeId { get; } = "forms-" + Guid.NewGuid().ToString("N")[..8];

    public Uri Address => App.Client.BaseAddress!;

    public async ValueTask InitializeAsync()
    {
        DebianChromium.EnsureInstalled("the browser tests of the forms");

        var cancel = TestContext.Current.CancellationToken;
        app = await FunctionAppProcess.StartAsync(azurite, cancel);
        using var admin = await app.SignedInClientAsync(AdminId, cancel);
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

        // The pages link the published site's stylesheet; wait until the first publication has written it.
        await app.WaitForAsync("the published site's stylesheet", async () =>
        {
            using var response = await app.Client.GetAsync("/assets/govuk-frontend.min.css", cancel);
            return response.StatusCode == HttpStatusCode.OK ? "published" : null;
        }, cancel);

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DebianChromium.Path,
            Headless = true,
            Args = DebianChromium.Args,
        });
    }

    /// <summary>A client with a bearer token for one of the demo people, for setting things up through the JSON API.</summary>
    public Task<HttpClient> ApiClientAsync(string demoUserId) => App.SignedInClientAsync(demoUserId, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
