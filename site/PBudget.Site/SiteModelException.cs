namespace PBudget.Site;

/// <summary>
/// The published model cannot be turned into a site (an unsafe identifier, a duplicate ward, totals that disagree).
/// Nothing has been written when this is thrown.
/// </summary>
public sealed class SiteModelException : Exception
{
    public SiteModelException()
        : this([])
    {
    }

    public SiteModelException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public SiteModelException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception from every problem found.</summary>
    public SiteModelException(IReadOnlyList<string> problems)
        : base("The site cannot be built: " + string.Join(" ", problems ?? []))
    {
        Problems = problems ?? [];
    }

    /// <summary>Every problem found, in plain English.</summary>
    public IReadOnlyList<string> Problems { get; }
}
