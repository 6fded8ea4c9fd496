using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace PBudget.Functions.Storage;

/// <summary>Hands out table and queue clients by their base name, with the configured prefix applied.</summary>
public sealed class StorageClients
{
    private readonly StorageOptions options;
    private readonly TableServiceClient tableService;
    private readonly QueueServiceClient queueService;

    /// <param name="options">Where storage is.</param>
    /// <param name="tableClientOptions">Pipeline options for the table client; tests use it to inject faults.</param>
    public StorageClients(IOptions<StorageOptions> options, TableClientOptions? tableClientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        var queueClientOptions = new QueueClientOptions
        {
            // Plain text, matching host.json's "messageEncoding": "none" (a contract test checks both).
            MessageEncoding = QueueMessageEncoding.None,
        };

        if (!string.IsNullOrWhiteSpace(this.options.ConnectionString))
        {
            tableService = new TableServiceClient(this.options.ConnectionString, tableClientOptions ?? new TableClientOptions());
            queueService = new QueueServiceClient(this.options.ConnectionString, queueClientOptions);
        }
        else if (this.options.TableServiceUri is not null && this.options.QueueServiceUri is not null)
        {
            var credential = new DefaultAzureCredential();
            tableService = new TableServiceClient(this.options.TableServiceUri, credential, tableClientOptions ?? new TableClientOptions());
            queueService = new QueueServiceClient(this.options.QueueServiceUri, credential, queueClientOptions);
        }
        else
        {
            throw new OptionsValidationException(
                StorageOptions.SectionName,
                typeof(StorageOptions),
                ["Set Storage:ConnectionString, or both Storage:TableServiceUri and Storage:QueueServiceUri."]);
        }
    }

    public StorageOptions Options => options;

    public TableClient Table(string baseName) => tableService.GetTableClient(options.TableName(baseName));

    public QueueClient Queue(string baseName) => queueService.GetQueueClient(options.QueueName(baseName));

    /// <summary>Creates every table, queue and poison queue the app uses, if missing. Idempotent.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in StorageNames.Tables)
        {
            await Table(table).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var queue in StorageNames.Queues)
        {
            await Queue(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await Queue(queue + StorageNames.PoisonSuffix).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
