using System.Diagnostics.CodeAnalysis;

namespace PBudget.Counting.Pabulib;

/// <summary>
/// One thing wrong with a Pabulib file, at a line (1 is the file's first line; 0 means the file as a whole) and a
/// field (a META key or a column name, or <c>section</c>, <c>header</c> or <c>row</c> for the file's structure).
/// The same shape serves for errors, which stop a file being read, and for warnings, which do not.
/// </summary>
/// <param name="Line">The physical line the problem is on (where a row spans lines, the line it starts on); 0 for the whole file.</param>
/// <param name="Field">The META key, column or part of the structure the problem is in; empty for a summary entry.</param>
/// <param name="Message">What is wrong, quoting the offending text.</param>
public sealed record PabulibError(int Line, string Field, string Message)
{
    /// <summary>For example <c>line 17, field cost: "12x" is not a whole number</c>.</summary>
    public override string ToString() => (Line, Field.Length) switch
    {
        ( > 0, > 0) => $"line {Line}, field {Field}: {Message}",
        ( > 0, _) => $"line {Line}: {Message}",
        (_, > 0) => $"field {Field}: {Message}",
        _ => Message,
    };
}

/// <summary>
/// The result of reading a Pabulib file: the value, or every error found (never a partial value), and in either case
/// the warnings: things real published files do, such as ballots that break the stated constraints, that do not stop
/// the file being read. Both lists are capped at <see cref="PabulibReader.MaxReported"/> entries plus one
/// "and N more" entry, and are in line order.
/// </summary>
/// <typeparam name="T">What was read: an <see cref="Elections.Election"/> or a <see cref="PabulibDocument"/>.</typeparam>
public sealed class PabulibResult<T>
    where T : class
{
    internal PabulibResult(T? value, IReadOnlyList<PabulibError> errors, IReadOnlyList<PabulibError> warnings)
    {
        Value = errors.Count == 0 ? value ?? throw new ArgumentNullException(nameof(value)) : null;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>What was read; null when there are errors.</summary>
    public T? Value { get; }

    /// <summary>Every error, in line order; empty when the file was read.</summary>
    public IReadOnlyList<PabulibError> Errors { get; }

    /// <summary>Problems that did not stop the file being read, in line order.</summary>
    public IReadOnlyList<PabulibError> Warnings { get; }

    /// <summary>Whether the file was read: there are no errors and <see cref="Value"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Value is not null;

    /// <summary>The value, or an exception listing every error (for callers that treat a bad file as a bug, such as tests).</summary>
    /// <exception cref="InvalidDataException">The file had errors.</exception>
    public T ValueOrThrow() => Value ?? throw new InvalidDataException(
        "The Pabulib file has errors:" + Environment.NewLine + string.Join(Environment.NewLine, Errors));
}
