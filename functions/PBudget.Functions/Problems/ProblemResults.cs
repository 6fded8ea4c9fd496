using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PBudget.Core.Validation;

namespace PBudget.Functions.Problems;

/// <summary>RFC 9457 problem responses with plain-English titles, used by every feature.</summary>
public static class ProblemResults
{
    /// <summary>400: the request's fields are wrong; lists every field's problems.</summary>
    public static ValidationProblem Invalid(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "Some of the details are not valid.");

    /// <summary>422: the request is well formed but the scheme's rules refuse it.</summary>
    public static ProblemHttpResult Refused(ValidationErrors errors, string title) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = title,
            Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "You do not have permission to do this.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "This conflicts with what is stored.");

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status412PreconditionFailed, title: "The data has changed since you read it.");

    public static ProblemDetails ToProblem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
