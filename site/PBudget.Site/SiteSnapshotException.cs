namespace PBudget.Site;

/// <summary>A published scheme snapshot (<c>scheme.json</c>) could not be read; the message says what is wrong and where.</summary>
public sealed class SiteSnapshotException : Exception
{
    public SiteSnapshotException()
    {
    }

    public SiteSnapshotException(string message)
        : base(message)
    {
    }

    public SiteSnapshotException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
