using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PBudget.Core.Voting;
using PBudget.Functions.Storage;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;
using static PBudget.Functions.Tests.Support.VotingFlow;

namespace PBudget.Functions.Tests.Voting;

/// <summary>
/// Ballots under concurrent load against real Azurite, through two app instances sharing one storage account (as two
/// Functions instances would), so that uniqueness comes from the store's conditions and not from one process's lock.
/// </summary>
public sealed class VotingIntegrityTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new() { ["RateLimits:ProposalWritesPerHour"] = "1000" };

    private readonly PBudgetApp first = new(azurite, settings: Settings);
    private PBudgetApp? second;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private PBudgetApp Second => second ??= new PBudgetApp(azurite, settings: Settings, prefix: first.Prefix);

    private BallotStore Store => first.Services.GetRequiredService<BallotStore>();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await first.DisposeAsync();
        if (second is not null)
        {
            await second.DisposeAsync();
        }
    }

    private PBudgetApp Instance(int i) => i % 2 == 0 ? first : Second;

    [Fact]
    public async Task Two_hundred_concurrent_ballots_from_one_voter_leave_exactly_one_ballot_and_a_receipt_for_each_accepted()
    {
        var scheme = await OpenVotingAsync(first, Cancel);
        string[][] ballots = [[scheme.Ten], [scheme.Eight], [scheme.Twelve], [scheme.Ten, scheme.Eight], [scheme.Eight, scheme.Twelve]];
        var clients = new[] { first.ClientFor(AbbeyVoter), Second.ClientFor(AbbeyVoter) };

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            clients[i % 2].PutAsJsonAsync($"/api/schemes/{scheme.Id}/wards/E05000001/my-ballot", Ballot(ballots[i % ballots.Length]), Cancel)));

        var accepted = responses.Count(r => r.IsSuccessStatusCode);
        Assert.All(responses.Where(r => !r.IsSuccessStatusCode), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.True(accepted > 0);
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var stored = Assert.Single(await Store.ReadBallotsAsync(scheme.Id, "E05000001", Cancel));
        var entries = (await Store.ReadChainsAsync(scheme.Id, "E05000001", Cancel)).SelectMany(c => c.Entries).ToList();
        Assert.Equal(accepted, entries.Count);
        var current = Assert.Single(entries, e => !e.Superseded);
        Assert.Equal(stored.TrackingCode, current.Code);
        Assert.Equal(accepted - 1, stored.Changes);
        Assert.Contains(stored.Choices.Select(c => c.ProposalId).ToArray(), ballots.Select(b => b.Order(StringComparer.Ordinal).ToArray()), new SequenceComparer());
    }

    [Fact]
    public async Task Two_hundred_concurrent_uses_of_one_code_store_one_ballot_and_spend_the_code_once()
    {
        var scheme = await OpenVotingAsync(first, Cancel);
        var code = (await IssueCodesAsync(first, scheme.Id, 1, Cancel))[0];
        string[] choices = [scheme.Ten, scheme.Eight, scheme.Twelve];
        var anonymous = new[] { first.ClientFor(null), Second.ClientFor(null) };

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            anonymous[i % 2].PostAsJsonAsync($"/api/schemes/{scheme.Id}/wards/E05000001/code-ballots", CodeBallot(code, choices[i % 3]), Cancel)));

        // Resends of the stored ballot get its receipt again (a safe retry); every other ballot with the code is refused.
        var stored = Assert.Single(await Store.ReadBallotsAsync(scheme.Id, "E05000001", Cancel));
        var storedChoice = stored.Choices.Single().ProposalId;
        for (var i = 0; i < responses.Length; i++)
        {
            if (choices[i % 3] == storedChoice)
            {
                Assert.Equal(HttpStatusCode.Created, responses[i].StatusCode);
                Assert.Equal(stored.TrackingCode, (await responses[i].Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Cancel)).GetProperty("trackingCode").GetString());
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, responses[i].StatusCode);
            }
        }

        var figures = await ReconcileAsync(first, scheme.Id, Cancel);
        Assert.Equal(1, figures.GetProperty("codesUsedOnline").GetInt32());
        Assert.Equal(1, figures.GetProperty("receipts").GetInt32());
    }

    [Fact]
    public async Task Concurrent_ballots_never_leave_a_stored_ballot_over_the_rules_limits()
    {
        var scheme = await OpenVotingAsync(first, Cancel);
        var codes = await IssueCodesAsync(first, scheme.Id, 40, Cancel);
        string[][] mixes = [[scheme.Ten, scheme.Eight], [scheme.Ten, scheme.Eight, scheme.Twelve], [scheme.Twelve, scheme.Ten], [scheme.Eight, scheme.Twelve, scheme.Ten], [scheme.Twelve]];

        var responses = await Task.WhenAll(codes.SelectMany((code, i) => Enumerable.Range(0, 3).Select(j =>
            Instance(i + j).ClientFor(null).PostAsJsonAsync($"/api/schemes/{scheme.Id}/wards/E05000001/code-ballots", CodeBallot(code, mixes[(i + j) % mixes.Length]), Cancel))));
        var voterResponses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            Instance(i).ClientFor(AbbeyVoter).PutAsJsonAsync($"/api/schemes/{scheme.Id}/wards/E05000001/my-ballot", Ballot(mixes[i % mixes.Length]), Cancel)));

        Assert.All(responses.Concat(voterResponses), r => Assert.True(r.IsSuccessStatusCode || r.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, $"{(int)r.StatusCode}"));
        var paper = await first.Services.GetRequiredService<VotingSetupStore>().GetBallotPaperAsync(scheme.Id, "E05000001", Cancel);
        var stored = await Store.ReadBallotsAsync(scheme.Id, "E05000001", Cancel);
        Assert.Equal(41, stored.Count);
        Assert.All(stored, ballot => Assert.True(Ballots.Check(paper!.Rule, paper.Shortlist, paper.BudgetPence, [.. ballot.Choices]).IsValid));
    }

    [Fact]
    public async Task A_change_racing_another_change_leaves_exactly_one_valid_ballot_and_supersedes_the_others()
    {
        var scheme = await OpenVotingAsync(first, Cancel);
        (await first.ClientFor(AbbeyVoter).PutAsJsonAsync($"/api/schemes/{scheme.Id}/wards/E05000001/my-ballot", Ballot(scheme.Ten), Cancel)).EnsureSuccessStatusCode();

        var changes = await Task.WhenAll(
            first.ClientFor(AbbeyVoter).PutAsJsonAsync($"/api/schemes/{scheme.Id}/wards/E05000001/my-ballot", Ballot(scheme.Eight), Cancel),
            Second.ClientFor(AbbeyVoter).PutAsJsonAsync($"/api/schemes/{scheme.Id}/wards/E05000001/my-ballot", Ballot(scheme.Twelve), Cancel));

        Assert.All(changes, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stored = Assert.Single(await Store.ReadBallotsAsync(scheme.Id, "E05000001", Cancel));
        Assert.Contains(stored.Choices.Single().ProposalId, new[] { scheme.Eight, scheme.Twelve });
        var entries = (await Store.ReadChainsAsync(scheme.Id, "E05000001", Cancel)).SelectMany(c => c.Entries).ToList();
        Assert.Equal(3, entries.Count);
        Assert.Equal(stored.TrackingCode, Assert.Single(entries, e => !e.Superseded).Code);
        Assert.Equal(2, stored.Changes);
    }

    private sealed class SequenceComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.SequenceEqual(y, StringComparer.Ordinal);

        public int GetHashCode(string[] obj) => string.Join(",", obj).GetHashCode(StringComparison.Ordinal);
    }
}
