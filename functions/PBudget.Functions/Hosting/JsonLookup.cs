using System.Text.Json;

namespace PBudget.Functions.Hosting;

/// <summary>
/// Case-insensitive reads from host.json, function.json and invocation requests: the Functions host binds
/// its settings through configuration, which ignores case, so <c>maxDequeueCount</c> and <c>MaxDequeueCount</c>
/// mean the same there and must here too.
/// </summary>
internal static class JsonLookup
{
    public static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    public static bool TryGetPath(JsonElement element, out JsonElement value, params ReadOnlySpan<string> path)
    {
        value = element;
        foreach (var name in path)
        {
            if (!TryGetProperty(value, name, out value))
            {
                return false;
            }
        }

        return true;
    }

    public static string? OptionalString(JsonElement element, string name) =>
        TryGetProperty(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string RequiredString(JsonElement element, string name, string source) =>
        OptionalString(element, name) is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"{source}: every binding needs a non-empty '{name}'.");

    public static IReadOnlyList<string>? OptionalStringArray(JsonElement element, string name) =>
        TryGetProperty(element, name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToList()
            : null;
}
