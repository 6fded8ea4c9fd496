namespace PBudget.Site.Components;

// The components' markup and parameters are in their .razor files; these declarations carry their XML docs.

/// <summary>GOV.UK Frontend's breadcrumbs (<c>govukBreadcrumbs</c>): the way back up the site.</summary>
public partial class Breadcrumbs;

/// <summary>
/// GOV.UK Frontend's footer (<c>govukFooter</c>) for a service that is not on GOV.UK: it never shows the crown or
/// Crown copyright, and takes no <c>copyright</c> option. Everything else follows the macro.
/// </summary>
public partial class Footer;

/// <summary>GOV.UK Frontend's inset text (<c>govukInsetText</c>): content that differs from the text around it.</summary>
public partial class InsetText;

/// <summary>GOV.UK Frontend's service navigation (<c>govukServiceNavigation</c>): the service's name and main sections.</summary>
public partial class ServiceNavigation;

/// <summary>GOV.UK Frontend's skip link (<c>govukSkipLink</c>): lets keyboard users jump past the header.</summary>
public partial class SkipLink;

/// <summary>GOV.UK Frontend's summary list (<c>govukSummaryList</c>), optionally in a summary card.</summary>
public partial class SummaryList;

/// <summary>GOV.UK Frontend's table (<c>govukTable</c>).</summary>
public partial class Table;

/// <summary>GOV.UK Frontend's tag (<c>govukTag</c>): a short label for something's status.</summary>
public partial class Tag;
