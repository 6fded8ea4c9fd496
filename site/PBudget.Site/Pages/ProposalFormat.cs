using System.Text;
using PBudget.Core.Proposals;
using PBudget.Core.Publishing;

namespace PBudget.Site.Pages;

/// <summary>How the site names proposals' statuses, categories and costs, so every page says them the same way.</summary>
internal static class ProposalFormat
{
    /// <summary>
    /// The statuses a ward's lists show, in the order a proposal moves through them. Withdrawn proposals are left out
    /// of every list, count and filter: the resident took them back, so they are shown only on their own page.
    /// </summary>
    public static IReadOnlyList<ProposalStatus> ListedStatuses { get; } =
        [ProposalStatus.Submitted, ProposalStatus.Feasible, ProposalStatus.NotFeasible, ProposalStatus.Merged];

    /// <summary>Whether a proposal appears in lists, counts, filters and the proposals CSV.</summary>
    public static bool IsListed(PublishedProposal proposal) => proposal.Status != ProposalStatus.Withdrawn;

    /// <summary>A ward's proposals that appear in lists, in the order they were submitted.</summary>
    public static IReadOnlyList<PublishedProposal> Listed(PublishedWard ward) => ward.ProposalList.Where(IsListed).ToList();

    /// <summary>The status as residents read it.</summary>
    public static string Status(ProposalStatus status) => status switch
    {
        ProposalStatus.Submitted => "Waiting for review",
        ProposalStatus.Feasible => "Feasible",
        ProposalStatus.NotFeasible => "Not feasible",
        ProposalStatus.Merged => "Merged",
        ProposalStatus.Withdrawn => "Withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a proposal status."),
    };

    /// <summary>The status's GOV.UK tag colour; "waiting for review" keeps the default blue.</summary>
    public static string? StatusTagClasses(ProposalStatus status) => status switch
    {
        ProposalStatus.Submitted => null,
        ProposalStatus.Feasible => "govuk-tag--green",
        ProposalStatus.NotFeasible => "govuk-tag--red",
        ProposalStatus.Merged => "govuk-tag--purple",
        ProposalStatus.Withdrawn => "govuk-tag--grey",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a proposal status."),
    };

    /// <summary>The status in a web address, for example <c>not-feasible</c>.</summary>
    public static string StatusSlug(ProposalStatus status) => status switch
    {
        ProposalStatus.Submitted => "submitted",
        ProposalStatus.Feasible => "feasible",
        ProposalStatus.NotFeasible => "not-feasible",
        ProposalStatus.Merged => "merged",
        ProposalStatus.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a proposal status."),
    };

    /// <summary>A category in a web address: lowercase letters and digits joined by hyphens ("Play, sport and young people" is <c>play-sport-and-young-people</c>).</summary>
    public static string CategorySlug(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var slug = new StringBuilder(category.Length);
        foreach (var c in category.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }

    /// <summary>What it costs as lists show it: the officers' reviewed cost once there is one, otherwise the resident's estimate, labelled so.</summary>
    public static string Cost(PublishedProposal proposal) =>
        proposal.ReviewedCostPence is { } reviewed
            ? Format.Pounds(reviewed)
            : "Estimated " + Format.Pounds(proposal.EstimatedCostPence);

    /// <summary>"Combines 3 residents’ proposals", or null for a proposal that combines none.</summary>
    public static string? Combines(PublishedProposal proposal) =>
        proposal.ProposerCount > 1 ? $"Combines {Format.Number(proposal.ProposerCount)} residents’ proposals" : null;
}
