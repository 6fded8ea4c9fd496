using Microsoft.AspNetCore.Http.HttpResults;
using PBudget.Functions.Auth;
using PBudget.Functions.Hosting;
using PBudget.Functions.Problems;
using PBudget.Functions.Schemes;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Publishing;

/// <summary>Publish on demand, and the queue-triggered Publish function itself.</summary>
public static class PublishingApi
{
    /// <summary>The queue-triggered function's name, as in <c>Publish/function.json</c>.</summary>
    public const string FunctionName = "Publish";

    public static IEndpointRouteBuilder MapPublishing(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/schemes/{schemeId}/publications").WithTags("Publishing").RequireValidSchemeId();
        group.MapPost("/", RequestPublication).RequireAuthorization(Policies.AdminOrOfficer);
        endpoints.MapQueueFunction(FunctionName, RunPublishAsync);
        return endpoints;
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> RequestPublication(string schemeId, SchemeStore store, PublishRequests publish, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(schemeId, cancellationToken) is null)
        {
            return ProblemResults.NotFound($"There is no scheme with the id '{schemeId}'.");
        }

        await publish.EnqueueAsync(schemeId, "requested by staff", cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task RunPublishAsync(QueueInvocation invocation, IServiceProvider services, CancellationToken cancellationToken)
    {
        var request = PublishRequests.Parse(invocation.MessageText);
        await services.GetRequiredService<SitePublisher>().PublishAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
