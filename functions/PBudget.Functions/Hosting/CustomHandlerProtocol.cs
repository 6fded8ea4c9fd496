using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues.Models;

namespace PBudget.Functions.Hosting;

/// <summary>
/// The Azure Functions custom handler invocation protocol for queue triggers ("Azure Functions custom
/// handlers", sections "Request payload" and "Response payload", articles/azure-functions/functions-custom-handlers.md).
/// </summary>
/// <remarks>
/// <para>
/// Request: the host POSTs <c>/&lt;FunctionName&gt;</c> with a JSON object of two members. <c>Data</c> holds one
/// key per trigger and input binding, named as in function.json; the queue message is a JSON string there.
/// <c>Metadata</c> holds the trigger metadata: <c>DequeueCount</c>, <c>ExpirationTime</c>, <c>Id</c>,
/// <c>InsertionTime</c>, <c>NextVisibleTime</c>, <c>PopReceipt</c> and <c>sys</c> (<c>MethodName</c>,
/// <c>UtcNow</c>, <c>RandGuid</c>).
/// </para>
/// <para>
/// Response: a JSON object with <c>Outputs</c> (object, one key per output binding), <c>Logs</c> (array of
/// strings shown in the invocation logs) and <c>ReturnValue</c> (for a <c>$return</c> output). The host only
/// reads it after a success status: any non-2xx status fails the invocation, and the queue extension retries
/// and finally moves the message to <c>&lt;queue&gt;-poison</c>.
/// </para>
/// <para>
/// The documented sample carries the message text itself as the string, and numbers in <c>Metadata</c>. The
/// host's code serialises a string value once more before it writes the request, so in practice the message
/// can arrive JSON-quoted (<c>"\"text\""</c>) and metadata numbers as strings. The reader accepts both; the
/// only text it cannot tell apart is a message that is itself one JSON string literal, which this app never sends.
/// </para>
/// </remarks>
internal static class CustomHandlerProtocol
{
    public const string DataKey = "Data";
    public const string MetadataKey = "Metadata";
    public const string DequeueCountKey = "DequeueCount";
    public const string IdKey = "Id";
    public const string JsonContentType = "application/json";

    /// <summary>Reads a queue invocation from a parsed request body, or says what is wrong with it.</summary>
    /// <param name="root">The request body.</param>
    /// <param name="functionName">The function being invoked.</param>
    /// <param name="bindingName">The trigger binding name from function.json; when unknown, <c>Data</c> must hold exactly one value.</param>
    /// <param name="invocation">The invocation, when the body is one.</param>
    /// <param name="error">What is wrong with the body, when it is not.</param>
    public static bool TryReadQueueInvocation(
        JsonElement root,
        string functionName,
        string? bindingName,
        [NotNullWhen(true)] out QueueInvocation? invocation,
        [NotNullWhen(false)] out string? error)
    {
        invocation = null;
        if (root.ValueKind != JsonValueKind.Object
            || !JsonLookup.TryGetProperty(root, DataKey, out var data)
            || data.ValueKind != JsonValueKind.Object)
        {
            error = "The invocation request must be a JSON object with a 'Data' object.";
            return false;
        }

        if (!TryFindTriggerValue(data, bindingName, out var trigger, out error))
        {
            return false;
        }

        if (MessageText(trigger) is not { } messageText)
        {
            error = "The queue message in 'Data' is null.";
            return false;
        }

        if (!JsonLookup.TryGetProperty(root, MetadataKey, out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            error = "The invocation request must have a 'Metadata' object.";
            return false;
        }

        if (!JsonLookup.TryGetProperty(metadata, DequeueCountKey, out var dequeueCountValue)
            || ReadWholeNumber(dequeueCountValue) is not (>= 1 and var dequeueCount))
        {
            error = "'Metadata.DequeueCount' must be a whole number of at least 1.";
            return false;
        }

        var id = JsonLookup.TryGetProperty(metadata, IdKey, out var idValue) && idValue.ValueKind == JsonValueKind.String
            ? UnwrapJsonString(idValue.GetString()!)
            : null;

        invocation = new QueueInvocation(functionName, messageText, dequeueCount, id);
        error = null;
        return true;
    }

    /// <summary>The documented response envelope, with nothing in <c>Outputs</c> and no <c>ReturnValue</c>.</summary>
    public static string Response(IEnumerable<string> logs)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Outputs");
            writer.WriteEndObject();
            writer.WriteStartArray("Logs");
            foreach (var line in logs)
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
            writer.WriteNull("ReturnValue");
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The request the Functions host sends for a queue message, in the documented shape: the message text as
    /// a string under the binding name, and the trigger metadata.
    /// </summary>
    public static byte[] QueueRequest(string functionName, string bindingName, string messageText, QueueMessage message, DateTimeOffset utcNow)
    {
        ArgumentNullException.ThrowIfNull(message);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(DataKey);
            writer.WriteString(bindingName, messageText);
            writer.WriteEndObject();
            writer.WriteStartObject(MetadataKey);
            writer.WriteNumber(DequeueCountKey, message.DequeueCount);
            WriteTime(writer, "ExpirationTime", message.ExpiresOn);
            writer.WriteString(IdKey, message.MessageId);
            WriteTime(writer, "InsertionTime", message.InsertedOn);
            WriteTime(writer, "NextVisibleTime", message.NextVisibleOn);
            writer.WriteString("PopReceipt", message.PopReceipt);
            writer.WriteStartObject("sys");
            writer.WriteString("MethodName", functionName);
            writer.WriteString("UtcNow", utcNow.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("RandGuid", Guid.NewGuid().ToString());
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The <c>Logs</c> of a response body, or nothing if the body is not the envelope.</summary>
    public static IReadOnlyList<string> ReadLogs(string responseBody)
    {
        try
        {
            using var document = JsonDocument.Parse(responseBody);
            return JsonLookup.OptionalStringArray(document.RootElement, "Logs") ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static bool TryFindTriggerValue(JsonElement data, string? bindingName, out JsonElement trigger, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (bindingName is not null)
        {
            if (JsonLookup.TryGetProperty(data, bindingName, out trigger))
            {
                return true;
            }

            error = $"'Data' has no value for the trigger binding '{bindingName}'.";
            return false;
        }

        trigger = default;
        var count = 0;
        foreach (var property in data.EnumerateObject())
        {
            trigger = property.Value;
            count++;
        }

        if (count == 1)
        {
            return true;
        }

        error = "'Data' must hold exactly one value, the queue message.";
        return false;
    }

    private static string? MessageText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => UnwrapJsonString(value.GetString()!),

        // The host passes a value it could turn into a JSON object as that object.
        JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    private static long? ReadWholeNumber(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var number) => number,
        JsonValueKind.String when long.TryParse(
            UnwrapJsonString(value.GetString()!),
            NumberStyles.None,
            CultureInfo.InvariantCulture,
            out var number) => number,
        _ => null,
    };

    /// <summary>Removes one level of JSON string encoding, if the text is exactly one JSON string literal.</summary>
    internal static string UnwrapJsonString(string text)
    {
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize<string>(text) ?? text;
            }
            catch (JsonException)
            {
                // Not one literal (for example "a" "b"): keep the text as it is.
            }
        }

        return text;
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            writer.WriteString(name, value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
