namespace PBudget.Site.Pages;

/// <summary>Words the site uses on more than one page, kept together so they stay the same.</summary>
internal static class Pb
{
    /// <summary>What participatory budgeting is, in two sentences.</summary>
    public const string Explanation =
        "Participatory budgeting lets residents decide how some of the council’s money is spent in their area. " +
        "Each ward has its own budget: people suggest projects for their ward, and residents vote for the ones they want.";
}
