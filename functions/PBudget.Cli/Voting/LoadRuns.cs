using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace PBudget.Cli.Voting;

/// <summary>How long a run may go on and how many requests it may make: whichever limit comes first.</summary>
internal sealed record RunLimits(int Clients, TimeSpan Duration, int? Requests);

/// <summary>What one run measured: every response's latency, the acknowledged requests, and the refusals by status.</summary>
internal sealed class RunResult
{
    public RunResult(int clients, int acknowledged, TimeSpan elapsed, List<double> latenciesMs, IReadOnlyDictionary<string, int> errors, IReadOnlyDictionary<string, string> firstErrors, bool ranOutOfCodes)
    {
        ArgumentNullException.ThrowIfNull(latenciesMs);
        Clients = clients;
        Acknowledged = acknowledged;
        Elapsed = elapsed;
        latenciesMs.Sort();
        LatenciesMs = latenciesMs;
        Errors = errors;
        FirstErrors = firstErrors;
        RanOutOfCodes = ranOutOfCodes;
    }

    public int Clients { get; }

    /// <summary>Requests answered with success (201 for a ballot, 204 for an insert).</summary>
    public int Acknowledged { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>Every response's latency, failures included, in order.</summary>
    public IReadOnlyList<double> LatenciesMs { get; }

    /// <summary>Failures by HTTP status, or "network" and "timeout" when no answer came.</summary>
    public IReadOnlyDictionary<string, int> Errors { get; }

    /// <summary>The first failure's message for each status, to say what went wrong.</summary>
    public IReadOnlyDictionary<string, string> FirstErrors { get; }

    /// <summary>Whether the run stopped early because the codes issued for it were used up.</summary>
    public bool RanOutOfCodes { get; }

    public double PerSecond => Elapsed > TimeSpan.Zero ? Acknowledged / Elapsed.TotalSeconds : 0;

    /// <summary>The nearest-rank percentile of the latencies, in milliseconds; 0 when nothing was answered.</summary>
    public double Percentile(double percent)
    {
        if (LatenciesMs.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100 * LatenciesMs.Count);
        return LatenciesMs[Math.Clamp(rank - 1, 0, LatenciesMs.Count - 1)];
    }

    public string ErrorSummary => Errors.Count == 0
        ? "none"
        : string.Join(", ", Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value.ToString("N0", CultureInfo.InvariantCulture)}"));
}

/// <summary>
/// A number of concurrent clients, each sending requests one after another until the run's time or count is up, every
/// response timed. Each client keeps its own figures, merged at the end, so recording costs no locking.
/// </summary>
internal abstract class LoadRun
{
    private int started;
    private int acknowledged;

    /// <summary>Requests acknowledged so far, for progress.</summary>
    public int Acknowledged => Volatile.Read(ref acknowledged);

    public async Task<RunResult> RunAsync(RunLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, limits.Clients).Select(client => Task.Run(() => ClientAsync(client, limits, clock, cancellationToken), cancellationToken)).ToList();
        var figures = await Task.WhenAll(clients);
        var elapsed = clock.Elapsed;

        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var client in figures)
        {
            foreach (var (status, count) in client.Errors)
            {
                errors[status] = errors.GetValueOrDefault(status) + count;
                firstErrors.TryAdd(status, client.FirstErrors[status]);
            }
        }

        return new RunResult(limits.Clients, Acknowledged, elapsed, [.. figures.SelectMany(f => f.Latencies)], errors, firstErrors, figures.Any(f => f.RanOut));
    }

    /// <summary>What <see cref="SendAsync"/> returns when there was nothing left to send (no codes left, for ballots).</summary>
    protected static (string Status, string Message) NothingLeft { get; } = ("", "");

    /// <summary>Sends one request; returns null on success, else the status (or "network", "timeout") and a message.</summary>
    protected abstract Task<(string Status, string Message)?> SendAsync(int client, long sequence, CancellationToken cancellationToken);

    private async Task<ClientFigures> ClientAsync(int client, RunLimits limits, Stopwatch clock, CancellationToken cancellationToken)
    {
        var figures = new ClientFigures();
        for (long sequence = 0; clock.Elapsed < limits.Duration; sequence++)
        {
            if (limits.Requests is { } most && Interlocked.Increment(ref started) > most)
            {
                break;
            }

            var start = Stopwatch.GetTimestamp();
            var failure = await SendAsync(client, sequence, cancellationToken);
            if (failure == NothingLeft)
            {
                figures.RanOut = true;
                break;
            }

            figures.Latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (failure is (var status, var message))
            {
                figures.Errors[status] = figures.Errors.GetValueOrDefault(status) + 1;
                figures.FirstErrors.TryAdd(status, message);
            }
            else
            {
                Interlocked.Increment(ref acknowledged);
            }
        }

        return figures;
    }

    private sealed class ClientFigures
    {
        public List<double> Latencies { get; } = [];

        public Dictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> FirstErrors { get; } = new(StringComparer.Ordinal);

        public bool RanOut { get; set; }
    }
}

/// <summary>Code ballots through the API: each a valid ballot (a random mix of the shortlist) with a code not used before.</summary>
internal sealed class BallotRun(HttpClient http, string schemeId, string wardCode, IReadOnlyList<string> proposalIds, ConcurrentQueue<string> codes) : LoadRun
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly Uri path = new($"/api/schemes/{Uri.EscapeDataString(schemeId)}/wards/{Uri.EscapeDataString(wardCode)}/code-ballots", UriKind.Relative);

    // Every non-empty mix of the shortlist, as the choices array; the scheme's budget fits each of them.
    private readonly string[] mixes = [.. Enumerable.Range(1, (1 << proposalIds.Count) - 1).Select(mask => JsonSerializer.Serialize(
        proposalIds.Where((_, i) => (mask & (1 << i)) != 0).Select(id => new Dictionary<string, string> { ["proposalId"] = id })))];

    /// <summary>The tracking codes of the acknowledged ballots: each should be different.</summary>
    public ConcurrentBag<string> TrackingCodes { get; } = [];

    protected override async Task<(string Status, string Message)?> SendAsync(int client, long sequence, CancellationToken cancellationToken)
    {
        if (!codes.TryDequeue(out var code))
        {
            return NothingLeft;
        }

        var body = Encoding.UTF8.GetBytes($"{{\"code\":\"{code}\",\"choices\":{mixes[RandomNumberGenerator.GetInt32(mixes.Length)]}}}");
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = JsonType;
            using var response = await http.PostAsync(path, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), await Commands.PBudgetApiClient.DescribeAsync(response, cancellationToken));
            }

            using var receipt = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
            TrackingCodes.Add(receipt.RootElement.GetProperty("trackingCode").GetString() ?? "");
            return null;
        }
        catch (HttpRequestException error)
        {
            return ("network", error.Message);
        }
        catch (TaskCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            return ("timeout", error.Message);
        }
    }
}

/// <summary>Azurite's raw rate for comparison: one small entity per request (AddEntityAsync), spread over as many partitions as a ward's ballots are.</summary>
internal sealed class RawInsertRun(TableClient table) : LoadRun
{
    protected override async Task<(string Status, string Message)?> SendAsync(int client, long sequence, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(BenchRows.Row("p", client, sequence, DateTimeOffset.UtcNow), cancellationToken);
            return null;
        }
        catch (RequestFailedException error)
        {
            return BenchRows.Refusal(error);
        }
    }
}

/// <summary>
/// Azurite's rate for the storage work of one code ballot without the app: an entity-group transaction of four rows in
/// one partition (a code ballot commits its ballot, its receipt, the chain head and the spent code together). Four
/// inserts of ballot-sized rows stand in for the insert, insert, conditional replace and delete, so this is the ceiling
/// for the API's rate under the ballot's design, not a figure for any one table operation.
/// </summary>
internal sealed class FourEntityTransactionRun(TableClient table) : LoadRun
{
    protected override async Task<(string Status, string Message)?> SendAsync(int client, long sequence, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.UtcNow;
        var actions = Enumerable.Range(0, 4)
            .Select(_ => new TableTransactionAction(TableTransactionActionType.Add, BenchRows.Row("t", client, sequence, at)))
            .ToList();
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return null;
        }
        catch (RequestFailedException error)
        {
            return BenchRows.Refusal(error); // A failed transaction (TableTransactionFailedException) is one too.
        }
    }
}

/// <summary>The small rows the storage-only runs write, spread over as many partitions as a ward's ballots are, and how a refusal is reported.</summary>
internal static class BenchRows
{
    private const int Partitions = PBudget.Core.Voting.VoterKeys.Partitions;

    public static TableEntity Row(string partitionPrefix, int client, long sequence, DateTimeOffset at) =>
        new($"{partitionPrefix}{(client + sequence) % Partitions:00}", Guid.NewGuid().ToString("N"))
        {
            ["Choices"] = "[{\"proposalId\":\"0123456789abcdef\"}]",
            ["At"] = at,
        };

    public static (string Status, string Message) Refusal(RequestFailedException error) =>
        (error.Status == 0 ? "network" : error.Status.ToString(CultureInfo.InvariantCulture), error.Message.Split('\n')[0]);
}
