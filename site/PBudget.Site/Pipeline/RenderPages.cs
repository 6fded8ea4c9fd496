using PBudget.Site.Pages;

namespace PBudget.Site.Pipeline;

/// <summary>Renders every HTML page: the site's own, then each scheme's.</summary>
internal static class RenderPages
{
    public static SiteStage Stage { get; } = new("Render pages",
    [
        new("Home page", (context, token) =>
            context.WritePageAsync<HomePage, Core.Publishing.PublishedSite>(SitePaths.Home, context.Site, token)),
        new("Accessibility statement", (context, token) =>
            context.WritePageAsync<AccessibilityPage, Core.Publishing.PublishedSite>(SitePaths.Accessibility, context.Site, token)),
        new("Staff console", (context, token) =>
            context.WritePageAsync<ManagePage, Core.Publishing.PublishedSite>(SitePaths.Manage, context.Site, token)),
        new("Page not found", (context, token) =>
            context.WritePageAsync<NotFoundPage, Core.Publishing.PublishedSite>("/" + SitePaths.NotFoundFile, context.Site, token)),
        new("Scheme home pages", async (context, token) =>
        {
            foreach (var scheme in context.Site.Schemes)
            {
                await context.WritePageAsync<SchemePage, Core.Publishing.PublishedScheme>(SitePaths.Scheme(scheme.Id), scheme, token).ConfigureAwait(false);
            }
        }),
        new("Ward lists", async (context, token) =>
        {
            foreach (var scheme in context.Site.Schemes)
            {
                await context.WritePageAsync<WardListPage, Core.Publishing.PublishedScheme>(SitePaths.Wards(scheme.Id), scheme, token).ConfigureAwait(false);
            }
        }),
        new("Ward pages", async (context, token) =>
        {
            foreach (var scheme in context.Site.Schemes)
            {
                foreach (var ward in scheme.Wards)
                {
                    await context.WritePageAsync<WardPage, WardPageModel>(SitePaths.Ward(scheme.Id, ward.Code), new WardPageModel(scheme, ward), token).ConfigureAwait(false);
                }
            }
        }),
        new("Ward proposal lists", async (context, token) =>
        {
            foreach (var scheme in context.Site.Schemes)
            {
                foreach (var ward in scheme.Wards)
                {
                    await context.WritePageAsync<WardProposalsPage, WardProposalsPageModel>(
                        SitePaths.WardProposals(scheme.Id, ward.Code), new WardProposalsPageModel(scheme, ward, null), token).ConfigureAwait(false);
                }
            }
        }),
        new("Ward proposal filters", async (context, token) =>
        {
            foreach (var scheme in context.Site.Schemes)
            {
                // A ward with nothing listed shows no filters, so it needs no filter pages.
                foreach (var ward in scheme.Wards.Where(w => ProposalFormat.Listed(w).Count > 0))
                {
                    foreach (var filter in ProposalFilter.All)
                    {
                        await context.WritePageAsync<WardProposalsPage, WardProposalsPageModel>(
                            filter.Link(scheme.Id, ward.Code), new WardProposalsPageModel(scheme, ward, filter), token).ConfigureAwait(false);
                    }
                }
            }
        }),
        new("Proposal pages", async (context, token) =>
        {
            foreach (var scheme in context.Site.Schemes)
            {
                foreach (var ward in scheme.Wards)
                {
                    // Withdrawn proposals get their page too (saying so), so links to them keep working.
                    foreach (var proposal in ward.ProposalList)
                    {
                        await context.WritePageAsync<ProposalPage, ProposalPageModel>(
                            SitePaths.Proposal(scheme.Id, proposal.Id), new ProposalPageModel(scheme, ward, proposal), token).ConfigureAwait(false);
                    }
                }
            }
        }),
        new("Open data pages", async (context, token) =>
        {
            foreach (var scheme in context.Site.Schemes)
            {
                await context.WritePageAsync<OpenDataPage, Core.Publishing.PublishedScheme>(SitePaths.OpenData(scheme.Id), scheme, token).ConfigureAwait(false);
            }
        }),
    ]);
}
