using System.Globalization;
using System.Text.RegularExpressions;
using PBudget.Core.Budgets;
using PBudget.Core.Validation;

namespace PBudget.Core.Schemes;

/// <summary>A participatory budgeting scheme: one council's round of devolved ward budgets for a financial year.</summary>
/// <param name="Id">URL-safe identifier: lowercase letters, digits and hyphens, for example <c>riverside-2026-27</c>.</param>
/// <param name="Name">The name residents see.</param>
/// <param name="FinancialYear">The UK financial year, written <c>2026-27</c>.</param>
/// <param name="Rule">How ward budgets are worked out.</param>
/// <param name="Adjustments">How far councillors may move money between wards.</param>
public sealed partial record Scheme(string Id, string Name, string FinancialYear, BudgetRule Rule, AdjustmentPolicy Adjustments)
{
    public const int MaxNameLength = 120;

    /// <summary>Whether a text has the shape of a scheme id (and so is safe as a storage key).</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>Checks every field and the rule, reporting all problems at once.</summary>
    public static ValidationErrors Validate(string? id, string? name, string? financialYear, BudgetRule? rule, AdjustmentPolicy? adjustments)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add("id", "Enter an identifier for the scheme, for example riverside-2026-27.");
        }
        else if (!IdPattern().IsMatch(id))
        {
            errors.Add("id", "The identifier must be 3 to 40 lowercase letters, digits or hyphens, starting with a letter, for example riverside-2026-27.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("name", "Enter the scheme's name.");
        }
        else if (name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            errors.Add("name", $"The name must be {MaxNameLength} characters or fewer, with no control characters.");
        }

        if (!IsFinancialYear(financialYear))
        {
            errors.Add("financialYear", "Enter the financial year as two consecutive years, for example 2026-27.");
        }

        ValidateRules(rule, adjustments, errors);
        return errors;
    }

    /// <summary>Checks a budget rule and adjustment policy, prefixing field names as a request body nests them.</summary>
    public static void ValidateRules(BudgetRule? rule, AdjustmentPolicy? adjustments, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (rule is null)
        {
            errors.Add("budgetRule", "Enter the budget rule.");
        }
        else
        {
            foreach (var (field, messages) in rule.Validate().ToDictionary())
            {
                foreach (var message in messages)
                {
                    errors.Add("budgetRule." + JsonName(field), message);
                }
            }
        }

        if (adjustments is not null)
        {
            foreach (var (field, messages) in adjustments.Validate().ToDictionary())
            {
                foreach (var message in messages)
                {
                    errors.Add("adjustments." + JsonName(field), message);
                }
            }
        }
    }

    private static bool IsFinancialYear(string? text)
    {
        if (text is null || !FinancialYearPattern().IsMatch(text))
        {
            return false;
        }

        var start = int.Parse(text.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var end = int.Parse(text.AsSpan(5, 2), CultureInfo.InvariantCulture);
        return (start + 1) % 100 == end;
    }

    private static string JsonName(string field) => char.ToLowerInvariant(field[0]) + field[1..];

    [GeneratedRegex("^[a-z][a-z0-9-]{2,39}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^(19|20)[0-9]{2}-[0-9]{2}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex FinancialYearPattern();
}
