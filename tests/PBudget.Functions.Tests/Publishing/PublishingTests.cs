using System.Net;
using System.Net.Http.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using PBudget.Functions.Publishing;
using PBudget.Functions.Storage;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Publishing;

public sealed class PublishingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly PBudgetApp app = new(azurite);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        if (Directory.Exists(app.SiteFolder))
        {
            Directory.Delete(app.SiteFolder, recursive: true);
        }
    }

    [Fact]
    public async Task A_budget_change_puts_a_plain_json_publish_request_on_the_queue()
    {
        var admin = app.ClientFor(PBudgetApp.Admin);

        var id = await TestData.CreateSchemeWithWardsAsync(admin, Cancel);

        var queue = new QueueClient(azurite.ConnectionString, app.Prefix + StorageNames.PublishQueue);
        var messages = (await queue.PeekMessagesAsync(32, Cancel)).Value;
        var request = PublishRequests.Parse(Assert.Single(messages, m => m.MessageText.Contains(id, StringComparison.Ordinal)).MessageText);
        Assert.Equal(id, request.SchemeId);
        Assert.Equal("wards imported", request.Reason);
    }

    [Fact]
    public async Task The_publish_function_writes_ward_pages_with_the_current_budgets()
    {
        var admin = app.ClientFor(PBudgetApp.Admin);
        var id = await TestData.CreateSchemeWithWardsAsync(admin, Cancel);

        var response = await app.CreateClient().PostAsJsonAsync("/Publish", Envelope(id), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var wardPage = await File.ReadAllTextAsync(Path.Combine(app.SiteFolder, "schemes", id, "wards", "E05000001", "index.html"), Cancel);
        Assert.Contains("£24,960", wardPage, StringComparison.Ordinal);
        Assert.Contains("Abbey", wardPage, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(app.SiteFolder, "index.html")));
    }

    [Fact]
    public async Task A_publish_message_that_is_not_a_request_fails_so_the_host_retries_it()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/Publish", new { Data = new { message = "{\"nonsense\":true}" }, Metadata = new { DequeueCount = 1 } }, Cancel);

        Assert.False(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Staff_can_ask_for_a_publication_of_an_existing_scheme_only()
    {
        var officer = app.ClientFor(PBudgetApp.Officer);
        var id = await TestData.CreateSchemeWithWardsAsync(app.ClientFor(PBudgetApp.Admin), Cancel);

        var accepted = await officer.PostAsync($"/api/schemes/{id}/publications", null, Cancel);
        var missing = await officer.PostAsync("/api/schemes/no-such-scheme/publications", null, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_blob_output_writes_pages_with_their_content_type_to_the_container()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("web" + Guid.NewGuid().ToString("N")[..8]);
        await container.CreateAsync(cancellationToken: Cancel);
        var output = new BlobSiteOutput(container);

        await output.WriteAsync("schemes/x/index.html", "<p>£1</p>"u8.ToArray(), "text/html; charset=utf-8", Cancel);

        var blob = container.GetBlobClient("schemes/x/index.html");
        var properties = (await blob.GetPropertiesAsync(cancellationToken: Cancel)).Value;
        Assert.Equal("text/html; charset=utf-8", properties.ContentType);
        Assert.Equal("public, max-age=60", properties.CacheControl);
        Assert.Equal("<p>£1</p>", (await blob.DownloadContentAsync(Cancel)).Value.Content.ToString());
    }

    [Fact]
    public async Task The_published_model_shows_visible_proposals_and_the_signed_off_shortlist_but_never_who_proposed_them()
    {
        var id = await ProposalFlow.SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var shown = await ProposalFlow.ProposeAsync(app, id, ProposalFlow.Resident, Cancel, title: "Benches");
        var hidden = await ProposalFlow.ProposeAsync(app, id, ProposalFlow.OtherResident, Cancel, title: "Rude words");
        (await app.ClientFor(PBudgetApp.Officer).PostAsJsonAsync($"/api/schemes/{id}/proposals/{hidden}/moderation", new { hidden = true, reason = "Offensive." }, Cancel)).EnsureSuccessStatusCode();
        await ProposalFlow.MoveToAsync(app, id, "Review", Cancel);
        await ProposalFlow.ReviewAsync(app, id, shown, feasible: true, Cancel);
        await ProposalFlow.MoveToAsync(app, id, "ShortlistSignOff", Cancel);
        (await app.ClientFor(PBudgetApp.Councillor).PostAsJsonAsync($"/api/schemes/{id}/wards/E05000001/shortlist/sign-off", new { proposalIds = new[] { shown } }, Cancel)).EnsureSuccessStatusCode();

        var site = await app.Services.GetRequiredService<SitePublisher>().BuildModelAsync(Cancel);

        var scheme = Assert.Single(site.Schemes, s => s.Id == id);
        Assert.Equal(Core.Schemes.SchemePhase.ShortlistSignOff, scheme.Phase);
        var abbey = scheme.Wards.Single(w => w.Code == "E05000001");
        var proposal = Assert.Single(abbey.ProposalList);
        Assert.Equal((shown, true, 120_000L), (proposal.Id, proposal.Shortlisted, proposal.ReviewedCostPence!.Value));
        Assert.NotNull(abbey.ShortlistSignedOffAt);
        var json = PBudget.Site.SiteSnapshot.Serialize(scheme);
        Assert.DoesNotContain("Rita", json, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Rude words", json, StringComparison.Ordinal);
    }

    private static object Envelope(string schemeId) => new
    {
        Data = new { message = $"{{\"schemeId\":\"{schemeId}\",\"reason\":\"test\",\"requestedAt\":\"2026-11-23T09:00:00Z\"}}" },
        Metadata = new { DequeueCount = 1, Id = Guid.NewGuid().ToString() },
    };
}
