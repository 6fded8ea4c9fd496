using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PBudget.Core.Audit;
using PBudget.Core.Budgets;
using PBudget.Core.Schemes;
using PBudget.Core.Validation;
using PBudget.Core.Wards;
using PBudget.Functions.Auth;

namespace PBudget.Functions.Storage;

/// <summary>A scheme as stored, with the ETag to send back as If-Match.</summary>
public sealed record StoredScheme(Scheme Scheme, ETag ETag, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, SchemePhase Phase = SchemePhase.SetUp, IReadOnlyList<PhaseDate>? Timeline = null)
{
    /// <summary>Every phase with its planned and actual start.</summary>
    public IReadOnlyList<PhaseDate> PhaseTimeline => Timeline ?? PhaseDates.Timeline(new Dictionary<SchemePhase, DateOnly>(), new Dictionary<SchemePhase, DateTimeOffset>());
}

/// <summary>A ward as stored, with its budget.</summary>
public sealed record StoredWard(string Code, string Name, long Population, string? Area, long ComputedPence, long AdjustmentPence)
{
    public long BudgetPence => ComputedPence + AdjustmentPence;

    public WardBudget ToBudget() => new(Code, Area, ComputedPence, AdjustmentPence);
}

/// <summary>What an import changed.</summary>
public sealed record WardImportOutcome(int Added, int Updated, int Unchanged, IReadOnlyList<StoredWard> Wards);

/// <summary>A councillor's assignment to a ward.</summary>
public sealed record CouncillorWard(string UserId, string DisplayName, string WardCode);

/// <summary>
/// Reads and writes a scheme's partition: the scheme row, its wards, councillor assignments and audit rows.
/// Every change commits together with its audit row in one transaction, under ETag conditions, so a
/// failure halfway leaves the data as it was and a concurrent change is detected, never overwritten.
/// </summary>
public sealed class SchemeStore(StorageClients storage, TimeProvider clock)
{
    private const int Attempts = 3;

    private TableClient Table => storage.Table(StorageNames.SchemesTable);

    public async Task<StoredScheme> CreateAsync(Scheme scheme, CurrentUser actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var now = clock.GetUtcNow();
        var entity = SchemeMapping.ToEntity(scheme, now, now);
        try
        {
            var responses = await SubmitAsync(
                [
                    new(TableTransactionActionType.Add, entity),
                    new(TableTransactionActionType.Add, Audit(scheme.Id, actor, AuditActions.SchemeCreated, scheme.Id, null, scheme, now)),
                ],
                cancellationToken).ConfigureAwait(false);
            return new StoredScheme(scheme, responses[0].Headers.ETag ?? default, now, now);
        }
        catch (TableTransactionFailedException error) when (error.Status == 409)
        {
            throw new AlreadyExistsException($"A scheme with the id '{scheme.Id}' already exists.", error);
        }
    }

    public async Task<StoredScheme?> GetAsync(string schemeId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<SchemeEntity>(schemeId, SchemeEntity.Key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? SchemeMapping.ToStored(response.Value!) : null;
    }

    public async Task<IReadOnlyList<StoredScheme>> ListAsync(CancellationToken cancellationToken)
    {
        var schemes = new List<StoredScheme>();
        await foreach (var entity in Table.QueryAsync<SchemeEntity>(e => e.RowKey == SchemeEntity.Key, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            schemes.Add(SchemeMapping.ToStored(entity));
        }

        return schemes.OrderBy(s => s.Scheme.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<IReadOnlyList<StoredWard>> GetWardsAsync(string schemeId, CancellationToken cancellationToken) =>
        (await ReadWardsAsync(schemeId, cancellationToken).ConfigureAwait(false)).Select(SchemeMapping.ToStored).OrderBy(w => w.Name, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Changes the budget rule and adjustment policy and recomputes every ward's budget, keeping councillors' adjustments.</summary>
    /// <exception cref="ConcurrencyException">The scheme changed since <paramref name="ifMatch"/> was read.</exception>
    public async Task<StoredScheme> UpdateRulesAsync(string schemeId, BudgetRule rule, AdjustmentPolicy policy, ETag? ifMatch, CurrentUser actor, CancellationToken cancellationToken)
    {
        var scheme = await RequireSchemeEntityAsync(schemeId, cancellationToken).ConfigureAwait(false);
        if (ifMatch is { } expected && expected != ETag.All && expected != scheme.ETag)
        {
            throw new ConcurrencyException("The scheme has changed since you read it. Read it again and reapply your change.");
        }

        RequireBudgetsOpen(scheme, "change the budget rules");
        var wards = await ReadWardsAsync(schemeId, cancellationToken).ConfigureAwait(false);
        var stored = SchemeMapping.ToStored(scheme);
        var before = stored.Scheme;
        var after = before with { Rule = rule, Adjustments = policy };
        var now = clock.GetUtcNow();
        var changedWards = Recompute(rule, wards);
        var entity = SchemeMapping.ToEntity(after, scheme.CreatedAt, now);
        (entity.Phase, entity.PhaseDates, entity.BallotRule, entity.PostcodeImport) = (scheme.Phase, scheme.PhaseDates, scheme.BallotRule, scheme.PostcodeImport);
        entity.ETag = scheme.ETag;
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, entity, scheme.ETag) };
        actions.AddRange(changedWards.Select(w => new TableTransactionAction(TableTransactionActionType.UpdateReplace, w, w.ETag)));
        actions.Add(new(TableTransactionActionType.Add, Audit(schemeId, actor, AuditActions.RulesChanged, schemeId, new { before.Rule, before.Adjustments }, new { rule, policy }, now)));
        var responses = await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
        return stored with { Scheme = after, ETag = responses[0].Headers.ETag ?? default, UpdatedAt = now };
    }

    /// <summary>
    /// Adds or updates wards in place from an import, and recomputes every ward's budget under the scheme's rule.
    /// Wards not in the import are kept. All or nothing.
    /// </summary>
    public async Task<WardImportOutcome> ImportWardsAsync(string schemeId, IReadOnlyList<Ward> imported, CurrentUser actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(imported);

        // An import is a pure function of the file and the stored state, so re-running it after losing a race is safe.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryImportWardsAsync(schemeId, imported, actor, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
            }
        }
    }

    /// <summary>Moves money from one ward to another under the scheme's policy; retried if another change races it.</summary>
    public async Task<(StoredWard From, StoredWard To)> TransferAsync(
        string schemeId, string fromCode, string toCode, long amountPence, string reason, CurrentUser actor, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryTransferAsync(schemeId, fromCode, toCode, amountPence, reason, actor, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
            }
        }
    }

    public async Task<IReadOnlySet<string>> GetCouncillorWardsAsync(string schemeId, string userId, CancellationToken cancellationToken)
    {
        var wards = new HashSet<string>(StringComparer.Ordinal);
        var filter = RowKeyRange.Filter(schemeId, CouncillorWardEntity.PrefixFor(userId));
        await foreach (var entity in Table.QueryAsync<CouncillorWardEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            wards.Add(entity.WardCode);
        }

        return wards;
    }

    public async Task<IReadOnlyList<CouncillorWard>> ListCouncillorWardsAsync(string schemeId, CancellationToken cancellationToken)
    {
        var assignments = new List<CouncillorWard>();
        await foreach (var entity in Table.QueryAsync<CouncillorWardEntity>(RowKeyRange.Filter(schemeId, CouncillorWardEntity.Prefix), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            assignments.Add(new CouncillorWard(entity.UserId, entity.DisplayName, entity.WardCode));
        }

        return assignments;
    }

    /// <summary>Replaces the set of wards a councillor holds in a scheme.</summary>
    public async Task<IReadOnlyList<CouncillorWard>> SetCouncillorWardsAsync(
        string schemeId, string userId, string displayName, IReadOnlyCollection<string> wardCodes, CurrentUser actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wardCodes);
        await RequireSchemeEntityAsync(schemeId, cancellationToken).ConfigureAwait(false);
        var known = (await ReadWardsAsync(schemeId, cancellationToken).ConfigureAwait(false)).Select(w => w.Code).ToHashSet(StringComparer.Ordinal);
        var unknown = wardCodes.Where(code => !known.Contains(code)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainValidationException("wards", $"These wards are not in the scheme: {string.Join(", ", unknown)}.");
        }

        var current = new List<CouncillorWardEntity>();
        await foreach (var entity in Table.QueryAsync<CouncillorWardEntity>(RowKeyRange.Filter(schemeId, CouncillorWardEntity.PrefixFor(userId)), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            current.Add(entity);
        }

        var wanted = wardCodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var now = clock.GetUtcNow();
        var actions = new List<TableTransactionAction>();
        actions.AddRange(current.Where(e => !wanted.Contains(e.WardCode)).Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)));
        actions.AddRange(wanted.Select(code => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace,
            new CouncillorWardEntity
            {
                PartitionKey = schemeId,
                RowKey = CouncillorWardEntity.PrefixFor(userId) + code,
                UserId = userId,
                DisplayName = displayName,
                WardCode = code,
            })));
        actions.Add(new(TableTransactionActionType.Add, Audit(
            schemeId, actor, AuditActions.CouncillorWardsChanged, userId,
            new { displayName = current.FirstOrDefault()?.DisplayName, wards = current.Select(e => e.WardCode).Order(StringComparer.Ordinal) },
            new { displayName, wards = wanted },
            now)));
        await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
        return wanted.Select(code => new CouncillorWard(userId, displayName, code)).ToList();
    }

    /// <summary>The newest audit entries first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string schemeId, int take, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entity in Table.QueryAsync<AuditEntity>(RowKeyRange.Filter(schemeId, AuditEntity.Prefix), maxPerPage: Math.Min(take, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(entity.At, entity.ActorId, entity.ActorName, entity.Action, entity.Subject, entity.Before, entity.After));
            if (entries.Count >= take)
            {
                break;
            }
        }

        return entries;
    }

    private async Task<WardImportOutcome> TryImportWardsAsync(string schemeId, IReadOnlyList<Ward> imported, CurrentUser actor, CancellationToken cancellationToken)
    {
        var scheme = await RequireSchemeEntityAsync(schemeId, cancellationToken).ConfigureAwait(false);
        RequireBudgetsOpen(scheme, "import wards");
        var existing = (await ReadWardsAsync(schemeId, cancellationToken).ConfigureAwait(false)).ToDictionary(w => w.Code, StringComparer.Ordinal);
        var merged = existing.Values.ToDictionary(w => w.Code, Clone, StringComparer.Ordinal);
        int added = 0, updated = 0;
        foreach (var ward in imported)
        {
            if (merged.TryGetValue(ward.Code, out var entity))
            {
                if (entity.Name != ward.Name || entity.Population != ward.Population || entity.Area != ward.Area)
                {
                    entity.Name = ward.Name;
                    entity.Population = ward.Population;
                    entity.Area = ward.Area;
                    updated++;
                }
            }
            else
            {
                merged[ward.Code] = new WardEntity
                {
                    PartitionKey = schemeId,
                    RowKey = WardEntity.RowKeyFor(ward.Code),
                    Code = ward.Code,
                    Name = ward.Name,
                    Population = ward.Population,
                    Area = ward.Area,
                };
                added++;
            }
        }

        if (merged.Count > Ward.MaxWardsPerScheme)
        {
            throw new DomainValidationException("file", $"The scheme would have {merged.Count} wards; a scheme can hold at most {Ward.MaxWardsPerScheme}.");
        }

        var rule = SchemeMapping.ToStored(scheme).Scheme.Rule;
        Recompute(rule, merged.Values.ToList());
        var changed = merged.Values.Where(w => !existing.TryGetValue(w.Code, out var old) || !SameStoredValues(old, w)).ToList();
        var now = clock.GetUtcNow();

        // Rewriting the scheme row under its ETag serialises imports and rule changes against each other.
        scheme.UpdatedAt = now;
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateMerge, scheme, scheme.ETag) };
        actions.AddRange(changed.Select(w => existing.ContainsKey(w.Code)
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, w, w.ETag)
            : new TableTransactionAction(TableTransactionActionType.Add, w)));
        actions.Add(new(TableTransactionActionType.Add, Audit(
            schemeId, actor, AuditActions.WardsImported, $"{imported.Count} wards",
            changed.Where(w => existing.ContainsKey(w.Code)).Select(w => AuditView(existing[w.Code])),
            changed.Select(AuditView),
            now)));
        await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
        var wards = merged.Values.Select(SchemeMapping.ToStored).OrderBy(w => w.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return new WardImportOutcome(added, updated, imported.Count - added - updated, wards);
    }

    private async Task<(StoredWard From, StoredWard To)> TryTransferAsync(
        string schemeId, string fromCode, string toCode, long amountPence, string reason, CurrentUser actor, CancellationToken cancellationToken)
    {
        var schemeEntity = await RequireSchemeEntityAsync(schemeId, cancellationToken).ConfigureAwait(false);
        RequireBudgetsOpen(schemeEntity, "move money between wards");
        var scheme = SchemeMapping.ToStored(schemeEntity).Scheme;
        var from = await RequireWardAsync(schemeId, fromCode, cancellationToken).ConfigureAwait(false);
        var to = string.Equals(fromCode, toCode, StringComparison.Ordinal) ? from : await RequireWardAsync(schemeId, toCode, cancellationToken).ConfigureAwait(false);
        var errors = BudgetTransfer.Check(scheme.Rule, scheme.Adjustments, SchemeMapping.ToStored(from).ToBudget(), SchemeMapping.ToStored(to).ToBudget(), amountPence);
        if (!errors.IsValid)
        {
            throw new DomainValidationException(errors);
        }

        var before = new { from = AuditView(from), to = AuditView(to) };
        from.AdjustmentPence -= amountPence;
        to.AdjustmentPence += amountPence;
        var now = clock.GetUtcNow();
        await SubmitAsync(
            [
                new(TableTransactionActionType.UpdateReplace, from, from.ETag),
                new(TableTransactionActionType.UpdateReplace, to, to.ETag),
                new(TableTransactionActionType.Add, Audit(schemeId, actor, AuditActions.BudgetTransferred, $"{fromCode} to {toCode}", before, new { from = AuditView(from), to = AuditView(to), amountPence, reason }, now)),
            ],
            cancellationToken).ConfigureAwait(false);
        return (SchemeMapping.ToStored(from), SchemeMapping.ToStored(to));
    }

    // Sets each ward's computed budget under the rule; refuses if councillors' adjustments would take a ward below the minimum.
    private static List<WardEntity> Recompute(BudgetRule rule, IReadOnlyCollection<WardEntity> wards)
    {
        var budgets = BudgetCalculator.Compute(rule, wards.Select(w => new WardPopulation(w.Code, w.Population)).ToList());
        var minimum = rule.MinimumPerWardPence ?? 0;
        var errors = new ValidationErrors();
        var changed = new List<WardEntity>();
        foreach (var ward in wards.OrderBy(w => w.Code, StringComparer.Ordinal))
        {
            var computed = budgets[ward.Code];
            if (computed + ward.AdjustmentPence < minimum)
            {
                errors.Add("budgetRule", $"Ward {ward.Code} would have {Core.Money.FormatPounds(computed + ward.AdjustmentPence)} after councillors' adjustment of {Core.Money.FormatPounds(ward.AdjustmentPence)}, below the minimum of {Core.Money.FormatPounds(minimum)}. Move money back to it first.");
            }

            if (computed != ward.ComputedPence)
            {
                ward.ComputedPence = computed;
                changed.Add(ward);
            }
        }

        return errors.IsValid ? changed : throw new DomainValidationException(errors);
    }

    /// <summary>
    /// Moves the scheme into the next phase, recording when. <paramref name="expected"/> is the ETag the caller checked
    /// the move's preconditions against: any change since (a review, a sign-off) makes the move fail rather than skip them.
    /// </summary>
    public async Task<StoredScheme> MovePhaseAsync(string schemeId, SchemePhase to, ETag expected, CurrentUser actor, CancellationToken cancellationToken)
    {
        var scheme = await RequireSchemeEntityAsync(schemeId, cancellationToken).ConfigureAwait(false);
        if (scheme.ETag != expected)
        {
            throw new ConcurrencyException("The scheme changed while the move was being checked. Try the move again.");
        }

        var stored = SchemeMapping.ToStored(scheme);
        if (stored.Phase.Next() != to)
        {
            throw new PhaseException(stored.Phase.Next() is { } next
                ? $"The scheme is in '{stored.Phase.Describe()}', so it can only move on to '{next.Describe()}'."
                : $"The scheme is in '{stored.Phase.Describe()}', the last phase.");
        }

        var now = clock.GetUtcNow();
        var (planned, started) = SchemeMapping.ReadPhaseDates(scheme.PhaseDates);
        started[to] = now;
        scheme.Phase = to.ToString();
        scheme.PhaseDates = SchemeMapping.WritePhaseDates(planned, started);
        scheme.UpdatedAt = now;
        var responses = await SubmitAsync(
            [
                new(TableTransactionActionType.UpdateReplace, scheme, scheme.ETag),
                new(TableTransactionActionType.Add, Audit(schemeId, actor, AuditActions.PhaseMoved, schemeId, new { phase = stored.Phase }, new { phase = to }, now)),
            ],
            cancellationToken).ConfigureAwait(false);
        scheme.ETag = responses[0].Headers.ETag ?? default;
        return SchemeMapping.ToStored(scheme);
    }

    /// <summary>Replaces the planned start days of the phases.</summary>
    public async Task<StoredScheme> SetPlannedPhaseDatesAsync(string schemeId, IReadOnlyDictionary<SchemePhase, DateOnly> plannedStarts, ETag? ifMatch, CurrentUser actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plannedStarts);
        var scheme = await RequireSchemeEntityAsync(schemeId, cancellationToken).ConfigureAwait(false);
        if (ifMatch is { } expected && expected != ETag.All && expected != scheme.ETag)
        {
            throw new ConcurrencyException("The scheme has changed since you read it. Read it again and reapply your change.");
        }

        var (planned, started) = SchemeMapping.ReadPhaseDates(scheme.PhaseDates);
        var now = clock.GetUtcNow();
        var before = planned.ToDictionary();
        scheme.PhaseDates = SchemeMapping.WritePhaseDates(new Dictionary<SchemePhase, DateOnly>(plannedStarts), started);
        scheme.UpdatedAt = now;
        var responses = await SubmitAsync(
            [
                new(TableTransactionActionType.UpdateReplace, scheme, scheme.ETag),
                new(TableTransactionActionType.Add, Audit(schemeId, actor, AuditActions.PhaseDatesChanged, schemeId, before, plannedStarts, now)),
            ],
            cancellationToken).ConfigureAwait(false);
        scheme.ETag = responses[0].Headers.ETag ?? default;
        return SchemeMapping.ToStored(scheme);
    }

    // Budgets and rules are frozen once voting opens: residents vote on a ward's budget as it stood.
    private static void RequireBudgetsOpen(SchemeEntity scheme, string action)
    {
        var phase = SchemeMapping.ToStored(scheme).Phase;
        if (phase >= SchemePhase.Voting)
        {
            throw new PhaseException(phase.Refusal(action));
        }
    }

    private async Task<SchemeEntity> RequireSchemeEntityAsync(string schemeId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<SchemeEntity>(schemeId, SchemeEntity.Key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value! : throw new NotFoundException($"There is no scheme with the id '{schemeId}'.");
    }

    private async Task<WardEntity> RequireWardAsync(string schemeId, string code, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<WardEntity>(schemeId, WardEntity.RowKeyFor(code), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value! : throw new NotFoundException($"There is no ward {code} in the scheme '{schemeId}'.");
    }

    private async Task<List<WardEntity>> ReadWardsAsync(string schemeId, CancellationToken cancellationToken)
    {
        var wards = new List<WardEntity>();
        await foreach (var entity in Table.QueryAsync<WardEntity>(RowKeyRange.Filter(schemeId, WardEntity.Prefix), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            wards.Add(entity);
        }

        return wards;
    }

    private Task<IReadOnlyList<Response>> SubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken) =>
        SchemePartition.SubmitAsync(Table, actions, cancellationToken);

    private static AuditEntity Audit(string schemeId, CurrentUser actor, string action, string subject, object? before, object? after, DateTimeOffset at) =>
        SchemePartition.Audit(schemeId, actor, action, subject, before, after, at);

    private static object AuditView(WardEntity w) => new { w.Code, w.Name, w.Population, w.Area, w.ComputedPence, w.AdjustmentPence, BudgetPence = w.ComputedPence + w.AdjustmentPence };

    private static bool SameStoredValues(WardEntity a, WardEntity b) =>
        a.Name == b.Name && a.Population == b.Population && a.Area == b.Area && a.ComputedPence == b.ComputedPence && a.AdjustmentPence == b.AdjustmentPence;

    private static WardEntity Clone(WardEntity w) => new()
    {
        PartitionKey = w.PartitionKey,
        RowKey = w.RowKey,
        ETag = w.ETag,
        Code = w.Code,
        Name = w.Name,
        Population = w.Population,
        Area = w.Area,
        ComputedPence = w.ComputedPence,
        AdjustmentPence = w.AdjustmentPence,
    };
}
