using System.Collections.Concurrent;
using System.Text;

namespace PBudget.Site;

/// <summary>Keeps the generated site in memory: for tests, and for previews that never touch storage.</summary>
public sealed class InMemorySiteOutput : ISiteOutput
{
    private readonly ConcurrentDictionary<string, byte[]> files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> contentTypes = new(StringComparer.Ordinal);

    /// <summary>Every file written so far, by its relative path (forward slashes).</summary>
    public IReadOnlyDictionary<string, byte[]> Files => files;

    /// <summary>The content type each file was written with, by its relative path.</summary>
    public IReadOnlyDictionary<string, string> ContentTypes => contentTypes;

    /// <inheritdoc />
    public Task WriteAsync(string relativePath, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        SitePaths.EnsureRelativeFilePath(relativePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        cancellationToken.ThrowIfCancellationRequested();
        files[relativePath] = content.ToArray();
        contentTypes[relativePath] = contentType;
        return Task.CompletedTask;
    }

    /// <summary>Reads a written file as UTF-8 text.</summary>
    /// <exception cref="KeyNotFoundException">No file was written at <paramref name="relativePath"/>.</exception>
    public string ReadText(string relativePath) =>
        files.TryGetValue(relativePath, out var bytes)
            ? Encoding.UTF8.GetString(bytes)
            : throw new KeyNotFoundException($"No file was written at '{relativePath}'.");
}
