namespace PBudget.Counting.Rules;

/// <summary>The published rules PBudget counts by.</summary>
public enum CountingRule
{
    /// <summary>Utilitarian greedy: projects by score, highest first, skipping any that no longer fit.</summary>
    Greedy,

    /// <summary>Greedy by score per unit of cost.</summary>
    GreedyCardinality,

    /// <summary>The Method of Equal Shares: each voter controls an equal share of the budget.</summary>
    EqualShares,

    /// <summary>Sequential Phragmén: voters take on load for the projects they approve.</summary>
    Phragmen,
}

/// <summary>How much a voter gains from a funded project they support, in the Method of Equal Shares.</summary>
public enum Satisfaction
{
    /// <summary>The project's cost: a voter values money spent on what they want (pabutools' Cost_Sat).</summary>
    Cost,

    /// <summary>One per project: a voter values each project they want equally (pabutools' Cardinality_Sat).</summary>
    Cardinality,
}

/// <summary>What the Method of Equal Shares does with the money it leaves unspent.</summary>
public enum Completion
{
    /// <summary>Nothing: the outcome of one run.</summary>
    None,

    /// <summary>
    /// Raise every voter's budget by one currency unit at a time and count again until the outcome would overspend the
    /// real budget; keep the last outcome that fits (as equalshares.net does).
    /// </summary>
    Add1,

    /// <summary><see cref="Add1"/>, then fund what still fits greedily by score (votes or points), highest first.</summary>
    Add1ThenGreedy,
}

/// <summary>What a project's score is made of.</summary>
public enum ScoreBasis
{
    /// <summary>
    /// What the ballots say: approvals for approval and choose-1 ballots, points for cumulative and scoring ballots, and the
    /// file's own score column for ordinal ballots.
    /// </summary>
    Ballots,

    /// <summary>Every project a ballot lists counts as one approval, whatever its points or rank (as pabutools reads such files).</summary>
    Approvals,
}

/// <summary>How the count is to be made. Defaults follow pabutools where it defines the rule.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Satisfaction">For <see cref="CountingRule.EqualShares"/>: cost (the default) or cardinality satisfaction.</param>
/// <param name="Completion">For <see cref="CountingRule.EqualShares"/>: how unspent money is used.</param>
/// <param name="TieBreak">How exact ties are settled; by default the smallest project id compared as a string.</param>
/// <param name="Scores">What a project's score is made of.</param>
/// <param name="MinimumScore">For the greedy rules: projects scoring less are not funded (Pabulib's <c>min_project_score_threshold</c>).</param>
/// <param name="WholeUnitStart">
/// For MES completion: start from each voter's share rounded down to a whole unit, as the equalshares.net tool does by
/// default, instead of the exact share.
/// </param>
public sealed record CountOptions(
    CountingRule Rule,
    Satisfaction Satisfaction = Satisfaction.Cost,
    Completion Completion = Completion.None,
    TieBreak? TieBreak = null,
    ScoreBasis Scores = ScoreBasis.Ballots,
    long? MinimumScore = null,
    bool WholeUnitStart = false)
{
    /// <summary>The tie-break in force.</summary>
    public TieBreak EffectiveTieBreak => TieBreak ?? TieBreak.Default;
}
