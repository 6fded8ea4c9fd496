using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace PBudget.Functions.Auth;

/// <summary>
/// People using the site's forms (residents proposing, staff in /manage/) are signed in with a cookie, so the forms work
/// without JavaScript; API clients send bearer tokens. One policy scheme picks between them per request, so every
/// endpoint and policy accepts both and the forms post to the same API the JSON clients call. Cookie-authenticated form
/// posts carry anti-forgery tokens (see docs/adr/0006).
/// </summary>
public static class BrowserSessions
{
    public const string CookieScheme = "PBudget.Browser";

    /// <summary>The default scheme: a bearer token if the request has one, else the browser cookie.</summary>
    public const string SelectorScheme = "PBudget";

    public const string CookieName = "pbudget-session";

    public static AuthenticationBuilder AddBrowserSessions(this AuthenticationBuilder authentication, IHostEnvironment environment, string signInPath, string? residentIssuer = null)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(environment);
        authentication.AddCookie(CookieScheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;

            // Local runs are plain http on loopback; anywhere else the cookie is never sent without TLS.
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = signInPath;
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden, toSignIn: false);
        });
        authentication.AddPolicyScheme(SelectorScheme, "A bearer token, or else the browser session", options =>
            options.ForwardDefaultSelector = context =>
            {
                var header = context.Request.Headers.Authorization.ToString();
                if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    return CookieScheme;
                }

                // Residents' tokens come from External ID, staff tokens from the workforce tenant: each scheme validates its own.
                return residentIssuer is not null && ResidentTokens.IsResidentToken(header, residentIssuer) ? ResidentTokens.Scheme : JwtBearerDefaults.AuthenticationScheme;
            });
        return authentication;
    }

    /// <summary>A principal for the browser session, with the same claims the bearer tokens carry.</summary>
    public static ClaimsPrincipal Principal(LocalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim> { new("oid", user.Id), new("sub", user.Id), new("name", user.Name) };
        claims.AddRange(user.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        if (user.Email is not null)
        {
            claims.Add(new Claim("email", user.Email));
        }

        if (user.Postcode is not null)
        {
            claims.Add(new Claim(CurrentUser.PostcodeClaim, user.Postcode));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieScheme, "name", ClaimTypes.Role));
    }

    // A browser asking for a page is sent to sign in; a script gets the status and a problem, never a redirect.
    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status, bool toSignIn = true)
    {
        if (toSignIn && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }
}
