using System.ComponentModel.DataAnnotations;

namespace PBudget.Functions.Notifications;

/// <summary>
/// Where notifications go: a local mailbox folder of <c>.eml</c> files (local runs and tests), or GOV.UK Notify
/// (Azure). Exactly one must be set; start-up fails otherwise.
/// </summary>
public sealed class NotificationsOptions : IValidatableObject
{
    public const string SectionName = "Notifications";

    /// <summary>A folder to write each notification into as an RFC 5322 <c>.eml</c> file, instead of sending it.</summary>
    public string? MailboxFolder { get; set; }

    /// <summary>GOV.UK Notify, which sends the email.</summary>
    public GovukNotifyOptions GovukNotify { get; set; } = new();

    internal bool UsesMailboxFolder => !string.IsNullOrWhiteSpace(MailboxFolder);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var notify = GovukNotify ?? new GovukNotifyOptions();
        var targets = (UsesMailboxFolder ? 1 : 0) + (notify.IsSet ? 1 : 0);
        if (targets != 1)
        {
            yield return new ValidationResult(
                (targets == 0 ? "Notifications have nowhere to go. " : "Notifications have two places to go. ") +
                "Set exactly one: Notifications:MailboxFolder (local runs: each email is written there as an .eml file), " +
                "or Notifications:GovukNotify:ApiKey with Notifications:GovukNotify:EmailTemplateId (GOV.UK Notify sends them).",
                [nameof(MailboxFolder), nameof(GovukNotify)]);
        }

        if (notify.IsSet)
        {
            foreach (var result in notify.Validate())
            {
                yield return result;
            }
        }
    }
}

/// <summary>
/// GOV.UK Notify settings. The API key is a secret: in Azure it comes from Key Vault through an app setting
/// (<c>Notifications__GovukNotify__ApiKey</c>), never from a file in the repository.
/// </summary>
public sealed class GovukNotifyOptions
{
    /// <summary>
    /// A Notify API key: <c>{key name}-{service id}-{secret key}</c>, both ids UUIDs. Use a "test" or "team and
    /// guest list" key outside production.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The id of the email template, whose subject is <c>((subject))</c> and whose body is <c>((body))</c>.</summary>
    public string? EmailTemplateId { get; set; }

    /// <summary>Where Notify's API is; leave unset for the live service. Tests point it at a local fake.</summary>
    public Uri? BaseUrl { get; set; }

    internal bool IsSet => !string.IsNullOrWhiteSpace(ApiKey) || !string.IsNullOrWhiteSpace(EmailTemplateId) || BaseUrl is not null;

    /// <summary>The service id and secret key inside an API key, or null if the key is not in Notify's format.</summary>
    internal static (Guid ServiceId, string SecretKey)? ReadApiKey(string? apiKey)
    {
        // Notify's format ends with two 36-character UUIDs joined by '-': ...-{service id}-{secret key}.
        const int GuidLength = 36;
        if (apiKey is null || apiKey.Length < (2 * GuidLength) + 2 || apiKey.Any(char.IsWhiteSpace))
        {
            return null;
        }

        var secret = apiKey[^GuidLength..];
        var service = apiKey[^((2 * GuidLength) + 1)..^(GuidLength + 1)];
        var separatorsOk = apiKey[^(GuidLength + 1)] == '-' && apiKey[^((2 * GuidLength) + 2)] == '-';
        return separatorsOk && Guid.TryParseExact(service, "D", out var serviceId) && Guid.TryParseExact(secret, "D", out _)
            ? (serviceId, secret)
            : null;
    }

    internal IEnumerable<ValidationResult> Validate()
    {
        // Never echo the key: these messages reach logs.
        if (ReadApiKey(ApiKey) is null)
        {
            yield return new ValidationResult(
                "Notifications:GovukNotify:ApiKey is missing or not a GOV.UK Notify API key ({key name}-{service id}-{secret key}, both ids UUIDs).",
                [nameof(ApiKey)]);
        }

        if (!Guid.TryParseExact(EmailTemplateId, "D", out _))
        {
            yield return new ValidationResult(
                "Notifications:GovukNotify:EmailTemplateId must be the UUID of an email template with the fields ((subject)) and ((body)).",
                [nameof(EmailTemplateId)]);
        }

        if (BaseUrl is { } url && !(url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))))
        {
            yield return new ValidationResult(
                "Notifications:GovukNotify:BaseUrl must be an absolute https address (http only on this machine, for tests).",
                [nameof(BaseUrl)]);
        }
    }
}
