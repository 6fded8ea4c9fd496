namespace PBudget.Functions.Hosting;

/// <summary>
/// In Azure every request reaches the app through the public site's host (Static Web Apps' linked backend), but arrives
/// addressed to the function app's own host name. With <c>Site:PublicOrigin</c> set, the app treats each request as made
/// to the public origin, so that sign-in redirect addresses, cookies and links name the site people actually use.
/// </summary>
public static class PublicOrigin
{
    public const string SettingName = "Site:PublicOrigin";

    /// <summary>The configured public origin, or null; throws at start-up when it is not an absolute https origin.</summary>
    public static Uri? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[SettingName];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var origin) || origin.Scheme != Uri.UriSchemeHttps
            || origin.AbsolutePath != "/" || !string.IsNullOrEmpty(origin.Query) || !string.IsNullOrEmpty(origin.Fragment))
        {
            throw new InvalidOperationException($"{SettingName} must be the public site's https origin, such as https://pb.example.gov.uk, with no path.");
        }

        return origin;
    }

    public static WebApplication UsePublicOrigin(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (Read(app.Configuration) is { } origin)
        {
            var host = new HostString(origin.Authority);
            app.Use((context, next) =>
            {
                context.Request.Scheme = origin.Scheme;
                context.Request.Host = host;
                return next(context);
            });
        }

        return app;
    }
}
