namespace PBudget.Functions.Auth;

/// <summary>The Entra ID app roles staff hold, as they arrive in the token's <c>roles</c> claim.</summary>
public static class Roles
{
    /// <summary>Runs schemes, wards and phases; manages councillor assignments.</summary>
    public const string Admin = "Admin";

    /// <summary>Reviews feasibility and cost, enters paper ballots, publishes.</summary>
    public const string Officer = "Officer";

    /// <summary>Holds the devolved budgets of the wards assigned to them.</summary>
    public const string Councillor = "Councillor";

    public static IReadOnlyList<string> All { get; } = [Admin, Officer, Councillor];
}

/// <summary>The authorisation policies every endpoint names explicitly.</summary>
public static class Policies
{
    /// <summary>Any member of staff.</summary>
    public const string Staff = "Staff";

    public const string Admin = "AdminOnly";

    public const string AdminOrOfficer = "AdminOrOfficer";

    public const string Councillor = "CouncillorOnly";

    /// <summary>Any signed-in person, such as a resident proposing a project.</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>Admins, and councillors for their own wards (checked against stored assignments in the handler).</summary>
    public const string BudgetHolder = "BudgetHolder";
}
