namespace PBudget.Functions.Auth;

/// <summary>The Development-only local sign-in.</summary>
public sealed class LocalSignInOptions
{
    public const string SectionName = "LocalSignIn";

    /// <summary>
    /// Turns on the local token issuer and the <c>/dev/sign-in</c> page. Allowed only in the Development
    /// environment: in any other environment start-up fails if this is true.
    /// </summary>
    public bool Enabled { get; set; }
}
