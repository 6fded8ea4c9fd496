using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PBudget.Core.Validation;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Problems;

/// <summary>
/// Turns the exceptions that describe a client's mistake or a lost race into problem details with the right
/// status, so no client error ever surfaces as a 500. Anything else stays a 500 and is logged.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = bad.InnerException is System.Text.Json.JsonException json ? "The body is not valid JSON: " + json.Message : bad.Message,
            },
            DomainValidationException invalid => new HttpValidationProblemDetails(invalid.Errors.ToDictionary())
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The scheme's rules do not allow this.",
            },
            NotFoundException notFound => ProblemResults.ToProblem(StatusCodes.Status404NotFound, "Not found.", notFound.Message),
            AlreadyExistsException exists => ProblemResults.ToProblem(StatusCodes.Status409Conflict, "This already exists.", exists.Message),
            PhaseException phase => ProblemResults.ToProblem(StatusCodes.Status409Conflict, "The scheme's current phase does not allow this.", phase.Message),
            ForbiddenException forbidden => ProblemResults.ToProblem(StatusCodes.Status403Forbidden, "You do not have permission to do this.", forbidden.Message),
            PreconditionException precondition => ProblemResults.ToProblem(StatusCodes.Status412PreconditionFailed, "The data has changed since you read it.", precondition.Message),
            ConcurrencyException race => ProblemResults.ToProblem(StatusCodes.Status409Conflict, "Someone else changed this at the same time.", race.Message),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception })
            .ConfigureAwait(false);
    }
}
