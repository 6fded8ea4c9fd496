using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;
using static PBudget.Functions.Tests.Support.ProposalFlow;

namespace PBudget.Functions.Tests.Api;

public sealed class ProposalsApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly PBudgetApp app = new(azurite);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_resident_proposes_a_project_and_sees_it_in_their_own_list()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var resident = app.ClientFor(Resident);

        var response = await resident.PostAsJsonAsync($"/api/schemes/{id}/wards/E05000001/proposals", Proposal(cost: "£2,500.50"), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(250_050, created.GetProperty("estimatedCostPence").GetInt64());
        Assert.Equal("Submitted", created.GetProperty("status").GetString());
        Assert.Equal("LS1 4AP", created.GetProperty("postcode").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("creditedAuthors").ValueKind);
        Assert.NotNull(response.Headers.Location);
        var mine = await resident.GetFromJsonAsync<JsonElement[]>($"/api/schemes/{id}/proposals/mine", Cancel);
        Assert.Equal(created.GetProperty("id").GetString(), Assert.Single(mine!).GetProperty("id").GetString());
        Assert.Empty((await app.ClientFor(OtherResident).GetFromJsonAsync<JsonElement[]>($"/api/schemes/{id}/proposals/mine", Cancel))!);
    }

    [Theory]
    [InlineData("SetUp", "the scheme is still being set up")]
    [InlineData("Review", "in the 'Review' phase")]
    public async Task Proposing_outside_the_proposals_phase_is_refused_with_the_reason(string phase, string expected)
    {
        var id = await SchemeInPhaseAsync(app, phase, Cancel);

        var response = await app.ClientFor(Resident).PostAsJsonAsync($"/api/schemes/{id}/wards/E05000001/proposals", Proposal(), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(expected, (await ProblemAsync(response, Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await app.ClientFor(Resident).GetFromJsonAsync<JsonElement[]>($"/api/schemes/{id}/proposals/mine", Cancel))!);
    }

    [Fact]
    public async Task A_proposal_with_bad_fields_gets_every_error_and_nothing_is_stored()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var resident = app.ClientFor(Resident);

        var response = await resident.PostAsJsonAsync($"/api/schemes/{id}/wards/E05000001/proposals", new { title = "", estimatedCost = "lots", category = "Roads", postcode = "nowhere" }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response, Cancel)).GetProperty("errors");
        Assert.Equal(
            ["category", "description", "estimatedCost", "postcode", "summary", "title"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Empty((await resident.GetFromJsonAsync<JsonElement[]>($"/api/schemes/{id}/proposals/mine", Cancel))!);
    }

    [Fact]
    public async Task A_proposal_costing_more_than_the_ward_budget_is_refused_with_the_budget()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);

        // Abbey's budget is £24,960.
        var response = await app.ClientFor(Resident).PostAsJsonAsync($"/api/schemes/{id}/wards/E05000001/proposals", Proposal(cost: "24,960.01"), Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("£24,960", (await ProblemAsync(response, Cancel)).GetProperty("errors").GetProperty("estimatedCost")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proposing_for_a_ward_that_is_not_in_the_scheme_is_not_found()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var resident = app.ClientFor(Resident);

        Assert.Equal(HttpStatusCode.NotFound, (await resident.PostAsJsonAsync($"/api/schemes/{id}/wards/E05999999/proposals", Proposal(), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.PostAsJsonAsync($"/api/schemes/{id}/wards/not-a-ward/proposals", Proposal(), Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_resident_can_keep_five_proposals_open_and_withdrawing_one_frees_a_place()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var resident = app.ClientFor(Resident);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await ProposeAsync(app, id, Resident, Cancel, title: $"Idea {i}"));
        }

        var sixth = await resident.PostAsJsonAsync($"/api/schemes/{id}/wards/E05000002/proposals", Proposal("Idea 6"), Cancel);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sixth.StatusCode);
        Assert.Contains("Withdraw one", (await ProblemAsync(sixth, Cancel)).GetProperty("errors").GetProperty("proposals")[0].GetString(), StringComparison.Ordinal);

        (await resident.PostAsync($"/api/schemes/{id}/proposals/{ids[0]}/withdrawal", null, Cancel)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await resident.PostAsJsonAsync($"/api/schemes/{id}/wards/E05000002/proposals", Proposal("Idea 6"), Cancel)).StatusCode);
    }

    [Fact]
    public async Task Many_simultaneous_proposals_from_one_resident_never_pass_the_cap()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var resident = app.ClientFor(Resident);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            resident.PostAsJsonAsync($"/api/schemes/{id}/wards/E05000001/proposals", Proposal($"Idea {i}"), Cancel)));

        var stored = await resident.GetFromJsonAsync<JsonElement[]>($"/api/schemes/{id}/proposals/mine", Cancel);
        Assert.Equal(responses.Count(r => r.StatusCode == HttpStatusCode.Created), stored!.Length);
        Assert.InRange(stored.Length, 1, 5);
        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"{(int)r.StatusCode}"));
    }

    [Fact]
    public async Task A_resident_cannot_read_edit_or_withdraw_someone_elses_proposal()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var proposal = await ProposeAsync(app, id, Resident, Cancel);
        var other = app.ClientFor(OtherResident);

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/schemes/{id}/proposals/{proposal}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PutAsJsonAsync($"/api/schemes/{id}/proposals/{proposal}", Proposal("Hijacked"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/schemes/{id}/proposals/{proposal}/withdrawal", null, Cancel)).StatusCode);

        var mine = await app.ClientFor(Resident).GetFromJsonAsync<JsonElement>($"/api/schemes/{id}/proposals/{proposal}", Cancel);
        Assert.Equal("Benches by the bus stop", mine.GetProperty("title").GetString());
        Assert.Equal("Submitted", mine.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Editing_with_a_stale_etag_is_refused_and_with_the_current_one_succeeds()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var proposal = await ProposeAsync(app, id, Resident, Cancel);
        var resident = app.ClientFor(Resident);
        var read = await resident.GetAsync($"/api/schemes/{id}/proposals/{proposal}", Cancel);
        var etag = read.Headers.ETag!.Tag;
        (await resident.PutAsJsonAsync($"/api/schemes/{id}/proposals/{proposal}", Proposal("First edit"), Cancel)).EnsureSuccessStatusCode();

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/schemes/{id}/proposals/{proposal}") { Content = JsonContent.Create(Proposal("Second edit")) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await resident.SendAsync(stale, Cancel);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("First edit", (await resident.GetFromJsonAsync<JsonElement>($"/api/schemes/{id}/proposals/{proposal}", Cancel)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Editing_a_reviewed_proposal_sends_it_back_for_review()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var proposal = await ProposeAsync(app, id, Resident, Cancel);
        await ReviewAsync(app, id, proposal, feasible: true, Cancel);

        var edited = await app.ClientFor(Resident).PutAsJsonAsync($"/api/schemes/{id}/proposals/{proposal}", Proposal("Benches and a shelter", "3,000"), Cancel);

        edited.EnsureSuccessStatusCode();
        var body = await edited.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("Submitted", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("reviewedCostPence").ValueKind);
    }

    [Fact]
    public async Task Too_many_changes_in_an_hour_are_refused_with_429_and_when_to_try_again()
    {
        await using var limited = new PBudgetApp(azurite, settings: new Dictionary<string, string?> { ["RateLimits:ProposalWritesPerHour"] = "2" });
        var id = await SchemeInPhaseAsync(limited, "ProposalsOpen", Cancel);
        await ProposeAsync(limited, id, Resident, Cancel);
        await ProposeAsync(limited, id, Resident, Cancel);

        var third = await limited.ClientFor(Resident).PostAsJsonAsync($"/api/schemes/{id}/wards/E05000001/proposals", Proposal(), Cancel);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Contains("try again", (await ProblemAsync(third, Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Limits are per person: another resident is unaffected.
        Assert.Equal(HttpStatusCode.Created, (await limited.ClientFor(OtherResident).PostAsJsonAsync($"/api/schemes/{id}/wards/E05000001/proposals", Proposal(), Cancel)).StatusCode);
    }

    [Fact]
    public async Task Withdrawing_after_proposals_close_is_refused()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var proposal = await ProposeAsync(app, id, Resident, Cancel);
        await MoveToAsync(app, id, "Review", Cancel);

        var response = await app.ClientFor(Resident).PostAsync($"/api/schemes/{id}/proposals/{proposal}/withdrawal", null, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Submitted", (await app.ClientFor(Resident).GetFromJsonAsync<JsonElement>($"/api/schemes/{id}/proposals/{proposal}", Cancel)).GetProperty("status").GetString());
    }
}
