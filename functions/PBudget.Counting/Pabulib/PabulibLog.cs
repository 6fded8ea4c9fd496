namespace PBudget.Counting.Pabulib;

/// <summary>The errors and warnings found while reading one file, each capped.</summary>
internal sealed class PabulibLog
{
    public IssueList Errors { get; } = new("error", "errors");

    public IssueList Warnings { get; } = new("warning", "warnings");

    public void Error(int line, string field, string message) => Errors.Add(line, field, message);

    public void Warning(int line, string field, string message) => Warnings.Add(line, field, message);

    public PabulibResult<T> Result<T>(Func<T> value)
        where T : class => new(Errors.Count == 0 ? value() : null, Errors.ToList(), Warnings.ToList());
}

/// <summary>
/// Keeps the first <see cref="PabulibReader.MaxReported"/> entries and counts the rest, so a file with a problem on
/// every row still gives a short, readable answer.
/// </summary>
internal sealed class IssueList(string one, string many)
{
    private readonly List<PabulibError> items = [];
    private int dropped;

    /// <summary>How many were found, kept or not.</summary>
    public int Count => items.Count + dropped;

    public void Add(int line, string field, string message)
    {
        if (items.Count < PabulibReader.MaxReported)
        {
            items.Add(new PabulibError(line, field, message));
        }
        else
        {
            dropped++;
        }
    }

    /// <summary>The kept entries in line order (whole-file ones first), then "and N more" if any were dropped.</summary>
    public IReadOnlyList<PabulibError> ToList()
    {
        // OrderBy is stable: entries on one line keep the order they were found in.
        var list = items.OrderBy(item => item.Line).ToList();
        if (dropped > 0)
        {
            list.Add(new PabulibError(0, "", $"and {PabulibFormat.Plural(dropped, $"more {one}", $"more {many}")}"));
        }

        return list;
    }
}
