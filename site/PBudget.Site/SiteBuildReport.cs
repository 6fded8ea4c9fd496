namespace PBudget.Site;

/// <summary>What one build of the site wrote.</summary>
/// <param name="Pages">How many HTML pages were written.</param>
/// <param name="Files">How many files were written in all, pages included.</param>
/// <param name="Bytes">The total size of everything written.</param>
public sealed record SiteBuildReport(int Pages, int Files, long Bytes);
