using System.Globalization;
using System.Text.RegularExpressions;
using PBudget.Core.Validation;

namespace PBudget.Core.Proposals;

/// <summary>Where a proposed project would happen: a postcode, a point, or neither.</summary>
/// <param name="Postcode">A UK postcode, normalised to upper case with one space, for example <c>LS1 4AP</c>.</param>
/// <param name="Latitude">Degrees north (WGS 84), with <paramref name="Longitude"/>.</param>
/// <param name="Longitude">Degrees east (WGS 84); negative west of Greenwich.</param>
public sealed record ProposalLocation(string? Postcode, decimal? Latitude, decimal? Longitude)
{
    public bool IsEmpty => Postcode is null && Latitude is null;

    public override string ToString() => Postcode ?? (Latitude is { } lat && Longitude is { } lon
        ? string.Create(CultureInfo.InvariantCulture, $"{lat}, {lon}")
        : "");
}

/// <summary>What a resident writes about their project: everything they can edit while proposals are open.</summary>
/// <param name="Title">A short name for the project.</param>
/// <param name="Summary">One or two sentences that appear in lists.</param>
/// <param name="Description">The full description, in Markdown (raw HTML is shown as text, never run).</param>
/// <param name="EstimatedCostPence">The resident's estimate, in pence.</param>
/// <param name="Category">One of <see cref="ProposalCategories.All"/>.</param>
/// <param name="Location">Where it would happen, if anywhere in particular.</param>
/// <param name="Organisation">The group proposing it, if any.</param>
public sealed partial record ProposalDetails(
    string Title,
    string Summary,
    string Description,
    long EstimatedCostPence,
    string Category,
    ProposalLocation? Location,
    string? Organisation)
{
    public const int MaxTitleLength = 100;
    public const int MaxSummaryLength = 300;
    public const int MaxDescriptionLength = 5000;
    public const int MaxOrganisationLength = 100;

    /// <summary>£1 million: far above any ward's devolved budget, low enough to catch a slip of the keyboard.</summary>
    public const long MaxCostPence = 100_000_000;

    /// <summary>
    /// Checks and normalises what a resident typed, as a form or a JSON body sends it. Every problem is reported, keyed
    /// by the field's name, with a message that says how to put it right.
    /// </summary>
    public static (ProposalDetails? Details, ValidationErrors Errors) Parse(
        string? title, string? summary, string? description, string? estimatedCost, string? category, string? postcode, string? point, string? organisation)
    {
        var errors = new ValidationErrors();
        var cleanTitle = Text(title, "title", "a title for your project", MaxTitleLength, singleLine: true, errors);
        var cleanSummary = Text(summary, "summary", "a short summary", MaxSummaryLength, singleLine: false, errors);
        var cleanDescription = Text(description, "description", "a description", MaxDescriptionLength, singleLine: false, errors);

        long cost = 0;
        if (string.IsNullOrWhiteSpace(estimatedCost))
        {
            errors.Add("estimatedCost", "Enter an estimated cost in pounds, for example 2500.");
        }
        else if (!TryParsePounds(estimatedCost, out cost))
        {
            errors.Add("estimatedCost", "Enter the estimated cost as an amount in pounds, like 2500 or 2,500.50.");
        }
        else if (cost <= 0)
        {
            errors.Add("estimatedCost", "The estimated cost must be more than £0.");
        }
        else if (cost > MaxCostPence)
        {
            errors.Add("estimatedCost", $"The estimated cost must be {Money.FormatPounds(MaxCostPence)} or less.");
        }

        var cleanCategory = ProposalCategories.Find(category);
        if (cleanCategory is null)
        {
            errors.Add("category", string.IsNullOrWhiteSpace(category)
                ? "Choose a category."
                : $"Choose one of the categories: {string.Join(", ", ProposalCategories.All)}.");
        }

        var location = ParseLocation(postcode, point, errors);

        string? cleanOrganisation = null;
        if (!string.IsNullOrWhiteSpace(organisation))
        {
            cleanOrganisation = Text(organisation, "organisation", "the organisation's name", MaxOrganisationLength, singleLine: true, errors);
        }

        return errors.IsValid
            ? (new ProposalDetails(cleanTitle!, cleanSummary!, cleanDescription!, cost, cleanCategory!, location, cleanOrganisation), errors)
            : (null, errors);
    }

    /// <summary>Reads an amount of pounds as people write it: <c>2500</c>, <c>2,500</c>, <c>£2,500.50</c>. At most two decimal places.</summary>
    public static bool TryParsePounds(string? text, out long pence)
    {
        pence = 0;
        if (text is null)
        {
            return false;
        }

        var trimmed = text.Trim();
        if (!PoundsPattern().IsMatch(trimmed))
        {
            return false;
        }

        var digits = trimmed.TrimStart('£').Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var pounds) || pounds > long.MaxValue / 100)
        {
            return false;
        }

        pence = (long)(pounds * 100);
        return true;
    }

    /// <summary>Normalises a UK postcode (any case and spacing) to the Royal Mail form, or null if it is not one.</summary>
    public static string? NormalisePostcode(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        return PostcodePattern().IsMatch(compact) ? compact[..^3] + " " + compact[^3..] : null;
    }

    private static ProposalLocation? ParseLocation(string? postcode, string? point, ValidationErrors errors)
    {
        var hasPostcode = !string.IsNullOrWhiteSpace(postcode);
        var hasPoint = !string.IsNullOrWhiteSpace(point);
        if (hasPostcode && hasPoint)
        {
            errors.Add("location", "Give a postcode or a map point, not both.");
            return null;
        }

        if (hasPostcode)
        {
            var normalised = NormalisePostcode(postcode);
            if (normalised is null)
            {
                errors.Add("postcode", "Enter a full UK postcode, like LS1 4AP.");
                return null;
            }

            return new ProposalLocation(normalised, null, null);
        }

        if (hasPoint)
        {
            var parts = point!.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !decimal.TryParse(parts[0], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var latitude)
                || !decimal.TryParse(parts[1], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var longitude))
            {
                errors.Add("point", "Enter the point as latitude and longitude separated by a comma, like 53.7997, -1.5492.");
                return null;
            }

            // The bounding box of the United Kingdom with its islands.
            if (latitude is < 49.8m or > 60.9m || longitude is < -8.7m or > 1.8m)
            {
                errors.Add("point", "That point is not in the United Kingdom. Check the latitude and longitude are the right way round.");
                return null;
            }

            return new ProposalLocation(null, decimal.Round(latitude, 6), decimal.Round(longitude, 6));
        }

        return null;
    }

    private static string? Text(string? value, string field, string what, int maxLength, bool singleLine, ValidationErrors errors)
    {
        var trimmed = value?.Trim().ReplaceLineEndings("\n");
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add(field, $"Enter {what}.");
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"This must be {maxLength:N0} characters or fewer; you have {trimmed.Length:N0}."));
            return null;
        }

        if (trimmed.Any(c => char.IsControl(c) && (singleLine || (c != '\n' && c != '\t'))))
        {
            errors.Add(field, singleLine ? "This must be on one line." : "This contains characters that cannot be shown.");
            return null;
        }

        return trimmed;
    }

    [GeneratedRegex("^£?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\\.[0-9]{1,2})?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PoundsPattern();

    // The Royal Mail shapes (outward code of 2-4 characters, inward code of a digit and two letters), without spaces.
    [GeneratedRegex("^([A-Z]{1,2}[0-9][0-9A-Z]?)[0-9][A-Z]{2}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PostcodePattern();
}
