using Fractions;
using PBudget.Counting.Elections;

namespace PBudget.Counting.Rules;

/// <summary>
/// The result of a count: the winners in the order they were chosen, what they cost, and every step that led there,
/// so that anyone can follow it.
/// </summary>
public sealed class Outcome
{
    internal Outcome(Election election, CountOptions options, IReadOnlyList<int> winners, IReadOnlyList<CountStep> rounds, IReadOnlyList<CompletionStep> completionSteps)
    {
        Election = election;
        Options = options;
        Winners = winners.Select(i => election.Projects[i]).ToList();
        WinnerIndexes = winners;
        TotalCost = Winners.Sum(p => p.Cost);
        Rounds = rounds;
        CompletionSteps = completionSteps;
    }

    /// <summary>The election counted.</summary>
    public Election Election { get; }

    /// <summary>How it was counted.</summary>
    public CountOptions Options { get; }

    /// <summary>The funded projects, in the order the rule chose them.</summary>
    public IReadOnlyList<Project> Winners { get; }

    /// <summary>The funded projects as indexes into <see cref="Elections.Election.Projects"/>.</summary>
    public IReadOnlyList<int> WinnerIndexes { get; }

    /// <summary>What the funded projects cost together.</summary>
    public long TotalCost { get; }

    /// <summary>The budget not spent.</summary>
    public long Leftover => Election.Budget - TotalCost;

    /// <summary>Each step of the count, in order: what was considered and why it was or was not funded.</summary>
    public IReadOnlyList<CountStep> Rounds { get; }

    /// <summary>For MES with completion: each voter budget tried, and whether its outcome fitted the real budget.</summary>
    public IReadOnlyList<CompletionStep> CompletionSteps { get; }

    /// <summary>
    /// Whether the winners are exactly the projects the file marks as selected; null when the file has no
    /// <c>selected</c> column.
    /// </summary>
    public bool? MatchesRecordedWinners
    {
        get
        {
            if (Election.Projects.Any(p => p.Selected is null))
            {
                return null;
            }

            var recorded = Election.Projects.Where(p => p.Selected == true).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            return recorded.SetEquals(Winners.Select(p => p.Id));
        }
    }
}

/// <summary>One step of a count's explanation.</summary>
public abstract record CountStep(Project Project);

/// <summary>Why a greedy rule did or did not fund a project.</summary>
public enum GreedyDecision
{
    /// <summary>Funded: it fitted in what was left.</summary>
    Funded,

    /// <summary>Skipped: it cost more than was left.</summary>
    Unaffordable,

    /// <summary>Not funded: its score was below the minimum.</summary>
    BelowMinimumScore,
}

/// <summary>A greedy rule considered <paramref name="Project"/>.</summary>
/// <param name="Project">The project considered.</param>
/// <param name="Score">Its score: approvals or points.</param>
/// <param name="ScorePerUnitCost">For greedy by cost: its score divided by its cost (null for a free project, which comes first).</param>
/// <param name="Decision">What happened to it.</param>
/// <param name="LeftAfter">The budget left after this step.</param>
public sealed record GreedyStep(Project Project, long Score, Fraction? ScorePerUnitCost, GreedyDecision Decision, long LeftAfter) : CountStep(Project);

/// <summary>A round of the Method of Equal Shares: the project chosen and who paid for it.</summary>
/// <param name="Project">The project chosen: the one whose supporters could buy it at the lowest price per unit of satisfaction.</param>
/// <param name="PricePerSatisfaction">ρ: each supporter paid ρ times their satisfaction, or all they had left if less.</param>
/// <param name="Supporters">How many voters support the project.</param>
/// <param name="PaidAllTheyHad">How many of them paid everything they had left.</param>
/// <param name="SupportersBudgetLeft">What the supporters have left together after paying.</param>
public sealed record EqualSharesRound(Project Project, Fraction PricePerSatisfaction, long Supporters, long PaidAllTheyHad, Fraction SupportersBudgetLeft) : CountStep(Project);

/// <summary>A round of sequential Phragmén: the project whose supporters could fund it earliest.</summary>
/// <param name="Project">The project chosen.</param>
/// <param name="Load">The time at which its supporters had earned enough to pay for it: each supporter's load afterwards.</param>
/// <param name="Supporters">How many voters support it.</param>
/// <param name="Funded">False for the last round when the project did not fit what was left, which ends the count.</param>
public sealed record PhragmenRound(Project Project, Fraction Load, long Supporters, bool Funded) : CountStep(Project);

/// <summary>
/// Steps of MES completion that all give the same outcome: every voter's budget raised by <paramref name="FirstStep"/>
/// to <paramref name="LastStep"/> units. The count proves that the steps in between give the same outcome without
/// counting each one (see EqualShares); the result is the one a step-by-step count gives.
/// </summary>
/// <param name="FirstStep">Units added to each voter's budget in the first step of the range: 0 is the plain count.</param>
/// <param name="LastStep">The last step with this outcome that the count went through.</param>
/// <param name="FirstPerVoterBudget">Each voter's budget in the first step.</param>
/// <param name="TotalCost">What the outcome costs.</param>
/// <param name="Winners">How many projects it funds.</param>
/// <param name="Fits">Whether it fits the real budget; the count stops at the first step that does not.</param>
public sealed record CompletionStep(long FirstStep, long LastStep, Fraction FirstPerVoterBudget, long TotalCost, int Winners, bool Fits)
{
    /// <summary>Each voter's budget in the last step of the range.</summary>
    public Fraction LastPerVoterBudget => FirstPerVoterBudget + (LastStep - FirstStep);
}
