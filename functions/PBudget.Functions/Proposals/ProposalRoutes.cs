using PBudget.Core.Proposals;
using PBudget.Core.Wards;
using PBudget.Functions.Problems;

namespace PBudget.Functions.Proposals;

/// <summary>
/// Answers 404 for a {wardCode} or {proposalId} that cannot be one, before any handler runs, as the scheme id filter
/// does: such text could hold characters Table Storage refuses in keys.
/// </summary>
public static class ProposalRoutes
{
    public static TBuilder RequireValidProposalRoute<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.GetRouteValue("wardCode") is string ward && !Ward.IsValidCode(ward))
            {
                return ProblemResults.NotFound($"There is no ward '{ward}' in this scheme.");
            }

            if (http.GetRouteValue("proposalId") is string proposal && !Proposal.IsValidId(proposal))
            {
                return ProblemResults.NotFound($"There is no proposal '{proposal}' in this scheme.");
            }

            return await next(context);
        });
}
