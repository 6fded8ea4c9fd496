using PBudget.Testing;

namespace PBudget.Infrastructure.Tests;

/// <summary>
/// azure.yaml, read as azd reads it for what matters here: the two services, where they are, and hooks that run
/// commands this repository has. (No YAML library is in the package registry; the file is kept flat enough to read by line.)
/// </summary>
public sealed class AzureYamlTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "azure.yaml"));

    private static string Value(string key, int from = 0) =>
        Lines.Skip(from).Select(l => l.Trim()).First(l => l.StartsWith(key + ":", StringComparison.Ordinal))[(key.Length + 1)..].Trim();

    private static int Service(string name) => Array.FindIndex(Lines, l => l == $"  {name}:");

    [Fact]
    public void The_api_service_is_the_function_app_project_deployed_to_Azure_Functions()
    {
        var api = Service("api");

        Assert.True(api > 0, "azure.yaml has no api service.");
        Assert.Equal("function", Value("host", api));
        Assert.Equal("dotnet", Value("language", api));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, Value("project", api), "PBudget.Functions.csproj")));
    }

    [Fact]
    public void The_web_service_deploys_what_the_site_generator_writes_for_Static_Web_Apps()
    {
        var web = Service("web");

        Assert.True(web > 0, "azure.yaml has no web service.");
        Assert.Equal("staticwebapp", Value("host", web));
        var dist = Value("dist", web);
        var hooks = Lines.Skip(web).TakeWhile(l => !l.StartsWith("hooks:", StringComparison.Ordinal)).Where(l => l.Trim().StartsWith("run:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, hooks.Count);
        Assert.All(hooks, run => Assert.EndsWith($"site static-web-app --out {dist}", run, StringComparison.Ordinal));
        Assert.Contains($"{Value("project", web).TrimStart('.', '/')}/{dist}/", File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".gitignore")));
    }

    [Fact]
    public void Provisioning_ends_by_filling_Key_Vault_from_the_template_output()
    {
        var hooks = Array.FindIndex(Lines, l => l == "hooks:");

        var runs = Lines.Skip(hooks).Where(l => l.Trim().StartsWith("run:", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, runs.Count);
        Assert.All(runs, run => Assert.Contains("secrets ensure --vault", run, StringComparison.Ordinal));
        Assert.All(runs, run => Assert.Contains("AZURE_KEY_VAULT_ENDPOINT", run, StringComparison.Ordinal));
        Assert.Contains("output AZURE_KEY_VAULT_ENDPOINT ", File.ReadAllText(Path.Combine(Bicep.Infra, "main.bicep")), StringComparison.Ordinal);
    }
}
