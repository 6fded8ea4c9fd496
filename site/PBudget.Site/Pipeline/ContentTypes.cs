namespace PBudget.Site.Pipeline;

/// <summary>The media type each kind of file the site writes is served with.</summary>
internal static class ContentTypes
{
    public const string Html = "text/html; charset=utf-8";
    public const string Csv = "text/csv; charset=utf-8";
    public const string Json = "application/json; charset=utf-8";

    public static string For(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => Html,
        ".csv" => Csv,
        ".json" => Json,
        ".css" => "text/css; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".woff" => "font/woff",
        ".woff2" => "font/woff2",
        var other => throw new InvalidOperationException($"The site has no content type for '{other}' files ({path})."),
    };
}
