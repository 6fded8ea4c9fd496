using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PBudget.Core;
using PBudget.Core.Proposals;
using PBudget.Core.Schemes;
using PBudget.Core.Validation;
using PBudget.Functions.Auth;
using PBudget.Functions.Proposals;
using PBudget.Functions.Publishing;
using PBudget.Functions.Schemes;
using PBudget.Functions.Storage;
using PBudget.Site.Forms;

namespace PBudget.Functions.Forms;

/// <summary>
/// The staff console as GOV.UK form pages: a scheme's wards, each ward's review queue, a proposal's review (moderate,
/// feasibility, merge), a ward's shortlist (interests, sign-off) and the scheme's phase. Every post goes through the
/// JSON API's own handlers, so the rules, notices and audit are the same; their refusals are shown on the page.
/// </summary>
public static class ManageForms
{
    public const string Base = "/api/forms/manage/schemes";

    public static IEndpointRouteBuilder MapManageForms(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Base + "/{schemeId}").WithTags("Staff console").ExcludeFromDescription()
            .RequireAuthorization(Policies.Staff).RequireValidSchemeId().RequireValidProposalRoute();
        group.MapGet("", Scheme);
        group.MapPost("/phase", MovePhase).RequireAuthorization(Policies.Admin);
        group.MapGet("/wards/{wardCode}/proposals", Queue);
        group.MapGet("/proposals/{proposalId}", ReviewPage);
        group.MapPost("/proposals/{proposalId}/moderation", Moderate).RequireAuthorization(Policies.AdminOrOfficer);
        group.MapPost("/proposals/{proposalId}/review", Review).RequireAuthorization(Policies.AdminOrOfficer);
        group.MapPost("/proposals/{proposalId}/merge", Merge).RequireAuthorization(Policies.AdminOrOfficer);
        group.MapGet("/wards/{wardCode}/shortlist", Shortlist);
        group.MapPost("/wards/{wardCode}/interests", DeclareInterest).RequireAuthorization(Policies.Councillor);
        group.MapPost("/wards/{wardCode}/sign-off", SignOff).RequireAuthorization(Policies.BudgetHolder);
        return endpoints;
    }

    public static string SchemePath(string schemeId) => $"{Base}/{schemeId}";

    public static string QueuePath(string schemeId, string wardCode, ProposalStatus? status = null) =>
        $"{Base}/{schemeId}/wards/{wardCode}/proposals" + (status is null ? "" : "?status=" + status.Value.ToString().ToLowerInvariant());

    public static string ReviewPath(string schemeId, string proposalId) => $"{Base}/{schemeId}/proposals/{proposalId}";

    public static string ShortlistPath(string schemeId, string wardCode) => $"{Base}/{schemeId}/wards/{wardCode}/shortlist";

    /// <summary>The scheme's phase and its wards with their proposal counts; councillors see the wards they hold.</summary>
    public static async Task<ContentHttpResult> Scheme(string schemeId, string? error, SchemeStore schemes, ProposalStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var scheme = await schemes.GetAsync(schemeId, cancellationToken);
        if (scheme is null)
        {
            return await FormPages.RefusalAsync(context, new NotFoundException($"There is no scheme with the id '{schemeId}'."), "Go to the home page", "/");
        }

        var user = CurrentUser.From(context.User);
        var held = user.IsOfficerOrAdmin ? null : await schemes.GetCouncillorWardsAsync(schemeId, user.Id, cancellationToken);
        var wards = (await schemes.GetWardsAsync(schemeId, cancellationToken)).Where(w => held is null || held.Contains(w.Code)).ToList();
        var proposals = await store.ListAsync(schemeId, cancellationToken);
        var rows = wards.Select(w =>
        {
            var mine = proposals.Where(p => p.Proposal.WardCode == w.Code).Select(p => p.Proposal).ToList();
            return (IReadOnlyList<FormCell>)
            [
                new FormCell(w.Name) { Href = QueuePath(schemeId, w.Code) },
                new FormCell(Money.FormatPounds(w.BudgetPence)) { Numeric = true },
                new FormCell(mine.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)) { Numeric = true },
                new FormCell(mine.Count(p => p.Status == ProposalStatus.Submitted).ToString(System.Globalization.CultureInfo.InvariantCulture)) { Numeric = true },
                new FormCell(mine.Count(p => p.Status == ProposalStatus.Feasible).ToString(System.Globalization.CultureInfo.InvariantCulture)) { Numeric = true },
                new FormCell("Shortlist") { Href = ShortlistPath(schemeId, w.Code) },
                new FormCell("Voting") { Href = VotingManageForms.VotingPath(schemeId, w.Code) },
            ];
        }).ToList();

        var blocks = new List<FormPageBlock> { new ParagraphBlock("Phase: " + scheme.Phase.Describe()) };
        var errors = new List<FormPageError>();
        if (user.IsAdmin && scheme.Phase.Next() is { } next)
        {
            if (error is not null)
            {
                errors.Add(new FormPageError(null, error));
            }

            blocks.Add(new FormBlock(SchemePath(schemeId) + "/phase", "Move to " + next.Describe())
            {
                Token = FormPages.Token(context),
                Hidden = [new("to", next.ToString()), new("from", scheme.Phase.ToString())],
                ButtonClasses = "govuk-button--secondary",
            });
        }

        blocks.Add(rows.Count == 0
            ? new ParagraphBlock("There are no wards for you in this scheme.")
            : new TableBlock("Wards", ["Ward", "Budget", "Proposals", "Waiting for review", "Feasible", "Shortlist", "Voting"], rows));
        return await FormPages.PageAsync(context, new FormPageModel { Title = scheme.Scheme.Name, Caption = "Staff console", Errors = errors, Blocks = blocks, FullWidth = true });
    }

    /// <summary>Moves the scheme on one phase, as the JSON API does (with its checks, such as sign-offs before voting).</summary>
    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> MovePhase(
        string schemeId, [FromForm] PhaseForm form, SchemeStore schemes, ProposalStore store, BallotStore ballots, VotingSetupStore setup, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var current = await schemes.GetAsync(schemeId, cancellationToken);

        // The button said "move from X": if someone moved it meanwhile, say so rather than skip a phase.
        if (current is not null && form.From is not null && !string.Equals(current.Phase.ToString(), form.From, StringComparison.Ordinal))
        {
            return await SeeOtherOrRefusalAsync(context, null, schemeId, SchemePath(schemeId) + "?error=" + Uri.EscapeDataString($"Someone moved the scheme to '{current.Phase.Describe()}' meanwhile. Check the phase and try again."));
        }

        try
        {
            var result = await SchemesApi.MovePhase(schemeId, new PhaseMoveRequest(form.To), null, schemes, store, ballots, setup, publish, context, cancellationToken);
            var message = Message(result.Result);
            return SeeOther(context, SchemePath(schemeId) + (message is null ? "" : "?error=" + Uri.EscapeDataString(message)));
        }
        catch (Exception refusal) when (FormPages.IsRefusal(refusal))
        {
            return await FormPages.RefusalAsync(context, refusal, "Go back to the scheme", SchemePath(schemeId));
        }
    }

    /// <summary>A ward's review queue: every proposal, hidden ones included, filtered by status through links.</summary>
    public static async Task<ContentHttpResult> Queue(
        string schemeId, string wardCode, string? status, string? updated, SchemeStore schemes, ProposalStore store, HttpContext context, CancellationToken cancellationToken)
    {
        ProposalStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ProposalStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return await FormPages.RefusalAsync(context, new NotFoundException($"'{status}' is not a proposal status."), "See every proposal", QueuePath(schemeId, wardCode));
            }

            wanted = parsed;
        }

        try
        {
            await WardAccess.RequireAsync(schemes, schemeId, wardCode, CurrentUser.From(context.User), "see proposals for", cancellationToken);
        }
        catch (ForbiddenException refusal)
        {
            return await FormPages.RefusalAsync(context, refusal, "Go to the scheme", SchemePath(schemeId));
        }

        var ward = (await schemes.GetWardsAsync(schemeId, cancellationToken)).FirstOrDefault(w => w.Code == wardCode);
        if (ward is null)
        {
            return await FormPages.RefusalAsync(context, new NotFoundException($"There is no ward {wardCode} in this scheme."), "Go to the scheme", SchemePath(schemeId));
        }

        var proposals = (await store.ListAsync(schemeId, cancellationToken, wardCode: wardCode)).Select(p => p.Proposal).ToList();
        var shown = proposals.Where(p => wanted is null || p.Status == wanted).OrderBy(p => p.SubmittedAt).ToList();
        var filters = new List<FormLink> { new("All proposals", QueuePath(schemeId, wardCode)) { Current = wanted is null } };
        filters.AddRange(Enum.GetValues<ProposalStatus>().Select(s => new FormLink(StatusText(s), QueuePath(schemeId, wardCode, s)) { Current = wanted == s }));
        var blocks = new List<FormPageBlock>();
        if (updated is not null && proposals.FirstOrDefault(p => p.Id == updated) is { } changed)
        {
            blocks.Add(new ParagraphBlock($"Saved: “{changed.Details.Title}” is now {StatusText(changed.Status).ToLowerInvariant()}{(changed.IsHidden ? " and hidden" : "")}."));
        }

        blocks.Add(new HeadingBlock("Show"));
        blocks.Add(new LinksBlock(filters));
        blocks.Add(shown.Count == 0
            ? new ParagraphBlock(wanted is null ? "No proposals yet." : $"No proposals are {StatusText(wanted.Value).ToLowerInvariant()}.")
            : new TableBlock(
                wanted is null ? "All proposals" : StatusText(wanted.Value) + " proposals",
                ["Proposal", "Reference", "Status", "Visible", "Estimated cost", "Reviewed cost"],
                shown.Select(p => (IReadOnlyList<FormCell>)
                [
                    new FormCell(p.Details.Title) { Href = ReviewPath(schemeId, p.Id) },
                    new FormCell(p.Id),
                    new FormCell(StatusText(p.Status)),
                    new FormCell(p.IsHidden ? "Hidden" : "Shown"),
                    new FormCell(Money.FormatPounds(p.Details.EstimatedCostPence)) { Numeric = true },
                    new FormCell(p.Review?.ReviewedCostPence is { } cost ? Money.FormatPounds(cost) : "–") { Numeric = true },
                ]).ToList()));
        blocks.Add(new LinksBlock([new FormLink("Shortlist for " + ward.Name, ShortlistPath(schemeId, wardCode)), new FormLink("All wards", SchemePath(schemeId))]));
        return await FormPages.PageAsync(context, new FormPageModel { Title = "Proposals for " + ward.Name, Caption = "Review queue", Blocks = blocks, FullWidth = true });
    }

    /// <summary>One proposal with the three review forms.</summary>
    public static Task<ContentHttpResult> ReviewPage(string schemeId, string proposalId, ProposalStore store, SchemeStore schemes, HttpContext context, CancellationToken cancellationToken) =>
        RenderReviewAsync(context, schemeId, proposalId, store, schemes, new ReviewValues(), cancellationToken);

    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> Moderate(
        string schemeId, string proposalId, [FromForm] ModerationForm form, ProposalStore store, SchemeStore schemes, ProposalNotices notices, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        bool? hidden = form.Hidden switch { "hide" => true, "show" => false, _ => null };
        return await ActAsync(context, schemeId, proposalId, store, schemes, new ReviewValues { Hidden = form.Hidden, ModerationReason = form.ModerationReason },
            key => key switch { "hidden" => "hidden", _ => "moderationReason" },
            async () => (await ReviewApi.Moderate(schemeId, proposalId, new ModerationRequest(hidden, form.ModerationReason), store, notices, publish, context, cancellationToken)).Result,
            cancellationToken);
    }

    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> Review(
        string schemeId, string proposalId, [FromForm] FeasibilityForm form, ProposalStore store, SchemeStore schemes, ProposalNotices notices, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        bool? feasible = form.Feasible switch { "yes" => true, "no" => false, _ => null };
        var values = new ReviewValues { Feasible = form.Feasible, Reason = form.Reason, ReviewedCost = form.ReviewedCost, CostExplanation = form.CostExplanation };
        return await ActAsync(context, schemeId, proposalId, store, schemes, values, key => key,
            async () => (await ReviewApi.Review(schemeId, proposalId, new FeasibilityRequest(feasible, form.Reason, form.ReviewedCost, form.CostExplanation), store, notices, publish, context, cancellationToken)).Result,
            cancellationToken);
    }

    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> Merge(
        string schemeId, string proposalId, [FromForm] MergeForm form, ProposalStore store, SchemeStore schemes, ProposalNotices notices, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return await ActAsync(context, schemeId, proposalId, store, schemes, new ReviewValues { Into = form.Into }, _ => "into",
            async () => (await ReviewApi.Merge(schemeId, proposalId, new MergeRequest(form.Into), store, notices, publish, context, cancellationToken)).Result,
            cancellationToken);
    }

    /// <summary>The ward's shortlist as it stands, declared interests, and the forms to declare one and to sign off.</summary>
    public static async Task<ContentHttpResult> Shortlist(string schemeId, string wardCode, string? error, string? done, ProposalStore store, SchemeStore schemes, HttpContext context, CancellationToken cancellationToken)
    {
        ShortlistResponse shortlist;
        try
        {
            shortlist = (await ShortlistApi.GetShortlist(schemeId, wardCode, store, schemes, context, cancellationToken)).Value!;
        }
        catch (Exception refusal) when (FormPages.IsRefusal(refusal))
        {
            return await FormPages.RefusalAsync(context, refusal, "Go to the scheme", SchemePath(schemeId));
        }

        var user = CurrentUser.From(context.User);
        var ward = (await schemes.GetWardsAsync(schemeId, cancellationToken)).First(w => w.Code == wardCode);
        var blocks = new List<FormPageBlock> { new ParagraphBlock($"Budget: {Money.FormatPounds(shortlist.WardBudgetPence)}. Feasible, visible proposals that fit the budget go to the vote.") };
        if (done is not null)
        {
            blocks.Add(new ParagraphBlock(done == "signed-off" ? "You signed off the shortlist." : "Your interest is recorded."));
        }

        blocks.Add(shortlist.Proposals.Count == 0
            ? new ParagraphBlock("No proposal is on the shortlist yet.")
            : new TableBlock("On the shortlist", ["Proposal", "Reference", "Cost"], shortlist.Proposals.Select(p => (IReadOnlyList<FormCell>)
            [
                new FormCell(p.Title) { Href = ReviewPath(schemeId, p.Id) },
                new FormCell(p.Id),
                new FormCell(Money.FormatPounds(p.ReviewedCostPence ?? p.EstimatedCostPence)) { Numeric = true },
            ]).ToList()));
        if (shortlist.SignOff is { } signOff)
        {
            blocks.Add(new ParagraphBlock($"Signed off by {signOff.SignedOffBy} on {signOff.At:d MMMM yyyy}."));
        }

        if (shortlist.Interests.Count > 0)
        {
            blocks.Add(new HeadingBlock("Declared interests"));
            blocks.Add(new SummaryBlock(shortlist.Interests.Select(i => new SummaryRow(i.CouncillorName + " – " + i.ProposalId, i.Interest)).ToList()));
        }

        var errors = error is null ? new List<FormPageError>() : [new FormPageError(null, error)];
        var all = await store.ListAsync(schemeId, cancellationToken, wardCode: wardCode);
        if (user.IsCouncillor && all.Count > 0)
        {
            blocks.Add(new FormBlock($"{Base}/{schemeId}/wards/{wardCode}/interests", "Declare interest")
            {
                Heading = "Declare an interest",
                Token = FormPages.Token(context),
                ButtonClasses = "govuk-button--secondary",
                Fields =
                [
                    new RadiosField("proposalId", "Which proposal?", all.Select(p => new FormChoice(p.Proposal.Id, p.Proposal.Details.Title)).ToList()),
                    new TextareaField("interest", "What is your interest?") { Hint = "For example, you are a trustee of the group proposing it.", Rows = 3 },
                ],
            });
        }

        if ((user.IsAdmin || user.IsCouncillor) && shortlist.SignOff is null && shortlist.Proposals.Count > 0)
        {
            blocks.Add(new FormBlock($"{Base}/{schemeId}/wards/{wardCode}/sign-off", "Sign off this shortlist")
            {
                Heading = "Sign off",
                Token = FormPages.Token(context),
                Hidden = [.. shortlist.Proposals.Select(p => new KeyValuePair<string, string>("proposalIds", p.Id))],
            });
        }

        blocks.Add(new LinksBlock([new FormLink("Review queue for " + ward.Name, QueuePath(schemeId, wardCode)), new FormLink("All wards", SchemePath(schemeId))]));
        return await FormPages.PageAsync(context, new FormPageModel { Title = "Shortlist for " + ward.Name, Caption = "Staff console", Errors = errors, Blocks = blocks });
    }

    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> DeclareInterest(
        string schemeId, string wardCode, [FromForm] InterestForm form, ProposalStore store, SchemeStore schemes, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        try
        {
            var result = await ShortlistApi.DeclareInterest(schemeId, wardCode, new InterestRequest(form.ProposalId, form.Interest), store, schemes, context, cancellationToken);
            var message = Message(result.Result);
            return SeeOther(context, ShortlistPath(schemeId, wardCode) + (message is null ? "?done=interest" : "?error=" + Uri.EscapeDataString(message)));
        }
        catch (Exception refusal) when (FormPages.IsRefusal(refusal))
        {
            return await SeeOtherOrRefusalAsync(context, refusal, schemeId, ShortlistPath(schemeId, wardCode) + "?error=" + Uri.EscapeDataString(refusal.Message));
        }
    }

    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> SignOff(
        string schemeId, string wardCode, [FromForm] SignOffForm form, ProposalStore store, SchemeStore schemes, ProposalNotices notices, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        try
        {
            var result = await ShortlistApi.SignOff(schemeId, wardCode, new SignOffRequest(form.ProposalIds), store, schemes, notices, publish, context, cancellationToken);
            var message = Message(result.Result);
            return SeeOther(context, ShortlistPath(schemeId, wardCode) + (message is null ? "?done=signed-off" : "?error=" + Uri.EscapeDataString(message)));
        }
        catch (Exception refusal) when (FormPages.IsRefusal(refusal))
        {
            return await SeeOtherOrRefusalAsync(context, refusal, schemeId, ShortlistPath(schemeId, wardCode) + "?error=" + Uri.EscapeDataString(refusal.Message));
        }
    }

    private static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> ActAsync(
        HttpContext context, string schemeId, string proposalId, ProposalStore store, SchemeStore schemes, ReviewValues values,
        Func<string, string> fieldOf, Func<Task<IResult>> act, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(schemeId, proposalId, cancellationToken);
        if (stored is null)
        {
            return await FormPages.RefusalAsync(context, new NotFoundException($"There is no proposal '{proposalId}' in this scheme."), "Go to the scheme", SchemePath(schemeId));
        }

        IResult result;
        try
        {
            result = await act();
        }
        catch (DomainValidationException invalid)
        {
            return await RenderReviewAsync(context, schemeId, proposalId, store, schemes, values with { Errors = Remap(invalid.Errors.ToDictionary(), fieldOf) }, cancellationToken);
        }
        catch (Exception refusal) when (FormPages.IsRefusal(refusal))
        {
            return await FormPages.RefusalAsync(context, refusal, "Go back to the proposal", ReviewPath(schemeId, proposalId));
        }

        if (result is ValidationProblem invalidForm)
        {
            return await RenderReviewAsync(context, schemeId, proposalId, store, schemes, values with { Errors = Remap(invalidForm.ProblemDetails.Errors, fieldOf) }, cancellationToken);
        }

        return SeeOther(context, QueuePath(schemeId, stored.Proposal.WardCode) + "?updated=" + proposalId);
    }

    private static async Task<ContentHttpResult> RenderReviewAsync(
        HttpContext context, string schemeId, string proposalId, ProposalStore store, SchemeStore schemes, ReviewValues values, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(schemeId, proposalId, cancellationToken);
        if (stored is null)
        {
            return await FormPages.RefusalAsync(context, new NotFoundException($"There is no proposal '{proposalId}' in this scheme."), "Go to the scheme", SchemePath(schemeId));
        }

        var p = stored.Proposal;
        try
        {
            await WardAccess.RequireAsync(schemes, schemeId, p.WardCode, CurrentUser.From(context.User), "see proposals for", cancellationToken);
        }
        catch (ForbiddenException refusal)
        {
            return await FormPages.RefusalAsync(context, refusal, "Go to the scheme", SchemePath(schemeId));
        }

        var user = CurrentUser.From(context.User);
        string? Error(string field) => values.Errors.GetValueOrDefault(field);
        var rows = new List<SummaryRow>
        {
            new("Reference", p.Id),
            new("Status", StatusText(p.Status)),
            new("Visible to the public", p.IsHidden ? "No: " + p.Moderation!.Reason : "Yes"),
            new("Summary", p.Details.Summary),
            new("Description", p.Details.Description),
            new("Estimated cost", Money.FormatPounds(p.Details.EstimatedCostPence)),
            new("Category", p.Details.Category),
            new("Location", p.Details.Location is { IsEmpty: false } location ? location.ToString() : "Not given"),
            new("Organisation", p.Details.Organisation ?? "None"),
            new("Proposed by", string.Join(", ", p.Credits.Select(c => c.Name).DefaultIfEmpty(p.AuthorName))),
        };
        if (p.Review is { } review)
        {
            rows.Add(new("Feasibility decision", (review.Feasible ? "Feasible: " : "Not feasible: ") + review.Reason));
            if (review.ReviewedCostPence is { } cost)
            {
                rows.Add(new("Reviewed cost", Money.FormatPounds(cost) + (review.CostExplanation is null ? "" : " – " + review.CostExplanation)));
            }
        }

        var blocks = new List<FormPageBlock> { new SummaryBlock(rows) };
        if (user.IsOfficerOrAdmin)
        {
            var token = FormPages.Token(context);
            var action = ReviewPath(schemeId, proposalId);
            blocks.Add(new FormBlock(action + "/review", "Save feasibility decision")
            {
                Heading = "Feasibility and cost",
                Token = token,
                Fields =
                [
                    new RadiosField("feasible", "Can this project be delivered?", [new("yes", "Yes, it is feasible"), new("no", "No, it is not feasible")])
                    {
                        Value = values.Feasible ?? (p.Review is null ? null : p.Review.Feasible ? "yes" : "no"), Error = Error("feasible"),
                    },
                    new TextareaField("reason", "Reason for the decision") { Hint = "The author is told this, and it is published.", Value = values.Reason ?? p.Review?.Reason, Error = Error("reason"), Rows = 3 },
                    new TextField("reviewedCost", "Reviewed cost, in pounds") { Hint = "Needed when it is feasible. For example 2500.", Value = values.ReviewedCost ?? (p.Review?.ReviewedCostPence is { } c ? (c / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : null), Error = Error("reviewedCost"), Prefix = "£", Classes = "govuk-input--width-10", Spellcheck = false },
                    new TextareaField("costExplanation", "How the cost was worked out") { Value = values.CostExplanation ?? p.Review?.CostExplanation, Error = Error("costExplanation"), Rows = 3 },
                ],
            });
            blocks.Add(new FormBlock(action + "/moderation", "Save moderation decision")
            {
                Heading = "Moderation",
                Token = token,
                ButtonClasses = "govuk-button--secondary",
                Fields =
                [
                    new RadiosField("hidden", "Should the public see this proposal?", [new("show", "Show it"), new("hide", "Hide it")])
                    {
                        Value = values.Hidden ?? (p.IsHidden ? "hide" : "show"), Error = Error("hidden"),
                    },
                    new TextareaField("moderationReason", "Reason") { Hint = "The author is told this.", Value = values.ModerationReason, Error = Error("moderationReason"), Rows = 3 },
                ],
            });
            var others = (await store.ListAsync(schemeId, cancellationToken, wardCode: p.WardCode))
                .Where(o => o.Proposal.Id != p.Id && o.Proposal.IsOpen).Select(o => new FormChoice(o.Proposal.Id, o.Proposal.Details.Title) { Hint = "Reference " + o.Proposal.Id }).ToList();
            if (others.Count > 0 && p.IsOpen)
            {
                blocks.Add(new FormBlock(action + "/merge", "Merge into the chosen proposal")
                {
                    Heading = "Merge a duplicate",
                    Token = token,
                    ButtonClasses = "govuk-button--warning",
                    Fields = [new RadiosField("into", "Which proposal is this a duplicate of?", others) { Value = values.Into, Error = Error("into"), Hint = "This proposal is closed and its author is credited on the one you choose." }],
                });
            }
        }

        blocks.Add(new LinksBlock([new FormLink("Back to the review queue", QueuePath(schemeId, p.WardCode))]));
        var errors = values.Errors.Select(e => new FormPageError(e.Key, e.Value)).ToList();
        return await FormPages.PageAsync(context, new FormPageModel { Title = p.Details.Title, Caption = "Review a proposal", Errors = errors, Blocks = blocks },
            errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    private static Dictionary<string, string> Remap(IDictionary<string, string[]> errors, Func<string, string> fieldOf) =>
        errors.Where(e => e.Value.Length > 0).GroupBy(e => fieldOf(e.Key)).ToDictionary(g => g.Key, g => g.First().Value[0], StringComparer.Ordinal);

    private static string? Message(IResult result) => result switch
    {
        ValidationProblem invalid => string.Join(" ", invalid.ProblemDetails.Errors.SelectMany(e => e.Value)),
        ProblemHttpResult problem => ProblemMessage(problem.ProblemDetails),
        _ => null,
    };

    // A refusal by the scheme's rules carries its reasons as validation errors beside the title.
    private static string ProblemMessage(ProblemDetails problem) =>
        problem is HttpValidationProblemDetails { Errors.Count: > 0 } refused
            ? string.Join(" ", refused.Errors.SelectMany(e => e.Value))
            : problem.Detail ?? problem.Title ?? "That cannot be done.";

    private static StatusCodeHttpResult SeeOther(HttpContext context, string location)
    {
        context.Response.Headers.Location = location;
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    // Refusals that only concern one form go back to its page as an error there; the rest get a page of their own.
    private static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> SeeOtherOrRefusalAsync(HttpContext context, Exception? refusal, string schemeId, string location) =>
        refusal is null or DomainValidationException or ConcurrencyException or AlreadyExistsException or PhaseException
            ? SeeOther(context, location)
            : await FormPages.RefusalAsync(context, refusal, "Go to the scheme", SchemePath(schemeId));

    private static string StatusText(ProposalStatus status) => status switch
    {
        ProposalStatus.Submitted => "Waiting for review",
        ProposalStatus.Withdrawn => "Withdrawn",
        ProposalStatus.Feasible => "Feasible",
        ProposalStatus.NotFeasible => "Not feasible",
        ProposalStatus.Merged => "Merged",
        _ => status.ToString(),
    };

    /// <summary>What an officer typed on the review page, and the errors to show with it.</summary>
    private sealed record ReviewValues
    {
        public string? Hidden { get; init; }

        public string? ModerationReason { get; init; }

        public string? Feasible { get; init; }

        public string? Reason { get; init; }

        public string? ReviewedCost { get; init; }

        public string? CostExplanation { get; init; }

        public string? Into { get; init; }

        public Dictionary<string, string> Errors { get; init; } = new(StringComparer.Ordinal);
    }
}

/// <summary>The phase button's form: the phase to move to, and the phase the admin saw.</summary>
public sealed class PhaseForm
{
    public string? To { get; set; }

    public string? From { get; set; }
}

/// <summary>The moderation form: "hide" or "show", and the reason.</summary>
public sealed class ModerationForm
{
    public string? Hidden { get; set; }

    public string? ModerationReason { get; set; }
}

/// <summary>The feasibility form: "yes" or "no", the reason, and the reviewed cost in pounds with its explanation.</summary>
public sealed class FeasibilityForm
{
    public string? Feasible { get; set; }

    public string? Reason { get; set; }

    public string? ReviewedCost { get; set; }

    public string? CostExplanation { get; set; }
}

/// <summary>The merge form: the proposal to merge into.</summary>
public sealed class MergeForm
{
    public string? Into { get; set; }
}

/// <summary>The declare-interest form.</summary>
public sealed class InterestForm
{
    public string? ProposalId { get; set; }

    public string? Interest { get; set; }
}

/// <summary>The sign-off form: the ids of the proposals the signer saw on the shortlist.</summary>
public sealed class SignOffForm
{
    public string[]? ProposalIds { get; set; }
}
