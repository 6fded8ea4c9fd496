using System.Text;

namespace PBudget.Site.Tests;

public sealed class FolderSiteOutputTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "pbudget-site-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task WriteAsync_NestedPath_CreatesFoldersAndWritesTheBytes()
    {
        var output = new FolderSiteOutput(root);

        await output.WriteAsync("schemes/x/wards/E05000001/index.html", "<p>£1</p>"u8.ToArray(), "text/html; charset=utf-8", TestContext.Current.CancellationToken);

        Assert.Equal("<p>£1</p>", await File.ReadAllTextAsync(Path.Combine(root, "schemes", "x", "wards", "E05000001", "index.html"), Encoding.UTF8, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WriteAsync_ExistingFile_ReplacesItAndLeavesNoTemporaryFiles()
    {
        var output = new FolderSiteOutput(root);

        await output.WriteAsync("index.html", "old, and longer than the new one"u8.ToArray(), "text/html", TestContext.Current.CancellationToken);
        await output.WriteAsync("index.html", "new"u8.ToArray(), "text/html", TestContext.Current.CancellationToken);

        Assert.Equal("new", await File.ReadAllTextAsync(Path.Combine(root, "index.html"), TestContext.Current.CancellationToken));
        Assert.Equal([Path.Combine(root, "index.html")], Directory.GetFiles(root, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../outside.html")]
    [InlineData("schemes/../../outside.html")]
    [InlineData("/etc/passwd")]
    [InlineData("schemes\\x\\index.html")]
    [InlineData("schemes//index.html")]
    [InlineData("C:/index.html")]
    public async Task WriteAsync_PathOutsideOrMalformed_IsRefused(string path)
    {
        var output = new FolderSiteOutput(root);

        await Assert.ThrowsAsync<ArgumentException>(() => output.WriteAsync(path, "x"u8.ToArray(), "text/html", TestContext.Current.CancellationToken));

        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(root, "..", "outside.html"))));
    }

    [Fact]
    public void ReadText_FileNeverWritten_SaysWhichPath()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => new InMemorySiteOutput().ReadText("missing.html"));

        Assert.Contains("missing.html", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
