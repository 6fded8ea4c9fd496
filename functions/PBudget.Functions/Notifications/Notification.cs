using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using PBudget.Core.Proposals;
using PBudget.Core.Schemes;

namespace PBudget.Functions.Notifications;

/// <summary>What a notification tells its recipient about. Carried by name on the queue: add values, never rename.</summary>
public enum NotificationKind
{
    ProposalReceived,
    ProposalHidden,
    ProposalFeasible,
    ProposalNotFeasible,
    ProposalMerged,
    ProposalShortlisted,

    /// <summary>A hidden proposal is shown again.</summary>
    ProposalShown,
}

/// <summary>Who a notification is for. With no email address it cannot be sent, and is logged and dropped.</summary>
public sealed record NotificationRecipient(string UserId, string DisplayName, string? EmailAddress);

/// <summary>
/// A message to a person about a decision on what they submitted, carried as plain JSON text on the
/// notifications queue. The caller writes the words (subject and plain-text body).
/// </summary>
/// <param name="Id">
/// Stable and derived from the decision (see <see cref="IdFrom"/>), never random: a retried enqueue or a
/// redelivered message then sends the same mail once. Lowercase letters, digits, '-' and '_', at most 100.
/// </param>
/// <param name="Recipient">Who it is for.</param>
/// <param name="Kind">What it is about.</param>
/// <param name="Subject">One line, at most 200 characters.</param>
/// <param name="Body">Plain text, at most 10,000 characters.</param>
/// <param name="SchemeId">The scheme the proposal belongs to.</param>
/// <param name="ProposalId">The proposal the decision is about.</param>
/// <param name="CreatedAt">When the decision was made; also the mail's date, so a rewrite is identical.</param>
public sealed partial record Notification(
    string Id,
    NotificationRecipient Recipient,
    NotificationKind Kind,
    string Subject,
    string Body,
    string SchemeId,
    string ProposalId,
    DateTimeOffset CreatedAt)
{
    public const int MaxIdLength = 100;
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 10_000;
    public const int MaxNameLength = 200;

    // RFC 5321's limit on a forward path, which bounds an address.
    public const int MaxEmailLength = 254;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>
    /// A notification id derived from the parts that identify a decision (for example scheme id, audit row key
    /// and kind): the same parts always give the same id.
    /// </summary>
    public static string IdFrom(params IEnumerable<string> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var source = string.Join('\n', parts);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..32];
    }

    /// <summary>Reads a queue message; a message that is not a valid notification is a poison message and throws.</summary>
    /// <exception cref="FormatException">The text is not JSON, or not a valid notification.</exception>
    public static Notification Parse(string messageText)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        Notification? notification;
        try
        {
            notification = JsonSerializer.Deserialize<Notification>(messageText, Json);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"The notification message is not a valid notification: {exception.Message}", exception);
        }

        if (notification is null)
        {
            throw new FormatException("The notification message is null.");
        }

        var problems = notification.Problems().ToList();
        return problems.Count == 0
            ? notification
            : throw new FormatException($"The notification message is not valid: {string.Join(" ", problems)}");
    }

    /// <summary>The message text for the queue.</summary>
    /// <exception cref="ArgumentException">The notification is not valid; the message says why.</exception>
    public string ToMessageText()
    {
        var problems = Problems().ToList();
        return problems.Count == 0
            ? JsonSerializer.Serialize(this, Json)
            : throw new ArgumentException($"The notification is not valid: {string.Join(" ", problems)}");
    }

    /// <summary>Everything wrong with this notification, one sentence each; empty when it is valid.</summary>
    public IEnumerable<string> Problems()
    {
        if (Id is null || Id.Length > MaxIdLength || !IdPattern().IsMatch(Id))
        {
            yield return $"The id must be 1 to {MaxIdLength} lowercase letters, digits, '-' or '_', starting with a letter or digit.";
        }

        if (Recipient is null)
        {
            yield return "There is no recipient.";
        }
        else
        {
            if (string.IsNullOrWhiteSpace(Recipient.UserId) || Recipient.UserId.Length > MaxNameLength || HasControlCharacters(Recipient.UserId))
            {
                yield return $"The recipient's user id must be 1 to {MaxNameLength} characters on one line.";
            }

            if (string.IsNullOrWhiteSpace(Recipient.DisplayName) || Recipient.DisplayName.Length > MaxNameLength || HasControlCharacters(Recipient.DisplayName))
            {
                yield return $"The recipient's display name must be 1 to {MaxNameLength} characters on one line.";
            }

            if (Recipient.EmailAddress is { } email && !IsEmailAddress(email))
            {
                yield return "The recipient's email address is not an address (name@domain, no spaces); leave it null when there is none.";
            }
        }

        if (!Enum.IsDefined(Kind))
        {
            yield return $"The kind {(int)Kind} is unknown.";
        }

        if (string.IsNullOrWhiteSpace(Subject) || Subject.Length > MaxSubjectLength || HasControlCharacters(Subject))
        {
            yield return $"The subject must be 1 to {MaxSubjectLength} characters on one line.";
        }

        if (string.IsNullOrWhiteSpace(Body) || Body.Length > MaxBodyLength)
        {
            yield return $"The body must be 1 to {MaxBodyLength} characters.";
        }

        if (!Scheme.IsValidId(SchemeId))
        {
            yield return "The scheme id is not a scheme id.";
        }

        if (!Proposal.IsValidId(ProposalId))
        {
            yield return "The proposal id is not a proposal id.";
        }

        if (CreatedAt == default)
        {
            yield return "The creation time is missing.";
        }
    }

    private static bool HasControlCharacters(string text) => text.Any(char.IsControl);

    private static bool IsEmailAddress(string text) =>
        text.Length <= MaxEmailLength && EmailPattern().IsMatch(text);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    // Deliberately loose (the sender's service does the real check), but one line, one '@', a dotted domain,
    // and nothing that could end a mail header or start a second address.
    [GeneratedRegex("^[^@\\s\\p{C},;<>\"]+@[^@\\s\\p{C},;<>\"]+\\.[^@\\s\\p{C},;<>\".]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
