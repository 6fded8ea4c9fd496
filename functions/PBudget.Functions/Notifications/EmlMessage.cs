using System.Globalization;
using System.Text;

namespace PBudget.Functions.Notifications;

/// <summary>
/// Writes a notification as an Internet Message Format file (RFC 5322, with MIME headers from RFC 2045 and
/// encoded words from RFC 2047): what a mail client opens as a <c>.eml</c> file.
/// </summary>
/// <remarks>
/// The bytes are a pure function of the notification (the date is its creation time and the Message-ID its id),
/// so writing the same notification twice gives the same file.
/// </remarks>
internal static class EmlMessage
{
    /// <summary>The sender shown locally. In Azure, GOV.UK Notify sends from the service's own address.</summary>
    public const string From = "PBudget <no-reply@pbudget.localhost>";

    /// <summary>The domain part of each Message-ID.</summary>
    public const string MessageIdDomain = "pbudget.localhost";

    // RFC 5322 2.1.1: at most 998 octets on a line, excluding CRLF.
    private const int MaxLineOctets = 998;

    // RFC 2047 2: a line holding encoded words is at most 76 characters. 36 bytes of UTF-8 make a 60-character
    // "=?utf-8?B?...?=", which fits after "Subject: " or a folding space.
    private const int EncodedWordBytes = 36;

    private const string Crlf = "\r\n";

    public static byte[] Write(Notification notification, string emailAddress)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentException.ThrowIfNullOrEmpty(emailAddress);
        RefuseLineBreaks(emailAddress, notification.Recipient.DisplayName, notification.Subject, notification.Id);

        var lines = NormaliseLineEndings(notification.Body).Split(Crlf);
        var eightBit = lines.All(line => Encoding.UTF8.GetByteCount(line) <= MaxLineOctets);

        var text = new StringBuilder();
        Header(text, "From", From);
        Header(text, "To", Mailbox(notification.Recipient.DisplayName, emailAddress));
        Header(text, "Subject", Unstructured(notification.Subject));
        Header(text, "Date", notification.CreatedAt.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(text, "Message-ID", $"<{notification.Id}@{MessageIdDomain}>");
        Header(text, "MIME-Version", "1.0");
        Header(text, "Content-Type", "text/plain; charset=utf-8");
        Header(text, "Content-Transfer-Encoding", eightBit ? "8bit" : "base64");
        Header(text, "X-PBudget-Kind", notification.Kind.ToString());
        Header(text, "X-PBudget-Scheme", notification.SchemeId);
        Header(text, "X-PBudget-Proposal", notification.ProposalId);
        text.Append(Crlf);

        if (eightBit)
        {
            text.AppendJoin(Crlf, lines).Append(Crlf);
        }
        else
        {
            // A line too long for 8bit: base64 in lines of 76 characters (RFC 2045 6.8).
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join(Crlf, lines) + Crlf));
            for (var at = 0; at < encoded.Length; at += 76)
            {
                text.Append(encoded.AsSpan(at, Math.Min(76, encoded.Length - at))).Append(Crlf);
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// A display name and address: a quoted string when the name is ASCII, else encoded words with the address
    /// folded onto a line of its own (a line holding encoded words stays within 76 characters).
    /// </summary>
    internal static string Mailbox(string displayName, string emailAddress) =>
        IsAscii(displayName)
            ? "\"" + displayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + $"\" <{emailAddress}>"
            : EncodedWords(displayName) + Crlf + $" <{emailAddress}>";

    /// <summary>Header text as it is when it is printable ASCII, else as UTF-8 encoded words.</summary>
    internal static string Unstructured(string value) => IsAscii(value) ? value : EncodedWords(value);

    private static bool IsAscii(string value) => value.All(c => c is >= ' ' and <= '~');

    /// <summary>Base64 encoded words of at most 75 characters, folded onto continuation lines, never splitting a character.</summary>
    private static string EncodedWords(string value)
    {
        var words = new List<string>();
        var chunk = new StringBuilder();
        var chunkBytes = 0;
        for (var i = 0; i < value.Length; i += char.IsSurrogatePair(value, i) ? 2 : 1)
        {
            var character = value.Substring(i, char.IsSurrogatePair(value, i) ? 2 : 1);
            var bytes = Encoding.UTF8.GetByteCount(character);
            if (chunkBytes + bytes > EncodedWordBytes)
            {
                words.Add(EncodedWord(chunk.ToString()));
                chunk.Clear();
                chunkBytes = 0;
            }

            chunk.Append(character);
            chunkBytes += bytes;
        }

        words.Add(EncodedWord(chunk.ToString()));
        return string.Join(Crlf + " ", words);
    }

    private static string EncodedWord(string text) => "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";

    private static void Header(StringBuilder text, string name, string value) => text.Append(name).Append(": ").Append(value).Append(Crlf);

    private static string NormaliseLineEndings(string body) =>
        body.ReplaceLineEndings(Crlf).TrimEnd('\r', '\n');

    private static void RefuseLineBreaks(params string[] headerValues)
    {
        // Validation refuses these already; a line break here would let a value start a header of its own.
        if (headerValues.Any(value => value.Any(char.IsControl)))
        {
            throw new ArgumentException("A mail header value cannot hold control characters or line breaks.");
        }
    }
}
