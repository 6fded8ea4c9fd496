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

/// <summary>The scheme's current phase does not allow this; the message says why, in words the user can act on.</summary>
public sealed class PhaseException : Exception
{
    public PhaseException(string message) : base(message) { }

    public PhaseException() { }

    public PhaseException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The signed-in user may not do this to this thing (for example another resident's proposal, or another ward).</summary>
public sealed class ForbiddenException : Exception
{
    public ForbiddenException(string message) : base(message) { }

    public ForbiddenException() { }

    public ForbiddenException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>An If-Match condition the client sent does not hold (412).</summary>
public sealed class PreconditionException : Exception
{
    public PreconditionException(string message) : base(message) { }

    public PreconditionException() { }

    public PreconditionException(string message, Exception innerException) : base(message, innerException) { }
}
