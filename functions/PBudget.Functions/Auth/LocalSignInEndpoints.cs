using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace PBudget.Functions.Auth;

/// <summary>
/// Development only: a page to pick a demo person and get a token, and the same as JSON for scripts.
/// Mapped only when <see cref="LocalTokenIssuer"/> is registered, which start-up allows only in Development.
/// </summary>
public static class LocalSignInEndpoints
{
    public const string SignInPath = "/dev/sign-in";

    public static IEndpointRouteBuilder MapLocalSignIn(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<LocalTokenIssuer>() is null)
        {
            return endpoints;
        }

        var group = endpoints.MapGroup("/dev").AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/sign-in", SignInPage);
        group.MapPost("/token", IssueToken).DisableAntiforgery();
        group.MapPost("/session", StartSession);
        endpoints.MapPost("/api/account/sign-out", EndSession).AllowAnonymous().WithTags("Account");
        return endpoints;
    }

    /// <summary>Signs the browser in as a demo person (a cookie, as the real sign-in gives) and goes back where they were.</summary>
    private static async Task<Results<RedirectHttpResult, ValidationProblem>> StartSession([FromForm] string? userId, [FromForm] string? returnUrl, HttpContext context)
    {
        var user = LocalTokenIssuer.DemoUsers.FirstOrDefault(u => u.Id == userId);
        if (user is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userId"] = ["Choose one of the demo people."] });
        }

        await context.SignInAsync(BrowserSessions.CookieScheme, BrowserSessions.Principal(user));
        return TypedResults.LocalRedirect(SafeReturn(returnUrl));
    }

    /// <summary>Ends the browser session. Anti-forgery protected like every form, so another site cannot sign people out.</summary>
    private static async Task<RedirectHttpResult> EndSession(HttpContext context, [FromForm] string? returnUrl)
    {
        await context.SignOutAsync(BrowserSessions.CookieScheme);
        return TypedResults.LocalRedirect(SafeReturn(returnUrl));
    }

    // Only a path on this site: never an absolute or protocol-relative address, which would make an open redirect.
    internal static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\')) ? returnUrl : "/";

    /// <summary>Request for a token: one of the demo people by id, or a name and roles of your own.</summary>
    public sealed record TokenRequest(string? UserId, string? Name, string[]? Roles);

    public sealed record TokenResponse(string AccessToken, string TokenType, string UserId, string Name, IReadOnlyList<string> Roles);

    private static Results<Ok<TokenResponse>, ValidationProblem> IssueToken([FromBody] TokenRequest request, LocalTokenIssuer issuer)
    {
        var user = LocalTokenIssuer.DemoUsers.FirstOrDefault(u => u.Id == request.UserId);
        if (user is null)
        {
            var unknownRoles = (request.Roles ?? []).Where(role => !Roles.All.Contains(role)).ToList();
            if (string.IsNullOrWhiteSpace(request.Name) || unknownRoles.Count > 0)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["userId"] = [$"Give the id of a demo person ({string.Join(", ", LocalTokenIssuer.DemoUsers.Select(u => u.Id))}) or a name and roles from: {string.Join(", ", Roles.All)}."],
                });
            }

            user = new LocalUser(Guid.NewGuid().ToString(), request.Name, request.Roles ?? []);
        }

        return TypedResults.Ok(new TokenResponse(issuer.Issue(user), "Bearer", user.Id, user.Name, user.Roles));
    }

    private static ContentHttpResult SignInPage(LocalTokenIssuer issuer, IAntiforgery antiforgery, HttpContext context, string? returnUrl)
    {
        var request = context.Request;
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Local sign-in – PBudget (Development)</title>")
            .Append("<link rel=\"stylesheet\" href=\"/assets/govuk-frontend.min.css\"></head><body class=\"govuk-template__body\"><main class=\"govuk-main-wrapper govuk-width-container\" id=\"main-content\">")
            .Append("<h1 class=\"govuk-heading-l\">Local sign-in</h1>")
            .Append("<p class=\"govuk-body\">This page exists only when PBudget runs in Development. Sign the browser in as one of the demo people, or copy a token below into an <code>Authorization: Bearer</code> header.</p>");
        foreach (var user in LocalTokenIssuer.DemoUsers)
        {
            html.Append("<form method=\"post\" action=\"/dev/session\" novalidate>")
                .Append("<input type=\"hidden\" name=\"").Append(tokens.FormFieldName).Append("\" value=\"").Append(WebUtility.HtmlEncode(tokens.RequestToken)).Append("\">")
                .Append("<input type=\"hidden\" name=\"userId\" value=\"").Append(user.Id).Append("\">")
                .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(WebUtility.HtmlEncode(SafeReturn(returnUrl))).Append("\">")
                .Append("<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Sign in as ").Append(WebUtility.HtmlEncode(user.Name)).Append("</button></form>");
        }

        foreach (var user in LocalTokenIssuer.DemoUsers)
        {
            var token = issuer.Issue(user);
            html.Append("<h2 class=\"govuk-heading-m\">").Append(WebUtility.HtmlEncode(user.Name)).Append(" (").Append(WebUtility.HtmlEncode(string.Join(", ", user.Roles))).Append(")</h2>")
                .Append("<label class=\"govuk-label\" for=\"token-").Append(user.Id).Append("\">Access token</label>")
                .Append("<textarea class=\"govuk-textarea\" rows=\"4\" readonly id=\"token-").Append(user.Id).Append("\">").Append(token).Append("</textarea>")
                .Append("<p class=\"govuk-body\">Try: <code>curl -H \"Authorization: Bearer $TOKEN\" ")
                .Append(WebUtility.HtmlEncode($"{request.Scheme}://{request.Host}/api/schemes")).Append("</code></p>");
        }

        html.Append("</main></body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
