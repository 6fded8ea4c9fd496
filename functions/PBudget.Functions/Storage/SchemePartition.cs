using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PBudget.Functions.Auth;

namespace PBudget.Functions.Storage;

/// <summary>What every store writing to a scheme's partition shares: the audit row, and the all-or-nothing transaction.</summary>
internal static class SchemePartition
{
    public const int MaxActionsPerTransaction = 100;

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Commits the actions together; a failed condition (412, or 404 on an update) means someone else changed the data first.</summary>
    public static async Task<IReadOnlyList<Response>> SubmitAsync(TableClient table, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        // Azure answers 400 to a larger batch; Azurite fails oddly, so the limit is enforced here.
        if (actions.Count > MaxActionsPerTransaction)
        {
            throw new InvalidOperationException($"A transaction of {actions.Count} actions is over Table Storage's limit of {MaxActionsPerTransaction}.");
        }

        try
        {
            var response = await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return response.Value;
        }
        catch (TableTransactionFailedException error) when (error.Status is 412 or 404 && actions.Any(a => a.ActionType != TableTransactionActionType.Add))
        {
            throw new ConcurrencyException("Someone else changed this scheme at the same time. Read it again and retry.", error);
        }
    }

    /// <summary>An audit row: who did what to what, when, with the state before and after as JSON.</summary>
    public static AuditEntity Audit(string schemeId, CurrentUser actor, string action, string subject, object? before, object? after, DateTimeOffset at) => new()
    {
        PartitionKey = schemeId,
        RowKey = AuditEntity.RowKeyFor(at),
        At = at,
        ActorId = actor.Id,
        ActorName = actor.Name,
        Action = action,
        Subject = subject,
        Before = before is null ? null : JsonSerializer.Serialize(before, AuditJson),
        After = after is null ? null : JsonSerializer.Serialize(after, AuditJson),
    };
}
