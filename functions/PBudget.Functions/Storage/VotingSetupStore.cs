using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PBudget.Core.Audit;
using PBudget.Core.Proposals;
using PBudget.Core.Schemes;
using PBudget.Core.Voting;
using PBudget.Functions.Auth;

namespace PBudget.Functions.Storage;

/// <summary>What a voter in a ward is asked: the rule, the budget, and the signed-off shortlist with titles.</summary>
public sealed record BallotPaper(
    string SchemeId,
    string SchemeName,
    SchemePhase Phase,
    string WardCode,
    string WardName,
    long BudgetPence,
    BallotRule Rule,
    IReadOnlyList<BallotOption> Options)
{
    public bool IsOpen => Phase == SchemePhase.Voting;

    public IReadOnlyList<ShortlistEntry> Shortlist => [.. Options.Select(o => new ShortlistEntry(o.ProposalId, o.CostPence))];
}

/// <summary>A project on the ballot paper.</summary>
public sealed record BallotOption(string ProposalId, string Title, string Summary, long CostPence);

/// <summary>What a postcode import stored.</summary>
public sealed record PostcodeImportOutcome(string Import, int Postcodes, IReadOnlyDictionary<string, int> PostcodesByWard);

/// <summary>
/// The scheme-level settings voting needs: the ballot rule, the postcode-to-ward lookup, and each ward's ballot
/// paper. All of these are frozen once voting opens, which is what lets ballot papers be cached while it is open.
/// </summary>
public sealed class VotingSetupStore(StorageClients storage, ProposalStore proposals, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Ballot papers cannot change during voting; the phase itself is re-read after this long, and a ballot landing
    // just after voting closes is still refused by its chain's closed head.
    private static readonly TimeSpan PaperLifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(string, string), (BallotPaper Paper, DateTimeOffset Until)> papers = new();

    private TableClient Schemes => storage.Table(StorageNames.SchemesTable);

    private TableClient Postcodes => storage.Table(StorageNames.PostcodesTable);

    /// <summary>The scheme's ballot rule; the default rule if none was set.</summary>
    public async Task<BallotRule> GetBallotRuleAsync(string schemeId, CancellationToken cancellationToken) =>
        ReadRule(await RequireSchemeAsync(schemeId, cancellationToken).ConfigureAwait(false));

    /// <summary>Sets the ballot rule; refused once voting has opened.</summary>
    public async Task<BallotRule> SetBallotRuleAsync(string schemeId, BallotRule rule, CurrentUser actor, CancellationToken cancellationToken)
    {
        var scheme = await RequireSchemeAsync(schemeId, cancellationToken).ConfigureAwait(false);
        RequireBeforeVoting(scheme, "change the ballot rule");
        var before = ReadRule(scheme);
        var now = clock.GetUtcNow();
        scheme.BallotRule = JsonSerializer.Serialize(rule, Json);
        scheme.UpdatedAt = now;
        await SchemePartition.SubmitAsync(
            Schemes,
            [
                new(TableTransactionActionType.UpdateReplace, scheme, scheme.ETag),
                new(TableTransactionActionType.Add, SchemePartition.Audit(schemeId, actor, AuditActions.BallotRuleSet, schemeId, before, rule, now)),
            ],
            cancellationToken).ConfigureAwait(false);
        return rule;
    }

    /// <summary>
    /// Replaces the postcode lookup with a validated import. The rows go into a new partition first and the scheme
    /// switches to it in one final transaction, so a failure part way leaves the previous lookup in use.
    /// </summary>
    public async Task<PostcodeImportOutcome> ImportPostcodesAsync(string schemeId, IReadOnlyList<PostcodeWard> rows, CurrentUser actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var scheme = await RequireSchemeAsync(schemeId, cancellationToken).ConfigureAwait(false);
        RequireBeforeVoting(scheme, "import postcodes");
        var now = clock.GetUtcNow();
        var import = now.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6];
        var partition = PostcodeEntity.PartitionFor(schemeId, import);
        var chunks = rows.Chunk(SchemePartition.MaxActionsPerTransaction)
            .Select(chunk => chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, new PostcodeEntity { PartitionKey = partition, RowKey = r.Postcode, WardCode = r.WardCode })).ToList());
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (actions, token) =>
            await Postcodes.SubmitTransactionAsync(actions, token).ConfigureAwait(false)).ConfigureAwait(false);

        var byWard = rows.GroupBy(r => r.WardCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        scheme = await RequireSchemeAsync(schemeId, cancellationToken).ConfigureAwait(false);
        RequireBeforeVoting(scheme, "import postcodes");
        var previous = scheme.PostcodeImport;
        scheme.PostcodeImport = import;
        scheme.UpdatedAt = now;
        await SchemePartition.SubmitAsync(
            Schemes,
            [
                new(TableTransactionActionType.UpdateReplace, scheme, scheme.ETag),
                new(TableTransactionActionType.Add, SchemePartition.Audit(schemeId, actor, AuditActions.PostcodesImported, schemeId, previous is null ? null : new { import = previous }, new { import, postcodes = rows.Count, byWard }, now)),
            ],
            cancellationToken).ConfigureAwait(false);
        return new PostcodeImportOutcome(import, rows.Count, byWard);
    }

    /// <summary>The ward a postcode is in under the current import; null when the postcode is not in it or nothing was imported.</summary>
    public async Task<string?> FindWardAsync(string schemeId, string normalisedPostcode, CancellationToken cancellationToken)
    {
        var scheme = await RequireSchemeAsync(schemeId, cancellationToken).ConfigureAwait(false);
        if (scheme.PostcodeImport is null)
        {
            return null;
        }

        var row = await Postcodes.GetEntityIfExistsAsync<PostcodeEntity>(PostcodeEntity.PartitionFor(schemeId, scheme.PostcodeImport), normalisedPostcode, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value!.WardCode : null;
    }

    /// <summary>The ward's ballot paper, or null when the scheme or ward does not exist.</summary>
    public async Task<BallotPaper?> GetBallotPaperAsync(string schemeId, string wardCode, CancellationToken cancellationToken)
    {
        if (papers.TryGetValue((schemeId, wardCode), out var cached) && cached.Until > clock.GetUtcNow())
        {
            return cached.Paper;
        }

        var schemeRow = await Schemes.GetEntityIfExistsAsync<SchemeEntity>(schemeId, SchemeEntity.Key, cancellationToken: cancellationToken).ConfigureAwait(false);
        var wardRow = await Schemes.GetEntityIfExistsAsync<WardEntity>(schemeId, WardEntity.RowKeyFor(wardCode), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!schemeRow.HasValue || !wardRow.HasValue)
        {
            return null;
        }

        var scheme = schemeRow.Value!;
        var ward = SchemeMapping.ToStored(wardRow.Value!);
        var phase = SchemeMapping.ToStored(scheme).Phase;
        var signOff = await proposals.GetSignOffAsync(schemeId, wardCode, cancellationToken).ConfigureAwait(false);
        var options = new List<BallotOption>();
        if (signOff is not null)
        {
            var details = (await proposals.ListAsync(schemeId, cancellationToken, wardCode: wardCode).ConfigureAwait(false))
                .ToDictionary(p => p.Proposal.Id, p => p.Proposal, StringComparer.Ordinal);
            options.AddRange(signOff.Entries.Select(e => details.TryGetValue(e.ProposalId, out var p)
                ? new BallotOption(e.ProposalId, p.Details.Title, p.Details.Summary, e.CostPence)
                : new BallotOption(e.ProposalId, e.ProposalId, "", e.CostPence)));
        }

        var paper = new BallotPaper(schemeId, scheme.Name, phase, ward.Code, ward.Name, ward.BudgetPence, ReadRule(scheme), options);
        if (phase == SchemePhase.Voting)
        {
            papers[(schemeId, wardCode)] = (paper, clock.GetUtcNow() + PaperLifetime);
        }

        return paper;
    }

    internal static BallotRule ReadRule(SchemeEntity scheme) =>
        string.IsNullOrEmpty(scheme.BallotRule) ? BallotRule.Default : JsonSerializer.Deserialize<BallotRule>(scheme.BallotRule, Json) ?? BallotRule.Default;

    private static void RequireBeforeVoting(SchemeEntity scheme, string action)
    {
        var phase = SchemeMapping.ToStored(scheme).Phase;
        if (phase >= SchemePhase.Voting)
        {
            throw new PhaseException(phase.Refusal(action));
        }
    }

    private async Task<SchemeEntity> RequireSchemeAsync(string schemeId, CancellationToken cancellationToken)
    {
        var row = await Schemes.GetEntityIfExistsAsync<SchemeEntity>(schemeId, SchemeEntity.Key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value! : throw new NotFoundException($"There is no scheme with the id '{schemeId}'.");
    }
}
