using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PBudget.Site;

/// <summary>
/// What Azure Static Web Apps is given to deploy: its configuration, and a placeholder home page its deployment insists
/// on. Every page is sent on to the function app's <see cref="SitePaths.AppSiteFiles"/>, which serves the latest
/// publication from storage, and <c>/api/*</c> goes to the app as its linked backend: one origin for pages and forms.
/// See docs/adr/0008-azure-hosting.md.
/// </summary>
public static class StaticWebAppFront
{
    public const string ConfigFile = "staticwebapp.config.json";

    /// <summary>The configuration: every address the deployment does not hold goes to the app, with security headers on all.</summary>
    public static string Config()
    {
        var rewrite = new JsonObject { ["rewrite"] = SitePaths.AppSiteFiles };
        var config = new JsonObject
        {
            // The placeholder home page must never be served: the published one is.
            ["routes"] = new JsonArray(
                new JsonObject { ["route"] = "/", ["rewrite"] = SitePaths.AppSiteFiles },
                new JsonObject { ["route"] = "/index.html", ["rewrite"] = SitePaths.AppSiteFiles }),
            ["navigationFallback"] = rewrite,
            ["globalHeaders"] = new JsonObject
            {
                ["X-Content-Type-Options"] = "nosniff",
                ["Referrer-Policy"] = "strict-origin-when-cross-origin",
                ["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains",
                ["X-Frame-Options"] = "DENY",
                ["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()",
            },
        };
        return config.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Writes the configuration and the placeholder into <paramref name="output"/>.</summary>
    public static async Task WriteAsync(ISiteOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteAsync(ConfigFile, Encoding.UTF8.GetBytes(Config()), "application/json", cancellationToken).ConfigureAwait(false);
        const string Placeholder = """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head><meta charset="utf-8"><title>PBudget</title></head>
            <body><p>This page is replaced by the published site. <a href="/">Go to the home page</a>.</p></body>
            </html>

            """;
        await output.WriteAsync(SitePaths.FileFor(SitePaths.Home), Encoding.UTF8.GetBytes(Placeholder), "text/html; charset=utf-8", cancellationToken).ConfigureAwait(false);
    }
}
