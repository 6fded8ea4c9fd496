namespace PBudget.Testing;

/// <summary>
/// Debian's Chromium, which the README's test command installs, and the flags that keep it offline and quiet
/// (PLATFORM-NOTES.md). Shared by every browser test so they all drive the same browser the same way.
/// </summary>
public static class DebianChromium
{
    public const string Path = "/usr/bin/chromium";

    public static IReadOnlyList<string> Args { get; } =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Fails rather than skips: a browser test that quietly did not run is worse than none.</summary>
    public static void EnsureInstalled(string forWhat)
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {Path}, so {forWhat} cannot run. " +
                "The README's test command installs it (apt-get install -y chromium); run that, or install it yourself. " +
                "Never run 'playwright install': it downloads browsers from outside the registries these machines reach.");
        }
    }
}
