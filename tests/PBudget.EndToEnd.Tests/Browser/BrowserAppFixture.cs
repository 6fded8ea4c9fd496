using System.Net;
using Microsoft.Playwright;
using PBudget.Testing;

namespace PBudget.EndToEnd.Tests.Browser;

/// <summary>
/// What every browser fixture starts: the real app against Azurite, set up through its JSON API by the derived fixture,
/// the published site's assets waited for, and Debian's Chromium. Shared by the browser tests of one class.
/// </summary>
public abstract class BrowserAppFixture(AzuriteFixture azurite, string testsFor, params string[] publishedAssets) : IAsyncLifetime
{
    public const string AdminId = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a01";
    public const string OfficerId = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a02";
    public const string CouncillorId = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a03";
    public const string ResidentId = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a04";

    private FunctionAppProcess? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public FunctionAppProcess App => app ?? throw new InvalidOperationException("The app is not running.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Chromium is not running.");

    public Uri Address => App.Client.BaseAddress!;

    public async ValueTask InitializeAsync()
    {
        DebianChromium.EnsureInstalled(testsFor);

        var cancel = TestContext.Current.CancellationToken;
        app = await FunctionAppProcess.StartAsync(azurite, cancel);
        await SetUpAsync(cancel);

        // The pages link the published site's stylesheet and scripts; wait until a publication has written them.
        foreach (var asset in publishedAssets)
        {
            await app.WaitForAsync("the published site's " + asset, async () =>
            {
                using var response = await app.Client.GetAsync(asset, cancel);
                return response.StatusCode == HttpStatusCode.OK ? "published" : null;
            }, cancel);
        }

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

        GC.SuppressFinalize(this);
    }

    /// <summary>Sets up what the derived fixture's tests need, through the running app's JSON API.</summary>
    protected abstract Task SetUpAsync(CancellationToken cancel);
}
