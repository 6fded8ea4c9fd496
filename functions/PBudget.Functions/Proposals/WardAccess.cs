using PBudget.Functions.Auth;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Proposals;

/// <summary>Councillors act only for the wards they hold; admins and officers for any ward.</summary>
internal static class WardAccess
{
    public static async Task RequireAsync(SchemeStore schemes, string schemeId, string wardCode, CurrentUser user, string action, CancellationToken cancellationToken)
    {
        if (user.IsOfficerOrAdmin)
        {
            return;
        }

        var held = await schemes.GetCouncillorWardsAsync(schemeId, user.Id, cancellationToken).ConfigureAwait(false);
        if (!user.IsCouncillor || !held.Contains(wardCode))
        {
            throw new ForbiddenException($"You can only {action} wards you hold in this scheme; you do not hold {wardCode}.");
        }
    }
}
