using System.Security.Cryptography;

namespace PBudget.Core.Voting;

/// <summary>
/// Single-use voting codes: 16 random characters (80 bits) in Crockford's base-32 alphabet, which has no I, L, O or U,
/// then a check character (Luhn mod 32), so that a mistyped character or two swapped neighbours are caught before
/// the code is looked up. Printed as four groups of four and the check character: <c>7K3M-Q9XW-2HDR-F4TN-8</c>.
/// </summary>
/// <remarks>
/// Luhn mod N catches every single wrong character, and every swap of two different neighbours except one pair: the
/// first and last characters of the alphabet, 0 and Z (as Luhn mod 10 misses 09 and 90). Such a swap gives another
/// code that passes the check; it is then refused as unknown when it is looked up.
/// </remarks>
public static class VotingCodes
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Random characters in a code: 16 × 5 bits = 80 bits.</summary>
    public const int RandomCharacters = 16;

    /// <summary>Characters in a code's canonical form: the random characters and the check character.</summary>
    public const int Length = RandomCharacters + 1;

    /// <summary>The longest text <see cref="TryNormalise"/> reads; anything longer is refused before it is looked at.</summary>
    public const int MaxTypedLength = 64;

    private const int Base = 32;

    private const string TypingMistake = "That code has a typing mistake: check it against your letter.";

    /// <summary>A new code in canonical form (17 characters, no separators), from a cryptographic random source.</summary>
    public static string Generate()
    {
        // 80 random bits, read 5 at a time: each character is uniform over the 32-character alphabet, with no bias.
        Span<byte> random = stackalloc byte[RandomCharacters * 5 / 8];
        RandomNumberGenerator.Fill(random);
        Span<char> code = stackalloc char[Length];
        var buffer = 0;
        var bits = 0;
        var next = 0;
        foreach (var value in random)
        {
            buffer = (buffer << 8) | value;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                code[next++] = Alphabet[(buffer >> bits) & (Base - 1)];
            }

            buffer &= (1 << bits) - 1;
        }

        code[RandomCharacters] = Alphabet[CheckValue(code[..RandomCharacters])];
        return new string(code);
    }

    /// <summary>The code as printed for people: groups of four and the check character, separated by hyphens.</summary>
    /// <exception cref="ArgumentException"><paramref name="canonical"/> is not a valid code in canonical form.</exception>
    public static string Format(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        if (!IsCanonical(canonical))
        {
            throw new ArgumentException("The text is not a voting code in canonical form.", nameof(canonical));
        }

        return $"{canonical[..4]}-{canonical[4..8]}-{canonical[8..12]}-{canonical[12..16]}-{canonical[16]}";
    }

    /// <summary>
    /// Reads a code as a person typed it: any case, spaces and hyphens ignored, O read as 0 and I or L as 1.
    /// On failure <paramref name="problem"/> says what is wrong in words for the voter (too short, a character that is
    /// not in codes, or a typo caught by the check character). Never throws: on failure <paramref name="canonical"/>
    /// is empty, and on success <paramref name="problem"/> is.
    /// </summary>
    public static bool TryNormalise(string? typed, out string canonical, out string problem)
    {
        canonical = "";
        if (string.IsNullOrWhiteSpace(typed))
        {
            problem = "Enter the voting code from your letter.";
            return false;
        }

        if (typed.Length > MaxTypedLength)
        {
            problem = $"That is too long for a voting code, which has {Length} letters and numbers.";
            return false;
        }

        Span<char> code = stackalloc char[MaxTypedLength];
        var count = 0;
        foreach (var typedCharacter in typed)
        {
            if (char.IsWhiteSpace(typedCharacter) || IsHyphen(typedCharacter))
            {
                continue;
            }

            var character = Read(typedCharacter);
            if (character is null)
            {
                problem = NotInCodes(typedCharacter);
                return false;
            }

            code[count++] = character.Value;
        }

        if (count != Length)
        {
            problem = count == 0
                ? "Enter the voting code from your letter."
                : $"A voting code has {Length} letters and numbers; you typed {count}.";
            return false;
        }

        if (!HasValidCheck(code[..Length]))
        {
            problem = TypingMistake;
            return false;
        }

        canonical = new string(code[..Length]);
        problem = "";
        return true;
    }

    /// <summary>Whether the text is a code exactly as <see cref="Generate"/> makes it: 17 alphabet characters with a valid check character.</summary>
    internal static bool IsCanonical(string text) =>
        text.Length == Length && text.All(character => Alphabet.Contains(character, StringComparison.Ordinal)) && HasValidCheck(text);

    /// <summary>
    /// Luhn mod 32 over the characters' values: from the right, every second value (starting with the last) is
    /// doubled and its base-32 digits summed; the check value makes the total, with the check at factor 1, a
    /// multiple of 32.
    /// </summary>
    internal static int CheckValue(ReadOnlySpan<char> payload) => (Base - (LuhnSum(payload, doubleLast: true) % Base)) % Base;

    /// <summary>Whether the last character is the check character for the others.</summary>
    internal static bool HasValidCheck(ReadOnlySpan<char> code) => LuhnSum(code, doubleLast: false) % Base == 0;

    private static int LuhnSum(ReadOnlySpan<char> code, bool doubleLast)
    {
        var sum = 0;
        var doubled = doubleLast;
        for (var i = code.Length - 1; i >= 0; i--)
        {
            var value = Alphabet.IndexOf(code[i], StringComparison.Ordinal);
            var addend = doubled ? value * 2 : value;
            sum += (addend / Base) + (addend % Base);
            doubled = !doubled;
        }

        return sum;
    }

    // The canonical character for one a person typed, or null when codes never contain it.
    private static char? Read(char typed)
    {
        var upper = typed is >= 'a' and <= 'z' ? (char)(typed - 'a' + 'A') : typed;
        var character = upper switch
        {
            'O' => '0',
            'I' or 'L' => '1',
            _ => upper,
        };
        return Alphabet.Contains(character, StringComparison.Ordinal) ? character : null;
    }

    private static bool IsHyphen(char character) => character is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212';

    private static string NotInCodes(char typed)
    {
        if (typed is 'U' or 'u')
        {
            return "Voting codes never contain the letter U: check the code against your letter.";
        }

        // Name a character the voter can see; control characters and halves of surrogate pairs cannot be shown.
        return char.IsControl(typed) || char.IsSurrogate(typed) || char.IsWhiteSpace(typed)
            ? "Voting codes contain only letters and numbers, and that code has another character in it."
            : $"Voting codes contain only letters and numbers, not '{typed}'.";
    }
}
