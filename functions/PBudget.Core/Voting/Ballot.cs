using System.Globalization;
using PBudget.Core.Proposals;
using PBudget.Core.Validation;

namespace PBudget.Core.Voting;

/// <summary>One mark on a ballot: a shortlisted proposal, and the points given to it (1 unless the rule is cumulative).</summary>
public sealed record BallotChoice(string ProposalId, int Points = 1);

/// <summary>How much of a ballot is used and what is left, for telling a voter before they submit.</summary>
/// <param name="Choices">Projects chosen.</param>
/// <param name="ChoicesLeft">For approval: how many more may be chosen; otherwise null.</param>
/// <param name="CostPence">Total reviewed cost of the chosen projects.</param>
/// <param name="BudgetLeftPence">For knapsack: ward budget minus cost (negative when over); otherwise null.</param>
/// <param name="PointsUsed">For cumulative: points given; otherwise null.</param>
/// <param name="PointsLeft">For cumulative: points still to give (negative when over); otherwise null.</param>
public sealed record BallotSummary(int Choices, int? ChoicesLeft, long CostPence, long? BudgetLeftPence, int? PointsUsed, int? PointsLeft);

/// <summary>Checks ballots against the scheme's rule and the ward's signed-off shortlist.</summary>
/// <remarks>
/// The rule must be valid (<see cref="BallotRule.Validate"/>); an invalid rule is a fault of the caller and throws
/// <see cref="ArgumentException"/>, never a voter's error. Money is summed in 128 bits, so no shortlist can overflow.
/// </remarks>
public static class Ballots
{
    private const string Whole = "choices";

    /// <summary>The longest proposal id quoted back in a message; longer ones are cut short.</summary>
    private const int QuotedIdLength = 40;

    /// <summary>
    /// Every way the ballot breaks the rule or the shortlist, with messages a voter understands; empty when it is valid.
    /// Errors about the whole ballot use the field "choices"; errors about one choice use "choices[i]".
    /// </summary>
    public static ValidationErrors Check(BallotRule rule, IReadOnlyList<ShortlistEntry> shortlist, long wardBudgetPence, IReadOnlyList<BallotChoice>? choices)
    {
        RequireValid(rule);
        var costs = Costs(shortlist);
        var errors = new ValidationErrors();
        if (choices is null || choices.Count == 0)
        {
            errors.Add(Whole, "Choose at least one project.");
            return errors;
        }

        var cumulative = rule.Kind == BallotKind.Cumulative;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Int128 cost = 0;
        Int128 points = 0;
        for (var i = 0; i < choices.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"choices[{i}]");
            var choice = choices[i];
            if (choice is null || string.IsNullOrWhiteSpace(choice.ProposalId))
            {
                errors.Add(field, "This choice does not name a project.");
                continue;
            }

            if (!costs.TryGetValue(choice.ProposalId, out var projectCost))
            {
                errors.Add(field, $"Project {Quote(choice.ProposalId)} is not on this ward's shortlist.");
            }
            else if (!seen.Add(choice.ProposalId))
            {
                errors.Add(field, $"Project {Quote(choice.ProposalId)} is chosen more than once; choose each project once.");
            }
            else
            {
                cost += projectCost;
            }

            if (!cumulative)
            {
                if (choice.Points != 1)
                {
                    errors.Add(field, "This ballot does not use points: each project you choose counts once.");
                }
            }
            else if (choice.Points < 1)
            {
                errors.Add(field, "Give each project you choose at least 1 point.");
            }
            else if (choice.Points > rule.PointsPerProjectCap)
            {
                errors.Add(field, $"Give any one project at most {rule.PointsPerProjectCap} points; this one has {choice.Points}.");
            }

            points += choice.Points;
        }

        switch (rule.Kind)
        {
            case BallotKind.Approval when choices.Count > rule.MaxChoices:
                errors.Add(Whole, rule.MaxChoices == 1
                    ? $"Choose 1 project; you chose {choices.Count}."
                    : $"Choose at most {rule.MaxChoices} projects; you chose {choices.Count}.");
                break;
            case BallotKind.Knapsack:
                var minimum = rule.MinimumSpendPence(wardBudgetPence);
                if (cost > wardBudgetPence)
                {
                    errors.Add(Whole, $"The projects you chose cost {Pounds(cost)}, which is {Pounds(cost - wardBudgetPence)} more than the ward's budget of {Money.FormatPounds(wardBudgetPence)}.");
                }
                else if (cost < minimum)
                {
                    errors.Add(Whole, $"The projects you chose cost {Pounds(cost)}; choose projects costing at least {Money.FormatPounds(minimum)} in total.");
                }

                break;
            case BallotKind.Cumulative when points > rule.Points:
                errors.Add(Whole, $"You gave {points} points; you have {rule.Points} to share.");
                break;
        }

        return errors;
    }

    /// <summary>The ballot in canonical form, ordered by proposal id (ordinal), with points 1 unless the rule is cumulative.</summary>
    /// <remarks>Meant for a ballot that <see cref="Check"/> accepted; repeats are kept, ordered by their points.</remarks>
    public static IReadOnlyList<BallotChoice> Normalise(BallotRule rule, IReadOnlyList<BallotChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Any(choice => choice?.ProposalId is null))
        {
            throw new ArgumentException("Every choice must name a proposal.", nameof(choices));
        }

        var keepPoints = rule.Kind == BallotKind.Cumulative;
        return [.. choices
            .Select(choice => keepPoints || choice.Points == 1 ? choice : choice with { Points = 1 })
            .OrderBy(choice => choice.ProposalId, StringComparer.Ordinal)
            .ThenBy(choice => choice.Points)];
    }

    /// <summary>
    /// What the ballot uses and what is left. Choices not on the shortlist are ignored, and so are repeats of a project
    /// after its first choice. Left counts are negative when the ballot is over.
    /// </summary>
    public static BallotSummary Summarise(BallotRule rule, IReadOnlyList<ShortlistEntry> shortlist, long wardBudgetPence, IReadOnlyList<BallotChoice> choices)
    {
        RequireValid(rule);
        ArgumentNullException.ThrowIfNull(choices);
        var costs = Costs(shortlist);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Int128 cost = 0;
        long points = 0;
        foreach (var choice in choices)
        {
            if (choice?.ProposalId is { } id && costs.TryGetValue(id, out var projectCost) && seen.Add(id))
            {
                cost += projectCost;
                points += choice.Points;
            }
        }

        var costPence = Clamp(cost);
        return rule.Kind switch
        {
            BallotKind.Approval => new BallotSummary(seen.Count, rule.MaxChoices - seen.Count, costPence, null, null, null),
            BallotKind.Knapsack => new BallotSummary(seen.Count, null, costPence, Clamp(wardBudgetPence - cost), null, null),
            _ => new BallotSummary(seen.Count, null, costPence, null, ClampInt(points), ClampInt(rule.Points!.Value - points)),
        };
    }

    private static void RequireValid(BallotRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = rule.Validate();
        if (!errors.IsValid)
        {
            throw new ArgumentException("The ballot rule is not valid: " + errors, nameof(rule));
        }
    }

    // The first entry wins if a shortlist names a proposal twice; a signed-off shortlist never does.
    private static Dictionary<string, long> Costs(IReadOnlyList<ShortlistEntry> shortlist)
    {
        ArgumentNullException.ThrowIfNull(shortlist);
        var costs = new Dictionary<string, long>(shortlist.Count, StringComparer.Ordinal);
        foreach (var entry in shortlist)
        {
            costs.TryAdd(entry.ProposalId, entry.CostPence);
        }

        return costs;
    }

    private static string Quote(string id) =>
        id.Length <= QuotedIdLength ? $"'{id}'" : $"'{id[..QuotedIdLength]}…'";

    private static string Pounds(Int128 pence) => Money.FormatPounds(Clamp(pence));

    private static long Clamp(Int128 value) => (long)Int128.Clamp(value, long.MinValue, long.MaxValue);

    private static int ClampInt(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);

    /// <summary>
    /// Whether some ballot can meet a knapsack rule's minimum spend without going over the budget: a set of
    /// shortlisted projects whose total is between the two. Always true for other rules and without a minimum.
    /// Worked out exactly over the reachable totals; for a shortlist so varied that they pass a million, it answers
    /// true rather than search further (voters can then still choose; only the early warning is lost).
    /// </summary>
    public static bool MinimumCanBeMet(BallotRule rule, IReadOnlyList<ShortlistEntry> shortlist, long wardBudgetPence)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(shortlist);
        var minimum = rule.MinimumSpendPence(wardBudgetPence);
        if (minimum <= 0)
        {
            return true;
        }

        const int MaxTotals = 1_000_000;
        var totals = new HashSet<long> { 0 };
        foreach (var cost in shortlist.Select(e => e.CostPence).Where(c => c > 0 && c <= wardBudgetPence))
        {
            foreach (var total in totals.ToList())
            {
                var next = total + cost;
                if (next <= wardBudgetPence)
                {
                    if (next >= minimum)
                    {
                        return true;
                    }

                    totals.Add(next);
                }
            }

            if (totals.Count > MaxTotals)
            {
                return true;
            }
        }

        return false;
    }
}
