namespace PBudget.Core.Proposals;

/// <summary>The categories a proposal can be filed under, as residents choose them and the site filters by them.</summary>
public static class ProposalCategories
{
    public static IReadOnlyList<string> All { get; } =
    [
        "Community and wellbeing",
        "Environment and green spaces",
        "Play, sport and young people",
        "Streets and transport",
        "Arts, culture and heritage",
        "Other",
    ];

    /// <summary>The category as listed, if <paramref name="text"/> names one (ignoring case and surrounding spaces).</summary>
    public static string? Find(string? text) =>
        text is null ? null : All.FirstOrDefault(c => string.Equals(c, text.Trim(), StringComparison.OrdinalIgnoreCase));
}
