using System.Text.Json;

namespace PBudget.Functions.Hosting;

/// <summary>One binding of a <c>function.json</c> file, with the properties this app uses.</summary>
/// <param name="Type">The binding type, for example <c>queueTrigger</c>, <c>httpTrigger</c> or <c>http</c>.</param>
/// <param name="Direction"><c>in</c> or <c>out</c>.</param>
/// <param name="Name">
/// The binding name. For a trigger it is the key under which the Functions host puts the trigger value in
/// the invocation request's <c>Data</c> object.
/// </param>
/// <param name="QueueName">The queue of a queue binding (a base name: the app applies its name prefix).</param>
/// <param name="Connection">The connection setting name of a storage binding.</param>
/// <param name="Route">The route template of an HTTP trigger (after <c>extensions.http.routePrefix</c>).</param>
/// <param name="AuthLevel">The host-level authorization of an HTTP trigger.</param>
/// <param name="Methods">The HTTP methods of an HTTP trigger; <see langword="null"/> means every method.</param>
public sealed record FunctionBinding(
    string Type,
    string Direction,
    string Name,
    string? QueueName,
    string? Connection,
    string? Route,
    string? AuthLevel,
    IReadOnlyList<string>? Methods)
{
    /// <summary>The binding type of a queue-triggered function.</summary>
    public const string QueueTriggerType = "queueTrigger";

    /// <summary>The binding type of an HTTP-triggered function.</summary>
    public const string HttpTriggerType = "httpTrigger";

    /// <summary>Whether this binding is a queue trigger.</summary>
    public bool IsQueueTrigger => string.Equals(Type, QueueTriggerType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this binding is an HTTP trigger.</summary>
    public bool IsHttpTrigger => string.Equals(Type, HttpTriggerType, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A function as the Azure Functions host sees it: a folder next to <c>host.json</c> named after the function,
/// holding a <c>function.json</c> file. The Functions host reads the same files in Azure; the local queue
/// dispatcher and the contract tests read them here, so there is one source of truth for names and queues.
/// </summary>
/// <param name="Name">The function name: its folder name, which is also the path the host POSTs invocations to.</param>
/// <param name="FunctionJsonPath">The full path of the <c>function.json</c> file.</param>
/// <param name="Bindings">The bindings, in file order.</param>
public sealed record FunctionMetadata(string Name, string FunctionJsonPath, IReadOnlyList<FunctionBinding> Bindings)
{
    /// <summary>The file name the Functions host looks for in each function folder.</summary>
    public const string FileName = "function.json";

    // The host tolerates comments and trailing commas in its JSON files; so do we.
    internal static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The queue trigger binding, if this is a queue-triggered function.</summary>
    public FunctionBinding? QueueTrigger => Bindings.FirstOrDefault(binding => binding.IsQueueTrigger);

    /// <summary>The HTTP trigger binding, if this is an HTTP-triggered function.</summary>
    public FunctionBinding? HttpTrigger => Bindings.FirstOrDefault(binding => binding.IsHttpTrigger);

    /// <summary>
    /// Reads every <c>*/function.json</c> directly under <paramref name="functionsRoot"/> (the folder holding
    /// <c>host.json</c>), in name order. Deeper files (for example under <c>bin/</c>) are not functions.
    /// </summary>
    public static IReadOnlyList<FunctionMetadata> LoadAll(string functionsRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionsRoot);
        return Directory.EnumerateDirectories(functionsRoot)
            .Select(folder => Path.Combine(folder, FileName))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)
            .Select(Load)
            .ToList();
    }

    /// <summary>Reads one <c>function.json</c>; the function is named after the folder holding it.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid function.json.</exception>
    public static FunctionMetadata Load(string functionJsonPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionJsonPath);
        var fullPath = Path.GetFullPath(functionJsonPath);
        var name = Path.GetFileName(Path.GetDirectoryName(fullPath))
            ?? throw new InvalidDataException($"{fullPath} is not inside a function folder.");
        return Parse(name, fullPath, File.ReadAllText(fullPath));
    }

    /// <summary>Parses the text of a <c>function.json</c> file.</summary>
    /// <exception cref="InvalidDataException">The text is not a valid function.json.</exception>
    public static FunctionMetadata Parse(string name, string functionJsonPath, string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, JsonOptions);
            if (!JsonLookup.TryGetProperty(document.RootElement, "bindings", out var bindings) || bindings.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{functionJsonPath}: a function.json needs a 'bindings' array.");
            }

            var list = new List<FunctionBinding>();
            foreach (var binding in bindings.EnumerateArray())
            {
                list.Add(new FunctionBinding(
                    Type: JsonLookup.RequiredString(binding, "type", functionJsonPath),
                    Direction: JsonLookup.RequiredString(binding, "direction", functionJsonPath),
                    Name: JsonLookup.RequiredString(binding, "name", functionJsonPath),
                    QueueName: JsonLookup.OptionalString(binding, "queueName"),
                    Connection: JsonLookup.OptionalString(binding, "connection"),
                    Route: JsonLookup.OptionalString(binding, "route"),
                    AuthLevel: JsonLookup.OptionalString(binding, "authLevel"),
                    Methods: JsonLookup.OptionalStringArray(binding, "methods")));
            }

            return new FunctionMetadata(name, functionJsonPath, list);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{functionJsonPath} is not valid JSON: {exception.Message}", exception);
        }
    }
}
