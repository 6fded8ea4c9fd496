using PBudget.Site.OpenData;

namespace PBudget.Site.Pipeline;

/// <summary>Writes each scheme's data files, which the open data pages describe.</summary>
internal static class WriteOpenData
{
    public static SiteStage Stage { get; } = new("Write open data",
    [
        new("Ward budgets (CSV)", async (context, token) =>
        {
            foreach (var scheme in context.Site.Schemes)
            {
                await context.WriteTextAsync(SitePaths.FileFor(SitePaths.BudgetsCsv(scheme.Id)), BudgetsCsv.Write(scheme), token).ConfigureAwait(false);
            }
        }),
        new("Proposals (CSV)", async (context, token) =>
        {
            foreach (var scheme in context.Site.Schemes)
            {
                await context.WriteTextAsync(SitePaths.FileFor(SitePaths.ProposalsCsv(scheme.Id)), ProposalsCsv.Write(scheme), token).ConfigureAwait(false);
            }
        }),
        new("Scheme snapshot (JSON)", async (context, token) =>
        {
            foreach (var scheme in context.Site.Schemes)
            {
                await context.WriteTextAsync(SitePaths.FileFor(SitePaths.SchemeJson(scheme.Id)), SiteSnapshot.Serialize(scheme), token).ConfigureAwait(false);
            }
        }),
    ]);
}
