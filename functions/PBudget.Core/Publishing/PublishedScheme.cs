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
public sealed record PublishedScheme(
    string Id,
    string Name,
    string FinancialYear,
    string BudgetRule,
    long TotalBudgetPence,
    long TotalPopulation,
    IReadOnlyList<PublishedWard> Wards,
    DateTimeOffset PublishedAt);

/// <summary>One ward's published budget.</summary>
/// <param name="Code">The ONS ward code, for example <c>E05011234</c>.</param>
/// <param name="Name">The ward's name.</param>
/// <param name="Area">The area that groups wards (for example a locality or a committee area), if any.</param>
/// <param name="Population">The population the budget was worked out from.</param>
/// <param name="BudgetPence">The ward's devolved budget after any councillor adjustments, in pence.</param>
/// <param name="ComputedPence">The budget the scheme's rule gave before adjustments, in pence.</param>
public sealed record PublishedWard(
    string Code,
    string Name,
    string? Area,
    long Population,
    long BudgetPence,
    long ComputedPence)
{
    /// <summary>How much councillors moved into (positive) or out of (negative) this ward, in pence.</summary>
    public long AdjustmentPence => BudgetPence - ComputedPence;
}

/// <summary>The whole published site: every published scheme.</summary>
/// <param name="Schemes">The schemes, ordered by name.</param>
public sealed record PublishedSite(IReadOnlyList<PublishedScheme> Schemes);
