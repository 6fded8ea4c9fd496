using System.Net;
using System.Net.Http.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Mvc.Testing;
using PBudget.Functions.Publishing;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Publishing;

/// <summary>
/// In Azure the published site lives in a blob container and the app serves it at /api/site, where Static Web Apps
/// sends every page with the address asked for in x-ms-original-url (its documented rewrite header). Real Azurite Blob.
/// </summary>
public sealed class SiteFilesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string containerName = "site" + Guid.NewGuid().ToString("N")[..12];

    private PBudgetApp? app;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private PBudgetApp App => app!;

    public async ValueTask InitializeAsync()
    {
        await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(containerName).CreateAsync(cancellationToken: Cancel);
        app = new PBudgetApp(azurite, settings: new Dictionary<string, string?>
        {
            ["Publishing:OutputFolder"] = "",
            ["Publishing:BlobConnectionString"] = azurite.ConnectionString,
            ["Publishing:ContainerName"] = containerName,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(containerName).DeleteIfExistsAsync(cancellationToken: Cancel);
    }

    private HttpClient Browser() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<HttpResponseMessage> GetAsync(string originalUrl, string? ifNoneMatch = null, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, SiteFilesApi.Path);
        request.Headers.Add(SiteFilesApi.OriginalUrlHeader, originalUrl);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await Browser().SendAsync(request, Cancel);
    }

    private async Task<string> PublishAsync()
    {
        var id = await TestData.CreateSchemeWithWardsAsync(App.ClientFor(PBudgetApp.Admin), Cancel);
        var envelope = new
        {
            Data = new { message = $"{{\"schemeId\":\"{id}\",\"reason\":\"test\",\"requestedAt\":\"2026-11-23T09:00:00Z\"}}" },
            Metadata = new { DequeueCount = 1, Id = Guid.NewGuid().ToString() },
        };
        (await App.CreateClient().PostAsJsonAsync("/Publish", envelope, Cancel)).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task A_published_page_is_served_at_the_address_the_browser_asked_for_as_soon_as_it_is_published()
    {
        var id = await PublishAsync();

        var ward = await GetAsync($"https://pb.example.gov.uk/schemes/{id}/wards/E05000001/");
        var home = await GetAsync("https://pb.example.gov.uk/");

        Assert.Equal(HttpStatusCode.OK, ward.StatusCode);
        Assert.Equal("text/html; charset=utf-8", ward.Content.Headers.ContentType!.ToString());
        var page = await ward.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Abbey", page, StringComparison.Ordinal);
        Assert.Contains("£24,960", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(id, await home.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stylesheets_and_open_data_are_served_with_their_own_types()
    {
        var id = await PublishAsync();

        var css = await GetAsync("/assets/govuk-frontend.min.css");
        var csv = await GetAsync($"/schemes/{id}/data/budgets.csv");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.StartsWith("text/css", css.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("E05000001", await csv.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_asked_for_without_its_slash_is_redirected_to_it()
    {
        var id = await PublishAsync();

        var response = await GetAsync($"https://pb.example.gov.uk/schemes/{id}/wards/E05000001?from=map");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/schemes/{id}/wards/E05000001/?from=map", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_address_with_nothing_published_gets_the_sites_not_found_page_with_404()
    {
        await PublishAsync();

        var response = await GetAsync("https://pb.example.gov.uk/schemes/no-such-scheme/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_anything_is_published_the_answer_is_a_404_problem_saying_so()
    {
        var response = await GetAsync("https://pb.example.gov.uk/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Nothing is published", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/schemes/../../secrets.txt")]
    [InlineData("/schemes/%2e%2e/%2e%2e/x")]
    [InlineData("/a\\b/index.html")]
    public async Task Addresses_that_try_to_leave_the_site_are_not_found(string originalUrl)
    {
        await PublishAsync();

        var response = await GetAsync(originalUrl);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_browser_with_the_current_copy_gets_304_and_HEAD_gets_headers_only()
    {
        var id = await PublishAsync();
        var first = await GetAsync($"/schemes/{id}/");
        var etag = first.Headers.ETag!.ToString();

        var again = await GetAsync($"/schemes/{id}/", ifNoneMatch: etag);
        var head = await GetAsync($"/schemes/{id}/", method: HttpMethod.Head);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(first.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
    }
}
