namespace PBudget.Core.Audit;

/// <summary>Who changed what, when, and the state before and after, as stored and read back.</summary>
/// <param name="At">When the change was committed.</param>
/// <param name="ActorId">The signed-in user's stable identifier (Entra object id).</param>
/// <param name="ActorName">The user's display name at the time.</param>
/// <param name="Action">What was done, for example <c>budget.transfer</c>.</param>
/// <param name="Subject">What it was done to, for example a ward code.</param>
/// <param name="Before">The state before, as JSON, or null when something was created.</param>
/// <param name="After">The state after, as JSON.</param>
public sealed record AuditEntry(
    DateTimeOffset At,
    string ActorId,
    string ActorName,
    string Action,
    string Subject,
    string? Before,
    string? After);

/// <summary>The audited actions, named once.</summary>
public static class AuditActions
{
    public const string SchemeCreated = "scheme.created";
    public const string RulesChanged = "scheme.rules-changed";
    public const string WardsImported = "wards.imported";
    public const string BudgetTransferred = "budget.transferred";
    public const string CouncillorWardsChanged = "councillor.wards-changed";
    public const string PhaseMoved = "scheme.phase-moved";
    public const string PhaseDatesChanged = "scheme.phase-dates-changed";
    public const string ProposalSubmitted = "proposal.submitted";
    public const string ProposalEdited = "proposal.edited";
    public const string ProposalWithdrawn = "proposal.withdrawn";
    public const string ProposalModerated = "proposal.moderated";
    public const string ProposalReviewed = "proposal.reviewed";
    public const string ProposalMerged = "proposal.merged";
    public const string InterestDeclared = "councillor.interest-declared";
    public const string ShortlistSignedOff = "shortlist.signed-off";
    public const string ShortlistSignOffWithdrawn = "shortlist.sign-off-withdrawn";
    public const string BallotRuleSet = "voting.ballot-rule-set";
    public const string PostcodesImported = "voting.postcodes-imported";
    public const string CodesIssued = "voting.codes-issued";
    public const string PaperBallotEntered = "voting.paper-ballot-entered";
    public const string ChainsClosed = "voting.chains-closed";
}
