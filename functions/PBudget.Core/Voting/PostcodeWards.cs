using System.Globalization;
using CsvHelper;
using PBudget.Core.Proposals;
using PBudget.Core.Validation;

namespace PBudget.Core.Voting;

/// <summary>A postcode (normalised, with its space, e.g. "LS1 4AP") and the ward it is in.</summary>
public sealed record PostcodeWard(string Postcode, string WardCode);

/// <summary>One thing wrong with a postcode file, at a line (1 is the header) and a field.</summary>
public sealed record PostcodeFileError(int Line, string Field, string Message)
{
    public override string ToString() => Line > 0 ? $"Line {Line}, {Field}: {Message}" : $"{Field}: {Message}";
}

/// <summary>Every postcode in the file, or every error (never a partial list).</summary>
public sealed record PostcodeFileResult(IReadOnlyList<PostcodeWard> Postcodes, IReadOnlyList<PostcodeFileError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads the council's postcode-to-ward lookup from CSV, validated like the ward import: a header naming a postcode
/// column (postcode, pcd, pcds, pcd7, pcd8) and a ward column (ward, ward_code, osward as in the ONS Postcode
/// Directory, or an ONS code header such as wd24cd); other columns are ignored, so an ONS postcode directory extract
/// can be imported as it is. Every bad row is reported with its line and field (bad postcode, ward not in the scheme,
/// a postcode given two different wards). Postcodes are normalised (upper case, one space before the last three
/// characters) and returned in ordinal order; a postcode listed twice for the same ward is kept once.
/// </summary>
public static class PostcodeWardCsvReader
{
    private static readonly string[] PostcodeHeaders = ["postcode", "pcd", "pcds", "pcd7", "pcd8"];
    private static readonly string[] WardHeaders = ["ward", "ward_code", "ward code", "wardcode", "osward"];

    private const string Expected =
        "Expected a postcode column (postcode, pcd, pcds, pcd7 or pcd8) and a ward column (ward, ward_code, osward or an ONS code such as WD24CD).";

    /// <summary>The largest file read, 32 MiB: a big council's extract of the ONS directory is a few megabytes.</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    /// <summary>Reports at most this many errors, then one saying how many more lines are wrong.</summary>
    public const int MaxErrors = 100;

    /// <summary>Reads the file; ward codes are trimmed and compared with <paramref name="schemeWardCodes"/> ordinally.</summary>
    public static PostcodeFileResult Read(TextReader reader, IReadOnlySet<string> schemeWardCodes)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(schemeWardCodes);
        var wardCodes = schemeWardCodes.Select(code => code.Trim()).ToHashSet(StringComparer.Ordinal);
        var errors = new List<PostcodeFileError>();
        var moreLines = 0;
        var malformedLines = new HashSet<long>();
        using var csv = CouncilCsv.Open(reader, malformedLines);
        if (!csv.Read() || CouncilCsv.Fields(csv) is not { Length: > 0 } header || header.All(string.IsNullOrWhiteSpace))
        {
            return Failed(new PostcodeFileError(1, "header", "The file is empty. The first line must be a header: postcode,ward."));
        }

        var postcodeColumn = CouncilCsv.Find(header, PostcodeHeaders, null);
        var wardColumn = CouncilCsv.Find(header, WardHeaders, "CD");
        var missing = new List<string>();
        if (postcodeColumn < 0)
        {
            missing.Add("postcode");
        }

        if (wardColumn < 0)
        {
            missing.Add("ward");
        }

        if (missing.Count > 0)
        {
            return Failed(new PostcodeFileError(1, "header", $"The header has no {string.Join(" or ", missing)} column. Found: {string.Join(", ", header)}. {Expected}"));
        }

        // Each postcode's ward and the line it was first given on.
        var wardOf = new Dictionary<string, (string Ward, int Line)>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            var record = CouncilCsv.Fields(csv);
            var rowErrors = new List<PostcodeFileError>();
            if (malformedLines.Contains(line))
            {
                rowErrors.Add(new PostcodeFileError(line, "row", "The row has a stray or unclosed quote: put quotes around the whole field and double any quote inside it."));
            }
            else if (!record.All(string.IsNullOrWhiteSpace))
            {
                Check(line, CouncilCsv.Field(record, postcodeColumn), CouncilCsv.Field(record, wardColumn), wardCodes, wardOf, rowErrors);
            }

            if (rowErrors.Count == 0)
            {
                continue;
            }

            if (errors.Count < MaxErrors)
            {
                errors.AddRange(rowErrors.Take(MaxErrors - errors.Count));
            }
            else
            {
                moreLines++;
            }
        }

        if (moreLines > 0)
        {
            errors.Add(new PostcodeFileError(0, "file", moreLines == 1 ? "And 1 more line has errors." : $"And {moreLines} more lines have errors."));
        }

        if (errors.Count == 0 && wardOf.Count == 0)
        {
            errors.Add(new PostcodeFileError(2, "row", "The file has a header but no postcodes."));
        }

        return errors.Count > 0
            ? new PostcodeFileResult([], errors)
            : new PostcodeFileResult([.. wardOf.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new PostcodeWard(pair.Key, pair.Value.Ward))], []);
    }

    private static void Check(
        int line,
        string? postcodeText,
        string? wardText,
        HashSet<string> wardCodes,
        Dictionary<string, (string Ward, int Line)> wardOf,
        List<PostcodeFileError> rowErrors)
    {
        var postcode = ProposalDetails.NormalisePostcode(postcodeText);
        if (string.IsNullOrWhiteSpace(postcodeText))
        {
            rowErrors.Add(new PostcodeFileError(line, "postcode", "Enter the postcode."));
        }
        else if (postcode is null)
        {
            rowErrors.Add(new PostcodeFileError(line, "postcode", $"'{postcodeText}' is not a full UK postcode, like LS1 4AP."));
        }

        var ward = wardText?.Trim();
        if (string.IsNullOrEmpty(ward))
        {
            rowErrors.Add(new PostcodeFileError(line, "ward", "Enter the ward code."));
        }
        else if (!wardCodes.Contains(ward))
        {
            rowErrors.Add(new PostcodeFileError(line, "ward", $"'{ward}' is not one of this scheme's wards."));
        }

        if (rowErrors.Count > 0)
        {
            return;
        }

        if (!wardOf.TryGetValue(postcode!, out var first))
        {
            wardOf[postcode!] = (ward!, line);
        }
        else if (!string.Equals(first.Ward, ward, StringComparison.Ordinal))
        {
            rowErrors.Add(new PostcodeFileError(line, "postcode", $"Postcode {postcode} is in ward {first.Ward} on line {first.Line} and in ward {ward} here; a postcode can be in only one ward."));
        }
    }

    private static PostcodeFileResult Failed(PostcodeFileError error) => new([], [error]);
}
