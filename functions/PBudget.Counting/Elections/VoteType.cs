namespace PBudget.Counting.Elections;

/// <summary>How residents filled in their ballots, as Pabulib's <c>vote_type</c> names it.</summary>
public enum VoteType
{
    /// <summary>Each ballot lists the projects the voter approves of.</summary>
    Approval,

    /// <summary>Each ballot names exactly one project (Pabulib <c>choose-1</c>).</summary>
    ChooseOne,

    /// <summary>Each ballot spreads points over projects; the points add up to at most <c>max_sum_points</c>.</summary>
    Cumulative,

    /// <summary>Each ballot gives each listed project its own score.</summary>
    Scoring,

    /// <summary>Each ballot ranks projects, most preferred first.</summary>
    Ordinal,
}
