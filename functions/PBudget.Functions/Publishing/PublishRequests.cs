using System.Text.Json;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Publishing;

/// <summary>A request to rebuild the public site; carried as plain JSON text on the publish queue.</summary>
public sealed record PublishRequest(string SchemeId, string Reason, DateTimeOffset RequestedAt);

/// <summary>Asks the Publish function to rebuild the site. Publishing is idempotent, so duplicates are harmless.</summary>
public sealed class PublishRequests(StorageClients storage, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task EnqueueAsync(string schemeId, string reason, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Serialize(new PublishRequest(schemeId, reason, clock.GetUtcNow()), Json);
        await storage.Queue(StorageNames.PublishQueue).SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a message; a message that is not a publish request is a poison message and throws.</summary>
    public static PublishRequest Parse(string messageText) =>
        JsonSerializer.Deserialize<PublishRequest>(messageText, Json) is { SchemeId: { Length: > 0 } } request
            ? request
            : throw new FormatException("The publish message has no schemeId.");
}
