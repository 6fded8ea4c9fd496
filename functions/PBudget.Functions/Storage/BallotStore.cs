using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using PBudget.Core.Audit;
using PBudget.Core.Voting;
using PBudget.Functions.Auth;

namespace PBudget.Functions.Storage;

/// <summary>How a ballot reached the count.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BallotChannel>))]
public enum BallotChannel
{
    /// <summary>Online, by a resident signed in with their account.</summary>
    Account,

    /// <summary>Online, with a single-use voting code.</summary>
    Code,

    /// <summary>On paper, entered by an officer.</summary>
    Paper,
}

/// <summary>
/// Who is voting, as the store sees them: only keyed hashes. <paramref name="CodeKey"/> names the voting code to spend
/// (the same as the voter key for code ballots); <paramref name="MayChange"/> lets an existing ballot be replaced.
/// </summary>
public sealed record BallotVoter(string VoterKey, BallotChannel Channel, string? CodeKey, bool MayChange)
{
    public static BallotVoter Account(string voterKey) => new(voterKey, BallotChannel.Account, null, MayChange: true);

    public static BallotVoter Code(string codeKey, BallotChannel channel) => new(codeKey, channel, codeKey, MayChange: false);

    public static BallotVoter Sheet(string sheetKey) => new(sheetKey, BallotChannel.Paper, null, MayChange: false);
}

/// <summary>The voter's receipt: the tracking code, when, and whether it replaced an earlier ballot (whose code is now superseded).</summary>
public sealed record Receipt(string TrackingCode, DateTimeOffset At, BallotChannel Channel, bool Replaced);

/// <summary>A stored ballot as the count and the voter's own view need it.</summary>
public sealed record StoredBallot(IReadOnlyList<BallotChoice> Choices, BallotChannel Channel, string TrackingCode, DateTimeOffset SubmittedAt, int Changes);

/// <summary>One partition's receipt chain: its codes in order, which are superseded, and its closing hash once voting closed.</summary>
public sealed record ReceiptChain(int Partition, string Genesis, IReadOnlyList<ChainEntry> Entries, string? ClosingHash, DateTimeOffset? ClosedAt);

/// <summary>One receipt in a chain. The salt is secret: with it, a code could be tested against every possible ballot.</summary>
public sealed record ChainEntry(long Position, string Code, string Previous, DateTimeOffset At, string Salt, bool Superseded);

/// <summary>Per-ward figures for reconciling codes and ballots.</summary>
public sealed record WardReconciliation(
    string WardCode,
    int CodesIssued,
    int CodesUsedOnline,
    int CodesUsedOnPaper,
    int CodesUnused,
    int BallotsByAccount,
    int BallotsByCode,
    int BallotsOnPaper,
    int Ballots,
    int BallotsChanged,
    int Changes,
    int Receipts,
    int ReceiptsSuperseded,
    int ChainsClosed,
    int Chains);

/// <summary>Codes just issued, in canonical form; they exist in clear only in this answer.</summary>
public sealed record IssuedCodes(string Batch, string WardCode, DateTimeOffset IssuedAt, IReadOnlyList<string> Codes);

/// <summary>Thrown when a voting code is not one issued for the ward; callers count it as a wrong guess.</summary>
public sealed class UnknownCodeException : Exception
{
    public UnknownCodeException()
        : base("That is not a voting code for this ward.")
    {
    }

    public UnknownCodeException(string message)
        : base(message)
    {
    }

    public UnknownCodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Ballots, receipts and voting codes. A ballot, its receipt and the spending of its code commit in one transaction in
/// the voter's partition, conditional on the partition's chain head: so one voter has one ballot (the ballot row is
/// inserted, and a second insert fails), a code is spent once (its row is deleted, and a second delete fails), and no
/// ballot lands after its chain is closed.
/// Writes to a partition are also queued in this process, so they do not race each other for the head.
/// </summary>
public sealed class BallotStore(StorageClients storage, TimeProvider clock)
{
    private const int Attempts = 12;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, PartitionState> partitions = new(StringComparer.Ordinal);

    private TableClient Ballots => storage.Table(StorageNames.BallotsTable);

    private TableClient Schemes => storage.Table(StorageNames.SchemesTable);

    /// <summary>
    /// Stores a ballot (already checked against the rule and normalised) and returns its receipt. A voter who may change
    /// their ballot replaces it; the old receipt is marked superseded. Resending exactly the same ballot through the same
    /// code online returns the original receipt, so a retry after a lost answer is safe; paper is never taken twice.
    /// </summary>
    /// <exception cref="UnknownCodeException">The code was not issued for this ward.</exception>
    /// <exception cref="AlreadyExistsException">The voter has voted and may not change it, or the code was spent.</exception>
    /// <exception cref="PhaseException">Voting has closed in this ward.</exception>
    public async Task<Receipt> SubmitAsync(string schemeId, string wardCode, BallotVoter voter, IReadOnlyList<BallotChoice> choices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(voter);
        var partition = VoterKeys.PartitionOf(voter.VoterKey);
        var key = BallotPartitions.Key(schemeId, wardCode, partition);
        var state = partitions.GetOrAdd(key, _ => new PartitionState());
        var content = JsonSerializer.Serialize(choices, Json);

        // Optimistic: the first attempt assumes a new voter and an unspent code, so the usual ballot costs one
        // transaction and no reads. Only when a condition fails are the rows read, to retry or to say why.
        BallotEntity? existing = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (existing is not null && !voter.MayChange)
            {
                if (voter.Channel == BallotChannel.Code && existing.Channel == voter.Channel.ToString() && existing.Choices == content)
                {
                    return new Receipt(existing.TrackingCode, existing.SubmittedAt, voter.Channel, Replaced: false);
                }

                throw new AlreadyExistsException(AlreadyVoted(voter, existing.Channel));
            }

            await state.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var head = state.Head ?? await GetAsync<ChainHeadEntity>(key, ChainHeadEntity.Key, cancellationToken).ConfigureAwait(false);
                if (head?.ClosingHash is not null)
                {
                    state.Head = head;
                    throw new PhaseException("Voting has closed in this ward, so no more ballots can be accepted.");
                }

                var at = clock.GetUtcNow();
                var position = (head?.Length ?? 0) + 1;
                var previous = head?.Last ?? TrackingCodes.Genesis(schemeId, wardCode, partition);
                var salt = TrackingCodes.NewSalt();
                var tracking = TrackingCodes.Next(previous, at, salt, choices);
                var newHead = new ChainHeadEntity { PartitionKey = key, Length = position, Last = tracking };
                var ballot = new BallotEntity
                {
                    PartitionKey = key,
                    RowKey = BallotEntity.RowKeyFor(voter.VoterKey),
                    Choices = content,
                    Channel = voter.Channel.ToString(),
                    ViaCode = voter.CodeKey is not null,
                    Position = position,
                    TrackingCode = tracking,
                    SubmittedAt = at,
                    Changes = existing is null ? 0 : existing.Changes + 1,
                };
                var actions = new List<TableTransactionAction>
                {
                    head is null ? new(TableTransactionActionType.Add, newHead) : new(TableTransactionActionType.UpdateReplace, newHead, head.ETag),
                    new(TableTransactionActionType.Add, new TrackingEntity { PartitionKey = key, RowKey = TrackingEntity.RowKeyFor(position), Code = tracking, Previous = previous, At = at, Salt = salt }),
                    existing is null ? new(TableTransactionActionType.Add, ballot) : new(TableTransactionActionType.UpdateReplace, ballot, existing.ETag),
                };
                if (existing is not null)
                {
                    actions.Add(new(TableTransactionActionType.UpdateMerge, new TableEntity(key, TrackingEntity.RowKeyFor(existing.Position)) { [nameof(TrackingEntity.Superseded)] = true }, ETag.All));
                }

                if (voter.CodeKey is not null)
                {
                    // Spending a code deletes it: the delete fails if the code was never issued or is already spent.
                    actions.Add(new(TableTransactionActionType.Delete, new TableEntity(key, VotingCodeEntity.RowKeyFor(voter.CodeKey)), ETag.All));
                }

                try
                {
                    var responses = await Ballots.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                    newHead.ETag = responses.Value[0].Headers.ETag ?? default;
                    state.Head = newHead;
                    return new Receipt(tracking, at, voter.Channel, Replaced: existing is not null);
                }
                catch (TableTransactionFailedException)
                {
                    // Someone else moved the head, or the voter has a ballot, or the code is not there: find out below.
                    state.Head = null;
                }
            }
            finally
            {
                state.Lock.Release();
            }

            existing = await GetAsync<BallotEntity>(key, BallotEntity.RowKeyFor(voter.VoterKey), cancellationToken).ConfigureAwait(false);
            if (existing is null && voter.CodeKey is not null
                && await GetAsync<VotingCodeEntity>(key, VotingCodeEntity.RowKeyFor(voter.CodeKey), cancellationToken).ConfigureAwait(false) is null)
            {
                throw new UnknownCodeException();
            }
        }

        throw new ConcurrencyException("Too many ballots arrived for this part of the ward at once. Send yours again in a moment.");
    }

    /// <summary>The voter's current ballot in the ward, or null.</summary>
    public async Task<StoredBallot?> GetBallotAsync(string schemeId, string wardCode, string voterKey, CancellationToken cancellationToken)
    {
        var key = BallotPartitions.Key(schemeId, wardCode, VoterKeys.PartitionOf(voterKey));
        var entity = await GetAsync<BallotEntity>(key, BallotEntity.RowKeyFor(voterKey), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToBallot(entity);
    }

    /// <summary>Every ballot in the ward, for the count. Nothing in the result says who cast it.</summary>
    public async Task<IReadOnlyList<StoredBallot>> ReadBallotsAsync(string schemeId, string wardCode, CancellationToken cancellationToken)
    {
        var ballots = new List<StoredBallot>();
        foreach (var partition in Enumerable.Range(0, VoterKeys.Partitions))
        {
            var filter = RowKeyRange.Filter(BallotPartitions.Key(schemeId, wardCode, partition), BallotEntity.Prefix);
            await foreach (var entity in Ballots.QueryAsync<BallotEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                ballots.Add(ToBallot(entity));
            }
        }

        return ballots;
    }

    /// <summary>The ward's receipt chains, one per partition, in order.</summary>
    public async Task<IReadOnlyList<ReceiptChain>> ReadChainsAsync(string schemeId, string wardCode, CancellationToken cancellationToken)
    {
        var chains = new List<ReceiptChain>();
        foreach (var partition in Enumerable.Range(0, VoterKeys.Partitions))
        {
            var key = BallotPartitions.Key(schemeId, wardCode, partition);
            var head = await GetAsync<ChainHeadEntity>(key, ChainHeadEntity.Key, cancellationToken).ConfigureAwait(false);
            var entries = new List<ChainEntry>();
            await foreach (var entity in Ballots.QueryAsync<TrackingEntity>(RowKeyRange.Filter(key, TrackingEntity.Prefix), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new ChainEntry(long.Parse(entity.RowKey[TrackingEntity.Prefix.Length..], System.Globalization.CultureInfo.InvariantCulture), entity.Code, entity.Previous, entity.At, entity.Salt, entity.Superseded));
            }

            chains.Add(new ReceiptChain(partition, TrackingCodes.Genesis(schemeId, wardCode, partition), entries, head?.ClosingHash, head?.ClosedAt));
        }

        return chains;
    }

    /// <summary>
    /// Closes every chain of the given wards, so no further ballot can be stored there. Idempotent: a chain already
    /// closed is left as it is, so this can be run again after a failure part way.
    /// </summary>
    /// <returns>How many chains this call closed.</returns>
    public async Task<int> CloseChainsAsync(string schemeId, IReadOnlyList<string> wardCodes, CurrentUser actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wardCodes);
        var closed = 0;
        foreach (var ward in wardCodes)
        {
            foreach (var partition in Enumerable.Range(0, VoterKeys.Partitions))
            {
                closed += await CloseChainAsync(schemeId, ward, partition, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
        }

        if (closed > 0)
        {
            var now = clock.GetUtcNow();
            await Schemes.AddEntityAsync(SchemePartition.Audit(schemeId, actor, AuditActions.ChainsClosed, schemeId, null, new { wards = wardCodes, chainsClosed = closed }, now), cancellationToken).ConfigureAwait(false);
        }

        return closed;
    }

    /// <summary>
    /// Stores new codes for a ward: the code rows first (spread over the ward's partitions), then the batch record with
    /// its audit row. Codes are stored only as their keyed hashes.
    /// </summary>
    public async Task<IssuedCodes> IssueCodesAsync(string schemeId, string wardCode, IReadOnlyList<(string Code, string Key)> codes, CurrentUser actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var now = clock.GetUtcNow();
        var batch = now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var transactions = codes
            .GroupBy(c => VoterKeys.PartitionOf(c.Key))
            .SelectMany(group => group.Chunk(SchemePartition.MaxActionsPerTransaction).Select(chunk => chunk
                .Select(c => new TableTransactionAction(TableTransactionActionType.Add, new VotingCodeEntity
                {
                    PartitionKey = BallotPartitions.Key(schemeId, wardCode, group.Key),
                    RowKey = VotingCodeEntity.RowKeyFor(c.Key),
                    Batch = batch,
                }))
                .ToList()));
        await Parallel.ForEachAsync(transactions, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (actions, token) =>
            await Ballots.SubmitTransactionAsync(actions, token).ConfigureAwait(false)).ConfigureAwait(false);

        await SchemePartition.SubmitAsync(
            Schemes,
            [
                new(TableTransactionActionType.Add, new CodeBatchEntity
                {
                    PartitionKey = schemeId,
                    RowKey = CodeBatchEntity.RowKeyFor(wardCode, batch),
                    WardCode = wardCode,
                    Batch = batch,
                    Count = codes.Count,
                    IssuedBy = actor.Name,
                    IssuedAt = now,
                }),
                new(TableTransactionActionType.Add, SchemePartition.Audit(schemeId, actor, AuditActions.CodesIssued, wardCode, null, new { batch, count = codes.Count }, now)),
            ],
            cancellationToken).ConfigureAwait(false);
        return new IssuedCodes(batch, wardCode, now, [.. codes.Select(c => c.Code)]);
    }

    /// <summary>Codes issued and used, ballots by channel and changes, and receipts, for one ward.</summary>
    public async Task<WardReconciliation> ReconcileAsync(string schemeId, string wardCode, CancellationToken cancellationToken)
    {
        var issued = 0;
        await foreach (var batch in Schemes.QueryAsync<CodeBatchEntity>(RowKeyRange.Filter(schemeId, CodeBatchEntity.Prefix + wardCode + "|"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            issued += batch.Count;
        }

        int online = 0, paperCodes = 0, unused = 0, byAccount = 0, byCode = 0, onPaper = 0, changed = 0, changes = 0, receipts = 0, superseded = 0, closed = 0;
        foreach (var partition in Enumerable.Range(0, VoterKeys.Partitions))
        {
            var key = BallotPartitions.Key(schemeId, wardCode, partition);
            await foreach (var row in Ballots.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (row.RowKey.StartsWith(VotingCodeEntity.Prefix, StringComparison.Ordinal))
                {
                    unused++;
                }
                else if (row.RowKey.StartsWith(BallotEntity.Prefix, StringComparison.Ordinal))
                {
                    var viaCode = row.GetBoolean(nameof(BallotEntity.ViaCode)) == true;
                    switch (row.GetString(nameof(BallotEntity.Channel)))
                    {
                        case nameof(BallotChannel.Account): byAccount++; break;
                        case nameof(BallotChannel.Code): byCode++; online++; break;
                        default: onPaper++; paperCodes += viaCode ? 1 : 0; break;
                    }

                    var count = row.GetInt32(nameof(BallotEntity.Changes)) ?? 0;
                    changes += count;
                    changed += count > 0 ? 1 : 0;
                }
                else if (row.RowKey.StartsWith(TrackingEntity.Prefix, StringComparison.Ordinal))
                {
                    receipts++;
                    superseded += row.GetBoolean(nameof(TrackingEntity.Superseded)) == true ? 1 : 0;
                }
                else if (row.RowKey == ChainHeadEntity.Key && row.GetString(nameof(ChainHeadEntity.ClosingHash)) is not null)
                {
                    closed++;
                }
            }
        }

        return new WardReconciliation(
            wardCode, issued, online, paperCodes, unused, byAccount, byCode, onPaper, byAccount + byCode + onPaper, changed, changes, receipts, superseded, closed, VoterKeys.Partitions);
    }

    private async Task<bool> CloseChainAsync(string schemeId, string wardCode, int partition, CancellationToken cancellationToken)
    {
        var key = BallotPartitions.Key(schemeId, wardCode, partition);
        var state = partitions.GetOrAdd(key, _ => new PartitionState());
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            await state.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var head = await GetAsync<ChainHeadEntity>(key, ChainHeadEntity.Key, cancellationToken).ConfigureAwait(false);
                if (head?.ClosingHash is not null)
                {
                    state.Head = head;
                    return false;
                }

                var at = clock.GetUtcNow();
                var last = head?.Last ?? TrackingCodes.Genesis(schemeId, wardCode, partition);
                var closedHead = new ChainHeadEntity { PartitionKey = key, Length = head?.Length ?? 0, Last = last, ClosingHash = TrackingCodes.Close(last, at), ClosedAt = at };
                try
                {
                    var response = head is null
                        ? await Ballots.AddEntityAsync(closedHead, cancellationToken).ConfigureAwait(false)
                        : await Ballots.UpdateEntityAsync(closedHead, head.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    closedHead.ETag = response.Headers.ETag ?? default;
                    state.Head = closedHead;
                    return true;
                }
                catch (RequestFailedException error) when (error.Status is 409 or 412)
                {
                    state.Head = null;
                }
            }
            finally
            {
                state.Lock.Release();
            }
        }

        throw new ConcurrencyException($"Could not close the receipt chain {key} because ballots kept arriving. Run the close again.");
    }

    private static StoredBallot ToBallot(BallotEntity entity) => new(
        JsonSerializer.Deserialize<List<BallotChoice>>(entity.Choices, Json) ?? [],
        Enum.Parse<BallotChannel>(entity.Channel),
        entity.TrackingCode,
        entity.SubmittedAt,
        entity.Changes);

    private static string AlreadyVoted(BallotVoter voter, string storedChannel) => (voter.Channel, voter.CodeKey is null, storedChannel) switch
    {
        (BallotChannel.Paper, true, _) => "This paper ballot sheet has already been entered.",
        (_, false, nameof(BallotChannel.Paper)) => "This voting code has already been used, on a paper ballot.",
        (_, false, _) => "This voting code has already been used to vote online.",
        _ => "You have already voted in this ward.",
    };

    private async Task<T?> GetAsync<T>(string partitionKey, string rowKey, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var response = await Ballots.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    // The head as this process last wrote it, so a partition's writes need no read of it; cleared on any conflict.
    private sealed class PartitionState
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public ChainHeadEntity? Head { get; set; }
    }
}
