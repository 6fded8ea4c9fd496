using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Identity.Web;

namespace PBudget.Functions.Auth;

/// <summary>
/// Browser sign-in in Azure: OpenID Connect through Microsoft.Identity.Web's web-app flow, with Entra ID for staff and
/// Entra External ID for residents, each ending in the same session cookie as the local sign-in (see
/// <see cref="BrowserSessions"/>). Callbacks are under /api/account/ so Static Web Apps routes them to the app.
/// </summary>
public static class WebSignIn
{
    public const string StaffScheme = "StaffSignIn";
    public const string ResidentScheme = "ResidentSignIn";
    public const string StaffSection = "StaffSignIn";
    public const string ResidentSection = "ResidentSignIn";
    public const string SignInPath = "/api/account/sign-in";

    /// <summary>Adds each sign-in whose section has a ClientId; returns whether any was added.</summary>
    public static bool AddWebSignIn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(configuration);
        var added = false;
        foreach (var (scheme, section, callback, resident) in new[]
        {
            (StaffScheme, StaffSection, "/api/account/signin-staff", false),
            (ResidentScheme, ResidentSection, "/api/account/signin-resident", true),
        })
        {
            var settings = configuration.GetSection(section);
            if (string.IsNullOrWhiteSpace(settings["ClientId"]))
            {
                continue;
            }

            // No cookie of its own: the sign-in ends in the one browser session every form uses.
            authentication.AddMicrosoftIdentityWebApp(settings, openIdConnectScheme: scheme, cookieScheme: null);
            authentication.Services.PostConfigure<OpenIdConnectOptions>(scheme, options =>
            {
                options.SignInScheme = BrowserSessions.CookieScheme;
                options.CallbackPath = callback;
                options.SignedOutCallbackPath = callback + "-out";
                if (resident)
                {
                    // Residents' sign-ins never bring staff roles, whatever their tenant says.
                    var validated = options.Events.OnTokenValidated;
                    options.Events.OnTokenValidated = async context =>
                    {
                        await validated(context).ConfigureAwait(false);
                        ResidentTokens.StripStaffRoles(context.Principal);
                    };
                }
            });
            added = true;
        }

        return added;
    }

    /// <summary>
    /// Maps the page that starts a sign-in and comes back to <c>returnUrl</c> (this site only; the cookie sends <c>ReturnUrl</c>, read alike). Staff pages sign in with the
    /// council's Entra ID, everything else with External ID; in Development the local sign-in page stands in for both.
    /// </summary>
    public static IEndpointRouteBuilder MapWebSignIn(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(SignInPath, SignIn).AllowAnonymous().WithTags("Account");
        return endpoints;
    }

    private static async Task<Results<ChallengeHttpResult, RedirectHttpResult, ProblemHttpResult>> SignIn(
        string? returnUrl, HttpContext context, IAuthenticationSchemeProvider schemes)
    {
        var back = LocalSignInEndpoints.SafeReturn(returnUrl);
        if (context.RequestServices.GetService<LocalTokenIssuer>() is not null)
        {
            return TypedResults.Redirect(LocalSignInEndpoints.SignInPath + "?returnUrl=" + Uri.EscapeDataString(back));
        }

        var scheme = back.StartsWith("/api/forms/manage", StringComparison.Ordinal) ? StaffScheme : ResidentScheme;
        if (await schemes.GetSchemeAsync(scheme) is null)
        {
            return TypedResults.Problem(
                $"Signing in with a browser is not set up here: configure the {(scheme == StaffScheme ? StaffSection : ResidentSection)} section.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Not found.");
        }

        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = back }, [scheme]);
    }
}
