using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PBudget.Core;
using PBudget.Core.Audit;
using PBudget.Core.Proposals;
using PBudget.Core.Schemes;
using PBudget.Core.Validation;
using PBudget.Functions.Auth;

namespace PBudget.Functions.Storage;

/// <summary>A proposal as stored, with where to send its author news (never published) and the ETag for If-Match.</summary>
public sealed record StoredProposal(Proposal Proposal, string? AuthorEmail, ETag ETag);

/// <summary>The resident proposing: who they are and where to tell them about decisions.</summary>
public sealed record ProposalAuthor(string UserId, string Name, string? Email);

/// <summary>What a review decision changed, so the caller can tell the people concerned.</summary>
public sealed record ReviewOutcome(StoredProposal Proposal, bool SignOffWithdrawn);

/// <summary>
/// Proposals, councillors' interests and shortlist sign-offs, in the scheme's partition. Every change is one transaction
/// with its audit row and a guard on the scheme row's ETag, so a change can never land after the phase that allowed it
/// has ended, and a phase move can never miss a change made while its preconditions were being checked.
/// </summary>
public sealed class ProposalStore(StorageClients storage, TimeProvider clock)
{
    private const int Attempts = 5;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => storage.Table(StorageNames.SchemesTable);

    /// <summary>Stores a new proposal for a ward, within the resident's cap and while proposals are open.</summary>
    public Task<StoredProposal> SubmitAsync(string schemeId, string wardCode, ProposalDetails details, ProposalAuthor author, CancellationToken cancellationToken) =>
        RetryAsync(async () =>
        {
            var scheme = await RequireSchemeAsync(schemeId, cancellationToken).ConfigureAwait(false);
            RequirePhase(scheme, SchemePhases.AllowsProposals, "propose a project");
            var ward = await RequireWardAsync(schemeId, wardCode, cancellationToken).ConfigureAwait(false);
            RequireWithinBudget(details, ward);
            var counter = await GetAsync<AuthorEntity>(schemeId, AuthorEntity.RowKeyFor(author.UserId), cancellationToken).ConfigureAwait(false);
            if (counter?.OpenProposals >= Proposal.MaxOpenPerResident)
            {
                throw new DomainValidationException("proposals", $"You already have {Proposal.MaxOpenPerResident} proposals in this scheme, the most one resident can have. Withdraw one to propose another.");
            }

            var now = clock.GetUtcNow();
            var proposal = new Proposal(
                Proposal.NewId(), schemeId, ward.Code, author.UserId, author.Name, details, ProposalStatus.Submitted, null, null, null,
                [new Credit(author.UserId, author.Name, details.Organisation, "")], now, now);
            proposal = proposal with { Credits = [proposal.Credits[0] with { FromProposalId = proposal.Id }] };
            var entity = ToEntity(proposal, author.Email);
            var actions = new List<TableTransactionAction>
            {
                Guard(scheme),
                counter is null
                    ? new(TableTransactionActionType.Add, new AuthorEntity { PartitionKey = schemeId, RowKey = AuthorEntity.RowKeyFor(author.UserId), OpenProposals = 1 })
                    : new(TableTransactionActionType.UpdateReplace, Counted(counter, +1), counter.ETag),
                new(TableTransactionActionType.Add, entity),
                new(TableTransactionActionType.Add, SchemePartition.Audit(schemeId, Actor(author), AuditActions.ProposalSubmitted, proposal.Id, null, AuditView(proposal), now)),
            };
            var responses = await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
            return new StoredProposal(proposal, author.Email, responses[2].Headers.ETag ?? default);
        });

    /// <summary>Changes the author's own proposal while proposals are open. A proposal already reviewed goes back for review.</summary>
    public Task<StoredProposal> EditAsync(string schemeId, string proposalId, ProposalDetails details, CurrentUser actor, ETag? ifMatch, CancellationToken cancellationToken) =>
        RetryAsync(async () =>
        {
            var scheme = await RequireSchemeAsync(schemeId, cancellationToken).ConfigureAwait(false);
            var entity = await RequireProposalAsync(schemeId, proposalId, cancellationToken).ConfigureAwait(false);
            RequireAuthor(entity, actor, "change");
            RequireUnchanged(entity, ifMatch);
            RequirePhase(scheme, SchemePhases.AllowsProposals, "change a proposal");
            var before = ToProposal(entity);
            RequireOpen(before, "changed");
            var ward = await RequireWardAsync(schemeId, before.WardCode, cancellationToken).ConfigureAwait(false);
            RequireWithinBudget(details, ward);
            var now = clock.GetUtcNow();
            var after = before with
            {
                Details = details,
                Status = ProposalStatus.Submitted,
                Review = null,
                Credits = [.. before.Credits.Select(c => c.UserId == before.AuthorId && c.FromProposalId == before.Id ? c with { Organisation = details.Organisation } : c)],
                UpdatedAt = now,
            };
            return await CommitAsync(scheme, entity, after, actor, AuditActions.ProposalEdited, before, counterChange: 0, signOff: null, cancellationToken).ConfigureAwait(false);
        });

    /// <summary>Withdraws the author's own proposal while proposals are open; it no longer counts against their cap.</summary>
    public Task<StoredProposal> WithdrawAsync(string schemeId, string proposalId, CurrentUser actor, CancellationToken cancellationToken) =>
        RetryAsync(async () =>
        {
            var scheme = await RequireSchemeAsync(schemeId, cancellationToken).ConfigureAwait(false);
            var entity = await RequireProposalAsync(schemeId, proposalId, cancellationToken).ConfigureAwait(false);
            RequireAuthor(entity, actor, "withdraw");
            RequirePhase(scheme, SchemePhases.AllowsProposals, "withdraw a proposal");
            var before = ToProposal(entity);
            RequireOpen(before, "withdrawn");
            var after = before with { Status = ProposalStatus.Withdrawn, UpdatedAt = clock.GetUtcNow() };
            return await CommitAsync(scheme, entity, after, actor, AuditActions.ProposalWithdrawn, before, counterChange: -1, signOff: null, cancellationToken).ConfigureAwait(false);
        });

    /// <summary>Hides a proposal from the public (or shows it again), with the reason its author is told.</summary>
    public Task<ReviewOutcome> ModerateAsync(string schemeId, string proposalId, bool hidden, string reason, CurrentUser actor, CancellationToken cancellationToken) =>
        ReviewChangeAsync(schemeId, proposalId, actor, AuditActions.ProposalModerated, (before, now) =>
            before with { Moderation = new Moderation(hidden, reason, actor.Name, now), UpdatedAt = now }, cancellationToken);

    /// <summary>Records the feasibility decision and reviewed cost.</summary>
    public Task<ReviewOutcome> ReviewAsync(string schemeId, string proposalId, bool feasible, string reason, long? reviewedCostPence, string? costExplanation, CurrentUser actor, CancellationToken cancellationToken) =>
        ReviewChangeAsync(schemeId, proposalId, actor, AuditActions.ProposalReviewed, (before, now) =>
        {
            RequireOpen(before, "reviewed");
            return before with
            {
                Status = feasible ? ProposalStatus.Feasible : ProposalStatus.NotFeasible,
                Review = new FeasibilityReview(feasible, reason, reviewedCostPence, costExplanation, actor.Name, now),
                UpdatedAt = now,
            };
        }, cancellationToken);

    /// <summary>Merges a duplicate into another proposal of the same ward; the duplicate's authors are credited on the other.</summary>
    public Task<(StoredProposal Duplicate, StoredProposal Into, bool SignOffWithdrawn)> MergeAsync(string schemeId, string duplicateId, string intoId, CurrentUser actor, CancellationToken cancellationToken) =>
        RetryAsync(async () =>
        {
            if (duplicateId == intoId)
            {
                throw new DomainValidationException("into", "A proposal cannot be merged into itself.");
            }

            var scheme = await RequireSchemeAsync(schemeId, cancellationToken).ConfigureAwait(false);
            RequirePhase(scheme, SchemePhases.AllowsReview, "merge proposals");
            var duplicateEntity = await RequireProposalAsync(schemeId, duplicateId, cancellationToken).ConfigureAwait(false);
            var intoEntity = await GetAsync<ProposalEntity>(schemeId, ProposalEntity.RowKeyFor(intoId), cancellationToken).ConfigureAwait(false)
                ?? throw new DomainValidationException("into", $"There is no proposal '{intoId}' in this scheme to merge into.");
            var duplicate = ToProposal(duplicateEntity);
            var into = ToProposal(intoEntity);
            RequireOpen(duplicate, "merged");
            if (!into.IsOpen)
            {
                throw new DomainValidationException("into", $"'{into.Details.Title}' is {Describe(into.Status)}, so nothing can be merged into it.");
            }

            if (into.WardCode != duplicate.WardCode)
            {
                throw new DomainValidationException("into", "Only proposals for the same ward can be merged.");
            }

            var now = clock.GetUtcNow();
            var mergedDuplicate = duplicate with { Status = ProposalStatus.Merged, MergedInto = into.Id, UpdatedAt = now };
            var mergedInto = into with { Credits = [.. into.Credits, .. duplicate.Credits], UpdatedAt = now };
            var signOff = await GetAsync<ShortlistEntity>(schemeId, ShortlistEntity.RowKeyFor(duplicate.WardCode), cancellationToken).ConfigureAwait(false);
            var counter = await GetAsync<AuthorEntity>(schemeId, AuthorEntity.RowKeyFor(duplicate.AuthorId), cancellationToken).ConfigureAwait(false);
            var actions = new List<TableTransactionAction>
            {
                Guard(scheme),
                new(TableTransactionActionType.UpdateReplace, ToEntity(mergedDuplicate, duplicateEntity.AuthorEmail), duplicateEntity.ETag),
                new(TableTransactionActionType.UpdateReplace, ToEntity(mergedInto, intoEntity.AuthorEmail), intoEntity.ETag),
                new(TableTransactionActionType.Add, SchemePartition.Audit(schemeId, actor, AuditActions.ProposalMerged, duplicate.Id, new { duplicate = AuditView(duplicate), into = AuditView(into) }, new { mergedInto = into.Id, credits = mergedInto.Credits.Count }, now)),
            };
            if (counter is not null)
            {
                actions.Add(new(TableTransactionActionType.UpdateReplace, Counted(counter, -1), counter.ETag));
            }

            AddSignOffWithdrawal(actions, signOff, actor, $"{duplicate.Id} merged into {into.Id}", now);
            var responses = await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
            return (
                new StoredProposal(mergedDuplicate, duplicateEntity.AuthorEmail, responses[1].Headers.ETag ?? default),
                new StoredProposal(mergedInto, intoEntity.AuthorEmail, responses[2].Headers.ETag ?? default),
                signOff is not null);
        });

    public async Task<StoredProposal?> GetAsync(string schemeId, string proposalId, CancellationToken cancellationToken)
    {
        var entity = await GetAsync<ProposalEntity>(schemeId, ProposalEntity.RowKeyFor(proposalId), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new StoredProposal(ToProposal(entity), entity.AuthorEmail, entity.ETag);
    }

    /// <summary>Every proposal of the scheme, oldest first; optionally one ward's or one author's.</summary>
    public async Task<IReadOnlyList<StoredProposal>> ListAsync(string schemeId, CancellationToken cancellationToken, string? wardCode = null, string? authorId = null)
    {
        var proposals = new List<StoredProposal>();
        var filter = RowKeyRange.Filter(schemeId, ProposalEntity.Prefix);
        if (wardCode is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"WardCode eq {wardCode}");
        }

        if (authorId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"AuthorId eq {authorId}");
        }

        await foreach (var entity in Table.QueryAsync<ProposalEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            proposals.Add(new StoredProposal(ToProposal(entity), entity.AuthorEmail, entity.ETag));
        }

        return proposals.OrderBy(p => p.Proposal.SubmittedAt).ThenBy(p => p.Proposal.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Records a councillor's interest in a proposal of their ward. Declaring it again replaces the wording.</summary>
    public Task<InterestDeclaration> DeclareInterestAsync(string schemeId, string wardCode, string proposalId, string interest, CurrentUser councillor, CancellationToken cancellationToken) =>
        RetryAsync(async () =>
        {
            var scheme = await RequireSchemeAsync(schemeId, cancellationToken).ConfigureAwait(false);
            var proposal = await RequireProposalAsync(schemeId, proposalId, cancellationToken).ConfigureAwait(false);
            if (proposal.WardCode != wardCode)
            {
                throw new DomainValidationException("proposalId", $"Proposal '{proposalId}' is not for ward {wardCode}.");
            }

            var now = clock.GetUtcNow();
            var declaration = new InterestDeclaration(wardCode, proposalId, councillor.Id, councillor.Name, interest, now);
            await SubmitAsync(
                [
                    Guard(scheme),
                    new(TableTransactionActionType.UpsertReplace, new InterestEntity
                    {
                        PartitionKey = schemeId,
                        RowKey = InterestEntity.RowKeyFor(wardCode, proposalId, councillor.Id),
                        WardCode = wardCode,
                        ProposalId = proposalId,
                        CouncillorId = councillor.Id,
                        CouncillorName = councillor.Name,
                        Interest = interest,
                        At = now,
                    }),
                    new(TableTransactionActionType.Add, SchemePartition.Audit(schemeId, councillor, AuditActions.InterestDeclared, proposalId, null, new { wardCode, interest }, now)),
                ],
                cancellationToken).ConfigureAwait(false);
            return declaration;
        });

    public async Task<IReadOnlyList<InterestDeclaration>> ListInterestsAsync(string schemeId, string wardCode, CancellationToken cancellationToken)
    {
        var interests = new List<InterestDeclaration>();
        await foreach (var e in Table.QueryAsync<InterestEntity>(RowKeyRange.Filter(schemeId, InterestEntity.PrefixFor(wardCode)), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            interests.Add(new InterestDeclaration(e.WardCode, e.ProposalId, e.CouncillorId, e.CouncillorName, e.Interest, e.At));
        }

        return interests;
    }

    public async Task<ShortlistSignOff?> GetSignOffAsync(string schemeId, string wardCode, CancellationToken cancellationToken)
    {
        var entity = await GetAsync<ShortlistEntity>(schemeId, ShortlistEntity.RowKeyFor(wardCode), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToSignOff(entity);
    }

    public async Task<IReadOnlyList<ShortlistSignOff>> ListSignOffsAsync(string schemeId, CancellationToken cancellationToken)
    {
        var signOffs = new List<ShortlistSignOff>();
        await foreach (var entity in Table.QueryAsync<ShortlistEntity>(RowKeyRange.Filter(schemeId, ShortlistEntity.Prefix), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            signOffs.Add(ToSignOff(entity));
        }

        return signOffs;
    }

    /// <summary>
    /// Signs off a ward's shortlist. <paramref name="confirmedIds"/> is the shortlist the signer saw: if it is not exactly
    /// the shortlist now, nothing is signed. A councillor with a declared interest in any shortlisted proposal cannot sign.
    /// </summary>
    public Task<ShortlistSignOff> SignOffAsync(string schemeId, string wardCode, IReadOnlyCollection<string> confirmedIds, CurrentUser actor, CancellationToken cancellationToken) =>
        RetryAsync(async () =>
        {
            var scheme = await RequireSchemeAsync(schemeId, cancellationToken).ConfigureAwait(false);
            RequirePhase(scheme, SchemePhases.AllowsSignOff, "sign off a shortlist");
            var ward = await RequireWardAsync(schemeId, wardCode, cancellationToken).ConfigureAwait(false);
            if (await GetAsync<ShortlistEntity>(schemeId, ShortlistEntity.RowKeyFor(wardCode), cancellationToken).ConfigureAwait(false) is { } existing)
            {
                throw new AlreadyExistsException($"The shortlist for {ward.Name} was already signed off by {existing.SignedOffBy} on {existing.At:d MMMM yyyy}.");
            }

            var proposals = await ListAsync(schemeId, cancellationToken, wardCode: wardCode).ConfigureAwait(false);
            var shortlist = Shortlists.For(proposals.Select(p => p.Proposal), ward.ComputedPence + ward.AdjustmentPence);
            if (shortlist.Count == 0)
            {
                throw new DomainValidationException("proposalIds", $"{ward.Name} has no feasible proposal that fits its budget, so there is no shortlist to sign off.");
            }

            var current = shortlist.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            if (!current.SetEquals(confirmedIds))
            {
                throw new ConcurrencyException($"The shortlist for {ward.Name} is now: {string.Join(", ", shortlist.Select(p => $"{p.Details.Title} ({p.Id})"))}. Check it and sign off again.");
            }

            if (!actor.IsAdmin)
            {
                var interests = (await ListInterestsAsync(schemeId, wardCode, cancellationToken).ConfigureAwait(false))
                    .Where(i => i.CouncillorId == actor.Id && current.Contains(i.ProposalId))
                    .ToList();
                if (interests.Count > 0)
                {
                    throw new ForbiddenException($"You declared an interest in {string.Join(", ", interests.Select(i => shortlist.First(p => p.Id == i.ProposalId).Details.Title))}, so another councillor of {ward.Name} or an admin must sign off this shortlist.");
                }
            }

            var now = clock.GetUtcNow();
            var signOff = new ShortlistSignOff(wardCode, shortlist.Select(p => new ShortlistEntry(p.Id, p.CostPence)).ToList(), actor.Name, now);
            await SubmitAsync(
                [
                    Guard(scheme),
                    new(TableTransactionActionType.Add, new ShortlistEntity
                    {
                        PartitionKey = schemeId,
                        RowKey = ShortlistEntity.RowKeyFor(wardCode),
                        WardCode = wardCode,
                        Entries = JsonSerializer.Serialize(signOff.Entries, Json),
                        SignedOffBy = actor.Name,
                        At = now,
                    }),
                    new(TableTransactionActionType.Add, SchemePartition.Audit(schemeId, actor, AuditActions.ShortlistSignedOff, wardCode, null, signOff.Entries, now)),
                ],
                cancellationToken).ConfigureAwait(false);
            return signOff;
        });

    private Task<ReviewOutcome> ReviewChangeAsync(string schemeId, string proposalId, CurrentUser actor, string action, Func<Proposal, DateTimeOffset, Proposal> change, CancellationToken cancellationToken) =>
        RetryAsync(async () =>
        {
            var scheme = await RequireSchemeAsync(schemeId, cancellationToken).ConfigureAwait(false);
            RequirePhase(scheme, SchemePhases.AllowsReview, "review proposals");
            var entity = await RequireProposalAsync(schemeId, proposalId, cancellationToken).ConfigureAwait(false);
            var before = ToProposal(entity);
            var after = change(before, clock.GetUtcNow());
            var signOff = await GetAsync<ShortlistEntity>(schemeId, ShortlistEntity.RowKeyFor(before.WardCode), cancellationToken).ConfigureAwait(false);
            var stored = await CommitAsync(scheme, entity, after, actor, action, before, counterChange: 0, signOff, cancellationToken).ConfigureAwait(false);
            return new ReviewOutcome(stored, signOff is not null);
        });

    // Replaces a proposal under its ETag with its audit row, the phase guard, an author-counter change and, when a review
    // changes a ward whose shortlist was signed off, the withdrawal of that sign-off: the councillors must look again.
    private async Task<StoredProposal> CommitAsync(
        SchemeEntity scheme, ProposalEntity entity, Proposal after, CurrentUser actor, string action, Proposal before, int counterChange, ShortlistEntity? signOff, CancellationToken cancellationToken)
    {
        var now = after.UpdatedAt;
        var actions = new List<TableTransactionAction>
        {
            Guard(scheme),
            new(TableTransactionActionType.UpdateReplace, ToEntity(after, entity.AuthorEmail), entity.ETag),
            new(TableTransactionActionType.Add, SchemePartition.Audit(scheme.PartitionKey, actor, action, after.Id, AuditView(before), AuditView(after), now)),
        };
        if (counterChange != 0 && await GetAsync<AuthorEntity>(scheme.PartitionKey, AuthorEntity.RowKeyFor(after.AuthorId), cancellationToken).ConfigureAwait(false) is { } counter)
        {
            actions.Add(new(TableTransactionActionType.UpdateReplace, Counted(counter, counterChange), counter.ETag));
        }

        AddSignOffWithdrawal(actions, signOff, actor, after.Id, now);
        var responses = await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
        return new StoredProposal(after, entity.AuthorEmail, responses[1].Headers.ETag ?? default);
    }

    private static void AddSignOffWithdrawal(List<TableTransactionAction> actions, ShortlistEntity? signOff, CurrentUser actor, string because, DateTimeOffset now)
    {
        if (signOff is null)
        {
            return;
        }

        actions.Add(new(TableTransactionActionType.Delete, signOff, signOff.ETag));
        actions.Add(new(TableTransactionActionType.Add, SchemePartition.Audit(
            signOff.PartitionKey, actor, AuditActions.ShortlistSignOffWithdrawn, signOff.WardCode,
            new { signOff.SignedOffBy, signOff.At, entries = signOff.Entries }, new { reason = "a shortlisted or eligible proposal was changed: " + because }, now)));
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> attempt)
    {
        // A lost race on the guard means something changed in between; reading again and rechecking is always safe.
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (RetryableConflictException) when (i < Attempts)
            {
                await Task.Delay(Random.Shared.Next(5, 20 * i)).ConfigureAwait(false);
            }
            catch (RetryableConflictException conflict)
            {
                throw new ConcurrencyException(conflict.Message, conflict);
            }
        }
    }

    private async Task<IReadOnlyList<Response>> SubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            return await SchemePartition.SubmitAsync(Table, actions, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyException race)
        {
            throw new RetryableConflictException(race.Message, race);
        }
        catch (TableTransactionFailedException error) when (error.Status == 409)
        {
            // Two first proposals by one resident raced to create the counter row.
            throw new RetryableConflictException("Someone else changed this at the same time. Try again.", error);
        }
    }

    /// <summary>An update that leaves the scheme row as it is but fails if it changed: the phase cannot move under this change.</summary>
    private static TableTransactionAction Guard(SchemeEntity scheme) =>
        new(TableTransactionActionType.UpdateMerge, new TableEntity(scheme.PartitionKey, SchemeEntity.Key), scheme.ETag);

    private static void RequirePhase(SchemeEntity scheme, Func<SchemePhase, bool> allows, string action)
    {
        var phase = SchemeMapping.ToStored(scheme).Phase;
        if (!allows(phase))
        {
            throw new PhaseException(phase.Refusal(action));
        }
    }

    private static void RequireAuthor(ProposalEntity entity, CurrentUser actor, string verb)
    {
        if (entity.AuthorId != actor.Id)
        {
            throw new ForbiddenException($"You can only {verb} your own proposals.");
        }
    }

    private static void RequireUnchanged(ProposalEntity entity, ETag? ifMatch)
    {
        if (ifMatch is { } expected && expected != ETag.All && expected != entity.ETag)
        {
            throw new PreconditionException("The proposal has changed since you read it. Read it again and reapply your change.");
        }
    }

    private static void RequireOpen(Proposal proposal, string what)
    {
        if (!proposal.IsOpen)
        {
            throw new PhaseException($"This proposal is {Describe(proposal.Status)}, so it cannot be {what}.");
        }
    }

    private static void RequireWithinBudget(ProposalDetails details, WardEntity ward)
    {
        var budget = ward.ComputedPence + ward.AdjustmentPence;
        if (details.EstimatedCostPence > budget)
        {
            throw new DomainValidationException("estimatedCost", $"{ward.Name}'s budget is {Money.FormatPounds(budget)}; a project must cost no more than that. Could a smaller version of your idea fit?");
        }
    }

    private static string Describe(ProposalStatus status) => status switch
    {
        ProposalStatus.Withdrawn => "withdrawn",
        ProposalStatus.Merged => "merged into another proposal",
        ProposalStatus.Feasible => "found feasible",
        ProposalStatus.NotFeasible => "found not feasible",
        _ => "waiting for review",
    };

    private async Task<SchemeEntity> RequireSchemeAsync(string schemeId, CancellationToken cancellationToken) =>
        await GetAsync<SchemeEntity>(schemeId, SchemeEntity.Key, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"There is no scheme with the id '{schemeId}'.");

    private async Task<WardEntity> RequireWardAsync(string schemeId, string wardCode, CancellationToken cancellationToken) =>
        await GetAsync<WardEntity>(schemeId, WardEntity.RowKeyFor(wardCode), cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"There is no ward {wardCode} in the scheme '{schemeId}'.");

    private async Task<ProposalEntity> RequireProposalAsync(string schemeId, string proposalId, CancellationToken cancellationToken) =>
        await GetAsync<ProposalEntity>(schemeId, ProposalEntity.RowKeyFor(proposalId), cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"There is no proposal '{proposalId}' in the scheme '{schemeId}'.");

    private async Task<T?> GetAsync<T>(string partitionKey, string rowKey, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var response = await Table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private static AuthorEntity Counted(AuthorEntity counter, int change) => new()
    {
        PartitionKey = counter.PartitionKey,
        RowKey = counter.RowKey,
        ETag = counter.ETag,
        OpenProposals = Math.Max(0, counter.OpenProposals + change),
    };

    private static CurrentUser Actor(ProposalAuthor author) => new(author.UserId, author.Name, []);

    private static object AuditView(Proposal p) => new
    {
        p.WardCode,
        p.Details.Title,
        p.Details.EstimatedCostPence,
        p.Details.Category,
        p.Status,
        p.Review?.ReviewedCostPence,
        feasibilityReason = p.Review?.Reason,
        hidden = p.IsHidden,
        moderationReason = p.Moderation?.Reason,
        p.MergedInto,
    };

    private static ProposalEntity ToEntity(Proposal p, string? authorEmail) => new()
    {
        PartitionKey = p.SchemeId,
        RowKey = ProposalEntity.RowKeyFor(p.Id),
        Id = p.Id,
        WardCode = p.WardCode,
        AuthorId = p.AuthorId,
        AuthorName = p.AuthorName,
        AuthorEmail = authorEmail,
        Title = p.Details.Title,
        Summary = p.Details.Summary,
        Description = p.Details.Description,
        EstimatedCostPence = p.Details.EstimatedCostPence,
        Category = p.Details.Category,
        Postcode = p.Details.Location?.Postcode,
        Latitude = p.Details.Location?.Latitude?.ToString(CultureInfo.InvariantCulture),
        Longitude = p.Details.Location?.Longitude?.ToString(CultureInfo.InvariantCulture),
        Organisation = p.Details.Organisation,
        Status = p.Status.ToString(),
        Feasible = p.Review?.Feasible,
        FeasibilityReason = p.Review?.Reason,
        ReviewedCostPence = p.Review?.ReviewedCostPence,
        CostExplanation = p.Review?.CostExplanation,
        ReviewerName = p.Review?.ReviewerName,
        ReviewedAt = p.Review?.At,
        Hidden = p.IsHidden,
        ModerationReason = p.Moderation?.Reason,
        ModeratorName = p.Moderation?.ModeratorName,
        ModeratedAt = p.Moderation?.At,
        MergedInto = p.MergedInto,
        Credits = JsonSerializer.Serialize(p.Credits, Json),
        SubmittedAt = p.SubmittedAt,
        UpdatedAt = p.UpdatedAt,
    };

    private static Proposal ToProposal(ProposalEntity e)
    {
        var location = e.Postcode is not null || e.Latitude is not null
            ? new ProposalLocation(
                e.Postcode,
                e.Latitude is null ? null : decimal.Parse(e.Latitude, CultureInfo.InvariantCulture),
                e.Longitude is null ? null : decimal.Parse(e.Longitude, CultureInfo.InvariantCulture))
            : null;
        return new Proposal(
            e.Id,
            e.PartitionKey,
            e.WardCode,
            e.AuthorId,
            e.AuthorName,
            new ProposalDetails(e.Title, e.Summary, e.Description, e.EstimatedCostPence, e.Category, location, e.Organisation),
            Enum.Parse<ProposalStatus>(e.Status),
            e.ReviewedAt is { } reviewedAt ? new FeasibilityReview(e.Feasible == true, e.FeasibilityReason ?? "", e.ReviewedCostPence, e.CostExplanation, e.ReviewerName ?? "", reviewedAt) : null,
            e.ModeratedAt is { } moderatedAt ? new Moderation(e.Hidden, e.ModerationReason ?? "", e.ModeratorName ?? "", moderatedAt) : null,
            e.MergedInto,
            JsonSerializer.Deserialize<List<Credit>>(e.Credits, Json) ?? [],
            e.SubmittedAt,
            e.UpdatedAt);
    }

    private static ShortlistSignOff ToSignOff(ShortlistEntity e) =>
        new(e.WardCode, JsonSerializer.Deserialize<List<ShortlistEntry>>(e.Entries, Json) ?? [], e.SignedOffBy, e.At);

    private sealed class RetryableConflictException(string message, Exception inner) : Exception(message, inner);
}
