using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PBudget.Functions.Auth;

/// <summary>A person the local sign-in can sign in as.</summary>
/// <param name="Id">A stable object id, as Entra ID would give.</param>
/// <param name="Name">The display name.</param>
/// <param name="Roles">App roles.</param>
/// <param name="Email">Where notifications go; residents' tokens carry it as Entra External ID does.</param>
/// <param name="Postcode">Where a resident lives, which decides the ward they vote in; External ID sends it as <c>postalCode</c>.</param>
public sealed record LocalUser(string Id, string Name, IReadOnlyList<string> Roles, string? Email = null, string? Postcode = null);

/// <summary>
/// Signs JWTs with a key generated in memory at start-up, for local runs and tests only. The app's JWT
/// bearer scheme trusts it only when <see cref="LocalSignInOptions.Enabled"/> is set in the Development
/// environment; anywhere else start-up fails (see <see cref="AuthenticationSetup"/>).
/// </summary>
public sealed class LocalTokenIssuer : IDisposable
{
    public const string Issuer = "https://pbudget.localhost/local-sign-in/v2.0";

    private readonly RSA rsa = RSA.Create(2048);

    public LocalTokenIssuer(string audience)
    {
        Audience = audience;
        SigningKey = new RsaSecurityKey(rsa) { KeyId = "local-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant() };
    }

    public string Audience { get; }

    public SecurityKey SigningKey { get; }

    /// <summary>The demo people the local sign-in page offers; the demo seed assigns the councillor to wards.</summary>
    public static IReadOnlyList<LocalUser> DemoUsers { get; } =
    [
        new("7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a01", "Alex Admin", [Roles.Admin]),
        new("7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a02", "Olu Officer", [Roles.Officer]),
        new("7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a03", "Cllr Chris Councillor", [Roles.Councillor]),
        new("7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a04", "Rae Resident", [], "rae.resident@example.org", "RV4 1AA"),
    ];

    /// <summary>Issues a token shaped like an Entra ID access token for this API (oid, name, roles).</summary>
    public string Issue(LocalUser user, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["oid"] = user.Id,
            ["sub"] = user.Id,
            ["name"] = user.Name,
            ["tid"] = "00000000-0000-0000-0000-000000000000",
            ["ver"] = "2.0",

            // A delegated token always names its scope; Microsoft.Identity.Web refuses one with neither scp nor roles.
            ["scp"] = "access_as_user",
        };
        if (user.Email is not null)
        {
            claims["email"] = user.Email;
        }

        if (user.Postcode is not null)
        {
            claims[CurrentUser.PostcodeClaim] = user.Postcode;
        }

        if (user.Roles.Count > 0)
        {
            claims["roles"] = user.Roles.ToArray();
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(8)),
            Claims = claims,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public void Dispose() => rsa.Dispose();
}
