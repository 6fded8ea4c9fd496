using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PBudget.Functions.Notifications;
using PBudget.Functions.Storage;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;
using static PBudget.Functions.Tests.Support.ProposalFlow;

namespace PBudget.Functions.Tests.Api;

public sealed class ProposalReviewTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly PBudgetApp app = new(azurite);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task An_officer_hides_a_proposal_and_the_author_can_read_why()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var proposal = await ProposeAsync(app, id, Resident, Cancel);

        var response = await app.ClientFor(PBudgetApp.Officer).PostAsJsonAsync($"/api/schemes/{id}/proposals/{proposal}/moderation", new { hidden = true, reason = "It names a neighbour." }, Cancel);

        response.EnsureSuccessStatusCode();
        var seen = await app.ClientFor(Resident).GetFromJsonAsync<JsonElement>($"/api/schemes/{id}/proposals/{proposal}", Cancel);
        Assert.True(seen.GetProperty("hidden").GetBoolean());
        Assert.Equal("It names a neighbour.", seen.GetProperty("moderationReason").GetString());
        var queue = await app.ClientFor(PBudgetApp.Officer).GetFromJsonAsync<JsonElement[]>($"/api/schemes/{id}/wards/E05000001/proposals", Cancel);
        Assert.True(Assert.Single(queue!).GetProperty("hidden").GetBoolean());
    }

    [Fact]
    public async Task Authors_are_told_of_each_decision_on_the_notifications_queue_at_their_own_address()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var proposal = await ProposeAsync(app, id, Resident, Cancel);
        await ReviewAsync(app, id, proposal, feasible: false, Cancel);

        var queue = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, app.Prefix + StorageNames.NotificationsQueue);
        var messages = (await queue.PeekMessagesAsync(32, Cancel)).Value
            .Select(m => Notification.Parse(m.MessageText))
            .Where(n => n.ProposalId == proposal)
            .ToList();

        Assert.Equal([NotificationKind.ProposalReceived, NotificationKind.ProposalNotFeasible], messages.Select(n => n.Kind).Order());
        Assert.All(messages, n => Assert.Equal("rita@example.org", n.Recipient.EmailAddress));
        Assert.Contains("Not council land.", messages.Single(n => n.Kind == NotificationKind.ProposalNotFeasible).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_needs_a_reason_and_a_feasible_one_needs_a_cost_and_its_explanation()
    {
        var id = await SchemeInPhaseAsync(app, "Review", Cancel);
        var officer = app.ClientFor(PBudgetApp.Officer);

        var response = await officer.PostAsJsonAsync($"/api/schemes/{id}/proposals/abcdefghjk/review", new { feasible = true }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response, Cancel)).GetProperty("errors");
        Assert.Equal(["costExplanation", "reason", "reviewedCost"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_officer_finds_a_proposal_feasible_at_a_reviewed_cost()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var proposal = await ProposeAsync(app, id, Resident, Cancel);
        await MoveToAsync(app, id, "Review", Cancel);

        await ReviewAsync(app, id, proposal, feasible: true, Cancel, cost: "1,234.56");

        var seen = await app.ClientFor(Resident).GetFromJsonAsync<JsonElement>($"/api/schemes/{id}/proposals/{proposal}", Cancel);
        Assert.Equal("Feasible", seen.GetProperty("status").GetString());
        Assert.Equal(123_456, seen.GetProperty("reviewedCostPence").GetInt64());
        Assert.Equal("Supplier quote.", seen.GetProperty("costExplanation").GetString());
    }

    [Fact]
    public async Task The_review_queue_filters_by_status_and_refuses_an_unknown_one()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var feasible = await ProposeAsync(app, id, Resident, Cancel, title: "Feasible idea");
        await ProposeAsync(app, id, OtherResident, Cancel, title: "Waiting idea");
        await ReviewAsync(app, id, feasible, feasible: true, Cancel);
        var officer = app.ClientFor(PBudgetApp.Officer);

        var only = await officer.GetFromJsonAsync<JsonElement[]>($"/api/schemes/{id}/wards/E05000001/proposals?status=feasible", Cancel);

        Assert.Equal("Feasible idea", Assert.Single(only!).GetProperty("title").GetString());
        Assert.Equal(2, (await officer.GetFromJsonAsync<JsonElement[]>($"/api/schemes/{id}/wards/E05000001/proposals", Cancel))!.Length);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/schemes/{id}/wards/E05000001/proposals?status=approved", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Merging_a_duplicate_credits_both_authors_and_frees_the_duplicate_authors_place()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var original = await ProposeAsync(app, id, Resident, Cancel, title: "Benches");
        var duplicate = await ProposeAsync(app, id, OtherResident, Cancel, title: "More benches");

        var response = await app.ClientFor(PBudgetApp.Officer).PostAsJsonAsync($"/api/schemes/{id}/proposals/{duplicate}/merge", new { into = original }, Cancel);

        response.EnsureSuccessStatusCode();
        var into = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(["Rita Resident", "Omar Other"], into.GetProperty("creditedAuthors").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, into.GetProperty("proposerCount").GetInt32());
        var merged = await app.ClientFor(OtherResident).GetFromJsonAsync<JsonElement>($"/api/schemes/{id}/proposals/{duplicate}", Cancel);
        Assert.Equal("Merged", merged.GetProperty("status").GetString());
        Assert.Equal(original, merged.GetProperty("mergedInto").GetString());
    }

    [Fact]
    public async Task Merging_across_wards_or_into_itself_is_refused()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var abbey = await ProposeAsync(app, id, Resident, Cancel, ward: "E05000001");
        var castle = await ProposeAsync(app, id, OtherResident, Cancel, ward: "E05000002");
        var officer = app.ClientFor(PBudgetApp.Officer);

        var across = await officer.PostAsJsonAsync($"/api/schemes/{id}/proposals/{castle}/merge", new { into = abbey }, Cancel);
        var itself = await officer.PostAsJsonAsync($"/api/schemes/{id}/proposals/{castle}/merge", new { into = castle }, Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, across.StatusCode);
        Assert.Contains("same ward", (await ProblemAsync(across, Cancel)).GetProperty("errors").GetProperty("into")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, itself.StatusCode);
    }

    [Fact]
    public async Task A_councillor_cannot_see_the_review_queue_of_a_ward_they_do_not_hold()
    {
        var id = await SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var councillor = app.ClientFor(PBudgetApp.Councillor);

        Assert.Equal(HttpStatusCode.OK, (await councillor.GetAsync($"/api/schemes/{id}/wards/E05000001/proposals", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await councillor.GetAsync($"/api/schemes/{id}/wards/E05000003/proposals", Cancel)).StatusCode);
    }
}
