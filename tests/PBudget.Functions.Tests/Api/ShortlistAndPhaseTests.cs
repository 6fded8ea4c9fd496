using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;
using static PBudget.Functions.Tests.Support.ProposalFlow;

namespace PBudget.Functions.Tests.Api;

public sealed class ShortlistAndPhaseTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly PBudgetApp app = new(azurite);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();

    /// <summary>Abbey (budget £24,960) with a feasible £1,200 proposal, a feasible one over budget, and one not feasible; in sign-off.</summary>
    private async Task<(string SchemeId, string Shortlisted, string OverBudget)> AbbeyReadyForSignOffAsync()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var shortlisted = await ProposeAsync(app, id, Resident, Cancel, title: "Benches");
        var overBudget = await ProposeAsync(app, id, Resident, Cancel, title: "New park", cost: "20,000");
        var refused = await ProposeAsync(app, id, OtherResident, Cancel, title: "Private road");
        await MoveToAsync(app, id, "Review", Cancel);
        await ReviewAsync(app, id, shortlisted, feasible: true, Cancel);
        await ReviewAsync(app, id, overBudget, feasible: true, Cancel, cost: "30,000");
        await ReviewAsync(app, id, refused, feasible: false, Cancel);
        await MoveToAsync(app, id, "ShortlistSignOff", Cancel);
        return (id, shortlisted, overBudget);
    }

    private Task<HttpResponseMessage> SignOffAsync(PBudget.Functions.Auth.LocalUser who, string schemeId, string ward, params string[] ids) =>
        app.ClientFor(who).PostAsJsonAsync($"/api/schemes/{schemeId}/wards/{ward}/shortlist/sign-off", new { proposalIds = ids }, Cancel);

    [Fact]
    public async Task The_shortlist_holds_the_feasible_proposals_that_fit_the_ward_budget_and_a_councillor_signs_it_off()
    {
        var (id, shortlisted, _) = await AbbeyReadyForSignOffAsync();
        var councillor = app.ClientFor(PBudgetApp.Councillor);

        var shortlist = await councillor.GetFromJsonAsync<JsonElement>($"/api/schemes/{id}/wards/E05000001/shortlist", Cancel);
        Assert.Equal([shortlisted], shortlist.GetProperty("proposals").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, shortlist.GetProperty("signOff").ValueKind);

        var response = await SignOffAsync(PBudgetApp.Councillor, id, "E05000001", shortlisted);

        response.EnsureSuccessStatusCode();
        var after = await councillor.GetFromJsonAsync<JsonElement>($"/api/schemes/{id}/wards/E05000001/shortlist", Cancel);
        Assert.Equal("Cllr Cass", after.GetProperty("signOff").GetProperty("signedOffBy").GetString());
        Assert.Equal(120_000, after.GetProperty("signOff").GetProperty("entries")[0].GetProperty("costPence").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, (await SignOffAsync(PBudgetApp.Councillor, id, "E05000001", shortlisted)).StatusCode);
    }

    [Fact]
    public async Task Signing_off_a_shortlist_other_than_the_current_one_is_refused_with_the_current_one()
    {
        var (id, shortlisted, overBudget) = await AbbeyReadyForSignOffAsync();

        var response = await SignOffAsync(PBudgetApp.Councillor, id, "E05000001", shortlisted, overBudget);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Benches", (await ProblemAsync(response, Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_councillor_with_a_declared_interest_cannot_sign_off_but_an_admin_can()
    {
        var (id, shortlisted, _) = await AbbeyReadyForSignOffAsync();
        var declared = await app.ClientFor(PBudgetApp.Councillor).PostAsJsonAsync($"/api/schemes/{id}/wards/E05000001/interests", new { proposalId = shortlisted, interest = "My partner runs the bench supplier." }, Cancel);
        declared.EnsureSuccessStatusCode();

        var refused = await SignOffAsync(PBudgetApp.Councillor, id, "E05000001", shortlisted);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("another councillor", (await ProblemAsync(refused, Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var interests = (await app.ClientFor(PBudgetApp.Officer).GetFromJsonAsync<JsonElement>($"/api/schemes/{id}/wards/E05000001/shortlist", Cancel)).GetProperty("interests");
        Assert.Equal("My partner runs the bench supplier.", interests[0].GetProperty("interest").GetString());
        (await SignOffAsync(PBudgetApp.Admin, id, "E05000001", shortlisted)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Another_councillor_of_the_ward_can_sign_off_when_one_has_an_interest()
    {
        var (id, shortlisted, _) = await AbbeyReadyForSignOffAsync();
        var admin = app.ClientFor(PBudgetApp.Admin);
        (await admin.PutAsJsonAsync($"/api/schemes/{id}/councillors/{PBudgetApp.OtherCouncillor.Id}", new { displayName = "Cllr Other", wards = new[] { "E05000001" } }, Cancel)).EnsureSuccessStatusCode();
        (await app.ClientFor(PBudgetApp.Councillor).PostAsJsonAsync($"/api/schemes/{id}/wards/E05000001/interests", new { proposalId = shortlisted, interest = "Neighbour." }, Cancel)).EnsureSuccessStatusCode();

        (await SignOffAsync(PBudgetApp.OtherCouncillor, id, "E05000001", shortlisted)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_councillor_cannot_sign_off_or_declare_interests_for_a_ward_they_do_not_hold()
    {
        var (id, shortlisted, _) = await AbbeyReadyForSignOffAsync();

        var signOff = await SignOffAsync(PBudgetApp.OtherCouncillor, id, "E05000001", shortlisted);
        var interest = await app.ClientFor(PBudgetApp.OtherCouncillor).PostAsJsonAsync($"/api/schemes/{id}/wards/E05000001/interests", new { proposalId = shortlisted, interest = "x" }, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, signOff.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, interest.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await app.ClientFor(PBudgetApp.Admin).GetFromJsonAsync<JsonElement>($"/api/schemes/{id}/wards/E05000001/shortlist", Cancel)).GetProperty("signOff").ValueKind);
    }

    [Fact]
    public async Task A_review_change_after_sign_off_withdraws_the_sign_off()
    {
        var (id, shortlisted, _) = await AbbeyReadyForSignOffAsync();
        (await SignOffAsync(PBudgetApp.Councillor, id, "E05000001", shortlisted)).EnsureSuccessStatusCode();

        await ReviewAsync(app, id, shortlisted, feasible: true, Cancel, cost: "1,500");

        var shortlist = await app.ClientFor(PBudgetApp.Councillor).GetFromJsonAsync<JsonElement>($"/api/schemes/{id}/wards/E05000001/shortlist", Cancel);
        Assert.Equal(JsonValueKind.Null, shortlist.GetProperty("signOff").ValueKind);
        var audit = await app.ClientFor(PBudgetApp.Admin).GetStringAsync($"/api/schemes/{id}/audit", Cancel);
        Assert.Contains("shortlist.sign-off-withdrawn", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Voting_opens_only_when_every_shortlist_is_signed_off_and_then_shortlists_and_budgets_are_final()
    {
        var (id, shortlisted, _) = await AbbeyReadyForSignOffAsync();
        var admin = app.ClientFor(PBudgetApp.Admin);

        var early = await admin.PostAsJsonAsync($"/api/schemes/{id}/phase", new { to = "Voting" }, Cancel);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("Abbey (E05000001)", (await ProblemAsync(early, Cancel)).GetProperty("errors").GetProperty("to")[0].GetString(), StringComparison.Ordinal);

        (await SignOffAsync(PBudgetApp.Councillor, id, "E05000001", shortlisted)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/schemes/{id}/phase", new { to = "Voting" }, Cancel)).EnsureSuccessStatusCode();

        var review = await app.ClientFor(PBudgetApp.Officer).PostAsJsonAsync($"/api/schemes/{id}/proposals/{shortlisted}/review", new { feasible = false, reason = "Changed mind." }, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, review.StatusCode);
        Assert.Contains("voting opened", (await ProblemAsync(review, Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var transfer = await admin.PostAsJsonAsync($"/api/schemes/{id}/budget-transfers", new { fromWard = "E05000001", toWard = "E05000002", amountPence = 100, reason = "Late change" }, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, transfer.StatusCode);
    }

    [Fact]
    public async Task Phases_move_one_step_at_a_time_with_their_dates_recorded_and_audited()
    {
        var id = await SchemeInPhaseAsync(app, "SetUp", Cancel);
        var admin = app.ClientFor(PBudgetApp.Admin);

        var skip = await admin.PostAsJsonAsync($"/api/schemes/{id}/phase", new { to = "Review" }, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);
        Assert.Contains("can only move on to 'Proposals open'", (await ProblemAsync(skip, Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/schemes/{id}/phase", new { to = "Closed" }, Cancel)).StatusCode);

        var moved = await admin.PostAsJsonAsync($"/api/schemes/{id}/phase", new { to = "ProposalsOpen" }, Cancel);

        moved.EnsureSuccessStatusCode();
        var scheme = await moved.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("ProposalsOpen", scheme.GetProperty("phase").GetString());
        Assert.Equal("Proposals open", scheme.GetProperty("phaseDescription").GetString());
        var opened = scheme.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("phase").GetString() == "ProposalsOpen");
        Assert.NotEqual(JsonValueKind.Null, opened.GetProperty("startedAt").ValueKind);
        Assert.Contains("scheme.phase-moved", await admin.GetStringAsync($"/api/schemes/{id}/audit", Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Planned_phase_dates_must_not_go_backwards()
    {
        var id = await SchemeInPhaseAsync(app, "SetUp", Cancel);
        var admin = app.ClientFor(PBudgetApp.Admin);

        var backwards = await admin.PutAsJsonAsync($"/api/schemes/{id}/phase-dates", new { plannedStarts = new Dictionary<string, string> { ["ProposalsOpen"] = "2026-05-01", ["Voting"] = "2026-04-01" } }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("before 'Proposals open'", (await ProblemAsync(backwards, Cancel)).GetProperty("errors").GetProperty("plannedStarts.Voting")[0].GetString(), StringComparison.Ordinal);

        var good = await admin.PutAsJsonAsync($"/api/schemes/{id}/phase-dates", new { plannedStarts = new Dictionary<string, string> { ["ProposalsOpen"] = "2026-05-01", ["Voting"] = "2026-09-01" } }, Cancel);

        good.EnsureSuccessStatusCode();
        var voting = (await good.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("phase").GetString() == "Voting");
        Assert.Equal("2026-09-01", voting.GetProperty("plannedStart").GetString());
    }
}
