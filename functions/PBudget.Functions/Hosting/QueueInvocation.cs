namespace PBudget.Functions.Hosting;

/// <summary>
/// One delivery of a queue message to a queue-triggered function, read from the Azure Functions custom
/// handler invocation request (or from the local queue dispatcher, which sends the same request).
/// </summary>
/// <remarks>
/// Queue delivery is at-least-once: the same message can arrive more than once (a retry after a failure or
/// a timeout, a host restart, a scale-out race), and an earlier delivery may even have half-finished. Every
/// handler must therefore be idempotent by design: derive what it writes from the message alone, write with
/// conditional or replace semantics, and treat "already done" as success.
/// </remarks>
/// <param name="FunctionName">The function name (its folder and <c>function.json</c>), for example <c>Publish</c>.</param>
/// <param name="MessageText">The message body as text, already decoded according to host.json's <c>messageEncoding</c>.</param>
/// <param name="DequeueCount">
/// How many times the message has been dequeued, this delivery included (1 on the first try). When it
/// reaches host.json's <c>maxDequeueCount</c> and the handler fails, the message moves to the poison queue.
/// </param>
/// <param name="MessageId">The queue message id, when the host sent it; useful for logs, not for deduplication alone.</param>
public sealed record QueueInvocation(string FunctionName, string MessageText, long DequeueCount, string? MessageId);
