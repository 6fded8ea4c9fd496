using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;

namespace PBudget.Functions.Auth;

/// <summary>
/// Residents' bearer tokens from Microsoft Entra External ID (the council's customer tenant), validated by
/// Microsoft.Identity.Web as a second JWT scheme beside staff tokens from the workforce tenant. Whatever a resident
/// token says, it never carries a staff role: those come only from the workforce tenant.
/// </summary>
public static class ResidentTokens
{
    public const string Scheme = "ResidentBearer";

    public const string SectionName = "ExternalId";

    /// <summary>Adds the scheme when <c>ExternalId:ClientId</c> is configured; returns the issuer prefix its tokens carry, or null.</summary>
    public static string? AddResidentTokens(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        if (string.IsNullOrWhiteSpace(section["ClientId"]))
        {
            return null;
        }

        var instance = section["Instance"];
        if (string.IsNullOrWhiteSpace(instance) || !Uri.TryCreate(instance, UriKind.Absolute, out var instanceUri) || instanceUri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"Set {SectionName}:Instance to the External ID tenant's https address, for example https://contoso.ciamlogin.com/.");
        }

        authentication.AddMicrosoftIdentityWebApi(section, jwtBearerScheme: Scheme);
        authentication.Services.PostConfigure<JwtBearerOptions>(Scheme, options =>
        {
            var validated = options.Events?.OnTokenValidated;
            options.Events ??= new JwtBearerEvents();
            options.Events.OnTokenValidated = async context =>
            {
                if (validated is not null)
                {
                    await validated(context).ConfigureAwait(false);
                }

                StripStaffRoles(context.Principal);
            };
        });
        return instanceUri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Whether a bearer token was issued under the External ID instance (read without validating: the chosen scheme validates).</summary>
    public static bool IsResidentToken(string authorizationHeader, string residentIssuerPrefix)
    {
        ArgumentNullException.ThrowIfNull(authorizationHeader);
        var token = authorizationHeader["Bearer ".Length..].Trim();
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(token))
        {
            return false;
        }

        var issuer = handler.ReadJsonWebToken(token).Issuer;
        return issuer.StartsWith(residentIssuerPrefix + "/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Removes every role claim: residents never hold staff roles.</summary>
    public static void StripStaffRoles(ClaimsPrincipal? principal)
    {
        foreach (var identity in principal?.Identities ?? [])
        {
            foreach (var role in identity.FindAll(c => c.Type == identity.RoleClaimType || c.Type is ClaimTypes.Role or "roles" or "role").ToList())
            {
                identity.RemoveClaim(role);
            }
        }
    }
}
