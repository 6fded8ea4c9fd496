using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PBudget.Cli.Commands;

/// <summary>Thrown when the API refuses a request; carries the problem details' title and detail.</summary>
internal sealed class ApiProblemException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>A thin client over PBudget's HTTP API, so the CLI goes through the same validation, audit and queue as any client.</summary>
internal sealed class PBudgetApiClient(HttpClient http)
{
    /// <summary>Gets a token from the local sign-in (Development only) for one of its demo people.</summary>
    public async Task UseLocalSignInAsync(string userId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/dev/token", new { userId }, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ApiProblemException(response.StatusCode, "The app has no local sign-in (it only exists in Development). Pass --token with a real access token.");
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        UseToken(body.RootElement.GetProperty("accessToken").GetString()!);
    }

    public void UseToken(string token) => http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    /// <summary>Creates a scheme; false when it exists already.</summary>
    public async Task<bool> CreateSchemeIfMissingAsync(object request, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/schemes", request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<JsonDocument> ImportWardsAsync(string schemeId, string csv, CancellationToken cancellationToken)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await http.PutAsync($"/api/schemes/{Uri.EscapeDataString(schemeId)}/wards", content, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Replaces the scheme's postcode-to-ward lookup; false when voting has opened and it is frozen.</summary>
    public async Task<bool> ImportPostcodesAsync(string schemeId, string csv, CancellationToken cancellationToken)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await http.PutAsync($"/api/schemes/{Uri.EscapeDataString(schemeId)}/postcodes", content, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task AssignCouncillorAsync(string schemeId, string userId, string displayName, IReadOnlyList<string> wards, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync($"/api/schemes/{Uri.EscapeDataString(schemeId)}/councillors/{userId}", new { displayName, wards }, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The scheme's current phase, as the API names it (for example <c>SetUp</c>).</summary>
    public async Task<string> GetPhaseAsync(string schemeId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/schemes/{Uri.EscapeDataString(schemeId)}", cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return body.RootElement.GetProperty("phase").GetString()!;
    }

    public async Task MovePhaseAsync(string schemeId, string to, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"/api/schemes/{Uri.EscapeDataString(schemeId)}/phase", new { to }, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Proposes a project as the signed-in person; returns the new proposal's id.</summary>
    public async Task<string> ProposeAsync(string schemeId, string wardCode, object proposal, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"/api/schemes/{Uri.EscapeDataString(schemeId)}/wards/{Uri.EscapeDataString(wardCode)}/proposals", proposal, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return body.RootElement.GetProperty("id").GetString()!;
    }

    public async Task ReviewAsync(string schemeId, string proposalId, object review, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"/api/schemes/{Uri.EscapeDataString(schemeId)}/proposals/{Uri.EscapeDataString(proposalId)}/review", review, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task RequestPublicationAsync(string schemeId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"/api/schemes/{Uri.EscapeDataString(schemeId)}/publications", null, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Throws <see cref="ApiProblemException"/> with the problem's title, detail and each field's message when the API refused.</summary>
    internal static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiProblemException(response.StatusCode, await DescribeAsync(response, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>The problem's status, title, detail and each field's message, one per line.</summary>
    internal static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var message = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            using var problem = JsonDocument.Parse(text);
            var root = problem.RootElement;
            message += root.TryGetProperty("title", out var title) ? ": " + title.GetString() : "";
            message += root.TryGetProperty("detail", out var detail) ? " " + detail.GetString() : "";
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    foreach (var error in field.Value.EnumerateArray())
                    {
                        message += Environment.NewLine + "  " + error.GetString();
                    }
                }
            }
        }
        catch (JsonException)
        {
            message += text.Length > 0 ? " " + text : "";
        }

        return message;
    }
}
