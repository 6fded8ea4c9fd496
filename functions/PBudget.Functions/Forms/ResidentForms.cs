using System.Globalization;
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
/// The resident's proposal journey as GOV.UK question pages that work without JavaScript: one or a few questions a
/// page, answers carried forward in hidden fields (nothing is kept on the server until the proposal is sent), check
/// your answers, then a 303 to a confirmation. Also the resident's own proposals, with withdrawal while proposals are open.
/// Validation and storage are the JSON API's: <see cref="ProposalDetails.Parse"/> and <see cref="ProposalStore"/>.
/// </summary>
public static class ResidentForms
{
    public const string Base = "/api/forms/schemes";

    /// <summary>The questions, in order, and the fields of <see cref="ProposalDetails.Parse"/> each owns.</summary>
    private static readonly (string Step, string[] Fields)[] Steps =
    [
        ("about", ["title", "summary", "description"]),
        ("cost", ["estimatedCost"]),
        ("category", ["category"]),
        ("location", ["postcode", "point", "location"]),
        ("organisation", ["organisation"]),
    ];

    private const string CheckStep = "check";

    public static IEndpointRouteBuilder MapResidentForms(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Base + "/{schemeId}").WithTags("Resident forms").ExcludeFromDescription()
            .RequireAuthorization(Policies.SignedIn).RequireValidSchemeId().RequireValidProposalRoute();
        group.MapGet("/wards/{wardCode}/propose", Start);
        group.MapPost("/wards/{wardCode}/propose", Answer).RequireRateLimiting(ProposalsApi.WritePolicy);
        group.MapGet("/proposals/{proposalId}/submitted", Submitted);
        group.MapGet("/proposals/mine", Mine);
        group.MapPost("/proposals/{proposalId}/withdraw", Withdraw).RequireRateLimiting(ProposalsApi.WritePolicy);
        group.MapGet("/proposals/{proposalId}/change", Change);
        return endpoints;
    }

    public static string ProposePath(string schemeId, string wardCode) => $"{Base}/{schemeId}/wards/{wardCode}/propose";

    public static string MinePath(string schemeId) => $"{Base}/{schemeId}/proposals/mine";

    /// <summary>The first question, once the scheme and ward are known to take proposals.</summary>
    public static async Task<ContentHttpResult> Start(string schemeId, string wardCode, SchemeStore schemes, HttpContext context, CancellationToken cancellationToken)
    {
        var (place, refusal) = await FindAsync(schemes, schemeId, wardCode, cancellationToken);
        if (place is null)
        {
            return await FormPages.RefusalAsync(context, refusal!, "Go to the scheme's proposals", MinePath(schemeId));
        }

        return await QuestionAsync(context, place, Steps[0].Step, new ProposalForm(), new Dictionary<string, string[]>(), returnToCheck: false);
    }

    /// <summary>
    /// Every page of the journey posts here: <c>step</c> says which page was answered, <c>goto</c> (from a change button)
    /// which to show. A page's answers are checked when it is answered; the proposal is sent from the check page.
    /// </summary>
    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> Answer(
        string schemeId, string wardCode, [FromForm] ProposalForm form, SchemeStore schemes, ProposalStore store, ProposalNotices notices, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (place, refusal) = await FindAsync(schemes, schemeId, wardCode, cancellationToken);
        if (place is null)
        {
            return await FormPages.RefusalAsync(context, refusal!, "Go to your proposals", MinePath(schemeId));
        }

        var (details, errors) = Parse(form);
        var allErrors = errors.ToDictionary();
        if (IsQuestion(form.Goto))
        {
            return await QuestionAsync(context, place, form.Goto!, form, new Dictionary<string, string[]>(), returnToCheck: true);
        }

        if (IsQuestion(form.Step))
        {
            var owned = Owned(allErrors, form.Step!);
            if (owned.Count > 0)
            {
                return await QuestionAsync(context, place, form.Step!, form, owned, form.From == CheckStep);
            }

            var next = form.From == CheckStep ? CheckStep : NextAfter(form.Step!);
            if (next != CheckStep)
            {
                return await QuestionAsync(context, place, next, form, new Dictionary<string, string[]>(), returnToCheck: false);
            }
        }

        // On to the check page, or sending from it: every answer must be valid by now, or the first page with a problem is shown.
        if (details is null)
        {
            var first = Steps.First(s => Owned(allErrors, s.Step).Count > 0).Step;
            return await QuestionAsync(context, place, first, form, Owned(allErrors, first), returnToCheck: false);
        }

        if (form.Step != CheckStep)
        {
            return await CheckAsync(context, place, form, details, []);
        }

        var user = CurrentUser.From(context.User);
        try
        {
            if (Proposal.IsValidId(form.Editing))
            {
                var changed = await store.EditAsync(schemeId, form.Editing!, details, user, null, cancellationToken);
                await publish.EnqueueAsync(schemeId, "proposal edited", cancellationToken);
                context.Response.Headers.Location = MinePath(schemeId) + "?changed=" + Uri.EscapeDataString(changed.Proposal.Id);
                return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
            }

            var stored = await store.SubmitAsync(schemeId, wardCode, details, new ProposalAuthor(user.Id, user.Name, user.Email), cancellationToken);
            await notices.ReceivedAsync(stored, cancellationToken);
            await publish.EnqueueAsync(schemeId, "proposal submitted", cancellationToken);
            context.Response.Headers.Location = $"{Base}/{schemeId}/proposals/{stored.Proposal.Id}/submitted";
            return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
        }
        catch (DomainValidationException invalid)
        {
            // A rule only the store can check (the ward's budget, the cap on proposals) goes back to the page that owns it.
            var refused = invalid.Errors.ToDictionary();
            var owner = Steps.FirstOrDefault(s => Owned(refused, s.Step).Count > 0).Step;
            return owner is null
                ? await CheckAsync(context, place, form, details, FormPages.Errors(invalid.Errors, _ => null))
                : await QuestionAsync(context, place, owner, form, Owned(refused, owner), returnToCheck: true);
        }
        catch (Exception refusalOnSubmit) when (FormPages.IsRefusal(refusalOnSubmit))
        {
            return await FormPages.RefusalAsync(context, refusalOnSubmit, "Go to your proposals", MinePath(schemeId));
        }
    }

    /// <summary>The confirmation page, with the proposal's reference.</summary>
    public static async Task<ContentHttpResult> Submitted(string schemeId, string proposalId, ProposalStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(schemeId, proposalId, cancellationToken);
        if (stored is null || stored.Proposal.AuthorId != CurrentUser.From(context.User).Id)
        {
            return await FormPages.RefusalAsync(context, new NotFoundException("You have no proposal with that reference in this scheme."), "Go to your proposals", MinePath(schemeId));
        }

        return await FormPages.PageAsync(context, new FormPageModel
        {
            Title = "Proposal submitted",
            Heading = "What happens next",
            Blocks =
            [
                new PanelBlock("Proposal submitted", "Your reference is " + proposalId),
                new ParagraphBlock($"We have received your proposal “{stored.Proposal.Details.Title}”."),
                new ParagraphBlock("Council officers will check whether it can be delivered and what it would cost. You can follow it, or withdraw it while proposals are open, from your proposals."),
                new LinksBlock([new FormLink("See your proposals", MinePath(schemeId))]),
            ],
        });
    }

    /// <summary>The resident's proposals in this scheme, with where each stands and why.</summary>
    public static async Task<ContentHttpResult> Mine(string schemeId, string? withdrawn, string? changed, ProposalStore store, SchemeStore schemes, HttpContext context, CancellationToken cancellationToken)
    {
        var scheme = await schemes.GetAsync(schemeId, cancellationToken);
        if (scheme is null)
        {
            return await FormPages.RefusalAsync(context, new NotFoundException($"There is no scheme with the id '{schemeId}'."), "Go to the home page", "/");
        }

        var user = CurrentUser.From(context.User);
        var wards = (await schemes.GetWardsAsync(schemeId, cancellationToken)).ToDictionary(w => w.Code, w => w.Name, StringComparer.Ordinal);
        var mine = await store.ListAsync(schemeId, cancellationToken, authorId: user.Id);
        var open = scheme.Phase.AllowsProposals();
        var token = open ? FormPages.Token(context) : null;
        var blocks = new List<FormPageBlock>();
        if (withdrawn is not null && mine.Any(p => p.Proposal.Id == withdrawn))
        {
            blocks.Add(new ParagraphBlock($"You withdrew proposal {withdrawn}."));
        }

        if (changed is not null && mine.Any(p => p.Proposal.Id == changed))
        {
            blocks.Add(new ParagraphBlock($"Your changes to proposal {changed} are saved. Officers will review it again."));
        }

        if (mine.Count == 0)
        {
            blocks.Add(new ParagraphBlock("You have not proposed any projects in this scheme."));
        }

        foreach (var stored in mine.OrderByDescending(p => p.Proposal.SubmittedAt))
        {
            var p = stored.Proposal;
            var rows = new List<SummaryRow>
            {
                new("Reference", p.Id),
                new("Ward", wards.GetValueOrDefault(p.WardCode, p.WardCode)),
                new("Status", StatusText(p.Status)),
                new("Estimated cost", Money.FormatPounds(p.Details.EstimatedCostPence)),
            };
            if (p.Review is { } review)
            {
                rows.Add(new("Officers’ decision", review.Reason));
                if (review.ReviewedCostPence is { } cost)
                {
                    rows.Add(new("Reviewed cost", Money.FormatPounds(cost)));
                }
            }

            if (p.Moderation is { Hidden: true } moderation)
            {
                rows.Add(new("Hidden from the public", moderation.Reason));
            }

            if (open && p.IsOpen)
            {
                rows[0] = rows[0] with { Change = new FormLink("Change", $"{Base}/{schemeId}/proposals/{p.Id}/change") { VisuallyHiddenText = "“" + p.Details.Title + "”" } };
            }

            var forms = open && p.IsOpen
                ? new List<FormBlock>
                {
                    new($"{Base}/{schemeId}/proposals/{p.Id}/withdraw", "Withdraw “" + p.Details.Title + "”")
                    {
                        Token = token,
                        Hidden = [new("confirm", "yes")],
                        ButtonClasses = "govuk-button--warning",
                    },
                }
                : [];
            blocks.Add(new SummaryBlock(rows) { CardTitle = p.Details.Title, Forms = forms });
        }

        if (!open)
        {
            blocks.Add(new ParagraphBlock(scheme.Phase.Refusal("withdraw a proposal")));
        }

        return await FormPages.PageAsync(context, new FormPageModel { Title = "Your proposals", Caption = scheme.Scheme.Name, Blocks = blocks });
    }

    /// <summary>
    /// Changing a proposal: its answers on the check page, each with its change button, saved with "Save changes".
    /// Only its author, and only while proposals are open; a reviewed proposal goes back for review.
    /// </summary>
    public static async Task<ContentHttpResult> Change(string schemeId, string proposalId, SchemeStore schemes, ProposalStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(schemeId, proposalId, cancellationToken);
        var user = CurrentUser.From(context.User);
        Exception? refusal = stored is null
            ? new NotFoundException($"There is no proposal '{proposalId}' in this scheme.")
            : stored.Proposal.AuthorId != user.Id ? new ForbiddenException("You can only change your own proposals.")
            : !stored.Proposal.IsOpen ? new PhaseException("This proposal can no longer be changed: it was withdrawn or merged into another.")
            : null;
        if (refusal is not null)
        {
            return await FormPages.RefusalAsync(context, refusal, "Go to your proposals", MinePath(schemeId));
        }

        var p = stored!.Proposal;
        var (place, closed) = await FindAsync(schemes, schemeId, p.WardCode, cancellationToken);
        if (place is null)
        {
            return await FormPages.RefusalAsync(context, closed!, "Go to your proposals", MinePath(schemeId));
        }

        var form = new ProposalForm
        {
            Title = p.Details.Title,
            Summary = p.Details.Summary,
            Description = p.Details.Description,
            EstimatedCost = (p.Details.EstimatedCostPence / 100m).ToString(p.Details.EstimatedCostPence % 100 == 0 ? "0" : "0.00", CultureInfo.InvariantCulture),
            Category = p.Details.Category,
            Postcode = p.Details.Location?.Postcode,
            Point = p.Details.Location is { Latitude: { } lat, Longitude: { } lon } ? string.Create(CultureInfo.InvariantCulture, $"{lat}, {lon}") : null,
            Organisation = p.Details.Organisation,
            Editing = p.Id,
        };
        return await CheckAsync(context, place, form, p.Details, []);
    }

    /// <summary>Withdraws one of the resident's proposals, then goes back to the list.</summary>
    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> Withdraw(
        string schemeId, string proposalId, [FromForm] WithdrawForm form, ProposalStore store, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        try
        {
            await store.WithdrawAsync(schemeId, proposalId, CurrentUser.From(context.User), cancellationToken);
        }
        catch (Exception refusal) when (FormPages.IsRefusal(refusal))
        {
            return await FormPages.RefusalAsync(context, refusal, "Go to your proposals", MinePath(schemeId));
        }

        await publish.EnqueueAsync(schemeId, "proposal withdrawn", cancellationToken);
        context.Response.Headers.Location = MinePath(schemeId) + "?withdrawn=" + Uri.EscapeDataString(proposalId);
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static async Task<(Place? Place, Exception? Refusal)> FindAsync(SchemeStore schemes, string schemeId, string wardCode, CancellationToken cancellationToken)
    {
        var scheme = await schemes.GetAsync(schemeId, cancellationToken);
        if (scheme is null)
        {
            return (null, new NotFoundException($"There is no scheme with the id '{schemeId}'."));
        }

        var ward = (await schemes.GetWardsAsync(schemeId, cancellationToken)).FirstOrDefault(w => w.Code == wardCode);
        if (ward is null)
        {
            return (null, new NotFoundException($"There is no ward {wardCode} in {scheme.Scheme.Name}."));
        }

        return scheme.Phase.AllowsProposals()
            ? (new Place(scheme, ward), null)
            : (null, new PhaseException(scheme.Phase.Refusal("propose a project")));
    }

    private static Task<ContentHttpResult> QuestionAsync(HttpContext context, Place place, string step, ProposalForm form, IDictionary<string, string[]> errors, bool returnToCheck)
    {
        var owned = Steps.First(s => s.Step == step).Fields;
        var number = Array.FindIndex(Steps, s => s.Step == step) + 1;
        string? Error(string field) => FormPages.ErrorFor(errors, field);
        var (heading, fields, intro) = step switch
        {
            "about" => ("About your project", new List<FormField>
            {
                new TextField("title", "Project title") { Hint = $"A short name, up to {ProposalDetails.MaxTitleLength} characters.", Value = form.Title, Error = Error("title"), Spellcheck = true },
                new TextareaField("summary", "Summary") { Hint = "One or two sentences. These appear in lists of proposals.", Value = form.Summary, Error = Error("summary"), Rows = 3 },
                new TextareaField("description", "Describe your project") { Hint = "What would happen, who it would help, and why. You can use Markdown for lists and links.", Value = form.Description, Error = Error("description"), Rows = 8 },
            }, (string?)null),
            "cost" => ("Estimated cost", [
                new TextField("estimatedCost", "How much do you think it would cost, in pounds?")
                {
                    Hint = $"For example 2500. {place.Ward.Name}’s budget is {Money.FormatPounds(place.Ward.BudgetPence)}; officers will check your estimate.",
                    Value = form.EstimatedCost, Error = Error("estimatedCost"), Prefix = "£", Classes = "govuk-input--width-10", Spellcheck = false,
                },
            ], null),
            "category" => ("Category", [
                new RadiosField("category", "Which category fits your project best?", ProposalCategories.All.Select(c => new FormChoice(c, c)).ToList())
                {
                    Value = ProposalCategories.Find(form.Category) ?? form.Category, Error = Error("category"),
                },
            ], null),
            "location" => ("Where would it happen?", [
                new TextField("postcode", "Postcode (optional)") { Hint = "For example LS1 4AP.", Value = form.Postcode, Error = Error("postcode") ?? Error("location"), Classes = "govuk-input--width-10", Autocomplete = "postal-code", Spellcheck = false },
                new TextField("point", "Or a point on a map (optional)") { Hint = "Latitude and longitude, separated by a comma, like 53.7997, -1.5492.", Value = form.Point, Error = Error("point"), Classes = "govuk-input--width-20", Spellcheck = false },
            ], "Give a postcode or a map point if your project is in one place. Leave both empty if it is not."),
            _ => ("Are you proposing for a group?", new List<FormField>
            {
                new TextField("organisation", "Organisation or group (optional)") { Hint = "Its name is published with your proposal. Your own name is not.", Value = form.Organisation, Error = Error("organisation"), Autocomplete = "organization" },
            }, (string?)null),
        };

        var blocks = new List<FormPageBlock>();
        if (intro is not null)
        {
            blocks.Add(new ParagraphBlock(intro));
        }

        blocks.Add(new FormBlock(ProposePath(place.Scheme.Scheme.Id, place.Ward.Code), "Continue")
        {
            Token = FormPages.Token(context),
            Hidden = [.. Carried(form, except: owned), new("step", step), .. returnToCheck ? [new KeyValuePair<string, string>("from", CheckStep)] : Array.Empty<KeyValuePair<string, string>>()],
            Fields = fields,
        });
        var fieldErrors = fields.Where(f => f.Error is not null).Select(f => new FormPageError(f.Name, f.Error!)).ToList();
        return FormPages.PageAsync(context, new FormPageModel
        {
            Title = heading + " – Propose a project",
            Heading = heading,
            Caption = string.Create(CultureInfo.InvariantCulture, $"Propose a project for {place.Ward.Name} – question {number} of {Steps.Length}"),
            Errors = fieldErrors,
            Blocks = blocks,
        }, fieldErrors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    private static Task<ContentHttpResult> CheckAsync(HttpContext context, Place place, ProposalForm form, ProposalDetails details, List<FormPageError> errors)
    {
        var location = details.Location is { IsEmpty: false } l ? l.ToString() : "Not given";
        var editing = form.Editing is not null;
        var form2 = new FormBlock(ProposePath(place.Scheme.Scheme.Id, place.Ward.Code), editing ? "Save changes" : "Submit proposal")
        {
            Token = FormPages.Token(context),
            Hidden = [.. Carried(form, except: []), new("step", CheckStep)],
            Heading = editing ? "Now save your changes" : "Now send your proposal",
        };
        return FormPages.PageAsync(context, new FormPageModel
        {
            Title = "Check your answers – Propose a project",
            Heading = editing ? "Check your changes before saving them" : "Check your answers before sending your proposal",
            Caption = "Propose a project for " + place.Ward.Name,
            Errors = errors,
            Blocks =
            [
                new CheckAnswersBlock(form2,
                [
                    new("Project title", details.Title, "about", "project title"),
                    new("Summary", details.Summary, "about", "summary"),
                    new("Description", details.Description, "about", "description"),
                    new("Estimated cost", Money.FormatPounds(details.EstimatedCostPence), "cost", "estimated cost"),
                    new("Category", details.Category, "category", "category"),
                    new("Location", location, "location", "location"),
                    new("Organisation", details.Organisation ?? "None", "organisation", "organisation"),
                ], "goto"),
            ],
        }, errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    private static (ProposalDetails? Details, ValidationErrors Errors) Parse(ProposalForm form) =>
        ProposalDetails.Parse(form.Title, form.Summary, form.Description, form.EstimatedCost, form.Category, form.Postcode, form.Point, form.Organisation);

    private static bool IsQuestion(string? step) => step is not null && Steps.Any(s => s.Step == step);

    private static string NextAfter(string step)
    {
        var index = Array.FindIndex(Steps, s => s.Step == step);
        return index + 1 < Steps.Length ? Steps[index + 1].Step : CheckStep;
    }

    private static Dictionary<string, string[]> Owned(IDictionary<string, string[]> errors, string step)
    {
        var fields = Steps.First(s => s.Step == step).Fields;
        return errors.Where(pair => fields.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    // Answers from other pages ride along in hidden fields, exactly as typed, so nothing is lost or normalised twice.
    private static IEnumerable<KeyValuePair<string, string>> Carried(ProposalForm form, string[] except)
    {
        (string Name, string? Value)[] answers =
        [
            ("title", form.Title), ("summary", form.Summary), ("description", form.Description), ("estimatedCost", form.EstimatedCost),
            ("category", form.Category), ("postcode", form.Postcode), ("point", form.Point), ("organisation", form.Organisation),
            ("editing", form.Editing),
        ];
        return answers.Where(a => a.Value is not null && !except.Contains(a.Name)).Select(a => new KeyValuePair<string, string>(a.Name, a.Value!));
    }

    private static string StatusText(ProposalStatus status) => status switch
    {
        ProposalStatus.Submitted => "Waiting for review",
        ProposalStatus.Withdrawn => "Withdrawn",
        ProposalStatus.Feasible => "Feasible",
        ProposalStatus.NotFeasible => "Not feasible",
        ProposalStatus.Merged => "Merged with a similar proposal",
        _ => status.ToString(),
    };

    private sealed record Place(StoredScheme Scheme, StoredWard Ward);
}

/// <summary>Every answer of the proposal journey as the form posts it, and where the journey is.</summary>
public sealed class ProposalForm
{
    public string? Title { get; set; }

    public string? Summary { get; set; }

    public string? Description { get; set; }

    public string? EstimatedCost { get; set; }

    public string? Category { get; set; }

    public string? Postcode { get; set; }

    public string? Point { get; set; }

    public string? Organisation { get; set; }

    /// <summary>The page that was answered.</summary>
    public string? Step { get; set; }

    /// <summary>The page to show instead, from a change button.</summary>
    public string? Goto { get; set; }

    /// <summary>"check" when the page was reached from the check page, so it goes back there.</summary>
    public string? From { get; set; }

    /// <summary>The proposal being changed, when the journey changes one rather than proposing a new one.</summary>
    public string? Editing { get; set; }
}

/// <summary>The withdraw button's form.</summary>
public sealed class WithdrawForm
{
    public string? Confirm { get; set; }
}
