using System.Globalization;
using PBudget.Core;
using PBudget.Core.Publishing;

namespace PBudget.Site.Pages;

/// <summary>How the site writes numbers, money, dates and names, in GOV.UK style.</summary>
internal static class Format
{
    private static readonly TimeZoneInfo? UkTime = FindUkTime();

    /// <summary>Money in pounds, for example <c>£24,960</c> or <c>£2.05</c>.</summary>
    public static string Pounds(long pence) => Money.FormatPounds(pence);

    /// <summary>A whole number with thousands separators, for example <c>12,480</c>.</summary>
    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The scheme's name with its financial year, unless the name already says it.</summary>
    public static string SchemeTitle(PublishedScheme scheme) =>
        scheme.Name.Contains(scheme.FinancialYear, StringComparison.OrdinalIgnoreCase)
            ? scheme.Name
            : $"{scheme.Name} {scheme.FinancialYear}";

    /// <summary>The budget for each resident, to the nearest penny, or null for a ward with no population.</summary>
    public static string? PerHead(long budgetPence, long population) =>
        population <= 0
            ? null
            : Pounds((long)Math.Round((decimal)budgetPence / population, MidpointRounding.AwayFromZero));

    /// <summary>A moment in UK time, GOV.UK style: <c>23 November 2026 at 9:05am</c>.</summary>
    public static string DateTime(DateTimeOffset moment)
    {
        var (local, zone) = UkTime is null ? (moment.ToUniversalTime(), " UTC") : (TimeZoneInfo.ConvertTime(moment, UkTime), "");
        var time = local.ToString("h:mm", CultureInfo.InvariantCulture) + (local.Hour < 12 ? "am" : "pm");
        return local.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) + " at " + time + zone;
    }

    /// <summary>The UK date of a moment, GOV.UK style: <c>23 November 2026</c>.</summary>
    public static string Date(DateTimeOffset moment) =>
        (UkTime is null ? moment.ToUniversalTime() : TimeZoneInfo.ConvertTime(moment, UkTime)).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A moment as a machine-readable <c>datetime</c> attribute.</summary>
    public static string IsoDateTime(DateTimeOffset moment) => moment.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"1 ward", "12 wards".</summary>
    public static string Count(int count, string singular, string plural) =>
        Number(count) + " " + (count == 1 ? singular : plural);

    private static TimeZoneInfo? FindUkTime()
    {
        // Hosts without time zone data still build the site; times are then labelled UTC rather than guessed.
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
