using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using PBudget.Core.Voting;
using PBudget.Functions.Tests.Support;
using PBudget.Testing;

namespace PBudget.Functions.Tests.Forms;

/// <summary>The voting pages' answers to what the JSON API refuses, in the app in memory with a low limit on wrong codes.</summary>
public sealed partial class VotingFormsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly PBudgetApp app = new(azurite, settings: new Dictionary<string, string?>
    {
        ["Voting:WrongCodesPerClient"] = "2",
        ["RateLimits:ProposalWritesPerHour"] = "1000",
    });

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Too_many_wrong_voting_codes_are_refused_on_a_page_that_says_how_long_to_wait()
    {
        var scheme = await VotingFlow.OpenVotingAsync(app, Cancel);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var page = $"/api/forms/schemes/{scheme.Id}/wards/E05000001/vote/code";

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            using var wrong = await CastAsync(browser, page, VotingCodes.Generate(), scheme.Ten);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
            Assert.Contains("That is not a voting code for Abbey.", await wrong.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        // Even a real code waits now: the limit is on the connection, whatever it sends next.
        var real = (await VotingFlow.IssueCodesAsync(app, scheme.Id, 1, Cancel))[0];
        using var limited = await CastAsync(browser, page, real, scheme.Ten);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(limited.Headers.RetryAfter);
        var html = await limited.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Too many wrong voting codes", html, StringComparison.Ordinal);
        Assert.Contains("Please wait 15 minutes and try again.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> CastAsync(HttpClient browser, string page, string code, string proposalId)
    {
        var token = TokenPattern().Match(await browser.GetStringAsync(page, Cancel)).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["code"] = code,
            ["choices"] = proposalId,
            ["step"] = "check",
        });
        return await browser.PostAsync(page, form, Cancel);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
