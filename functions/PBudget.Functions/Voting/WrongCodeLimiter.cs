using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PBudget.Functions.Voting;

/// <summary>
/// Slows down anyone guessing voting codes: only wrong codes use up permits, per client address and per ward, so
/// people typing their own code correctly are never held back. Kept in memory per instance, which bounds guessing
/// per instance; with 80-bit codes that is ample.
/// </summary>
public sealed class WrongCodeLimiter : IDisposable
{
    public static readonly TimeSpan ClientWindow = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan WardWindow = TimeSpan.FromHours(1);

    private readonly PartitionedRateLimiter<string> clients;
    private readonly PartitionedRateLimiter<string> wards;

    public WrongCodeLimiter(IOptions<VotingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        clients = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = settings.WrongCodesPerClient, Window = ClientWindow, QueueLimit = 0 }));
        wards = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = settings.WrongCodesPerWard, Window = WardWindow, QueueLimit = 0 }));
    }

    /// <summary>Whether this client may try a code for this ward now, and if not, what to tell them.</summary>
    public string? Refusal(string client, string wardKey)
    {
        if (clients.GetStatistics(client)?.CurrentAvailablePermits == 0)
        {
            return $"Too many wrong voting codes have been tried from your connection. Please wait {ClientWindow.TotalMinutes:0} minutes and try again.";
        }

        return wards.GetStatistics(wardKey)?.CurrentAvailablePermits == 0
            ? "Too many wrong voting codes have been tried for this ward recently. Please wait up to an hour and try again, or contact the council."
            : null;
    }

    /// <summary>Counts a wrong code against the client and the ward.</summary>
    public void RecordWrongCode(string client, string wardKey)
    {
        using var clientLease = clients.AttemptAcquire(client);
        using var wardLease = wards.AttemptAcquire(wardKey);
    }

    public void Dispose()
    {
        clients.Dispose();
        wards.Dispose();
    }
}
