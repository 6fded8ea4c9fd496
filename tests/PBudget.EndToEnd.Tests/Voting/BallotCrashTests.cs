using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PBudget.Testing;

namespace PBudget.EndToEnd.Tests.Voting;

/// <summary>
/// The real function app killed with SIGKILL in the middle of a stream of ballots, then started again on the same
/// storage: every ballot whose submission was answered 2xx must still be there, and voting must carry on.
/// </summary>
public sealed class BallotCrashTests(AzuriteFixture azurite)
{
    private const string Admin = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a01";
    private const string Officer = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a02";
    private const string Councillor = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a03";
    private const string Resident = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a04";
    private const string Ward = "E05900001";
    private const int Codes = 500;
    private const int AcknowledgedBeforeKill = 120;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_the_app_during_a_load_loses_no_ballot_that_was_acknowledged()
    {
        var first = await FunctionAppProcess.StartAsync(azurite, Cancel);
        string schemeId;
        string[] projects;
        string[] codes;
        var acknowledged = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var unanswered = new ConcurrentBag<string>();
        await using (first)
        {
            (schemeId, projects) = await OpenVotingAsync(first);
            codes = await IssueCodesAsync(first, schemeId);

            // Sixteen clients vote as fast as they can; the app is killed once enough ballots have been acknowledged.
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var next = -1;
            var killed = false;
            var workers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                using var client = new HttpClient { BaseAddress = first.Client.BaseAddress };
                int index;
                while ((index = Interlocked.Increment(ref next)) < codes.Length)
                {
                    var code = codes[index];
                    try
                    {
                        using var response = await client.PostAsJsonAsync($"/api/schemes/{schemeId}/wards/{Ward}/code-ballots", Ballot(code, projects[index % projects.Length]), Cancel);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
                            acknowledged[code] = body.GetProperty("trackingCode").GetString()!;
                            if (acknowledged.Count >= AcknowledgedBeforeKill)
                            {
                                enough.TrySetResult();
                            }
                        }
                        else if (!Volatile.Read(ref killed))
                        {
                            throw new InvalidOperationException($"A ballot was refused before the kill: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
                        }
                        else
                        {
                            unanswered.Add(code);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // The app died with this request in flight: its ballot may or may not be stored.
                        unanswered.Add(code);
                        return;
                    }
                }
            }, Cancel)).ToList();

            await Task.WhenAny(enough.Task, Task.WhenAll(workers));
            Volatile.Write(ref killed, true);
            await first.KillAsync();
            await Task.WhenAll(workers);
        }

        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill, $"Only {acknowledged.Count} ballots were acknowledged before the load ended.");
        Assert.True(acknowledged.Count < Codes, "The load finished before the app was killed, so the kill proved nothing.");

        await using var second = await FunctionAppProcess.StartAsync(azurite, Cancel, first.StoragePrefix);
        var officer = await second.SignedInClientAsync(Officer, Cancel);
        var stored = await ReceiptCodesAsync(officer, schemeId);
        var lost = acknowledged.Where(a => !stored.Contains(a.Value)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged ballots were lost, for example receipt {lost.FirstOrDefault().Value}.");

        // Voting carries on after the restart, including in partitions written when the app died, and a ballot in
        // flight at the kill can be sent again safely: it is either stored once now or returns its original receipt.
        using var anonymous = new HttpClient { BaseAddress = second.Client.BaseAddress };
        var resent = unanswered.Concat(codes.Where(c => !acknowledged.ContainsKey(c) && !unanswered.Contains(c)).Take(50)).ToList();
        foreach (var code in resent)
        {
            var response = await anonymous.PostAsJsonAsync($"/api/schemes/{schemeId}/wards/{Ward}/code-ballots", Ballot(code, projects[Array.IndexOf(codes, code) % projects.Length]), Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"Resending {code} after the restart gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        }

        var figures = await officer.GetFromJsonAsync<JsonElement>($"/api/schemes/{schemeId}/wards/{Ward}/reconciliation", Cancel);
        Assert.Equal(acknowledged.Count + resent.Count, figures.GetProperty("ballots").GetInt32());
        Assert.Equal(figures.GetProperty("ballots").GetInt32(), figures.GetProperty("receipts").GetInt32());
        Assert.Equal(figures.GetProperty("ballots").GetInt32(), figures.GetProperty("codesUsedOnline").GetInt32());
    }

    private static object Ballot(string code, string project) => new { code, choices = new[] { new { proposalId = project } } };

    private static async Task<HashSet<string>> ReceiptCodesAsync(HttpClient officer, string schemeId)
    {
        var receipts = await officer.GetFromJsonAsync<JsonElement>($"/api/schemes/{schemeId}/wards/{Ward}/receipts", Cancel);
        return receipts.GetProperty("chains").EnumerateArray()
            .SelectMany(c => c.GetProperty("codes").EnumerateArray().Select(e => e.GetProperty("code").GetString()!))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<string[]> IssueCodesAsync(FunctionAppProcess app, string schemeId)
    {
        var admin = await app.SignedInClientAsync(Admin, Cancel);
        var response = await Ensure(await admin.PostAsJsonAsync($"/api/schemes/{schemeId}/wards/{Ward}/code-batches", new { count = Codes }, Cancel));
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)];
    }

    /// <summary>A scheme with two projects shortlisted in one ward, in the voting phase, set up through the API.</summary>
    private static async Task<(string SchemeId, string[] Projects)> OpenVotingAsync(FunctionAppProcess app)
    {
        var admin = await app.SignedInClientAsync(Admin, Cancel);
        var officer = await app.SignedInClientAsync(Officer, Cancel);
        var councillor = await app.SignedInClientAsync(Councillor, Cancel);
        var resident = await app.SignedInClientAsync(Resident, Cancel);
        var id = "crash-" + Guid.NewGuid().ToString("N")[..8];
        await Ensure(await admin.PostAsJsonAsync("/api/schemes", new
        {
            id,
            name = "Crash test",
            financialYear = "2026-27",
            budgetRule = new { pencePerHead = 200, roundingUnit = "Pound", roundingDirection = "Down" },
            adjustments = new { scope = "None" },
        }, Cancel));
        await Ensure(await admin.PutAsync($"/api/schemes/{id}/wards", new StringContent($"code,name,population\n{Ward},Abbey,12480\n", Encoding.UTF8, "text/csv"), Cancel));
        await Ensure(await admin.PutAsJsonAsync($"/api/schemes/{id}/councillors/{Councillor}", new { displayName = "Cllr Chris", wards = new[] { Ward } }, Cancel));

        async Task MoveAsync(string to) => await Ensure(await admin.PostAsJsonAsync($"/api/schemes/{id}/phase", new { to }, Cancel));

        await MoveAsync("ProposalsOpen");
        var projects = new List<string>();
        foreach (var title in new[] { "Benches", "Bulbs", "Bins" })
        {
            var proposal = await Ensure(await resident.PostAsJsonAsync($"/api/schemes/{id}/wards/{Ward}/proposals", new
            {
                title,
                summary = "A small thing for the ward.",
                description = "It would help.",
                estimatedCost = "1,000",
                category = "Streets and transport",
            }, Cancel));
            projects.Add((await proposal.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetString()!);
        }

        await MoveAsync("Review");
        foreach (var project in projects)
        {
            await Ensure(await officer.PostAsJsonAsync($"/api/schemes/{id}/proposals/{project}/review", new { feasible = true, reason = "Fine.", reviewedCost = "1,000", costExplanation = "Quote." }, Cancel));
        }

        await MoveAsync("ShortlistSignOff");
        await Ensure(await councillor.PostAsJsonAsync($"/api/schemes/{id}/wards/{Ward}/shortlist/sign-off", new { proposalIds = projects }, Cancel));
        await MoveAsync("Voting");
        return (id, [.. projects]);
    }

    private static async Task<HttpResponseMessage> Ensure(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        }

        return response;
    }
}
