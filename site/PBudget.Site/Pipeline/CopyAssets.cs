namespace PBudget.Site.Pipeline;

/// <summary>Copies the embedded static files: GOV.UK Frontend's styles, script, fonts and images, and the site's own.</summary>
internal static class CopyAssets
{
    private const string SiteResourcePrefix = "site/";

    public static SiteStage Stage { get; } = new("Copy assets",
    [
        new("GOV.UK Frontend", (context, token) => CopyAsync(context, GovukFrontend.Assets(), token)),
        new("Site assets", (context, token) =>
            CopyAsync(context, EmbeddedAsset.Under(SiteResourcePrefix).Select(a => a with { SitePath = SitePaths.AssetsFolder + a.SitePath }), token)),
    ]);

    private static async Task CopyAsync(SiteBuildContext context, IEnumerable<EmbeddedAsset> assets, CancellationToken cancellationToken)
    {
        var copied = 0;
        foreach (var asset in assets)
        {
            await context.WriteBytesAsync(asset.SitePath, await asset.ReadAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            copied++;
        }

        // An empty copy means the assembly was built without its assets; a site without styles must not go out.
        if (copied == 0)
        {
            throw new InvalidOperationException("PBudget.Site.dll has no embedded assets to copy; rebuild it (the build embeds GOV.UK Frontend from node_modules).");
        }
    }
}
