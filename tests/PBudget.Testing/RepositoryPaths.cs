namespace PBudget.Testing;

/// <summary>Finds files in this repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that holds PBudget.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The shared folder beside the checkout (real Pabulib files and notes), as CI lays it out.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string NodeModules => Path.Combine(Root, "node_modules");

    /// <summary>The configuration this test assembly was built in, so tests start the app built alongside it.</summary>
    public static string BuildConfiguration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>The output folder of a production project, built in the same configuration as the tests.</summary>
    public static string ProjectOutput(string relativeProjectFolder) =>
        Path.Combine(Root, relativeProjectFolder, "bin", BuildConfiguration, "net10.0");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PBudget.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"PBudget.sln was not found above {AppContext.BaseDirectory}.");
    }
}
