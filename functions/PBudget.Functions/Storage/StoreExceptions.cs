namespace PBudget.Functions.Storage;

/// <summary>The thing being created exists already (Table Storage answered 409).</summary>
public sealed class AlreadyExistsException : Exception
{
    public AlreadyExistsException(string message) : base(message) { }

    public AlreadyExistsException() { }

    public AlreadyExistsException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>Someone else changed the data since it was read (an ETag condition failed: 412).</summary>
public sealed class ConcurrencyException : Exception
{
    public ConcurrencyException(string message) : base(message) { }

    public ConcurrencyException() { }

    public ConcurrencyException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The scheme, ward or other thing asked for does not exist.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string message) : base(message) { }

    public NotFoundException() { }

    public NotFoundException(string message, Exception innerException) : base(message, innerException) { }
}
