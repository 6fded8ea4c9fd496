using System.Text.Json.Serialization;
using PBudget.Core.Proposals;
using PBudget.Core.Schemes;

namespace PBudget.Core.Publishing;

/// <summary>
/// Everything the public site shows about one scheme: only what has been published.
/// The site generator renders this and nothing else, and it is also written out as open data,
/// so that <c>pbudget site build</c> can rebuild the pages from the published JSON alone.
/// </summary>
/// <param name="Id">The scheme's URL-safe identifier, for example <c>riverside-2026-27</c>.</param>
/// <param name="Name">The scheme's name as residents see it.</param>
/// <param name="FinancialYear">The financial year, for example <c>2026-27</c>.</param>
/// <param name="BudgetRule">How the devolved budgets were worked out, in plain English.</param>
/// <param name="TotalBudgetPence">The sum of all wards' budgets, in pence.</param>
/// <param name="TotalPopulation">The sum of all wards' populations.</param>
/// <param name="Wards">The scheme's wards, ordered by name.</param>
/// <param name="PublishedAt">When this snapshot was published.</param>
/// <param name="Phase">Where the scheme is in its year; snapshots from before phases existed read as set-up.</param>
public sealed record PublishedScheme(
    string Id,
    string Name,
    string FinancialYear,
    string BudgetRule,
    long TotalBudgetPence,
    long TotalPopulation,
    IReadOnlyList<PublishedWard> Wards,
    DateTimeOffset PublishedAt,
    SchemePhase Phase = SchemePhase.SetUp);

/// <summary>One ward's published budget.</summary>
/// <param name="Code">The ONS ward code, for example <c>E05011234</c>.</param>
/// <param name="Name">The ward's name.</param>
/// <param name="Area">The area that groups wards (for example a locality or a committee area), if any.</param>
/// <param name="Population">The population the budget was worked out from.</param>
/// <param name="BudgetPence">The ward's devolved budget after any councillor adjustments, in pence.</param>
/// <param name="ComputedPence">The budget the scheme's rule gave before adjustments, in pence.</param>
/// <param name="Proposals">The ward's proposals that may be published (never hidden ones), in the order submitted; null reads as none.</param>
/// <param name="ShortlistSignedOffAt">When the ward's shortlist was signed off, if it has been.</param>
public sealed record PublishedWard(
    string Code,
    string Name,
    string? Area,
    long Population,
    long BudgetPence,
    long ComputedPence,
    IReadOnlyList<PublishedProposal>? Proposals = null,
    DateTimeOffset? ShortlistSignedOffAt = null)
{
    /// <summary>How much councillors moved into (positive) or out of (negative) this ward, in pence.</summary>
    public long AdjustmentPence => BudgetPence - ComputedPence;

    /// <summary>The proposals, never null. Not written to JSON: <see cref="Proposals"/> already is.</summary>
    [JsonIgnore]
    public IReadOnlyList<PublishedProposal> ProposalList => Proposals ?? [];
}

/// <summary>A proposal as the public sees it: what the resident wrote, and the officers' review. Never the author's identity.</summary>
/// <param name="Id">The proposal's id, used in its page's address.</param>
/// <param name="Title">Its title.</param>
/// <param name="Summary">Its summary, shown in lists.</param>
/// <param name="DescriptionMarkdown">Its description as Markdown; the site renders it with raw HTML shown as text.</param>
/// <param name="Category">One of the scheme's categories.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="EstimatedCostPence">The proposer's estimate, in pence.</param>
/// <param name="ReviewedCostPence">The officers' reviewed cost, in pence, once reviewed.</param>
/// <param name="FeasibilityReason">Why officers found it feasible or not.</param>
/// <param name="CostExplanation">How officers arrived at the reviewed cost.</param>
/// <param name="Organisation">The organisation that proposed it, if any (residents' names are not published).</param>
/// <param name="Location">A postcode or "latitude, longitude", if given.</param>
/// <param name="Shortlisted">Whether it is on the ward's signed-off shortlist.</param>
/// <param name="MergedInto">The proposal it was merged into, if it was a duplicate.</param>
/// <param name="ProposerCount">How many residents' proposals it combines (1 unless duplicates were merged into it).</param>
/// <param name="SubmittedAt">When it was first submitted.</param>
public sealed record PublishedProposal(
    string Id,
    string Title,
    string Summary,
    string DescriptionMarkdown,
    string Category,
    ProposalStatus Status,
    long EstimatedCostPence,
    long? ReviewedCostPence,
    string? FeasibilityReason,
    string? CostExplanation,
    string? Organisation,
    string? Location,
    bool Shortlisted,
    string? MergedInto,
    int ProposerCount,
    DateTimeOffset SubmittedAt);

/// <summary>The whole published site: every published scheme.</summary>
/// <param name="Schemes">The schemes, ordered by name.</param>
public sealed record PublishedSite(IReadOnlyList<PublishedScheme> Schemes);
