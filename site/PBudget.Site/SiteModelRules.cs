using System.Text.RegularExpressions;
using PBudget.Core.Proposals;
using PBudget.Core.Publishing;
using PBudget.Core.Wards;

namespace PBudget.Site;

/// <summary>
/// What the generator needs to be true of a published scheme before it writes anything: identifiers that are safe
/// in a path, no duplicates, and totals that agree with the wards, so the site never contradicts itself.
/// </summary>
internal static partial class SiteModelRules
{
    /// <summary>Every problem with one scheme, in plain English; empty when there are none.</summary>
    public static IReadOnlyList<string> Check(PublishedScheme? scheme)
    {
        var problems = new List<string>();
        if (scheme is null)
        {
            problems.Add("The scheme is missing.");
            return problems;
        }

        var label = $"Scheme '{scheme.Id}'";
        if (scheme.Id is null || !SchemeIdPattern().IsMatch(scheme.Id))
        {
            problems.Add($"{label}: the identifier must be lowercase letters, digits and single hyphens, starting with a letter.");
        }

        if (string.IsNullOrWhiteSpace(scheme.Name))
        {
            problems.Add($"{label}: the name is empty.");
        }

        if (string.IsNullOrWhiteSpace(scheme.FinancialYear))
        {
            problems.Add($"{label}: the financial year is empty.");
        }

        if (string.IsNullOrWhiteSpace(scheme.BudgetRule))
        {
            problems.Add($"{label}: the budget rule is empty.");
        }

        if (scheme.Wards is null)
        {
            problems.Add($"{label}: the list of wards is missing.");
            return problems;
        }

        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var proposalIds = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < scheme.Wards.Count; index++)
        {
            var ward = scheme.Wards[index];
            if (ward is null)
            {
                problems.Add($"{label}: ward {index + 1} is missing.");
                continue;
            }

            var wardLabel = $"{label}, ward {index + 1} ('{ward.Code}')";
            if (!Ward.IsValidCode(ward.Code))
            {
                problems.Add($"{wardLabel}: the code is not an ONS ward code such as E05000001.");
            }
            else if (!codes.Add(ward.Code))
            {
                problems.Add($"{wardLabel}: the code appears more than once.");
            }

            if (string.IsNullOrWhiteSpace(ward.Name))
            {
                problems.Add($"{wardLabel}: the name is empty.");
            }

            if (ward.Population < 0 || ward.BudgetPence < 0 || ward.ComputedPence < 0)
            {
                problems.Add($"{wardLabel}: the population and budgets cannot be negative.");
            }

            CheckProposals(ward, wardLabel, proposalIds, problems);
        }

        if (problems.Count == 0)
        {
            var budget = scheme.Wards.Sum(w => w.BudgetPence);
            if (budget != scheme.TotalBudgetPence)
            {
                problems.Add($"{label}: the total budget is {scheme.TotalBudgetPence} pence but the wards' budgets add up to {budget} pence.");
            }

            var population = scheme.Wards.Sum(w => w.Population);
            if (population != scheme.TotalPopulation)
            {
                problems.Add($"{label}: the total population is {scheme.TotalPopulation} but the wards' populations add up to {population}.");
            }
        }

        return problems;
    }

    // Each proposal has a page at an address made from its id, and is filed under a category that has a filter page.
    private static void CheckProposals(PublishedWard ward, string wardLabel, HashSet<string> proposalIds, List<string> problems)
    {
        var proposals = ward.ProposalList;
        for (var index = 0; index < proposals.Count; index++)
        {
            var proposal = proposals[index];
            if (proposal is null)
            {
                problems.Add($"{wardLabel}: proposal {index + 1} is missing.");
                continue;
            }

            var label = $"{wardLabel}, proposal {index + 1} ('{proposal.Id}')";
            if (!Proposal.IsValidId(proposal.Id))
            {
                problems.Add($"{label}: the identifier is not a proposal identifier (10 lowercase letters and digits).");
            }
            else if (!proposalIds.Add(proposal.Id))
            {
                problems.Add($"{label}: the identifier appears more than once in the scheme.");
            }

            if (string.IsNullOrWhiteSpace(proposal.Title))
            {
                problems.Add($"{label}: the title is empty.");
            }

            if (proposal.Summary is null || proposal.DescriptionMarkdown is null)
            {
                problems.Add($"{label}: the summary or description is missing.");
            }

            if (ProposalCategories.Find(proposal.Category) != proposal.Category)
            {
                problems.Add($"{label}: the category '{proposal.Category}' is not one of {string.Join(", ", ProposalCategories.All)}.");
            }

            if (!Enum.IsDefined(proposal.Status))
            {
                problems.Add($"{label}: the status {(int)proposal.Status} is not a proposal status.");
            }

            if (proposal.EstimatedCostPence < 0 || proposal.ReviewedCostPence < 0)
            {
                problems.Add($"{label}: the costs cannot be negative.");
            }

            if (proposal.ProposerCount < 1)
            {
                problems.Add($"{label}: it must combine at least one resident's proposal.");
            }
        }
    }

    /// <summary>Every problem with the whole site: each scheme's, and schemes that share an identifier.</summary>
    public static IReadOnlyList<string> Check(PublishedSite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (site.Schemes is null)
        {
            return ["The list of schemes is missing."];
        }

        var problems = site.Schemes.SelectMany(Check).ToList();
        problems.AddRange(site.Schemes
            .Where(s => s?.Id is not null)
            .GroupBy(s => s.Id, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"Scheme '{g.Key}' appears {g.Count()} times."));
        return problems;
    }

    // The same shape Core's Scheme accepts (3 to 40 characters); here it also guarantees a safe path segment.
    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemeIdPattern();
}
