using System.Reflection;

namespace PBudget.Site;

/// <summary>The GOV.UK Frontend this build carries: its version (from the build) and its precompiled files (embedded).</summary>
public static class GovukFrontend
{
    private const string ResourcePrefix = "govuk-frontend/";

    private static readonly Lazy<string> LazyVersion = new(ReadVersion);

    /// <summary>The GOV.UK Frontend version, stamped from MSBuild's <c>$(GovukFrontendVersion)</c>; every page carries it.</summary>
    public static string Version => LazyVersion.Value;

    /// <summary>
    /// Every embedded GOV.UK Frontend file with the site path it is written to. The stylesheet refers to
    /// <c>/assets/fonts/…</c> and <c>/assets/images/…</c>, so the files go exactly there and the CSS is used unchanged.
    /// </summary>
    internal static IEnumerable<EmbeddedAsset> Assets() =>
        EmbeddedAsset.Under(ResourcePrefix).Select(asset => asset with
        {
            SitePath = SitePaths.AssetsFolder + (asset.SitePath.StartsWith("assets/", StringComparison.Ordinal) ? asset.SitePath["assets/".Length..] : asset.SitePath),
        });

    private static string ReadVersion() =>
        typeof(GovukFrontend).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "GovukFrontendVersion")?.Value is { Length: > 0 } version
            ? version
            : throw new InvalidOperationException("PBudget.Site was built without the GovukFrontendVersion metadata; build it with the repository's Directory.Build.props.");
}

/// <summary>A file embedded in this assembly and the site path (relative to a prefix) it belongs at.</summary>
internal sealed record EmbeddedAsset(string ResourceName, string SitePath)
{
    public static IEnumerable<EmbeddedAsset> Under(string prefix) =>
        typeof(EmbeddedAsset).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)

            // MSBuild's RecursiveDir uses the building machine's separator.
            .Select(name => new EmbeddedAsset(name, name[prefix.Length..].Replace('\\', '/')));

    public async Task<byte[]> ReadAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(EmbeddedAsset).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded file {ResourceName} is missing.");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
