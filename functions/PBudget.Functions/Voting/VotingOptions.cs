using System.ComponentModel.DataAnnotations;

namespace PBudget.Functions.Voting;

/// <summary>Voting's secret and limits.</summary>
public sealed class VotingOptions : IValidatableObject
{
    public const string SectionName = "Voting";

    // Decoded once: every ballot needs it, and the options object lives as long as the app.
    private byte[]? secretBytes;

    /// <summary>The secret in appsettings.Development.json: public, so refused in every other environment.</summary>
    public const string DevelopmentSecret = "ZGV2ZWxvcG1lbnQtb25seSB2b3RlciBrZXkgc2VjcmV0IC0gbmV2ZXIgaW4gcHJvZHVjdGlvbg==";

    /// <summary>
    /// The secret (base64, at least 32 bytes) that keys voters' and codes' HMACs. In Azure it comes from Key Vault.
    /// Changing it during a scheme makes every issued code unusable and lets account voters vote again, so never do.
    /// </summary>
    public string? VoterKeySecret { get; set; }

    /// <summary>Wrong voting codes one client (IP address) may try in 15 minutes.</summary>
    [Range(1, 10_000)]
    public int WrongCodesPerClient { get; set; } = 10;

    /// <summary>Wrong voting codes all clients together may try for one ward in an hour.</summary>
    [Range(1, 1_000_000)]
    public int WrongCodesPerWard { get; set; } = 1000;

    /// <summary>The most codes issued in one request.</summary>
    public const int MaxCodesPerBatch = 10_000;

    /// <summary>The secret's bytes; a method, not a property, so option validation never reads it before checking it.</summary>
    public byte[] SecretBytes() => secretBytes ??= Convert.FromBase64String(VoterKeySecret!);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        byte[]? secret = null;
        try
        {
            secret = string.IsNullOrWhiteSpace(VoterKeySecret) ? null : Convert.FromBase64String(VoterKeySecret);
        }
        catch (FormatException)
        {
            // Reported below.
        }

        if (secret is null || secret.Length < 32)
        {
            yield return new ValidationResult(
                "Set Voting:VoterKeySecret to at least 32 random bytes in base64 (for example `openssl rand -base64 32`); in Azure it comes from Key Vault.",
                [nameof(VoterKeySecret)]);
        }
    }
}
