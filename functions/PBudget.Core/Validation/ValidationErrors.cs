namespace PBudget.Core.Validation;

/// <summary>
/// Collects what is wrong with an input, field by field, in the shape RFC 9457 validation problems use
/// (a field name mapped to its messages). Messages are plain English sentences a resident or officer can act on.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsValid => errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            messages = [];
            errors[field] = messages;
        }

        messages.Add(message);
    }

    /// <summary>The errors keyed by field, ready for a validation problem response.</summary>
    public IDictionary<string, string[]> ToDictionary() =>
        errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

    public override string ToString() =>
        string.Join(Environment.NewLine, errors.SelectMany(pair => pair.Value.Select(message => $"{pair.Key}: {message}")));
}

/// <summary>Thrown when input breaks the domain's rules; carries every error, not just the first.</summary>
public sealed class DomainValidationException : Exception
{
    public DomainValidationException(ValidationErrors errors)
        : base("The input is not valid." + Environment.NewLine + errors)
    {
        Errors = errors;
    }

    public DomainValidationException(string field, string message)
        : this(Single(field, message))
    {
    }

    public DomainValidationException()
        : this(new ValidationErrors())
    {
    }

    public DomainValidationException(string message)
        : base(message)
    {
        Errors = new ValidationErrors();
    }

    public DomainValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new ValidationErrors();
    }

    public ValidationErrors Errors { get; }

    private static ValidationErrors Single(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }
}
