using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using PBudget.Core.Publishing;

namespace PBudget.Site;

/// <summary>
/// A published scheme as JSON: the open data file <c>data/scheme.json</c>, and the input of <c>pbudget site build</c>,
/// so anyone can rebuild the pages from what was published.
/// </summary>
public static class SiteSnapshot
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // Keeps "£" and accented ward names readable; characters special in HTML are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),

        // A snapshot with a missing or null field is refused rather than read as zero or empty.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Writes a scheme as indented camelCase JSON.</summary>
    public static string Serialize(PublishedScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        return JsonSerializer.Serialize(scheme, Options);
    }

    /// <summary>Reads a scheme written by <see cref="Serialize"/> and checks it is one the site can show.</summary>
    /// <exception cref="SiteSnapshotException">The text is not JSON, lacks a field, or describes a scheme the site cannot show; the message says which.</exception>
    public static PublishedScheme Deserialize(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new SiteSnapshotException("The snapshot is empty: expected a JSON object describing one published scheme.");
        }

        PublishedScheme? scheme;
        try
        {
            scheme = JsonSerializer.Deserialize<PublishedScheme>(json, Options);
        }
        catch (JsonException error)
        {
            throw new SiteSnapshotException(Describe(error), error);
        }

        if (scheme is null)
        {
            throw new SiteSnapshotException("The snapshot is the JSON value null: expected an object describing one published scheme.");
        }

        var problems = SiteModelRules.Check(scheme);
        if (problems.Count > 0)
        {
            throw new SiteSnapshotException("The snapshot describes a scheme the site cannot show: " + string.Join(" ", problems));
        }

        return scheme;
    }

    private static string Describe(JsonException error)
    {
        // JsonException's own message is precise but technical; lead with where it went wrong.
        var where = error.Path is { Length: > 0 } path ? $" at {path}" : "";
        var line = error.LineNumber is { } number ? $" (line {number + 1}, byte {error.BytePositionInLine + 1})" : "";
        var detail = error.Message;

        // System.Text.Json ends its message with the same path and position in its own words; say them once.
        var repeated = detail.LastIndexOf(" Path: ", StringComparison.Ordinal);
        if (repeated > 0)
        {
            detail = detail[..repeated];
        }

        return $"The snapshot is not a valid published scheme{where}{line}: {detail}";
    }
}
