using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PBudget.Functions.Auth;

namespace PBudget.Functions.Proposals;

/// <summary>How many proposal writes (submit, edit, withdraw) one signed-in person may make in an hour.</summary>
public sealed class ProposalRateLimitOptions
{
    public const string SectionName = "RateLimits";

    [Range(1, 10_000)]
    public int ProposalWritesPerHour { get; set; } = 30;
}

/// <summary>Rate limits with the framework's own limiter, answering 429 as a problem that says when to try again.</summary>
public static class ProposalRateLimits
{
    public static IServiceCollection AddPBudgetRateLimits(this IServiceCollection services)
    {
        services.AddOptions<ProposalRateLimitOptions>().BindConfiguration(ProposalRateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromHours(1);
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many changes in a short time.",
                        Detail = $"You have made a lot of changes to proposals in the last hour. Please wait {Math.Max(1, (int)Math.Ceiling(retry.TotalMinutes))} minutes and try again.",
                    },
                }).ConfigureAwait(false);
            };
            limiter.AddPolicy(ProposalsApi.WritePolicy, http =>
            {
                var limit = http.RequestServices.GetRequiredService<IOptions<ProposalRateLimitOptions>>().Value.ProposalWritesPerHour;

                // Partitioned by the signed-in person; the endpoints refuse anonymous callers before this matters.
                var key = http.User.Identity?.IsAuthenticated == true ? CurrentUser.From(http.User).Id : "anonymous";
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromHours(1), QueueLimit = 0 });
            });
        });
        return services;
    }
}
