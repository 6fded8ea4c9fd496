namespace PBudget.Site;

/// <summary>
/// Where the generated site goes: a folder, a blob container, memory. The generator's steps write only through
/// this, so none of them knows about storage.
/// </summary>
public interface ISiteOutput
{
    /// <summary>Writes one file, replacing any file already at that path.</summary>
    /// <param name="relativePath">The file's path from the site root, with forward slashes, for example <c>schemes/riverside-2026-27/wards/E05000001/index.html</c>.</param>
    /// <param name="content">The file's bytes.</param>
    /// <param name="contentType">The media type to serve it with, for example <c>text/html; charset=utf-8</c>.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    Task WriteAsync(string relativePath, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);
}
