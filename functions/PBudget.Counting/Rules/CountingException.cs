namespace PBudget.Counting.Rules;

/// <summary>The count cannot be made as asked: for example a rule that does not fit the ballot type. The message says why.</summary>
public class CountingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CountingException()
    {
    }

    /// <summary>Creates the exception with a message for the person who asked for the count.</summary>
    public CountingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CountingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The tie-break was <see cref="TieBreak.Refuse"/> and two or more projects tied exactly where the order mattered.</summary>
public sealed class UnresolvedTieException : CountingException
{
    /// <summary>Creates the exception for projects that tied at a step of the count.</summary>
    public UnresolvedTieException(IReadOnlyList<string> projectIds, string where)
        : base($"Projects {string.Join(", ", projectIds)} tie exactly {where}, and the tie-break is 'refuse'. Choose a tie-break (default or lottery:SEED) and count again.")
    {
        ProjectIds = projectIds;
        Where = where;
    }

    /// <summary>The tied projects' ids.</summary>
    public IReadOnlyList<string> ProjectIds { get; } = [];

    /// <summary>Where in the count the tie arose, in words.</summary>
    public string Where { get; } = "";
}
