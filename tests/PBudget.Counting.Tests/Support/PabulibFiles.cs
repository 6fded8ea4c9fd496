using PBudget.Testing;

namespace PBudget.Counting.Tests.Support;

/// <summary>
/// The real Pabulib elections in the shared folder beside the checkout (<c>../shared/pabulib</c>, see its SOURCES.md).
/// A missing folder fails the tests that need it, with a message saying where it was looked for: it is never a skip.
/// </summary>
public static class PabulibFiles
{
    /// <summary>What stands in for the file names when the folder is missing, so the theories still run and fail.</summary>
    public const string MissingFolder = "(the shared pabulib folder is missing)";

    /// <summary>The folder holding the .pb files.</summary>
    public static string Folder => Path.Combine(RepositoryPaths.Shared, "pabulib");

    /// <summary>Every .pb file's name, in order; <see cref="MissingFolder"/> alone if there are none.</summary>
    public static TheoryData<string> Names
    {
        get
        {
            var names = Directory.Exists(Folder)
                ? Directory.GetFiles(Folder, "*.pb").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToArray()
                : [];
            return names.Length > 0 ? new TheoryData<string>(names) : new TheoryData<string>(MissingFolder);
        }
    }

    /// <summary>The full path of a file in the folder.</summary>
    /// <exception cref="InvalidOperationException">The folder or the file is missing.</exception>
    public static string PathOf(string name)
    {
        if (!Directory.Exists(Folder) || name == MissingFolder)
        {
            throw new InvalidOperationException(
                $"The real Pabulib files are missing: expected the folder {Folder} (the shared folder beside the checkout, holding the .pb files listed in its SOURCES.md).");
        }

        var path = Path.Combine(Folder, name);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"The Pabulib file {path} is missing; {Folder}/SOURCES.md lists the files expected.");
    }

    /// <summary>Opens a file as UTF-8 text.</summary>
    public static StreamReader Open(string name) => new(PathOf(name));
}
