using System.Text.Json;

namespace PBudget.Site.Tests;

/// <summary>What Azure Static Web Apps deploys: its documented configuration file, sending every page to the app.</summary>
public sealed class StaticWebAppFrontTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pbudget-swa-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Every_address_without_a_deployed_file_and_the_home_page_go_to_the_apps_published_site()
    {
        using var config = JsonDocument.Parse(StaticWebAppFront.Config());

        Assert.Equal(SitePaths.AppSiteFiles, config.RootElement.GetProperty("navigationFallback").GetProperty("rewrite").GetString());
        var routes = config.RootElement.GetProperty("routes").EnumerateArray().ToDictionary(r => r.GetProperty("route").GetString()!, r => r.GetProperty("rewrite").GetString());
        Assert.Equal(SitePaths.AppSiteFiles, routes["/"]);
        Assert.Equal(SitePaths.AppSiteFiles, routes["/index.html"]);
    }

    [Fact]
    public void Every_response_carries_the_security_headers()
    {
        using var config = JsonDocument.Parse(StaticWebAppFront.Config());

        var headers = config.RootElement.GetProperty("globalHeaders");
        Assert.Equal("nosniff", headers.GetProperty("X-Content-Type-Options").GetString());
        Assert.StartsWith("max-age=", headers.GetProperty("Strict-Transport-Security").GetString(), StringComparison.Ordinal);
        Assert.Equal("DENY", headers.GetProperty("X-Frame-Options").GetString());
    }

    [Fact]
    public async Task The_deployment_folder_has_the_configuration_and_a_home_page()
    {
        await StaticWebAppFront.WriteAsync(new FolderSiteOutput(folder), TestContext.Current.CancellationToken);

        Assert.Equal(StaticWebAppFront.Config(), await File.ReadAllTextAsync(Path.Combine(folder, StaticWebAppFront.ConfigFile), TestContext.Current.CancellationToken));
        Assert.Contains("<html lang=\"en-GB\">", await File.ReadAllTextAsync(Path.Combine(folder, "index.html"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
