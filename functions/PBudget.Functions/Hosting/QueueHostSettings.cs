using System.Globalization;
using System.Text.Json;

namespace PBudget.Functions.Hosting;

/// <summary>How the Functions host expects queue message bodies to be encoded (host.json <c>extensions.queues.messageEncoding</c>).</summary>
public enum HostQueueMessageEncoding
{
    /// <summary>The message body is base64 text of the UTF-8 payload: the Functions host's default.</summary>
    Base64,

    /// <summary>The message body is the payload as plain text. This app's choice: its sender writes plain JSON.</summary>
    None,
}

/// <summary>
/// The queue settings of <c>host.json</c> (<c>extensions.queues</c>), with the documented defaults of the
/// Azure Storage queue extension 5.x for anything left out. The Functions host applies them in Azure; the
/// local queue dispatcher applies the same values so that retries and poison handling behave alike.
/// </summary>
public sealed record QueueHostSettings
{
    /// <summary>The file the Functions host reads its settings from, at the root of the app.</summary>
    public const string HostFileName = "host.json";

    /// <summary>The shortest polling interval the extension allows (100 ms); also where its back-off starts.</summary>
    public static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How many times a message is tried before it moves to <c>&lt;queue&gt;-poison</c>. Default 5.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How long a message that failed stays invisible before it is tried again. Default 0.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>How message bodies are encoded. Default base64.</summary>
    public HostQueueMessageEncoding MessageEncoding { get; init; } = HostQueueMessageEncoding.Base64;

    /// <summary>The longest wait between polls of an empty queue. Default one minute.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How many messages are fetched, and processed in parallel, at once (1 to 32). Default 16.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Reads the queue settings of a <c>host.json</c> file.</summary>
    /// <exception cref="InvalidDataException">The file is not valid JSON or a setting is out of range.</exception>
    public static QueueHostSettings Load(string hostJsonPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostJsonPath);
        return Parse(File.ReadAllText(hostJsonPath), hostJsonPath);
    }

    /// <summary>Reads the queue settings from the text of a <c>host.json</c> file.</summary>
    /// <exception cref="InvalidDataException">The text is not valid JSON or a setting is out of range.</exception>
    public static QueueHostSettings Parse(string hostJson, string source = HostFileName)
    {
        ArgumentNullException.ThrowIfNull(hostJson);
        try
        {
            using var document = JsonDocument.Parse(hostJson, FunctionMetadata.JsonOptions);
            var settings = new QueueHostSettings();
            if (!JsonLookup.TryGetPath(document.RootElement, out var queues, "extensions", "queues"))
            {
                return settings;
            }

            settings = settings with
            {
                MaxDequeueCount = ReadInt(queues, "maxDequeueCount", source) ?? settings.MaxDequeueCount,
                VisibilityTimeout = ReadTimeSpan(queues, "visibilityTimeout", source) ?? settings.VisibilityTimeout,
                MaxPollingInterval = ReadTimeSpan(queues, "maxPollingInterval", source) ?? settings.MaxPollingInterval,
                BatchSize = ReadInt(queues, "batchSize", source) ?? settings.BatchSize,
                MessageEncoding = ReadEncoding(queues, source) ?? settings.MessageEncoding,
            };
            settings.Validate(source);
            return settings;
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{source} is not valid JSON: {exception.Message}", exception);
        }
    }

    private void Validate(string source)
    {
        if (MaxDequeueCount < 1)
        {
            throw new InvalidDataException($"{source}: extensions.queues.maxDequeueCount must be at least 1.");
        }

        if (BatchSize is < 1 or > 32)
        {
            throw new InvalidDataException($"{source}: extensions.queues.batchSize must be between 1 and 32.");
        }

        if (VisibilityTimeout < TimeSpan.Zero)
        {
            throw new InvalidDataException($"{source}: extensions.queues.visibilityTimeout cannot be negative.");
        }

        if (MaxPollingInterval < MinimumPollingInterval)
        {
            throw new InvalidDataException($"{source}: extensions.queues.maxPollingInterval must be at least 00:00:00.100.");
        }
    }

    private static int? ReadInt(JsonElement queues, string name, string source)
    {
        if (!JsonLookup.TryGetProperty(queues, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new InvalidDataException($"{source}: extensions.queues.{name} must be a whole number.");
    }

    private static TimeSpan? ReadTimeSpan(JsonElement queues, string name, string source)
    {
        if (!JsonLookup.TryGetProperty(queues, name, out var value))
        {
            return null;
        }

        // Functions 2.x and later take a TimeSpan string ("00:00:30"); plain milliseconds were the 1.x format.
        return value.ValueKind == JsonValueKind.String
               && TimeSpan.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var span)
            ? span
            : throw new InvalidDataException($"{source}: extensions.queues.{name} must be a TimeSpan such as \"00:00:30\".");
    }

    private static HostQueueMessageEncoding? ReadEncoding(JsonElement queues, string source)
    {
        if (!JsonLookup.TryGetProperty(queues, "messageEncoding", out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return text?.ToUpperInvariant() switch
        {
            "BASE64" => HostQueueMessageEncoding.Base64,
            "NONE" => HostQueueMessageEncoding.None,
            _ => throw new InvalidDataException($"{source}: extensions.queues.messageEncoding must be \"base64\" or \"none\"."),
        };
    }
}
