namespace PBudget.Site;

/// <summary>
/// Writes the site into a folder on disk. Each file is written to a temporary file beside its destination and then
/// moved over it, so a web server reading the folder during a rebuild sees the old page or the new one, never half of one.
/// </summary>
/// <param name="rootFolder">The folder that becomes the site root; created if missing.</param>
public sealed class FolderSiteOutput(string rootFolder) : ISiteOutput
{
    private readonly string root = Path.GetFullPath(rootFolder ?? throw new ArgumentNullException(nameof(rootFolder)));

    /// <inheritdoc />
    public async Task WriteAsync(string relativePath, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var destination = Resolve(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temporary = destination + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, destination, overwrite: true);
        }
        finally
        {
            // Only left behind when the write or the move failed.
            File.Delete(temporary);
        }
    }

    private string Resolve(string relativePath)
    {
        SitePaths.EnsureRelativeFilePath(relativePath);
        var full = Path.GetFullPath(Path.Combine(root, relativePath));

        // Defence in depth: the path check above already refuses "..", so this only fires on a bug.
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{relativePath}' points outside the site folder.", nameof(relativePath));
        }

        return full;
    }
}
