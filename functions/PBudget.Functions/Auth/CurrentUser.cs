using System.Security.Claims;
using Microsoft.Identity.Web;

namespace PBudget.Functions.Auth;

/// <summary>The signed-in user as the app needs them: a stable id, a name for the audit trail, and roles.</summary>
public sealed record CurrentUser(string Id, string Name, IReadOnlyList<string> Roles)
{
    public bool IsAdmin => Roles.Contains(Auth.Roles.Admin);

    public bool IsCouncillor => Roles.Contains(Auth.Roles.Councillor);

    /// <summary>Reads the user from a validated principal; the object id (oid) is stable across sign-ins and renames.</summary>
    public static CurrentUser From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.GetObjectId() ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub")
            ?? throw new InvalidOperationException("The token has no object id or subject.");
        var name = principal.Identity?.Name ?? principal.FindFirstValue("name") ?? id;
        var roles = Auth.Roles.All.Where(principal.IsInRole).ToList();
        return new CurrentUser(id, name, roles);
    }
}
