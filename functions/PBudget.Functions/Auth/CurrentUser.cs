using System.Security.Claims;
using Microsoft.Identity.Web;

namespace PBudget.Functions.Auth;

/// <summary>The signed-in user as the app needs them: a stable id, a name for the audit trail, and roles.</summary>
public sealed record CurrentUser(string Id, string Name, IReadOnlyList<string> Roles, string? Email = null, string? Postcode = null)
{
    /// <summary>The claim Entra External ID sends for the built-in Postal Code attribute collected at sign-up.</summary>
    public const string PostcodeClaim = "postalCode";

    public bool IsAdmin => Roles.Contains(Auth.Roles.Admin);

    public bool IsCouncillor => Roles.Contains(Auth.Roles.Councillor);

    public bool IsStaff => Roles.Count > 0;

    public bool IsOfficerOrAdmin => IsAdmin || Roles.Contains(Auth.Roles.Officer);

    /// <summary>Reads the user from a validated principal; the object id (oid) is stable across sign-ins and renames.</summary>
    public static CurrentUser From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.GetObjectId() ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub")
            ?? throw new InvalidOperationException("The token has no object id or subject.");
        var name = principal.Identity?.Name ?? principal.FindFirstValue("name") ?? id;
        var roles = Auth.Roles.All.Where(principal.IsInRole).ToList();

        // Entra External ID sends "email"; older B2C-style tokens send "emails"; workforce tokens often only a UPN.
        var email = new[] { principal.FindFirstValue(ClaimTypes.Email), principal.FindFirstValue("email"), principal.FindFirstValue("emails"), principal.FindFirstValue("preferred_username") }
            .FirstOrDefault(value => value is not null && value.Contains('@', StringComparison.Ordinal));
        var postcode = principal.FindFirstValue(PostcodeClaim) ?? principal.FindFirstValue("postalcode") ?? principal.FindFirstValue(ClaimTypes.PostalCode);
        return new CurrentUser(id, name, roles, email, postcode);
    }
}
