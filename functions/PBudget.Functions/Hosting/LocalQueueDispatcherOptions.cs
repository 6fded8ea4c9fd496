namespace PBudget.Functions.Hosting;

/// <summary>Settings of the Development-only <see cref="LocalQueueDispatcher"/> (configuration section <c>LocalQueueDispatcher</c>).</summary>
public sealed class LocalQueueDispatcherOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "LocalQueueDispatcher";

    /// <summary>
    /// Turns the dispatcher on or off. Unset, it runs in Development unless the app runs under the Functions
    /// host (which delivers queue messages itself). <see langword="true"/> is refused outside Development and Testing.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Where to send invocations. Unset, the dispatcher uses the named HTTP client's base address if it has one,
    /// else the server's own listening address (a loopback http address preferred).
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The folder holding host.json and the function folders. Unset, the app's content root.</summary>
    public string? FunctionsRoot { get; set; }

    /// <summary>
    /// How long a message stays invisible while its handler runs, and how long the dispatcher waits for the
    /// handler. Like the host's function timeout: a message whose handler takes longer counts as failed.
    /// </summary>
    public TimeSpan ProcessingLease { get; set; } = TimeSpan.FromMinutes(10);
}
