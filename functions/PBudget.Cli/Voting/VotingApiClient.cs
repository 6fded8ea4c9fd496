using System.Net.Http.Json;
using System.Text.Json;
using PBudget.Cli.Commands;

namespace PBudget.Cli.Voting;

/// <summary>Codes just issued, as the API prints them; the only time they exist in clear.</summary>
internal sealed record CodeBatch(string Batch, string WardCode, string WardName, DateTimeOffset IssuedAt, int Count, IReadOnlyList<string> Codes);

/// <summary>A ward's voting figures as the reconciliation endpoint gives them (the fields the CLI reads).</summary>
internal sealed record WardFigures(int CodesIssued, int CodesUsedOnline, int CodesUnused, int BallotsByCode, int Ballots, int Receipts);

/// <summary>The voting calls the CLI makes, over the same HTTP API as any client; refusals become <see cref="ApiProblemException"/>.</summary>
internal sealed class VotingApiClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string> GetSchemeNameAsync(string schemeId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Path($"/api/schemes/{Escape(schemeId)}"), cancellationToken);
        await PBudgetApiClient.EnsureSuccessAsync(response, cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("name").GetString()!;
    }

    public async Task<CodeBatch> IssueCodesAsync(string schemeId, string wardCode, int count, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(Path($"/api/schemes/{Escape(schemeId)}/wards/{Escape(wardCode)}/code-batches"), new { count }, cancellationToken);
        await PBudgetApiClient.EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<CodeBatch>(Json, cancellationToken)
            ?? throw new ApiProblemException(response.StatusCode, "The app answered with no codes.");
    }

    public async Task SignOffShortlistAsync(string schemeId, string wardCode, IReadOnlyList<string> proposalIds, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(Path($"/api/schemes/{Escape(schemeId)}/wards/{Escape(wardCode)}/shortlist/sign-off"), new { proposalIds }, cancellationToken);
        await PBudgetApiClient.EnsureSuccessAsync(response, cancellationToken);
    }

    public async Task<WardFigures> ReconcileAsync(string schemeId, string wardCode, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Path($"/api/schemes/{Escape(schemeId)}/wards/{Escape(wardCode)}/reconciliation"), cancellationToken);
        await PBudgetApiClient.EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<WardFigures>(Json, cancellationToken)
            ?? throw new ApiProblemException(response.StatusCode, "The app answered with no figures.");
    }

    private static Uri Path(string path) => new(path, UriKind.Relative);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
