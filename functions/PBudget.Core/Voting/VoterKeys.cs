using System.Security.Cryptography;
using System.Text;

namespace PBudget.Core.Voting;

/// <summary>
/// Keys that stand for voters in stored ballots: a keyed HMAC-SHA256 of who or what voted, never the identity or the
/// code itself. Without the scheme's secret key a stored ballot cannot be tied to a person or a code.
/// </summary>
public static class VoterKeys
{
    /// <summary>How many partitions each ward's ballots are spread over, so writes (and receipt chains) run in parallel.</summary>
    public const int Partitions = 16;

    /// <summary>The key for a resident voting with their account.</summary>
    public static string ForAccount(byte[] secret, string schemeId, string userId) => Hmac(secret, $"account|{schemeId}|{userId}");

    /// <summary>The key for a voting code (canonical form); it is also how the code itself is stored.</summary>
    public static string ForCode(byte[] secret, string schemeId, string canonicalCode) => Hmac(secret, $"code|{schemeId}|{canonicalCode}");

    /// <summary>The key for a numbered paper ballot sheet in a ward.</summary>
    public static string ForSheet(byte[] secret, string schemeId, string wardCode, string sheetNumber) => Hmac(secret, $"sheet|{schemeId}|{wardCode}|{sheetNumber}");

    /// <summary>Which of the ward's partitions a voter's ballot lives in.</summary>
    public static int PartitionOf(string voterKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(voterKey);
        return Convert.ToInt32(voterKey[..2], 16) % Partitions;
    }

    private static string Hmac(byte[] secret, string text)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < 32)
        {
            throw new ArgumentException("The voter key secret must be at least 32 bytes.", nameof(secret));
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(text)));
    }
}
