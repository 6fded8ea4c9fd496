using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PBudget.Core.Validation;
using PBudget.Core.Wards;
using PBudget.Functions.Auth;
using PBudget.Functions.Problems;
using PBudget.Functions.Publishing;
using PBudget.Functions.Schemes;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Wards;

/// <summary>A ward and its devolved budget, in pence.</summary>
public sealed record WardResponse(string Code, string Name, string? Area, long Population, long ComputedPence, long AdjustmentPence, long BudgetPence);

/// <summary>What an import did, and every ward's budget afterwards.</summary>
public sealed record WardImportResponse(int Added, int Updated, int Unchanged, long TotalBudgetPence, IReadOnlyList<WardResponse> Wards);

/// <summary>Import a scheme's wards from CSV and read their budgets.</summary>
public static class WardsApi
{
    public static RouteGroupBuilder MapWards(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/schemes/{schemeId}/wards").WithTags("Wards").RequireValidSchemeId();
        group.MapGet("/", ListWards).RequireAuthorization(Policies.Staff);
        group.MapGet("/{wardCode}", GetWard).RequireAuthorization(Policies.Staff);
        group.MapPut("/", ImportWards).RequireAuthorization(Policies.Admin)
            .Accepts<string>("text/csv")
            .WithDescription("Body: CSV with a header row code,name,population,area. Adds new wards and updates existing ones in place; a file with any bad row changes nothing and lists every error by line and field.");
        return group;
    }

    public static async Task<Results<Ok<WardResponse[]>, ProblemHttpResult>> ListWards(string schemeId, SchemeStore store, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(schemeId, cancellationToken) is null)
        {
            return ProblemResults.NotFound($"There is no scheme with the id '{schemeId}'.");
        }

        var wards = await store.GetWardsAsync(schemeId, cancellationToken);
        return TypedResults.Ok(wards.Select(ToResponse).ToArray());
    }

    public static async Task<Results<Ok<WardResponse>, ProblemHttpResult>> GetWard(string schemeId, string wardCode, SchemeStore store, CancellationToken cancellationToken)
    {
        var ward = (await store.GetWardsAsync(schemeId, cancellationToken)).FirstOrDefault(w => w.Code == wardCode);
        return ward is null
            ? ProblemResults.NotFound($"There is no ward {wardCode} in the scheme '{schemeId}'.")
            : TypedResults.Ok(ToResponse(ward));
    }

    public static async Task<Results<Ok<WardImportResponse>, ProblemHttpResult>> ImportWards(
        string schemeId, HttpRequest request, SchemeStore store, PublishRequests publish, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } contentType || !contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                "Send the ward list as CSV with the header 'Content-Type: text/csv'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The ward list must be CSV.");
        }

        var text = await ReadLimitedAsync(request, WardCsvReader.MaxBytes, cancellationToken);
        if (text is null)
        {
            return TypedResults.Problem(
                $"The file is larger than {WardCsvReader.MaxBytes / 1024} KiB; a ward list is a few kilobytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The ward list is too large.");
        }

        var result = WardCsvReader.Read(new StringReader(text));
        if (!result.IsValid)
        {
            var errors = new ValidationErrors();
            foreach (var error in result.Errors)
            {
                errors.Add(error.Line > 0 ? $"line {error.Line}.{error.Field}" : error.Field, error.ToString());
            }

            return ProblemResults.Refused(errors, $"The ward list has {result.Errors.Count} problem(s); nothing was imported.");
        }

        var outcome = await store.ImportWardsAsync(schemeId, result.Wards, CurrentUser.From(request.HttpContext.User), cancellationToken);
        await publish.EnqueueAsync(schemeId, "wards imported", cancellationToken);
        var wards = outcome.Wards.Select(ToResponse).ToList();
        return TypedResults.Ok(new WardImportResponse(outcome.Added, outcome.Updated, outcome.Unchanged, wards.Sum(w => w.BudgetPence), wards));
    }

    public static WardResponse ToResponse(StoredWard ward) =>
        new(ward.Code, ward.Name, ward.Area, ward.Population, ward.ComputedPence, ward.AdjustmentPence, ward.BudgetPence);

    // Reads at most maxBytes of UTF-8 text; null when the body is larger.
    internal static async Task<string?> ReadLimitedAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
    }
}
