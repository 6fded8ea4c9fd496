using System.Globalization;
using CsvHelper;
using PBudget.Core.Validation;

namespace PBudget.Core.Wards;

/// <summary>One thing wrong with a ward file, at a line (1 is the header) and a field.</summary>
public sealed record WardFileError(int Line, string Field, string Message)
{
    public override string ToString() => Line > 0 ? $"Line {Line}, {Field}: {Message}" : $"{Field}: {Message}";
}

/// <summary>The result of reading a ward file: every ward, or every error (never a partial list).</summary>
public sealed record WardFileResult(IReadOnlyList<Ward> Wards, IReadOnlyList<WardFileError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads a council's ward list from CSV: a header row, then one ward per row with its code, name,
/// population and optional area. Header names are matched without regard to case, and ONS lookup
/// headers such as <c>WD24CD</c>/<c>WD24NM</c> are understood. Every bad row is reported with its line
/// and field; a file with any error yields no wards.
/// </summary>
public static class WardCsvReader
{
    private static readonly string[] CodeHeaders = ["code", "ward_code", "ward code", "wardcode"];
    private static readonly string[] NameHeaders = ["name", "ward_name", "ward name", "wardname"];
    private static readonly string[] PopulationHeaders = ["population", "pop", "residents"];
    private static readonly string[] AreaHeaders = ["area", "area_name", "area name", "locality"];

    /// <summary>The largest file read, 1 MiB: a ward list is a few kilobytes.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static WardFileResult Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var errors = new List<WardFileError>();
        var wards = new List<Ward>();
        var malformedLines = new HashSet<long>();
        using var csv = CouncilCsv.Open(reader, malformedLines);
        if (!csv.Read() || CouncilCsv.Fields(csv) is not { Length: > 0 } header || header.All(string.IsNullOrWhiteSpace))
        {
            return Failed(new WardFileError(1, "header", "The file is empty. The first line must be a header: code,name,population,area."));
        }

        var columns = new Columns(
            CouncilCsv.Find(header, CodeHeaders, "CD"),
            CouncilCsv.Find(header, NameHeaders, "NM"),
            CouncilCsv.Find(header, PopulationHeaders, null),
            CouncilCsv.Find(header, AreaHeaders, null));
        var missing = new List<string>();
        if (columns.Code < 0)
        {
            missing.Add("code");
        }

        if (columns.Name < 0)
        {
            missing.Add("name");
        }

        if (columns.Population < 0)
        {
            missing.Add("population");
        }

        if (missing.Count > 0)
        {
            return Failed(new WardFileError(1, "header", $"The header has no {string.Join(" or ", missing)} column. Found: {string.Join(", ", header)}. Expected: code,name,population,area."));
        }

        var lineOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            var record = CouncilCsv.Fields(csv);
            if (malformedLines.Contains(line))
            {
                errors.Add(new WardFileError(line, "row", "The row has a stray or unclosed quote: put quotes around the whole field and double any quote inside it."));
                continue;
            }

            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var code = CouncilCsv.Field(record, columns.Code);
            var name = CouncilCsv.Field(record, columns.Name);
            var populationText = CouncilCsv.Field(record, columns.Population);
            var area = columns.Area >= 0 ? CouncilCsv.Field(record, columns.Area) : null;
            long? population = null;
            var rowErrors = new List<WardFileError>();
            if (!string.IsNullOrWhiteSpace(populationText))
            {
                // Thousands separators are common in spreadsheets; anything else that is not a whole number is an error.
                if (long.TryParse(populationText, NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    population = parsed;
                }
                else
                {
                    rowErrors.Add(new WardFileError(line, "population", $"'{populationText}' is not a whole number."));
                }
            }

            Ward.Validate(code, name, population, string.IsNullOrWhiteSpace(area) ? null : area, (field, message) =>
            {
                if (!(field == "population" && rowErrors.Count > 0))
                {
                    rowErrors.Add(new WardFileError(line, field, message));
                }
            });

            if (code is not null && lineOfCode.TryGetValue(code, out var firstLine))
            {
                rowErrors.Add(new WardFileError(line, "code", $"Ward {code} is already on line {firstLine}; each ward must appear once."));
            }
            else if (code is not null)
            {
                lineOfCode[code] = line;
            }

            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors);
            }
            else
            {
                wards.Add(new Ward(code!, name!, population!.Value, string.IsNullOrWhiteSpace(area) ? null : area));
            }
        }

        if (errors.Count == 0 && wards.Count == 0)
        {
            errors.Add(new WardFileError(2, "row", "The file has a header but no wards."));
        }

        if (lineOfCode.Count > Ward.MaxWardsPerScheme)
        {
            errors.Add(new WardFileError(0, "file", $"The file lists {lineOfCode.Count} wards; a scheme can hold at most {Ward.MaxWardsPerScheme}."));
        }

        return errors.Count > 0 ? new WardFileResult([], errors) : new WardFileResult(wards, []);
    }

    private static WardFileResult Failed(WardFileError error) => new([], [error]);

    private readonly record struct Columns(int Code, int Name, int Population, int Area);
}
