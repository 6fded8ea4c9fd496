using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using PBudget.Testing;

namespace PBudget.Infrastructure.Tests;

/// <summary>The Bicep CLI from the Azure.Bicep.CommandLine package, run on the files under infra/.</summary>
internal static class Bicep
{
    public static string Infra => Path.Combine(RepositoryPaths.Root, "infra");

    private static string Executable =>
        typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value
        ?? throw new InvalidOperationException("The build did not record where the bicep executable is.");

    private static readonly Lazy<(int ExitCode, string Output, string Errors)> LazyBuild = new(() => Run("build", Path.Combine(Infra, "main.bicep"), "--stdout"));

    private static readonly Lazy<JsonObject> LazyMain = new(() => MainBuild.ExitCode == 0
        ? JsonNode.Parse(MainBuild.Output)!.AsObject()
        : throw new InvalidOperationException("main.bicep does not build:\n" + MainBuild.Errors));

    /// <summary>What <c>bicep build main.bicep</c> printed, run once for all the tests.</summary>
    public static (int ExitCode, string Output, string Errors) MainBuild => LazyBuild.Value;

    /// <summary>main.bicep compiled to an ARM template.</summary>
    public static JsonObject Main => LazyMain.Value;

    /// <summary>The settings main.bicepparam requires from the azd environment, as a council would give them.</summary>
    public static readonly IReadOnlyDictionary<string, string> RequiredEnvironment = new Dictionary<string, string>
    {
        ["ENTRA_STAFF_API_CLIENT_ID"] = "3a1b2c3d-0000-4000-8000-00000000aaaa",
        ["GOVUK_NOTIFY_EMAIL_TEMPLATE_ID"] = "3a1b2c3d-0000-4000-8000-00000000cccc",
    };

    /// <summary>Runs bicep; every message it prints is returned, since lint exits 0 when it finds only warnings.</summary>
    public static (int ExitCode, string Output, string Errors) Run(params string[] arguments) => Run(RequiredEnvironment, arguments);

    public static (int ExitCode, string Output, string Errors) Run(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline: never look for a newer version, never send telemetry.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        foreach (var name in RequiredEnvironment.Keys)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors.Result);
    }

    /// <summary>The template of the module deployed under <paramref name="name"/>.</summary>
    public static JsonObject Module(string name) =>
        Resources(Main).Single(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == name)["properties"]!["template"]!.AsObject();

    /// <summary>The parameters main.bicep passes to a module.</summary>
    public static JsonObject ModuleParameters(string name) =>
        Resources(Main).Single(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == name)["properties"]!["parameters"]!.AsObject();

    /// <summary>A template's resources, whether it lists them (language version 1) or names them (2.0).</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray list => list.Select(r => r!.AsObject()),
        JsonObject named => named.Select(r => r.Value!.AsObject()),
        _ => [],
    };
}
