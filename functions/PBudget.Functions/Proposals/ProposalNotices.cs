using PBudget.Core;
using PBudget.Core.Proposals;
using PBudget.Functions.Notifications;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Proposals;

/// <summary>Tells authors about decisions on their proposals, in plain words, through the notifications queue.</summary>
public sealed class ProposalNotices(ProposalStore store, NotificationRequests notifications, TimeProvider clock)
{
    public Task ReceivedAsync(StoredProposal stored, CancellationToken cancellationToken)
    {
        var p = stored.Proposal;
        return SendAsync(
            stored,
            NotificationKind.ProposalReceived,
            $"We have your proposal \"{p.Details.Title}\"",
            $"Thank you for proposing \"{p.Details.Title}\". Its reference is {p.Id}.\n\nYou can change or withdraw it while proposals are open. Council officers will then check whether it can be delivered and what it would cost, and we will tell you what they decide.",
            cancellationToken);
    }

    public Task ModeratedAsync(StoredProposal stored, CancellationToken cancellationToken)
    {
        var p = stored.Proposal;
        return p.Moderation is not { } moderation
            ? Task.CompletedTask
            : SendAsync(
                stored,
                moderation.Hidden ? NotificationKind.ProposalHidden : NotificationKind.ProposalShown,
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
                NotificationKind.ProposalFeasible,
                $"Your proposal \"{p.Details.Title}\" can go ahead to the shortlist",
                $"Council officers have checked your proposal \"{p.Details.Title}\" and found it can be delivered.\n\n{review.Reason}\n\nReviewed cost: {Money.FormatPounds(review.ReviewedCostPence ?? 0)}. {review.CostExplanation}\n\nThe ward's councillors will now sign off the shortlist that residents vote on.",
                cancellationToken)
            : SendAsync(
                stored,
                NotificationKind.ProposalNotFeasible,
                $"Your proposal \"{p.Details.Title}\" cannot go ahead",
                $"Council officers have checked your proposal \"{p.Details.Title}\" and found it cannot be delivered.\n\nThe reason: {review.Reason}\n\nThank you for taking part. The reason is also shown on the proposal's page.",
                cancellationToken);
    }

    public Task MergedAsync(StoredProposal duplicate, StoredProposal into, CancellationToken cancellationToken) =>
        SendAsync(
            duplicate,
            NotificationKind.ProposalMerged,
            $"Your proposal \"{duplicate.Proposal.Details.Title}\" has been combined with a similar one",
            $"Council officers found that your proposal \"{duplicate.Proposal.Details.Title}\" is very like \"{into.Proposal.Details.Title}\", so they have combined them. You are credited on the combined proposal, which goes forward in your place.",
            cancellationToken);

    /// <summary>Tells every author credited on each shortlisted proposal, including those of duplicates merged into it.</summary>
    public async Task ShortlistedAsync(string schemeId, ShortlistSignOff signOff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signOff);
        foreach (var entry in signOff.Entries)
        {
            if (await store.GetAsync(schemeId, entry.ProposalId, cancellationToken).ConfigureAwait(false) is not { } shortlisted)
            {
                continue;
            }

            var title = shortlisted.Proposal.Details.Title;
            foreach (var credit in shortlisted.Proposal.Credits)
            {
                // Each author's address is on the proposal they wrote.
                var written = credit.FromProposalId == shortlisted.Proposal.Id ? shortlisted : await store.GetAsync(schemeId, credit.FromProposalId, cancellationToken).ConfigureAwait(false);
                if (written is null)
                {
                    continue;
                }

                await notifications.EnqueueAsync(
                    new Notification(
                        Notification.IdFrom(schemeId, entry.ProposalId, credit.UserId, nameof(NotificationKind.ProposalShortlisted), signOff.At.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        new NotificationRecipient(credit.UserId, credit.Name, written.AuthorEmail),
                        NotificationKind.ProposalShortlisted,
                        $"Your proposal \"{title}\" is on the shortlist",
                        $"The councillors for your ward have signed off the shortlist, and \"{title}\" is on it at {Money.FormatPounds(entry.CostPence)}. Residents will vote on the shortlist when voting opens.",
                        schemeId,
                        entry.ProposalId,
                        clock.GetUtcNow()),
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // One notice per decision: the id comes from the proposal and the decision's time, so a retried request or a
    // redelivered message sends the same mail once.
    private Task SendAsync(StoredProposal stored, NotificationKind kind, string subject, string body, CancellationToken cancellationToken)
    {
        var p = stored.Proposal;
        return notifications.EnqueueAsync(
            new Notification(
                Notification.IdFrom(p.SchemeId, p.Id, kind.ToString(), p.UpdatedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new NotificationRecipient(p.AuthorId, p.AuthorName, stored.AuthorEmail),
                kind,
                subject,
                body,
                p.SchemeId,
                p.Id,
                clock.GetUtcNow()),
            cancellationToken);
    }
}
