using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PBudget.Core.Budgets;
using PBudget.Core.Schemes;
using PBudget.Core.Voting;
using PBudget.Core.Wards;
using PBudget.Functions.Auth;
using PBudget.Functions.Storage;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Storage;

/// <summary>Voting's multi-transaction writes failing part way, against a real Azurite: what was there stays in use.</summary>
public sealed class VotingStoreFailureTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly CurrentUser Actor = new("0a6b3c58-0000-4000-8000-000000000001", "Ada Admin", [Roles.Admin]);

    private readonly string prefix = "vf" + Guid.NewGuid().ToString("N")[..10];
    private int batches;
    private int failOnBatch = int.MaxValue;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var options = new TableClientOptions();
        options.AddPolicy(new BeforeBatchPolicy(() =>
        {
            if (Interlocked.Increment(ref batches) == failOnBatch)
            {
                throw new InvalidOperationException("Storage went away in the middle of the import.");
            }
        }), HttpPipelinePosition.PerCall);
        Storage = new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, NamePrefix = prefix }), options);
        await Storage.EnsureCreatedAsync(Cancel);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private StorageClients Storage { get; set; } = null!;

    private async Task<string> SchemeWithWardsAsync()
    {
        var schemes = new SchemeStore(Storage, TimeProvider.System);
        var scheme = new Scheme("s" + Guid.NewGuid().ToString("N")[..12], "Test scheme", "2026-27", new BudgetRule(200, null, null), AdjustmentPolicy.Default);
        await schemes.CreateAsync(scheme, Actor, Cancel);
        await schemes.ImportWardsAsync(scheme.Id, [new Ward("E05000001", "Abbey", 12_480, "Central"), new Ward("E05000002", "Castle", 9_875, "Central")], Actor, Cancel);
        return scheme.Id;
    }

    private static List<PostcodeWard> Postcodes(string ward, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new PostcodeWard($"AB{i / 100 + 1} {i % 10}{(char)('A' + i / 10 % 10)}{(char)('A' + i % 26)}", ward))];

    [Fact]
    public async Task A_postcode_import_that_fails_part_way_leaves_the_previous_lookup_in_use()
    {
        var schemeId = await SchemeWithWardsAsync();
        var setup = new VotingSetupStore(Storage, new ProposalStore(Storage, TimeProvider.System), TimeProvider.System);
        var before = Postcodes("E05000001", 250);
        await setup.ImportPostcodesAsync(schemeId, before, Actor, Cancel);

        failOnBatch = batches + 2;
        var moved = Postcodes("E05000002", 250);
        await Assert.ThrowsAnyAsync<Exception>(() => setup.ImportPostcodesAsync(schemeId, moved, Actor, Cancel));

        Assert.Equal("E05000001", await setup.FindWardAsync(schemeId, before[0].Postcode, Cancel));
        Assert.Equal("E05000001", await setup.FindWardAsync(schemeId, before[^1].Postcode, Cancel));
    }

    [Fact]
    public async Task Issuing_codes_that_fails_part_way_records_no_batch_so_the_issued_count_is_unchanged()
    {
        var schemeId = await SchemeWithWardsAsync();
        var ballots = new BallotStore(Storage, TimeProvider.System);
        var secret = new byte[32];
        var codes = Enumerable.Range(0, 2_000).Select(_ => VotingCodes.Generate()).Select(c => (c, VoterKeys.ForCode(secret, schemeId, c))).ToList();
        await ballots.IssueCodesAsync(schemeId, "E05000001", codes[..10], Actor, Cancel);

        failOnBatch = batches + 5;
        await Assert.ThrowsAnyAsync<Exception>(() => ballots.IssueCodesAsync(schemeId, "E05000001", codes[10..], Actor, Cancel));

        Assert.Equal(10, (await ballots.ReconcileAsync(schemeId, "E05000001", Cancel)).CodesIssued);
    }
}
