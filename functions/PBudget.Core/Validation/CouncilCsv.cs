using CsvHelper;

namespace PBudget.Core.Validation;

/// <summary>
/// What the council file readers (wards, postcodes) share: the reader's settings, so every row is read and each
/// malformed line is reported rather than thrown, and finding columns by header name or ONS ward code header.
/// </summary>
internal static class CouncilCsv
{
    /// <summary>A reader that keeps line numbers, allows ragged rows and records each malformed line in <paramref name="malformedLines"/>.</summary>
    public static CsvReader Open(TextReader reader, HashSet<long> malformedLines) =>
        CsvReader.Create(
            reader,
            new CsvReaderOptions
            {
                HasHeader = false,
                TrackLineNumbers = true,
                SkipEmptyLines = false,
                TrimWhitespace = true,
                FieldCountMismatch = CsvFieldCountHandling.Allow,
                MalformedData = CsvMalformedDataHandling.Recover,
                OnMalformedRecord = record => malformedLines.Add(record.LineNumber),
            },
            leaveOpen: true);

    /// <summary>The current row's fields.</summary>
    public static string[] Fields(CsvReader csv)
    {
        var fields = new string[csv.FieldCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = csv.GetString(i);
        }

        return fields;
    }

    /// <summary>A field of a row, or null when the row is too short to have it.</summary>
    public static string? Field(string[] record, int index) =>
        index < record.Length ? record[index] : null;

    /// <summary>The column with one of <paramref name="names"/> (any case), or else an ONS lookup column such as WD24CD by its suffix; -1 when none.</summary>
    public static int Find(string[] header, string[] names, string? onsSuffix)
    {
        for (var i = 0; i < header.Length; i++)
        {
            if (names.Contains(header[i].Trim(), StringComparer.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            if (onsSuffix is not null && name.Length == 6 && name.StartsWith("WD", StringComparison.OrdinalIgnoreCase)
                && name.EndsWith(onsSuffix, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
