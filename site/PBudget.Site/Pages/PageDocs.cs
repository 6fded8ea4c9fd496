namespace PBudget.Site.Pages;

// The pages' markup is in their .razor files; these declarations carry their XML docs.

/// <summary><c>index.html</c>: every published scheme, with its year and total budget, and where its open data is.</summary>
public partial class HomePage;

/// <summary><c>schemes/{id}/index.html</c>: what the scheme is, the stage it has reached, its totals, its budget rule and where to go next.</summary>
public partial class SchemePage;

/// <summary><c>schemes/{id}/wards/index.html</c>: a table of every ward's area, population and budget, with totals.</summary>
public partial class WardListPage;

/// <summary><c>schemes/{id}/wards/{code}/index.html</c>: one ward's budget, how it was worked out, its proposals and its shortlist.</summary>
public partial class WardPage;

/// <summary>
/// <c>schemes/{id}/wards/{code}/proposals/index.html</c> and its filter pages: a ward's proposals with their status,
/// category and cost, filtered by status or category through links to pages of their own.
/// </summary>
public partial class WardProposalsPage;

/// <summary><c>schemes/{id}/proposals/{proposalId}/index.html</c>: one proposal, its description and the officers' review.</summary>
public partial class ProposalPage;

/// <summary><c>schemes/{id}/data/index.html</c>: the scheme's CSV and JSON files and what every column holds.</summary>
public partial class OpenDataPage;

/// <summary><c>accessibility/index.html</c>: the accessibility statement.</summary>
public partial class AccessibilityPage;

/// <summary><c>404.html</c>: what the host serves for an address with no page.</summary>
public partial class NotFoundPage;

/// <summary>The GOV.UK page template every page is laid out in.</summary>
public partial class PageLayout;
