using Microsoft.AspNetCore.Http.HttpResults;
using PBudget.Functions.Auth;

namespace PBudget.Functions.Health;

/// <summary>The signed-in user, as the app sees them.</summary>
public sealed record MeResponse(string Id, string Name, IReadOnlyList<string> Roles);

/// <summary>Liveness for the run script and monitoring, and who-am-I for clients.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/health", Health).AllowAnonymous().WithTags("Health");
        endpoints.MapGet("/api/me", Me).RequireAuthorization().WithTags("Health");
        return endpoints;
    }

    public static Ok<HealthResponse> Health() => TypedResults.Ok(new HealthResponse("ok"));

    public static Ok<MeResponse> Me(HttpContext context)
    {
        var user = CurrentUser.From(context.User);
        return TypedResults.Ok(new MeResponse(user.Id, user.Name, user.Roles));
    }

    /// <summary>The app is up.</summary>
    public sealed record HealthResponse(string Status);
}
