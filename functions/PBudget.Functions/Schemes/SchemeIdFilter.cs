using PBudget.Core.Schemes;
using PBudget.Functions.Problems;

namespace PBudget.Functions.Schemes;

/// <summary>
/// Answers 404 for a {schemeId} that cannot be a scheme id, before any handler runs: such text could
/// hold characters Table Storage refuses in keys, which would otherwise surface as a server error.
/// </summary>
public static class SchemeIdFilter
{
    public static TBuilder RequireValidSchemeId<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var schemeId = context.HttpContext.GetRouteValue("schemeId") as string;
            return Scheme.IsValidId(schemeId)
                ? await next(context)
                : ProblemResults.NotFound($"There is no scheme with the id '{schemeId}'.");
        });
}
