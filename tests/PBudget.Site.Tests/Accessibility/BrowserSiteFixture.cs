using Microsoft.Playwright;
using PBudget.Site.Tests.Support;
using PBudget.Testing;

namespace PBudget.Site.Tests.Accessibility;

/// <summary>
/// The realistic site built into a temporary folder, served over HTTP, and a real Chromium to look at it.
/// Shared by the browser tests: building and launching once keeps them quick.
/// </summary>
public sealed class BrowserSiteFixture : IAsyncLifetime
{

    private readonly string folder = Path.Combine(Path.GetTempPath(), "pbudget-site-a11y", Guid.NewGuid().ToString("N"));
    private StaticSiteServer? server;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public Uri Address => server?.Address ?? throw new InvalidOperationException("The site is not being served.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Chromium is not running.");

    public string Folder => folder;

    public async ValueTask InitializeAsync()
    {
        DebianChromium.EnsureInstalled("the accessibility tests");

        await new SiteGenerator().BuildAsync(SampleSites.Realistic(), new FolderSiteOutput(folder), TestContext.Current.CancellationToken);
        server = await StaticSiteServer.StartAsync(folder, TestContext.Current.CancellationToken);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DebianChromium.Path,
            Headless = true,
            Args = DebianChromium.Args,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
