using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using PBudget.Counting.Elections;

namespace PBudget.Counting.Pabulib;

/// <summary>The names the format fixes (pabulib.org/format): sections, required columns, META keys and vote types.</summary>
internal static class PabulibFormat
{
    public const string SectionMeta = "META";
    public const string SectionProjects = "PROJECTS";
    public const string SectionVotes = "VOTES";

    public const string ProjectId = "project_id";
    public const string Cost = "cost";
    public const string Name = "name";
    public const string Score = "score";
    public const string Selected = "selected";
    public const string VoterId = "voter_id";
    public const string VoteColumn = "vote";
    public const string PointsColumn = "points";

    public const string Description = "description";
    public const string NumProjects = "num_projects";
    public const string NumVotes = "num_votes";
    public const string Budget = "budget";
    public const string VoteTypeKey = "vote_type";
    public const string MinLength = "min_length";
    public const string MaxLength = "max_length";
    public const string MinSumCost = "min_sum_cost";
    public const string MaxSumCost = "max_sum_cost";
    public const string MinPoints = "min_points";
    public const string MaxPoints = "max_points";
    public const string MinSumPoints = "min_sum_points";
    public const string MaxSumPoints = "max_sum_points";
    public const string MinProjectScoreThreshold = "min_project_score_threshold";

    /// <summary>The sections in the order a file must give them.</summary>
    public static readonly string[] Sections = [SectionMeta, SectionProjects, SectionVotes];

    public static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n");

    /// <summary>Characters that force a field into quotes.</summary>
    public static readonly SearchValues<char> NeedQuoting = SearchValues.Create(";\"\r\n");

    public static string VoteTypeName(VoteType voteType) => voteType switch
    {
        VoteType.Approval => "approval",
        VoteType.ChooseOne => "choose-1",
        VoteType.Cumulative => "cumulative",
        VoteType.Scoring => "scoring",
        VoteType.Ordinal => "ordinal",
        _ => throw new ArgumentOutOfRangeException(nameof(voteType), voteType, "Not a vote type."),
    };

    public static VoteType? ParseVoteType(string text) => text.Trim().ToLowerInvariant() switch
    {
        "approval" => VoteType.Approval,
        "choose-1" => VoteType.ChooseOne,
        "cumulative" => VoteType.Cumulative,
        "scoring" => VoteType.Scoring,
        "ordinal" => VoteType.Ordinal,
        _ => null,
    };

    public static bool HasPoints(VoteType? voteType) => voteType is VoteType.Cumulative or VoteType.Scoring;

    /// <summary>Where a column is in a header, matched without regard to case or surrounding spaces; -1 if absent.</summary>
    public static int ColumnIndex(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].AsSpan().Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The section a line names (META, PROJECTS or VOTES, in any case), as an index into <see cref="Sections"/>; -1 if none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int SectionIndex(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim();
        for (var i = 0; i < Sections.Length; i++)
        {
            if (trimmed.Equals(Sections[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>How many line breaks a field holds, counted as the reader counts them (CRLF, LF or a lone CR each once).</summary>
    public static int LineBreakCount(ReadOnlySpan<char> text)
    {
        var count = 0;
        for (var i = text.IndexOfAny(LineBreaks); i >= 0; i = text.IndexOfAny(LineBreaks))
        {
            count++;
            var width = text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
            text = text[(i + width)..];
        }

        return count;
    }

    /// <summary>Text quoted for a message, shortened when long so a message stays one readable line.</summary>
    public static string Quote(ReadOnlySpan<char> text)
    {
        const int Longest = 60;
        return text.Length <= Longest ? $"\"{text}\"" : $"\"{text[..Longest]}…\"";
    }

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Plural(long count, string one, string many) => count == 1 ? $"1 {one}" : $"{Format(count)} {many}";
}

/// <summary>One row's fields, whether straight from the file's buffer or from a document's strings.</summary>
internal interface IPabulibRow
{
    int Count { get; }

    ReadOnlySpan<char> this[int index] { get; }
}

/// <summary>A document's row seen as an <see cref="IPabulibRow"/>, reused from row to row.</summary>
internal sealed class StringRow : IPabulibRow
{
    private IReadOnlyList<string> fields = [];

    public int Count => fields.Count;

    public ReadOnlySpan<char> this[int index] => fields[index];

    public StringRow Set(IReadOnlyList<string> row)
    {
        fields = row;
        return this;
    }
}

/// <summary>Whole numbers as the format writes them: digits with an optional minus, and optionally a decimal point followed only by zeros ("1000.00").</summary>
internal static class WholeNumber
{
    public enum Status
    {
        Ok,
        NotWhole,
        TooLarge,
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Status Parse(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        var i = 0;
        var negative = text.Length > 0 && text[0] == '-';
        if (negative)
        {
            i = 1;
        }

        var digitsStart = i;
        ulong magnitude = 0;
        var overflow = false;
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
        {
            var digit = (ulong)(text[i] - '0');
            if (magnitude > (ulong.MaxValue - digit) / 10)
            {
                overflow = true;
            }
            else
            {
                magnitude = (magnitude * 10) + digit;
            }
        }

        if (i == digitsStart)
        {
            return Status.NotWhole;
        }

        if (i < text.Length)
        {
            if (text[i] != '.' || i + 1 == text.Length)
            {
                return Status.NotWhole;
            }

            for (i++; i < text.Length; i++)
            {
                if (text[i] != '0')
                {
                    return Status.NotWhole;
                }
            }
        }

        var limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        if (overflow || magnitude > limit)
        {
            return Status.TooLarge;
        }

        value = negative ? unchecked((long)(0UL - magnitude)) : (long)magnitude;
        return Status.Ok;
    }

    /// <summary>The message for text that did not parse, such as <c>"12x" is not a whole number</c>.</summary>
    public static string Problem(ReadOnlySpan<char> text, Status status) => status == Status.TooLarge
        ? $"{PabulibFormat.Quote(text)} is too large"
        : $"{PabulibFormat.Quote(text)} is not a whole number";
}
