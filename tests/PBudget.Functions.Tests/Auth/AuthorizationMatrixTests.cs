using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PBudget.Functions.Auth;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Auth;

/// <summary>One app for the whole matrix; each row makes its own scheme, so rows never depend on each other.</summary>
public sealed class MatrixApp(AzuriteFixture azurite) : IAsyncDisposable
{
    // Every row proposes as its caller, far more often than the per-person rate limit allows (it has its own test).
    public PBudgetApp App { get; } = new(azurite, settings: new Dictionary<string, string?> { ["RateLimits:ProposalWritesPerHour"] = "10000" });

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// Every endpoint, called by every role and without a token. The matrix below is the specification; a
/// second test fails if the app gains an endpoint the matrix does not list, so nothing ships unreviewed.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixApp fixture) : IClassFixture<MatrixApp>
{
    private const string Anonymous = "anonymous";
    private const string AnyUser = "any signed-in user";

    // Who may call each endpoint. "Allowed" means neither 401 nor 403; everyone else gets 401 (no token) or 403.
    private static readonly Dictionary<string, string[]> Matrix = new(StringComparer.Ordinal)
    {
        ["GET /api/health"] = [Anonymous],
        ["GET /api/me"] = [AnyUser],
        ["GET /api/openapi/{documentName}.json"] = [Anonymous],
        ["GET /dev/sign-in"] = [Anonymous],
        ["POST /dev/token"] = [Anonymous],
        ["POST /dev/session"] = [Anonymous],
        ["POST /api/account/sign-out"] = [Anonymous],
        ["GET /api/account/sign-in"] = [Anonymous],
        ["GET /api/schemes"] = [Roles.Admin, Roles.Officer, Roles.Councillor],
        ["POST /api/schemes"] = [Roles.Admin],
        ["GET /api/schemes/{schemeId}"] = [Roles.Admin, Roles.Officer, Roles.Councillor],
        ["PUT /api/schemes/{schemeId}/rules"] = [Roles.Admin],
        ["GET /api/schemes/{schemeId}/wards"] = [Roles.Admin, Roles.Officer, Roles.Councillor],
        ["PUT /api/schemes/{schemeId}/wards"] = [Roles.Admin],
        ["GET /api/schemes/{schemeId}/wards/{wardCode}"] = [Roles.Admin, Roles.Officer, Roles.Councillor],
        ["POST /api/schemes/{schemeId}/budget-transfers"] = [Roles.Admin, Roles.Councillor],
        ["GET /api/schemes/{schemeId}/councillors"] = [Roles.Admin, Roles.Officer, Roles.Councillor],
        ["PUT /api/schemes/{schemeId}/councillors/{userId}"] = [Roles.Admin],
        ["GET /api/schemes/{schemeId}/audit"] = [Roles.Admin, Roles.Officer, Roles.Councillor],
        ["POST /api/schemes/{schemeId}/publications"] = [Roles.Admin, Roles.Officer],
        ["POST /api/schemes/{schemeId}/phase"] = [Roles.Admin],
        ["PUT /api/schemes/{schemeId}/phase-dates"] = [Roles.Admin],

        // Residents act on their own proposals (each row's proposal is the caller's own; other people's are refused in ProposalsApiTests).
        ["POST /api/schemes/{schemeId}/wards/{wardCode}/proposals"] = [AnyUser],
        ["GET /api/schemes/{schemeId}/proposals/mine"] = [AnyUser],
        ["GET /api/schemes/{schemeId}/proposals/{proposalId}"] = [AnyUser],
        ["PUT /api/schemes/{schemeId}/proposals/{proposalId}"] = [AnyUser],
        ["POST /api/schemes/{schemeId}/proposals/{proposalId}/withdrawal"] = [AnyUser],

        // Review and sign-off; councillors only for wards they hold (the row's ward is theirs; other wards are refused in the API tests).
        ["GET /api/schemes/{schemeId}/wards/{wardCode}/proposals"] = [Roles.Admin, Roles.Officer, Roles.Councillor],
        ["POST /api/schemes/{schemeId}/proposals/{proposalId}/moderation"] = [Roles.Admin, Roles.Officer],
        ["POST /api/schemes/{schemeId}/proposals/{proposalId}/review"] = [Roles.Admin, Roles.Officer],
        ["POST /api/schemes/{schemeId}/proposals/{proposalId}/merge"] = [Roles.Admin, Roles.Officer],
        ["GET /api/schemes/{schemeId}/wards/{wardCode}/shortlist"] = [Roles.Admin, Roles.Officer, Roles.Councillor],
        ["POST /api/schemes/{schemeId}/wards/{wardCode}/shortlist/sign-off"] = [Roles.Admin, Roles.Councillor],
        ["POST /api/schemes/{schemeId}/wards/{wardCode}/interests"] = [Roles.Councillor],

        // The site's forms (rendered by the app, each with an anti-forgery token: posts here carry none, so allowed callers get 400).
        ["GET /api/forms/schemes/{schemeId}/wards/{wardCode}/propose"] = [AnyUser],
        ["POST /api/forms/schemes/{schemeId}/wards/{wardCode}/propose"] = [AnyUser],
        ["GET /api/forms/schemes/{schemeId}/proposals/{proposalId}/submitted"] = [AnyUser],
        ["GET /api/forms/schemes/{schemeId}/proposals/mine"] = [AnyUser],
        ["POST /api/forms/schemes/{schemeId}/proposals/{proposalId}/withdraw"] = [AnyUser],
        ["GET /api/forms/schemes/{schemeId}/proposals/{proposalId}/change"] = [AnyUser],
        ["GET /api/forms/manage/schemes/{schemeId}"] = [Roles.Admin, Roles.Officer, Roles.Councillor],
        ["POST /api/forms/manage/schemes/{schemeId}/phase"] = [Roles.Admin],
        ["GET /api/forms/manage/schemes/{schemeId}/wards/{wardCode}/proposals"] = [Roles.Admin, Roles.Officer, Roles.Councillor],
        ["GET /api/forms/manage/schemes/{schemeId}/proposals/{proposalId}"] = [Roles.Admin, Roles.Officer, Roles.Councillor],
        ["POST /api/forms/manage/schemes/{schemeId}/proposals/{proposalId}/moderation"] = [Roles.Admin, Roles.Officer],
        ["POST /api/forms/manage/schemes/{schemeId}/proposals/{proposalId}/review"] = [Roles.Admin, Roles.Officer],
        ["POST /api/forms/manage/schemes/{schemeId}/proposals/{proposalId}/merge"] = [Roles.Admin, Roles.Officer],
        ["GET /api/forms/manage/schemes/{schemeId}/wards/{wardCode}/shortlist"] = [Roles.Admin, Roles.Officer, Roles.Councillor],
        ["POST /api/forms/manage/schemes/{schemeId}/wards/{wardCode}/interests"] = [Roles.Councillor],
        ["POST /api/forms/manage/schemes/{schemeId}/wards/{wardCode}/sign-off"] = [Roles.Admin, Roles.Councillor],

        // The voting pages: anyone reads the ballot paper and votes with a code; voting with an account needs a session.
        ["GET /api/forms/schemes/{schemeId}/wards/{wardCode}/vote"] = [Anonymous],
        ["GET /api/forms/schemes/{schemeId}/wards/{wardCode}/vote/code"] = [Anonymous],
        ["POST /api/forms/schemes/{schemeId}/wards/{wardCode}/vote/code"] = [Anonymous],
        ["GET /api/forms/schemes/{schemeId}/wards/{wardCode}/vote/account"] = [AnyUser],
        ["POST /api/forms/schemes/{schemeId}/wards/{wardCode}/vote/account"] = [AnyUser],
        ["GET /api/forms/schemes/{schemeId}/wards/{wardCode}/vote/receipt"] = [Anonymous],

        // The staff console's voting pages: figures for staff (councillors: wards they hold), paper entry, code issuing.
        ["GET /api/forms/manage/schemes/{schemeId}/wards/{wardCode}/voting"] = [Roles.Admin, Roles.Officer, Roles.Councillor],
        ["POST /api/forms/manage/schemes/{schemeId}/wards/{wardCode}/voting/paper-ballots"] = [Roles.Admin, Roles.Officer],
        ["POST /api/forms/manage/schemes/{schemeId}/wards/{wardCode}/voting/code-batches"] = [Roles.Admin],

        // Voting: the ballot rule, postcode lookup and ballot papers are public; codes vote anonymously (rate-limited);
        // residents vote with their account; officers enter paper; only admins issue codes.
        ["GET /api/schemes/{schemeId}/ballot-rule"] = [Anonymous],
        ["PUT /api/schemes/{schemeId}/ballot-rule"] = [Roles.Admin],
        ["PUT /api/schemes/{schemeId}/postcodes"] = [Roles.Admin],
        ["GET /api/schemes/{schemeId}/postcodes/{postcode}"] = [Anonymous],
        ["POST /api/schemes/{schemeId}/receipt-chains/close"] = [Roles.Admin],
        ["GET /api/schemes/{schemeId}/wards/{wardCode}/ballot-paper"] = [Anonymous],
        ["GET /api/schemes/{schemeId}/wards/{wardCode}/my-ballot"] = [AnyUser],
        ["PUT /api/schemes/{schemeId}/wards/{wardCode}/my-ballot"] = [AnyUser],
        ["POST /api/schemes/{schemeId}/wards/{wardCode}/code-ballots"] = [Anonymous],
        ["POST /api/schemes/{schemeId}/wards/{wardCode}/paper-ballots"] = [Roles.Admin, Roles.Officer],
        ["POST /api/schemes/{schemeId}/wards/{wardCode}/code-batches"] = [Roles.Admin],
        ["GET /api/schemes/{schemeId}/wards/{wardCode}/reconciliation"] = [Roles.Admin, Roles.Officer, Roles.Councillor],
        ["GET /api/schemes/{schemeId}/wards/{wardCode}/receipts"] = [Roles.Admin, Roles.Officer],

        // The queue function: only the Functions host calls it, over loopback, without a token (Hosting tests cover the loopback rule).
        ["POST /Publish"] = [Anonymous],
        ["POST /Notify"] = [Anonymous],
    };

    private static readonly Dictionary<string, LocalUser?> Callers = new(StringComparer.Ordinal)
    {
        ["no token"] = null,
        [Roles.Admin] = PBudgetApp.Admin,
        [Roles.Officer] = PBudgetApp.Officer,
        [Roles.Councillor] = PBudgetApp.Councillor,
        ["resident"] = ProposalFlow.Resident,
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Rows()
    {
        var rows = new TheoryData<string, string>();
        foreach (var endpoint in Matrix.Keys)
        {
            foreach (var caller in Callers.Keys)
            {
                rows.Add(endpoint, caller);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Each_endpoint_answers_each_caller_as_the_matrix_says(string endpoint, string caller)
    {
        var app = fixture.App;
        var admin = app.ClientFor(PBudgetApp.Admin);
        var schemeId = await TestData.CreateSchemeWithWardsAsync(admin, Cancel);
        (await admin.PutAsJsonAsync($"/api/schemes/{schemeId}/councillors/{PBudgetApp.Councillor.Id}", new { displayName = "Cllr Cass", wards = new[] { "E05000001", "E05000002" } }, Cancel)).EnsureSuccessStatusCode();
        await ProposalFlow.MoveToAsync(app, schemeId, "ProposalsOpen", Cancel);
        var proposalId = await ProposalFlow.ProposeAsync(app, schemeId, Callers[caller] ?? ProposalFlow.Resident, Cancel);
        var client = app.ClientFor(Callers[caller]);

        using var request = BuildRequest(endpoint, schemeId, proposalId);
        var response = await client.SendAsync(request, Cancel);

        var allowed = Matrix[endpoint];
        var expectAllowed = allowed.Contains(Anonymous)
            || (allowed.Contains(AnyUser) && Callers[caller] is not null)
            || allowed.Contains(caller);
        if (expectAllowed)
        {
            Assert.True(
                response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)response.StatusCode < 500,
                $"{caller} should be allowed {endpoint} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        }
        else
        {
            Assert.Equal(Callers[caller] is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public void Every_endpoint_of_the_app_is_in_the_matrix()
    {
        var endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} {Normalise(e.RoutePattern.RawText)}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(Matrix.Keys.Order(StringComparer.Ordinal), endpoints.Order(StringComparer.Ordinal));
    }

    private static string Normalise(string? route) => "/" + (route ?? "").Trim('/');

    private static HttpRequestMessage BuildRequest(string endpoint, string schemeId, string proposalId)
    {
        var (method, template) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
        var path = template
            .Replace("{schemeId}", schemeId, StringComparison.Ordinal)
            .Replace("{wardCode}", "E05000001", StringComparison.Ordinal)
            .Replace("{userId}", PBudgetApp.OtherCouncillor.Id, StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{proposalId}", proposalId, StringComparison.Ordinal)
            .Replace("{postcode}", "AB1%201AA", StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Content = endpoint switch
        {
            "POST /api/schemes" => JsonContent.Create(TestData.SchemeRequest(TestData.NewSchemeId())),
            "PUT /api/schemes/{schemeId}/rules" => JsonContent.Create(new { budgetRule = new { pencePerHead = 250, roundingUnit = "Pound" } }),
            "PUT /api/schemes/{schemeId}/wards" => TestData.Csv(TestData.WardsCsv),
            "POST /api/schemes/{schemeId}/budget-transfers" => JsonContent.Create(new { fromWard = "E05000001", toWard = "E05000002", amountPence = 100, reason = "Matrix test" }),
            "PUT /api/schemes/{schemeId}/councillors/{userId}" => JsonContent.Create(new { displayName = "Cllr Other", wards = new[] { "E05000003" } }),
            "POST /api/schemes/{schemeId}/phase" => JsonContent.Create(new { to = "Review" }),
            "PUT /api/schemes/{schemeId}/phase-dates" => JsonContent.Create(new { plannedStarts = new Dictionary<string, string> { ["Voting"] = "2026-09-01" } }),
            "POST /api/schemes/{schemeId}/wards/{wardCode}/proposals" or "PUT /api/schemes/{schemeId}/proposals/{proposalId}" => JsonContent.Create(ProposalFlow.Proposal()),
            "POST /api/schemes/{schemeId}/proposals/{proposalId}/moderation" => JsonContent.Create(new { hidden = true, reason = "Matrix test" }),
            "POST /api/schemes/{schemeId}/proposals/{proposalId}/review" => JsonContent.Create(new { feasible = false, reason = "Matrix test" }),
            "POST /api/schemes/{schemeId}/proposals/{proposalId}/merge" => JsonContent.Create(new { into = "abcdefghjk" }),
            "POST /api/schemes/{schemeId}/wards/{wardCode}/shortlist/sign-off" => JsonContent.Create(new { proposalIds = new[] { proposalId } }),
            "POST /api/schemes/{schemeId}/wards/{wardCode}/interests" => JsonContent.Create(new { proposalId, interest = "Matrix test" }),
            "PUT /api/schemes/{schemeId}/ballot-rule" => JsonContent.Create(new { kind = "Approval", maxChoices = 2 }),
            "PUT /api/schemes/{schemeId}/postcodes" => TestData.Csv(VotingFlow.PostcodesCsv),
            "PUT /api/schemes/{schemeId}/wards/{wardCode}/my-ballot" => JsonContent.Create(new { choices = new[] { new { proposalId } } }),
            "POST /api/schemes/{schemeId}/wards/{wardCode}/code-ballots" => JsonContent.Create(new { code = "0000-0000-0000-0000-0", choices = new[] { new { proposalId } } }),
            "POST /api/schemes/{schemeId}/wards/{wardCode}/paper-ballots" => JsonContent.Create(new { sheet = "A1", choices = new[] { new { proposalId } } }),
            "POST /api/schemes/{schemeId}/wards/{wardCode}/code-batches" => JsonContent.Create(new { count = 2 }),
            "POST /dev/token" => JsonContent.Create(new { userId = "7d0c5a52-0f0e-4f7a-9f43-2a1c5b7e0a02" }),
            "POST /Notify" => JsonContent.Create(new { Data = new { message = Notifications.NotificationSamples.Unique(emailAddress: null).ToMessageText() }, Metadata = new { DequeueCount = 1, Id = Guid.NewGuid().ToString() } }),
            "POST /Publish" => JsonContent.Create(new { Data = new { message = $"{{\"schemeId\":\"{schemeId}\",\"reason\":\"matrix\",\"requestedAt\":\"2026-11-23T00:00:00Z\"}}" }, Metadata = new { DequeueCount = 1, Id = Guid.NewGuid().ToString() } }),
            _ => null,
        };
        return request;
    }
}
