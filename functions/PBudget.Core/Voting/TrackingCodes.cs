using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PBudget.Core.Voting;

/// <summary>
/// Receipts as a hash chain, after ElectionGuard's tracking codes: each code is SHA-256 of the previous code, the
/// time, a secret random salt and the ballot's canonical content, so the published list of codes and the chain's
/// closing hash commit to every ballot without revealing any. The salt is what stops anyone who knows a code, the
/// code before it and roughly when it was cast from trying every possible ballot until one hashes to it (a ward's
/// shortlist is short, so there are few ballots to try); it stays in storage and is never published.
/// One chain per ballot partition; codes are lowercase hex.
/// </summary>
/// <remarks>
/// The hashed texts, in UTF-8, are <c>pbudget-chain|v1|{scheme}|{ward}|{partition}</c> for the genesis,
/// <c>{previous}|{time}|{salt}|{id}:{points};{id}:{points}…</c> for a ballot, and <c>{last}|closed|{time}</c> for the close,
/// with times in UTC as ISO 8601 round-trip text (<c>2026-06-01T09:00:00.0000000Z</c>). Separators cannot appear in
/// the parts (the methods refuse such input), so each text reads back one way only.
/// </remarks>
public static class TrackingCodes
{
    /// <summary>Hex digits in a code: SHA-256 is 32 bytes.</summary>
    public const int Length = 64;

    /// <summary>The chain's first "previous" code: a hash naming the scheme, ward and partition.</summary>
    /// <exception cref="ArgumentException">The scheme id or ward code is empty or contains '|'.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The partition is not one of <see cref="VoterKeys.Partitions"/>.</exception>
    public static string Genesis(string schemeId, string wardCode, int partition)
    {
        RequirePart(schemeId);
        RequirePart(wardCode);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, VoterKeys.Partitions);
        return Hash(string.Create(CultureInfo.InvariantCulture, $"pbudget-chain|v1|{schemeId}|{wardCode}|{partition}"));
    }

    /// <summary>Hex digits in a salt: 128 random bits.</summary>
    public const int SaltLength = 32;

    /// <summary>A new salt for <see cref="Next"/>, from a cryptographic random source.</summary>
    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SaltLength / 2));

    /// <summary>Whether the text is a salt: 32 lowercase hex digits.</summary>
    public static bool IsSalt(string? text) => text is { Length: SaltLength } && text.All(char.IsAsciiHexDigitLower);

    /// <summary>The code for a ballot accepted at <paramref name="at"/> after <paramref name="previous"/>.</summary>
    /// <remarks>The choices are hashed in the order given, so pass them as <see cref="Ballots.Normalise"/> returns them.</remarks>
    /// <exception cref="ArgumentException">
    /// <paramref name="previous"/> is not a code, <paramref name="salt"/> is not a salt, or a proposal id is empty or contains ':', ';' or '|'.
    /// </exception>
    public static string Next(string previous, DateTimeOffset at, string salt, IReadOnlyList<BallotChoice> normalisedChoices)
    {
        RequireCode(previous);
        if (!IsSalt(salt))
        {
            throw new ArgumentException($"A salt is {SaltLength} lowercase hex digits.", nameof(salt));
        }

        ArgumentNullException.ThrowIfNull(normalisedChoices);
        var text = new StringBuilder(previous).Append('|').Append(Time(at)).Append('|').Append(salt).Append('|');
        for (var i = 0; i < normalisedChoices.Count; i++)
        {
            var choice = normalisedChoices[i];
            if (choice is null || string.IsNullOrEmpty(choice.ProposalId) || choice.ProposalId.AsSpan().IndexOfAny(":;|") >= 0)
            {
                throw new ArgumentException("Every choice must name a proposal, with no ':', ';' or '|' in its id.", nameof(normalisedChoices));
            }

            if (i > 0)
            {
                text.Append(';');
            }

            text.Append(choice.ProposalId).Append(':').Append(choice.Points.ToString(CultureInfo.InvariantCulture));
        }

        return Hash(text.ToString());
    }

    /// <summary>The hash that closes a chain when voting closes, after its last code.</summary>
    /// <exception cref="ArgumentException"><paramref name="last"/> is not a code.</exception>
    public static string Close(string last, DateTimeOffset at)
    {
        RequireCode(last);
        return Hash(last + "|closed|" + Time(at));
    }

    /// <summary>The code as shown on a receipt: groups of eight hex digits in capitals, separated by spaces.</summary>
    public static string Display(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var upper = code.ToUpperInvariant();
        return string.Join(' ', upper.Chunk(8).Select(group => new string(group)));
    }

    /// <summary>Whether the text is a code: 64 lowercase hex digits.</summary>
    public static bool IsCode(string? text) => text is { Length: Length } && text.All(char.IsAsciiHexDigitLower);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static void RequireCode(string code, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(code))] string? name = null)
    {
        if (!IsCode(code))
        {
            throw new ArgumentException("A tracking code is 64 lowercase hex digits.", name);
        }
    }

    private static void RequirePart(string part, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(part))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(part, name);
        if (part.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("The text must not contain '|'.", name);
        }
    }
}
