using System.Text.Json.Serialization;

namespace PBudget.Core.Schemes;

/// <summary>
/// Where a scheme is in its year. Admins move it on one phase at a time; what each phase allows is enforced by the
/// server (see <see cref="SchemePhases"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SchemePhase>))]
public enum SchemePhase
{
    /// <summary>Wards, budgets and rules are being prepared; nothing is public yet.</summary>
    SetUp,

    /// <summary>Residents propose projects, and may edit or withdraw their own.</summary>
    ProposalsOpen,

    /// <summary>Officers check feasibility and cost; residents can no longer change proposals.</summary>
    Review,

    /// <summary>Each ward's councillors sign off the shortlist that goes to the vote.</summary>
    ShortlistSignOff,

    /// <summary>Residents vote on the shortlists, which can no longer change.</summary>
    Voting,

    /// <summary>Voting has closed and the ballots are being counted.</summary>
    Counting,

    /// <summary>Results are published.</summary>
    Results,

    /// <summary>The winning projects are being delivered.</summary>
    Delivery,
}

/// <summary>What each phase allows, and the one way a scheme moves through them.</summary>
public static class SchemePhases
{
    /// <summary>The phase's name as people read it.</summary>
    public static string Describe(this SchemePhase phase) => phase switch
    {
        SchemePhase.SetUp => "Setting up",
        SchemePhase.ProposalsOpen => "Proposals open",
        SchemePhase.Review => "Review",
        SchemePhase.ShortlistSignOff => "Shortlist sign-off",
        SchemePhase.Voting => "Voting",
        SchemePhase.Counting => "Counting",
        SchemePhase.Results => "Results",
        SchemePhase.Delivery => "Delivery",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Not a phase."),
    };

    /// <summary>The phase after this one, or null for the last.</summary>
    public static SchemePhase? Next(this SchemePhase phase) => phase == SchemePhase.Delivery ? null : phase + 1;

    /// <summary>Residents may propose, edit and withdraw projects.</summary>
    public static bool AllowsProposals(this SchemePhase phase) => phase == SchemePhase.ProposalsOpen;

    /// <summary>Officers may moderate, review and merge proposals (from the moment proposals arrive until voting opens).</summary>
    public static bool AllowsReview(this SchemePhase phase) => phase is SchemePhase.ProposalsOpen or SchemePhase.Review or SchemePhase.ShortlistSignOff;

    /// <summary>Councillors may sign off their wards' shortlists.</summary>
    public static bool AllowsSignOff(this SchemePhase phase) => phase == SchemePhase.ShortlistSignOff;

    /// <summary>Why an action is refused in this phase, in words a resident or officer can act on.</summary>
    public static string Refusal(this SchemePhase phase, string action) => phase switch
    {
        SchemePhase.SetUp => $"You cannot {action} yet: the scheme is still being set up.",
        _ when phase >= SchemePhase.Voting => $"You cannot {action} now: voting opened and the shortlists are final.",
        _ => $"You cannot {action} in the '{phase.Describe()}' phase.",
    };

    /// <summary>Parses a phase name as the API writes it (for example <c>ProposalsOpen</c>), ignoring case.</summary>
    public static bool TryParse(string? text, out SchemePhase phase) =>
        Enum.TryParse(text, ignoreCase: true, out phase) && Enum.IsDefined(phase) && !int.TryParse(text, out _);
}
