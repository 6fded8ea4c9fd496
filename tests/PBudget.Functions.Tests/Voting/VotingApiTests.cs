using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PBudget.Core.Voting;
using PBudget.Functions.Storage;
using PBudget.Functions.Tests.Support;
using PBudget.Functions.Voting;
using PBudget.Testing;
using static PBudget.Functions.Tests.Support.VotingFlow;

namespace PBudget.Functions.Tests.Voting;

public sealed class VotingApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly PBudgetApp app = new(azurite, settings: new Dictionary<string, string?>
    {
        ["Voting:WrongCodesPerClient"] = "3",
        ["RateLimits:ProposalWritesPerHour"] = "1000",
    });

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private Task<HttpResponseMessage> VoteAsync(PBudget.Functions.Auth.LocalUser voter, string schemeId, object ballot, string ward = "E05000001") =>
        app.ClientFor(voter).PutAsJsonAsync($"/api/schemes/{schemeId}/wards/{ward}/my-ballot", ballot, Cancel);

    private Task<HttpResponseMessage> VoteWithCodeAsync(string schemeId, object ballot, string ward = "E05000001") =>
        app.ClientFor(null).PostAsJsonAsync($"/api/schemes/{schemeId}/wards/{ward}/code-ballots", ballot, Cancel);

    private Task<HttpResponseMessage> EnterPaperAsync(string schemeId, object ballot) =>
        app.ClientFor(PBudgetApp.Officer).PostAsJsonAsync($"/api/schemes/{schemeId}/wards/E05000001/paper-ballots", ballot, Cancel);

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

    private static async Task<string> ProblemTextAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    [Fact]
    public async Task The_ballot_paper_is_public_and_lists_the_signed_off_shortlist_with_the_rule_in_words()
    {
        var scheme = await OpenVotingAsync(app, Cancel);

        var paper = await app.ClientFor(null).GetFromJsonAsync<JsonElement>($"/api/schemes/{scheme.Id}/wards/E05000001/ballot-paper", Cancel);

        Assert.True(paper.GetProperty("open").GetBoolean());
        Assert.Equal(2_496_000, paper.GetProperty("budgetPence").GetInt64());
        Assert.Equal("Knapsack", paper.GetProperty("rule").GetProperty("kind").GetString());
        Assert.Contains("£24,960", paper.GetProperty("instructions").GetString(), StringComparison.Ordinal);
        var options = paper.GetProperty("options").EnumerateArray().ToList();
        Assert.Equal(
            new[] { (scheme.Eight, 800_000L, "Bulb planting"), (scheme.Ten, 1_000_000L, "Play area"), (scheme.Twelve, 1_200_000L, "Youth club") }.OrderBy(o => o.Item1, StringComparer.Ordinal),
            options.Select(o => (o.GetProperty("proposalId").GetString()!, o.GetProperty("costPence").GetInt64(), o.GetProperty("title").GetString()!)).OrderBy(o => o.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_ballot_rule_is_validated_and_frozen_once_voting_opens()
    {
        var id = await ProposalFlow.SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var admin = app.ClientFor(PBudgetApp.Admin);

        var invalid = await admin.PutAsJsonAsync($"/api/schemes/{id}/ballot-rule", new { kind = "Cumulative", points = 10, maxPointsPerProject = 11 }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("maxPointsPerProject", await ProblemTextAsync(invalid), StringComparison.Ordinal);

        var set = await admin.PutAsJsonAsync($"/api/schemes/{id}/ballot-rule", new { kind = "Approval", maxChoices = 2 }, Cancel);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var read = await app.ClientFor(null).GetFromJsonAsync<JsonElement>($"/api/schemes/{id}/ballot-rule", Cancel);
        Assert.Equal("Approval", read.GetProperty("rule").GetProperty("kind").GetString());
        Assert.Equal(2, read.GetProperty("rule").GetProperty("maxChoices").GetInt32());
        Assert.False(read.GetProperty("frozen").GetBoolean());

        var scheme = await OpenVotingAsync(app, Cancel, new { kind = "Approval", maxChoices = 1 });
        var refused = await app.ClientFor(PBudgetApp.Admin).PutAsJsonAsync($"/api/schemes/{scheme.Id}/ballot-rule", new { kind = "Approval", maxChoices = 3 }, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("voting opened", await ProblemTextAsync(refused), StringComparison.Ordinal);
        var postcodes = await app.ClientFor(PBudgetApp.Admin).PutAsync($"/api/schemes/{scheme.Id}/postcodes", TestData.Csv(PostcodesCsv), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, postcodes.StatusCode);
    }

    [Fact]
    public async Task Voting_cannot_open_when_no_ballot_could_reach_the_minimum_spend()
    {
        // Abbey's budget is £24,960 and its shortlist costs £8,000, £10,000 and £12,000: at most £22,000 fits.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenVotingAsync(app, Cancel, new { kind = "Knapsack", minBudgetSharePercent = 90 }));
        Assert.Contains("minimum spend", refused.Message, StringComparison.Ordinal);

        var scheme = await OpenVotingAsync(app, Cancel, new { kind = "Knapsack", minBudgetSharePercent = 80 });
        var tooLittle = await VoteAsync(AbbeyVoter, scheme.Id, Ballot(scheme.Ten));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLittle.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await VoteAsync(AbbeyVoter, scheme.Id, Ballot(scheme.Ten, scheme.Twelve))).StatusCode);
    }

    [Fact]
    public async Task A_postcode_file_with_errors_changes_nothing_and_names_each_line_and_field()
    {
        var id = await ProposalFlow.SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var admin = app.ClientFor(PBudgetApp.Admin);
        (await admin.PutAsync($"/api/schemes/{id}/postcodes", TestData.Csv(PostcodesCsv), Cancel)).EnsureSuccessStatusCode();

        var bad = await admin.PutAsync($"/api/schemes/{id}/postcodes", TestData.Csv("postcode,ward_code\nAB1 1AA,E05000002\nNOT A POSTCODE,E05000001\nZZ1 1ZZ,E09999999\n"), Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var problem = await ProblemTextAsync(bad);
        Assert.Contains("line 3.postcode", problem, StringComparison.Ordinal);
        Assert.Contains("line 4.ward", problem, StringComparison.Ordinal);
        var lookup = await app.ClientFor(null).GetFromJsonAsync<JsonElement>($"/api/schemes/{id}/postcodes/ab11aa", Cancel);
        Assert.Equal("E05000001", lookup.GetProperty("wardCode").GetString());
        Assert.Equal("Abbey", lookup.GetProperty("wardName").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(null).GetAsync($"/api/schemes/{id}/postcodes/ZZ1%201ZZ", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_resident_votes_in_their_postcodes_ward_sees_their_ballot_and_changes_it_with_a_new_receipt()
    {
        var scheme = await OpenVotingAsync(app, Cancel);

        var first = await VoteAsync(AbbeyVoter, scheme.Id, Ballot(scheme.Ten, scheme.Eight));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var receipt = await BodyAsync(first);
        var firstCode = receipt.GetProperty("trackingCode").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", firstCode);
        Assert.Equal(1_800_000, receipt.GetProperty("summary").GetProperty("costPence").GetInt64());
        Assert.Equal(696_000, receipt.GetProperty("summary").GetProperty("budgetLeftPence").GetInt64());

        var mine = await app.ClientFor(AbbeyVoter).GetFromJsonAsync<JsonElement>($"/api/schemes/{scheme.Id}/wards/E05000001/my-ballot", Cancel);
        Assert.Equal(new[] { scheme.Ten, scheme.Eight }.Order(StringComparer.Ordinal), mine.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("proposalId").GetString()!));

        var changed = await VoteAsync(AbbeyVoter, scheme.Id, Ballot(scheme.Twelve));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var second = await BodyAsync(changed);
        Assert.True(second.GetProperty("replaced").GetBoolean());
        Assert.NotEqual(firstCode, second.GetProperty("trackingCode").GetString());

        var figures = await ReconcileAsync(app, scheme.Id, Cancel);
        Assert.Equal(1, figures.GetProperty("ballots").GetInt32());
        Assert.Equal(1, figures.GetProperty("ballotsByAccount").GetInt32());
        Assert.Equal(1, figures.GetProperty("ballotsChanged").GetInt32());
        Assert.Equal(2, figures.GetProperty("receipts").GetInt32());
        Assert.Equal(1, figures.GetProperty("receiptsSuperseded").GetInt32());
        var chains = await app.Services.GetRequiredService<BallotStore>().ReadChainsAsync(scheme.Id, "E05000001", Cancel);
        var entries = chains.SelectMany(c => c.Entries).ToList();
        Assert.True(entries.Single(e => e.Code == firstCode).Superseded);
        Assert.False(entries.Single(e => e.Code == second.GetProperty("trackingCode").GetString()).Superseded);
    }

    [Fact]
    public async Task Residents_cannot_vote_outside_their_ward_or_without_a_postcode()
    {
        var scheme = await OpenVotingAsync(app, Cancel);

        var elsewhere = await VoteAsync(CastleVoter, scheme.Id, Ballot(scheme.Ten));
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Contains("E05000002", await ProblemTextAsync(elsewhere), StringComparison.Ordinal);

        var nowhere = await VoteAsync(Homeless, scheme.Id, Ballot(scheme.Ten));
        Assert.Equal(HttpStatusCode.Forbidden, nowhere.StatusCode);
        Assert.Contains("postcode", await ProblemTextAsync(nowhere), StringComparison.Ordinal);
        Assert.Equal(0, (await ReconcileAsync(app, scheme.Id, Cancel)).GetProperty("ballots").GetInt32());
    }

    [Fact]
    public async Task Ballots_that_break_the_rule_or_name_projects_not_on_the_shortlist_are_refused_with_reasons()
    {
        var scheme = await OpenVotingAsync(app, Cancel);

        var overBudget = await VoteAsync(AbbeyVoter, scheme.Id, Ballot(scheme.Ten, scheme.Eight, scheme.Twelve));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, overBudget.StatusCode);
        Assert.Contains("£5,040", await ProblemTextAsync(overBudget), StringComparison.Ordinal);

        var unknown = await VoteAsync(AbbeyVoter, scheme.Id, Ballot("zzzzzzzzzz"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("choices[0]", await ProblemTextAsync(unknown), StringComparison.Ordinal);

        var empty = await VoteAsync(AbbeyVoter, scheme.Id, new { choices = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal(0, (await ReconcileAsync(app, scheme.Id, Cancel)).GetProperty("ballots").GetInt32());
    }

    [Fact]
    public async Task A_voting_code_is_spent_once_online_and_then_refused_on_paper_and_the_other_way_round()
    {
        var scheme = await OpenVotingAsync(app, Cancel);
        var codes = await IssueCodesAsync(app, scheme.Id, 3, Cancel);
        Assert.All(codes, c => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z]$", c));

        var online = await VoteWithCodeAsync(scheme.Id, CodeBallot(codes[0].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), scheme.Ten));
        Assert.Equal(HttpStatusCode.Created, online.StatusCode);
        Assert.Equal("Code", (await BodyAsync(online)).GetProperty("channel").GetString());

        var again = await VoteWithCodeAsync(scheme.Id, CodeBallot(codes[0], scheme.Eight));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already been used to vote online", await ProblemTextAsync(again), StringComparison.Ordinal);

        var onPaper = await EnterPaperAsync(scheme.Id, new { code = codes[0], choices = new[] { new { proposalId = scheme.Eight } } });
        Assert.Equal(HttpStatusCode.Conflict, onPaper.StatusCode);

        var paperFirst = await EnterPaperAsync(scheme.Id, new { code = codes[1], choices = new[] { new { proposalId = scheme.Twelve } } });
        Assert.Equal(HttpStatusCode.Created, paperFirst.StatusCode);
        var thenOnline = await VoteWithCodeAsync(scheme.Id, CodeBallot(codes[1], scheme.Twelve));
        Assert.Equal(HttpStatusCode.Conflict, thenOnline.StatusCode);
        Assert.Contains("paper", await ProblemTextAsync(thenOnline), StringComparison.Ordinal);

        var figures = await ReconcileAsync(app, scheme.Id, Cancel);
        Assert.Equal(3, figures.GetProperty("codesIssued").GetInt32());
        Assert.Equal(1, figures.GetProperty("codesUsedOnline").GetInt32());
        Assert.Equal(1, figures.GetProperty("codesUsedOnPaper").GetInt32());
        Assert.Equal(1, figures.GetProperty("codesUnused").GetInt32());
        Assert.Equal(1, figures.GetProperty("ballotsByCode").GetInt32());
        Assert.Equal(1, figures.GetProperty("ballotsOnPaper").GetInt32());
    }

    [Fact]
    public async Task Resending_the_same_code_ballot_returns_the_same_receipt_so_a_lost_answer_can_be_retried()
    {
        var scheme = await OpenVotingAsync(app, Cancel);
        var code = (await IssueCodesAsync(app, scheme.Id, 1, Cancel))[0];

        var first = await BodyAsync(await VoteWithCodeAsync(scheme.Id, CodeBallot(code, scheme.Ten)));
        var retry = await VoteWithCodeAsync(scheme.Id, CodeBallot(code, scheme.Ten));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.GetProperty("trackingCode").GetString(), (await BodyAsync(retry)).GetProperty("trackingCode").GetString());
        Assert.Equal(1, (await ReconcileAsync(app, scheme.Id, Cancel)).GetProperty("receipts").GetInt32());
    }

    [Fact]
    public async Task The_same_paper_sheet_cannot_be_entered_twice()
    {
        var scheme = await OpenVotingAsync(app, Cancel);

        Assert.Equal(HttpStatusCode.Created, (await EnterPaperAsync(scheme.Id, new { sheet = "p-0001", choices = new[] { new { proposalId = scheme.Ten } } })).StatusCode);
        var twice = await EnterPaperAsync(scheme.Id, new { sheet = "P-0001", choices = new[] { new { proposalId = scheme.Ten } } });

        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("already been entered", await ProblemTextAsync(twice), StringComparison.Ordinal);
        var neither = await EnterPaperAsync(scheme.Id, new { choices = new[] { new { proposalId = scheme.Ten } } });
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
    }

    [Fact]
    public async Task Wrong_codes_are_refused_and_after_too_many_the_client_must_wait()
    {
        var scheme = await OpenVotingAsync(app, Cancel);
        var code = (await IssueCodesAsync(app, scheme.Id, 1, Cancel))[0];
        var typo = code[..^1] + (code[^1] == '0' ? '1' : '0');

        var mistyped = await VoteWithCodeAsync(scheme.Id, CodeBallot(typo, scheme.Ten));
        Assert.Equal(HttpStatusCode.BadRequest, mistyped.StatusCode);
        Assert.Contains("typing mistake", await ProblemTextAsync(mistyped), StringComparison.Ordinal);

        var unissued = VotingCodes.Format(VotingCodes.Generate());
        var wrong = await VoteWithCodeAsync(scheme.Id, CodeBallot(unissued, scheme.Ten));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("not a voting code for Abbey", await ProblemTextAsync(wrong), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await VoteWithCodeAsync(scheme.Id, CodeBallot(unissued, scheme.Ten))).StatusCode);

        var limited = await VoteWithCodeAsync(scheme.Id, CodeBallot(code, scheme.Ten));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);
        Assert.Equal(0, (await ReconcileAsync(app, scheme.Id, Cancel)).GetProperty("ballots").GetInt32());
    }

    [Fact]
    public async Task Codes_can_be_exported_as_csv_for_a_mail_merge()
    {
        var scheme = await OpenVotingAsync(app, Cancel);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/schemes/{scheme.Id}/wards/E05000002/code-batches") { Content = JsonContent.Create(new { count = 4 }) };
        request.Headers.Accept.ParseAdd("text/csv");

        var response = await app.ClientFor(PBudgetApp.Admin).SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Cancel)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("code,ward_code,ward_name,batch", lines[0]);
        Assert.Equal(4, lines.Skip(1).Count(l => l.Contains(",E05000002,Castle,", StringComparison.Ordinal)));
        Assert.Equal(4, lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Count());
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ClientFor(PBudgetApp.Admin).PostAsJsonAsync($"/api/schemes/{scheme.Id}/wards/E05000002/code-batches", new { count = 0 }, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Voting_is_refused_before_it_opens_and_after_it_closes_and_closing_seals_every_chain()
    {
        var early = await ProposalFlow.SchemeInPhaseAsync(app, "ProposalsOpen", Cancel);
        var before = await VoteAsync(AbbeyVoter, early, Ballot("abcdefghjk"));
        Assert.Equal(HttpStatusCode.Conflict, before.StatusCode);
        Assert.Contains("not opened", await ProblemTextAsync(before), StringComparison.Ordinal);

        var scheme = await OpenVotingAsync(app, Cancel);
        var receipt = await BodyAsync(await VoteAsync(AbbeyVoter, scheme.Id, Ballot(scheme.Ten)));
        await ProposalFlow.MoveToAsync(app, scheme.Id, "Counting", Cancel);

        var after = await VoteAsync(AbbeyVoter, scheme.Id, Ballot(scheme.Eight));
        Assert.Equal(HttpStatusCode.Conflict, after.StatusCode);
        var chains = await app.Services.GetRequiredService<BallotStore>().ReadChainsAsync(scheme.Id, "E05000001", Cancel);
        Assert.Equal(VoterKeys.Partitions, chains.Count);
        Assert.All(chains, chain => Assert.NotNull(chain.ClosingHash));

        // Anyone can check a chain: each code follows the one before, and the closing hash follows the last.
        foreach (var chain in chains)
        {
            var previous = chain.Genesis;
            foreach (var entry in chain.Entries.OrderBy(e => e.Position))
            {
                Assert.Equal(previous, entry.Previous);
                previous = entry.Code;
            }

            Assert.Equal(TrackingCodes.Close(previous, chain.ClosedAt!.Value), chain.ClosingHash);
        }

        Assert.Contains(chains.SelectMany(c => c.Entries), e => e.Code == receipt.GetProperty("trackingCode").GetString());
        var again = await app.ClientFor(PBudgetApp.Admin).PostAsync($"/api/schemes/{scheme.Id}/receipt-chains/close", null, Cancel);
        Assert.Equal(0, (await BodyAsync(again)).GetProperty("chainsClosed").GetInt32());
        var tooEarly = await app.ClientFor(PBudgetApp.Admin).PostAsync($"/api/schemes/{early}/receipt-chains/close", null, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        var ballot = Assert.Single(await app.Services.GetRequiredService<BallotStore>().ReadBallotsAsync(scheme.Id, "E05000001", Cancel));
        var only = chains.SelectMany(c => c.Entries).Single();
        Assert.Equal(TrackingCodes.Next(only.Previous, ballot.SubmittedAt, only.Salt, ballot.Choices), ballot.TrackingCode);
    }

    [Fact]
    public async Task Stored_ballots_hold_neither_the_voters_identity_nor_their_code()
    {
        var scheme = await OpenVotingAsync(app, Cancel);
        var code = (await IssueCodesAsync(app, scheme.Id, 1, Cancel))[0];
        (await VoteAsync(AbbeyVoter, scheme.Id, Ballot(scheme.Ten))).EnsureSuccessStatusCode();
        (await VoteWithCodeAsync(scheme.Id, CodeBallot(code, scheme.Eight))).EnsureSuccessStatusCode();

        var table = app.Services.GetRequiredService<StorageClients>().Table(StorageNames.BallotsTable);
        var everything = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: Cancel))
        {
            everything.Add(row.PartitionKey + " " + row.RowKey + " " + string.Join(" ", row.Select(pair => pair.Value?.ToString())));
        }

        var text = string.Join("\n", everything);
        Assert.Contains(scheme.Ten, text, StringComparison.Ordinal);
        foreach (var secret in new[] { AbbeyVoter.Id, AbbeyVoter.Name, AbbeyVoter.Email!, "AB1 1AA", code, code.Replace("-", "", StringComparison.Ordinal) })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Outside_development_the_public_development_secret_and_a_missing_secret_are_refused()
    {
        foreach (var (environment, secret, expected) in new[]
                 {
                     ("Production", VotingOptions.DevelopmentSecret, "public development secret"),
                     ("Production", "", "at least 32 random bytes"),
                     ("Development", "c2hvcnQ=", "at least 32 random bytes"),
                 })
        {
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Voting:VoterKeySecret"] = secret }).Build());
            services.AddPBudgetVoting(new FakeEnvironment(environment));
            using var provider = services.BuildServiceProvider();

            var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<VotingOptions>>().Value);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }

        var development = new ServiceCollection();
        development.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Voting:VoterKeySecret"] = VotingOptions.DevelopmentSecret }).Build());
        development.AddPBudgetVoting(new FakeEnvironment("Development"));
        using var developmentProvider = development.BuildServiceProvider();
        Assert.Equal(55, developmentProvider.GetRequiredService<IOptions<VotingOptions>>().Value.SecretBytes().Length);
    }

    private sealed class FakeEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "PBudget.Functions";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
