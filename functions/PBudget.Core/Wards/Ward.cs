using System.Text.RegularExpressions;
using PBudget.Core.Validation;

namespace PBudget.Core.Wards;

/// <summary>An electoral ward of a scheme, as imported from the council's ward list.</summary>
/// <param name="Code">The ONS/GSS ward code: E05 (England), W05 (Wales) or S13 (Scotland) and six digits.</param>
/// <param name="Name">The ward's name.</param>
/// <param name="Population">The population the budget is worked out from.</param>
/// <param name="Area">An optional area that groups wards, such as a locality or committee area.</param>
public sealed partial record Ward(string Code, string Name, long Population, string? Area)
{
    /// <summary>Larger than any ward in the UK (the largest have about 40,000 residents) with room to spare.</summary>
    public const long MaxPopulation = 1_000_000;

    public const int MaxNameLength = 100;

    /// <summary>
    /// Table Storage commits at most 100 rows in one transaction; an import writes the wards, the scheme
    /// row and an audit row together, so a scheme holds at most 98 wards. The largest UK council has
    /// fewer than 90 wards or divisions (see docs/adr/0003).
    /// </summary>
    public const int MaxWardsPerScheme = 98;

    /// <summary>Checks a ward code's shape (not that the ward exists).</summary>
    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>Checks every field, reporting each problem to <paramref name="error"/> as (field, message).</summary>
    public static void Validate(string? code, string? name, long? population, string? area, Action<string, string> error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (string.IsNullOrWhiteSpace(code))
        {
            error("code", "Enter the ward code, for example E05011234.");
        }
        else if (!IsValidCode(code))
        {
            error("code", $"'{code}' is not a ward code: it must be E05, W05 or S13 followed by six digits, for example E05011234.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            error("name", "Enter the ward name.");
        }
        else if (name.Length > MaxNameLength)
        {
            error("name", $"The ward name must be {MaxNameLength} characters or fewer.");
        }
        else if (name.Any(char.IsControl))
        {
            error("name", "The ward name must not contain control characters.");
        }

        if (population is null)
        {
            error("population", "Enter the population as a whole number.");
        }
        else if (population is < 0 or > MaxPopulation)
        {
            error("population", $"The population must be between 0 and {MaxPopulation:N0}.");
        }

        if (area is { Length: > MaxNameLength })
        {
            error("area", $"The area name must be {MaxNameLength} characters or fewer.");
        }
        else if (area is not null && area.Any(char.IsControl))
        {
            error("area", "The area name must not contain control characters.");
        }
    }

    [GeneratedRegex("^(E05|W05|S13)[0-9]{6}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
