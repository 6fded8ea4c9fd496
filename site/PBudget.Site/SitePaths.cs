namespace PBudget.Site;

/// <summary>
/// The site's addresses, in one place: each page's root-relative link and the file it is written to,
/// so that a link and its target can never disagree.
/// </summary>
public static class SitePaths
{
    public const string Home = "/";
    public const string HomeOpenData = "/#open-data";
    public const string Accessibility = "/accessibility/";
    public const string NotFoundFile = "404.html";
    public const string AssetsFolder = "assets/";
    public const string Stylesheet = "/assets/govuk-frontend.min.css";
    public const string Script = "/assets/site.mjs";

    public static string Scheme(string schemeId) => $"/schemes/{schemeId}/";

    public static string Wards(string schemeId) => $"/schemes/{schemeId}/wards/";

    public static string Ward(string schemeId, string wardCode) => $"/schemes/{schemeId}/wards/{wardCode}/";

    public static string WardProposals(string schemeId, string wardCode) => $"/schemes/{schemeId}/wards/{wardCode}/proposals/";

    /// <summary>A ward's proposals with one status; <paramref name="statusSlug"/> comes from <c>ProposalFormat.StatusSlug</c>.</summary>
    public static string WardProposalsWithStatus(string schemeId, string wardCode, string statusSlug) =>
        $"/schemes/{schemeId}/wards/{wardCode}/proposals/status/{statusSlug}/";

    /// <summary>A ward's proposals in one category; <paramref name="categorySlug"/> comes from <c>ProposalFormat.CategorySlug</c>.</summary>
    public static string WardProposalsInCategory(string schemeId, string wardCode, string categorySlug) =>
        $"/schemes/{schemeId}/wards/{wardCode}/proposals/category/{categorySlug}/";

    // Proposal ids are unique within a scheme, so a proposal's address stays the same whatever happens to its ward.
    public static string Proposal(string schemeId, string proposalId) => $"/schemes/{schemeId}/proposals/{proposalId}/";

    public static string OpenData(string schemeId) => $"/schemes/{schemeId}/data/";

    /// <summary>The staff console's landing page on the site; the console itself is served by the function app.</summary>
    public const string Manage = "/manage/";

    // Pages the function app serves (each form needs a fresh anti-forgery token, so they cannot be static files).
    // Azure Static Web Apps routes /api/* to the app, so site and app share one origin; see docs/adr/0006.
    public const string AppFormsPrefix = "/api/forms/";

    /// <summary>Where the function app serves the published site from storage, in Azure (see <see cref="StaticWebAppFront"/>).</summary>
    public const string AppSiteFiles = "/api/site";

    public static string ProposeForm(string schemeId, string wardCode) => $"/api/forms/schemes/{schemeId}/wards/{wardCode}/propose";

    public static string MyProposals(string schemeId) => $"/api/forms/schemes/{schemeId}/proposals/mine";

    /// <summary>A ward's ballot paper, where residents start to vote (signed in, or with a voting code).</summary>
    public static string VoteForm(string schemeId, string wardCode) => $"/api/forms/schemes/{schemeId}/wards/{wardCode}/vote";

    public static string ManageScheme(string schemeId) => $"/api/forms/manage/schemes/{schemeId}";

    public static string ProposalsCsv(string schemeId) => $"/schemes/{schemeId}/data/proposals.csv";

    public static string BudgetsCsv(string schemeId) => $"/schemes/{schemeId}/data/budgets.csv";

    public static string SchemeJson(string schemeId) => $"/schemes/{schemeId}/data/scheme.json";

    /// <summary>The file a root-relative link is served from: a folder link is served from its <c>index.html</c>.</summary>
    public static string FileFor(string link)
    {
        ArgumentException.ThrowIfNullOrEmpty(link);
        if (!link.StartsWith('/'))
        {
            throw new ArgumentException($"'{link}' is not a root-relative link.", nameof(link));
        }

        var path = link[1..];
        return path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
    }

    /// <summary>Refuses anything but a plain relative file path with forward slashes, so no output can be steered outside the site.</summary>
    public static void EnsureRelativeFilePath(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        if (relativePath.StartsWith('/') || relativePath.Contains('\\', StringComparison.Ordinal) || relativePath.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{relativePath}' must be relative to the site root and use forward slashes.", nameof(relativePath));
        }

        foreach (var segment in relativePath.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                throw new ArgumentException($"'{relativePath}' has an empty, '.' or '..' segment.", nameof(relativePath));
            }
        }
    }
}
