using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PBudget.Core.Budgets;
using PBudget.Core.Schemes;
using PBudget.Core.Validation;
using PBudget.Core.Wards;
using PBudget.Functions.Auth;
using PBudget.Functions.Storage;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Storage;

/// <summary>Runs an action before each entity-group transaction ($batch) is sent.</summary>
internal sealed class BeforeBatchPolicy(Action action) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interfere(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interfere(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Interfere(HttpMessage message)
    {
        if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
        {
            action();
        }
    }
}

/// <summary>The storage paths against a real Azurite: conflicts, stale ETags and all-or-nothing transactions.</summary>
public sealed class SchemeStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly CurrentUser Actor = new("0a6b3c58-0000-4000-8000-000000000001", "Ada Admin", [Roles.Admin]);
    private static readonly BudgetRule TwoPoundsAHead = new(200, null, 1_500_000);

    private readonly StorageClients storage = new(Options.Create(new StorageOptions
    {
        ConnectionString = azurite.ConnectionString,
        NamePrefix = "st" + Guid.NewGuid().ToString("N")[..10],
    }));

    private SchemeStore store = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await storage.EnsureCreatedAsync(Cancel);
        store = new SchemeStore(storage, TimeProvider.System);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task CreateAsync_SameIdTwice_ThrowsAlreadyExists()
    {
        var scheme = NewScheme();
        await store.CreateAsync(scheme, Actor, Cancel);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => store.CreateAsync(scheme with { Name = "Another" }, Actor, Cancel));

        Assert.Equal("Test scheme", (await store.GetAsync(scheme.Id, Cancel))!.Scheme.Name);
    }

    [Fact]
    public async Task UpdateRulesAsync_StaleETag_ThrowsConcurrencyAndKeepsTheRule()
    {
        var scheme = NewScheme();
        var created = await store.CreateAsync(scheme, Actor, Cancel);
        await store.UpdateRulesAsync(scheme.Id, TwoPoundsAHead with { PencePerHead = 300 }, AdjustmentPolicy.Default, created.ETag, Actor, Cancel);

        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            store.UpdateRulesAsync(scheme.Id, TwoPoundsAHead with { PencePerHead = 400 }, AdjustmentPolicy.Default, created.ETag, Actor, Cancel));

        Assert.Equal(300, (await store.GetAsync(scheme.Id, Cancel))!.Scheme.Rule.PencePerHead);
    }

    [Fact]
    public async Task UpdateRulesAsync_CurrentETag_ReturnsANewETag()
    {
        var scheme = NewScheme();
        var created = await store.CreateAsync(scheme, Actor, Cancel);

        var updated = await store.UpdateRulesAsync(scheme.Id, TwoPoundsAHead with { PencePerHead = 300 }, AdjustmentPolicy.Default, created.ETag, Actor, Cancel);

        Assert.NotEqual(created.ETag, updated.ETag);
        Assert.Equal(updated.ETag, (await store.GetAsync(scheme.Id, Cancel))!.ETag);
    }

    [Fact]
    public async Task ImportWardsAsync_FailsHalfway_LeavesEverythingAsItWas()
    {
        var scheme = NewScheme();
        await store.CreateAsync(scheme, Actor, Cancel);
        await store.ImportWardsAsync(scheme.Id, [new Ward("E05000001", "Abbey", 10_000, "Central"), new Ward("E05000002", "Castle", 10_000, "Central")], Actor, Cancel);
        var schemeBefore = await store.GetAsync(scheme.Id, Cancel);
        var auditBefore = await store.ReadAuditAsync(scheme.Id, 100, Cancel);

        // Just before every batch is sent, someone else touches Castle, so the batch's update of Castle
        // fails its ETag condition after the scheme row and Abbey's update are already in the same batch.
        var interfering = new StorageClients(
            Options.Create(storage.Options),
            WithPolicy(new BeforeBatchPolicy(() => storage.Table(StorageNames.SchemesTable)
                .UpdateEntity(new TableEntity(scheme.Id, WardEntity.RowKeyFor("E05000002")) { ["Touched"] = DateTimeOffset.UtcNow.Ticks }, ETag.All, TableUpdateMode.Merge))));
        var racingStore = new SchemeStore(interfering, TimeProvider.System);
        Ward[] import = [new("E05000001", "Abbey Renamed", 20_000, "Central"), new("E05000002", "Castle", 15_000, "Central")];

        await Assert.ThrowsAsync<ConcurrencyException>(() => racingStore.ImportWardsAsync(scheme.Id, import, Actor, Cancel));

        var abbey = (await store.GetWardsAsync(scheme.Id, Cancel)).Single(w => w.Code == "E05000001");
        Assert.Equal("Abbey", abbey.Name);
        Assert.Equal(2_000_000, abbey.BudgetPence);
        Assert.Equal(schemeBefore!.UpdatedAt, (await store.GetAsync(scheme.Id, Cancel))!.UpdatedAt);
        Assert.Equal(auditBefore.Count, (await store.ReadAuditAsync(scheme.Id, 100, Cancel)).Count);
    }

    [Fact]
    public async Task ImportWardsAsync_InfeasibleMinimumForThePot_RefusesAndStoresNothing()
    {
        // A £40,000 pot cannot give three wards £15,000 each (£45,000).
        var scheme = NewScheme() with { Rule = new BudgetRule(null, 4_000_000, 1_500_000) };
        await store.CreateAsync(scheme, Actor, Cancel);
        Ward[] wards = [new("E05000001", "A", 100, null), new("E05000002", "B", 100, null), new("E05000003", "C", 100, null)];

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => store.ImportWardsAsync(scheme.Id, wards, Actor, Cancel));

        Assert.Contains("£45,000", error.Errors.ToString(), StringComparison.Ordinal);
        Assert.Empty(await store.GetWardsAsync(scheme.Id, Cancel));
    }

    [Fact]
    public async Task ImportWardsAsync_WithAPot_BudgetsAddUpToThePotExactly()
    {
        // £100,000 over 1 : 1 : 1 is £33,333 each with £1 left, which goes to the lowest code.
        var scheme = NewScheme() with { Rule = new BudgetRule(null, 10_000_000, null) };
        await store.CreateAsync(scheme, Actor, Cancel);

        var outcome = await store.ImportWardsAsync(scheme.Id, [new("E05000003", "C", 500, null), new("E05000001", "A", 500, null), new("E05000002", "B", 500, null)], Actor, Cancel);

        Assert.Equal(10_000_000, outcome.Wards.Sum(w => w.BudgetPence));
        Assert.Equal(3_333_400, outcome.Wards.Single(w => w.Code == "E05000001").BudgetPence);
        Assert.Equal(3_333_300, outcome.Wards.Single(w => w.Code == "E05000003").BudgetPence);
    }

    [Fact]
    public async Task TransferAsync_StaleRead_IsRetriedAndNoMoveIsLost()
    {
        var scheme = NewScheme() with { Adjustments = new AdjustmentPolicy(TransferScope.AnyWard) };
        await store.CreateAsync(scheme, Actor, Cancel);
        await store.ImportWardsAsync(scheme.Id, [new("E05000001", "A", 10_000, null), new("E05000002", "B", 10_000, null)], Actor, Cancel);

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => store.TransferAsync(scheme.Id, "E05000001", "E05000002", 10_000, "test", Actor, Cancel)));

        var wards = (await store.GetWardsAsync(scheme.Id, Cancel)).ToDictionary(w => w.Code);
        Assert.Equal(2_000_000 - 20_000, wards["E05000001"].BudgetPence);
        Assert.Equal(2_000_000 + 20_000, wards["E05000002"].BudgetPence);
    }

    [Fact]
    public async Task UpdateRulesAsync_AdjustmentWouldBreachTheMinimum_RefusesAndKeepsTheRule()
    {
        var scheme = NewScheme() with { Rule = new BudgetRule(200, null, null), Adjustments = new AdjustmentPolicy(TransferScope.AnyWard) };
        await store.CreateAsync(scheme, Actor, Cancel);
        await store.ImportWardsAsync(scheme.Id, [new("E05000001", "A", 10_000, null), new("E05000002", "B", 10_000, null)], Actor, Cancel);
        await store.TransferAsync(scheme.Id, "E05000001", "E05000002", 1_500_000, "test", Actor, Cancel);

        // A now has £20,000 − £15,000 = £5,000; a £10,000 minimum would need money moved back first.
        await Assert.ThrowsAsync<DomainValidationException>(() =>
            store.UpdateRulesAsync(scheme.Id, new BudgetRule(200, null, 1_000_000), scheme.Adjustments, null, Actor, Cancel));

        Assert.Null((await store.GetAsync(scheme.Id, Cancel))!.Scheme.Rule.MinimumPerWardPence);
    }

    private static TableClientOptions WithPolicy(HttpPipelinePolicy policy)
    {
        var options = new TableClientOptions();
        options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        return options;
    }

    private static Scheme NewScheme() =>
        new("s" + Guid.NewGuid().ToString("N")[..12], "Test scheme", "2026-27", TwoPoundsAHead, AdjustmentPolicy.Default);
}
