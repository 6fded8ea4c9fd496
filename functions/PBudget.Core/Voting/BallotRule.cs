using System.Globalization;
using System.Text.Json.Serialization;
using PBudget.Core.Validation;

namespace PBudget.Core.Voting;

/// <summary>How residents mark a ballot.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BallotKind>))]
public enum BallotKind
{
    /// <summary>Choose up to <see cref="BallotRule.MaxChoices"/> projects.</summary>
    Approval,

    /// <summary>Choose projects whose total reviewed cost fits the ward's budget, optionally spending at least a share of it.</summary>
    Knapsack,

    /// <summary>Share <see cref="BallotRule.Points"/> points among projects, at most <see cref="BallotRule.MaxPointsPerProject"/> each.</summary>
    Cumulative,
}

/// <summary>
/// A scheme's ballot rule, set by an admin before voting opens and frozen from then on.
/// Only the fields of its kind are used: MaxChoices for approval, MinBudgetSharePercent for knapsack,
/// Points and MaxPointsPerProject for cumulative.
/// </summary>
public sealed record BallotRule(
    BallotKind Kind,
    int? MaxChoices = null,
    int? MinBudgetSharePercent = null,
    int? Points = null,
    int? MaxPointsPerProject = null)
{
    /// <summary>The most choices or points a rule may allow; a ward's shortlist is far shorter.</summary>
    public const int Limit = 1000;

    /// <summary>Knapsack with no minimum, the usual rule in participatory budgeting.</summary>
    public static BallotRule Default { get; } = new(BallotKind.Knapsack);

    /// <summary>Whether the rule makes sense; field names are the JSON property names.</summary>
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (!Enum.IsDefined(Kind))
        {
            errors.Add("kind", "Choose a ballot kind: Approval, Knapsack or Cumulative.");
            return errors;
        }

        if (Kind == BallotKind.Approval)
        {
            if (MaxChoices is null)
            {
                errors.Add("maxChoices", "Set how many projects a voter may choose.");
            }
            else if (MaxChoices is < 1 or > Limit)
            {
                errors.Add("maxChoices", $"The number of projects a voter may choose must be between 1 and {LimitText}.");
            }
        }
        else if (MaxChoices is not null)
        {
            errors.Add("maxChoices", "maxChoices applies only to approval ballots.");
        }

        if (Kind == BallotKind.Knapsack)
        {
            if (MinBudgetSharePercent is < 0 or > 100)
            {
                errors.Add("minBudgetSharePercent", "The minimum share of the budget must be between 0 and 100 percent.");
            }
        }
        else if (MinBudgetSharePercent is not null)
        {
            errors.Add("minBudgetSharePercent", "minBudgetSharePercent applies only to knapsack ballots.");
        }

        if (Kind == BallotKind.Cumulative)
        {
            var pointsValid = Points is >= 1 and <= Limit;
            if (Points is null)
            {
                errors.Add("points", "Set how many points each voter shares among the projects.");
            }
            else if (!pointsValid)
            {
                errors.Add("points", $"The points to share must be between 1 and {LimitText}.");
            }

            if (MaxPointsPerProject is < 1)
            {
                errors.Add("maxPointsPerProject", "The most points for one project must be at least 1.");
            }
            else if (pointsValid && MaxPointsPerProject > Points)
            {
                errors.Add("maxPointsPerProject", $"The most points for one project must be at most the points to share ({Points}).");
            }
            else if (MaxPointsPerProject > Limit)
            {
                errors.Add("maxPointsPerProject", $"The most points for one project must be between 1 and {LimitText}.");
            }
        }
        else
        {
            if (Points is not null)
            {
                errors.Add("points", "points applies only to cumulative ballots.");
            }

            if (MaxPointsPerProject is not null)
            {
                errors.Add("maxPointsPerProject", "maxPointsPerProject applies only to cumulative ballots.");
            }
        }

        return errors;
    }

    /// <summary>One sentence telling a voter what they may do, with money in pounds, e.g. "Choose projects costing up to £4,000 in total."</summary>
    /// <remarks>A knapsack rule with a minimum share adds a second sentence, e.g. "Spend at least £2,000."</remarks>
    /// <exception cref="InvalidOperationException">The rule is not valid (see <see cref="Validate"/>).</exception>
    public string Describe(long wardBudgetPence)
    {
        EnsureValid();
        switch (Kind)
        {
            case BallotKind.Approval:
                return MaxChoices == 1 ? "Choose 1 project." : $"Choose up to {MaxChoices} projects.";
            case BallotKind.Knapsack:
                var minimum = MinimumSpendPence(wardBudgetPence);
                var upTo = $"Choose projects costing up to {Money.FormatPounds(wardBudgetPence)} in total.";
                return minimum > 0 ? $"{upTo} Spend at least {Money.FormatPounds(minimum)}." : upTo;
            default:
                var points = Points!.Value;
                var share = points == 1 ? "Share 1 point among the projects" : $"Share {points} points among the projects";
                return PointsPerProjectCap < points ? $"{share}, at most {PointsPerProjectCap} for any one project." : share + ".";
        }
    }

    /// <summary>
    /// The least a knapsack ballot must spend: <see cref="MinBudgetSharePercent"/> of the ward's budget, rounded up to
    /// the penny; 0 when there is no minimum or the rule is not a knapsack rule.
    /// </summary>
    public long MinimumSpendPence(long wardBudgetPence)
    {
        if (Kind != BallotKind.Knapsack || MinBudgetSharePercent is not (> 0 and <= 100) || wardBudgetPence <= 0)
        {
            return 0;
        }

        // budget × percent ≤ 100 × long.MaxValue, so the product is taken in 128 bits and the quotient fits a long.
        var product = (Int128)wardBudgetPence * MinBudgetSharePercent.Value;
        return (long)((product + 99) / 100);
    }

    /// <summary>For a cumulative rule, the most points one project may get: MaxPointsPerProject, or Points when it is not set.</summary>
    internal int PointsPerProjectCap => MaxPointsPerProject ?? Points ?? 0;

    /// <exception cref="InvalidOperationException">The rule is not valid.</exception>
    internal void EnsureValid()
    {
        var errors = Validate();
        if (!errors.IsValid)
        {
            throw new InvalidOperationException("The ballot rule is not valid." + Environment.NewLine + errors);
        }
    }

    private static string LimitText => Limit.ToString("N0", CultureInfo.InvariantCulture);
}
