using PBudget.Testing;

namespace PBudget.Cli.Tests;

/// <summary>Azurite and the built function app as processes, shared by the tests of one class.</summary>
public sealed class RunningApp : IAsyncLifetime
{
    public const string DemoAdmin = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a01";

    private readonly AzuriteFixture azurite = new();
    private FunctionAppProcess? app;

    public FunctionAppProcess App => app ?? throw new InvalidOperationException("The app is not running.");

    public string Url => App.Client.BaseAddress!.ToString();

    public async ValueTask InitializeAsync()
    {
        await azurite.InitializeAsync();
        app = await FunctionAppProcess.StartAsync(azurite, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }
}
