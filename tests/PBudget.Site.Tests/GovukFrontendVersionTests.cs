using System.Text.Json;
using PBudget.Testing;

namespace PBudget.Site.Tests;

/// <summary>GOV.UK Frontend is pinned once (Directory.Build.props); package.json and what npm installed must agree.</summary>
public sealed class GovukFrontendVersionTests
{
    [Fact]
    public void Version_StampedFromTheBuild_EqualsPackageJsonDevDependency()
    {
        using var packageJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "package.json")));

        var pinned = packageJson.RootElement.GetProperty("devDependencies").GetProperty("govuk-frontend").GetString();

        Assert.Equal(pinned, GovukFrontend.Version);
    }

    [Fact]
    public void Version_StampedFromTheBuild_EqualsTheInstalledPackage()
    {
        using var installed = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.NodeModules, "govuk-frontend", "package.json")));

        Assert.Equal(installed.RootElement.GetProperty("version").GetString(), GovukFrontend.Version);
    }

    [Fact]
    public async Task BuildAsync_GovukFrontendAssets_AreTheInstalledFilesUnchanged()
    {
        var site = await Support.BuiltSite.BuildAsync(new([]));
        var dist = Path.Combine(RepositoryPaths.NodeModules, "govuk-frontend", "dist", "govuk");
        var expected = new Dictionary<string, string>
        {
            ["assets/govuk-frontend.min.css"] = Path.Combine(dist, "govuk-frontend.min.css"),
            ["assets/govuk-frontend.min.js"] = Path.Combine(dist, "govuk-frontend.min.js"),
        };
        foreach (var file in Directory.GetFiles(Path.Combine(dist, "assets"), "*", SearchOption.AllDirectories))
        {
            expected["assets/" + Path.GetRelativePath(Path.Combine(dist, "assets"), file).Replace('\\', '/')] = file;
        }

        Assert.All(expected, pair => Assert.Equal(File.ReadAllBytes(pair.Value), site.Output.Files[pair.Key]));
    }
}
