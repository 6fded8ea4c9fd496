using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PBudget.Core;
using PBudget.Core.Schemes;
using PBudget.Core.Voting;
using PBudget.Functions.Auth;
using PBudget.Functions.Proposals;
using PBudget.Functions.Schemes;
using PBudget.Functions.Storage;
using PBudget.Functions.Voting;
using PBudget.Site.Forms;

namespace PBudget.Functions.Forms;

/// <summary>
/// The staff console's voting pages: each ward's voting figures, paper ballot entry for officers (one ballot after
/// another, by code or sheet number), and code issuing for admins as a mail-merge CSV. They call the JSON API's
/// handlers, so the checks and messages are the same.
/// </summary>
public static class VotingManageForms
{
    public static IEndpointRouteBuilder MapVotingManageForms(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(ManageForms.Base + "/{schemeId}/wards/{wardCode}").WithTags("Staff console").ExcludeFromDescription()
            .RequireAuthorization(Policies.Staff).RequireValidSchemeId().RequireValidProposalRoute();
        group.MapGet("/voting", Page);
        group.MapPost("/voting/paper-ballots", EnterPaperBallot).RequireAuthorization(Policies.AdminOrOfficer);
        group.MapPost("/voting/code-batches", IssueCodes).RequireAuthorization(Policies.Admin);
        return endpoints;
    }

    public static string VotingPath(string schemeId, string wardCode) => $"{ManageForms.Base}/{schemeId}/wards/{wardCode}/voting";

    /// <summary>The fields of the paper ballot form; choices are ticked ids, or <c>points-{id}</c> numbers for a cumulative ballot.</summary>
    public sealed record PaperBallotForm(string? Sheet, string? Code, string[]? Choices);

    /// <summary>The field of the code issuing form.</summary>
    public sealed record CodeBatchForm(string? Count);

    public static async Task<ContentHttpResult> Page(string schemeId, string wardCode, string? done, SchemeStore schemes, VotingSetupStore setup, BallotStore ballots, HttpContext context, CancellationToken cancellationToken) =>
        await RenderAsync(context, schemeId, wardCode, done, [], null, schemes, setup, ballots, cancellationToken);

    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> EnterPaperBallot(
        string schemeId, string wardCode, [FromForm] PaperBallotForm form, SchemeStore schemes, VotingSetupStore setup, BallotStore ballots, IOptions<VotingOptions> options, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var paper = await setup.GetBallotPaperAsync(schemeId, wardCode, cancellationToken);
        if (paper is null)
        {
            return await FormPages.RefusalAsync(context, new NotFoundException($"There is no ward {wardCode} in the scheme '{schemeId}'."), "Go to the scheme", ManageForms.SchemePath(schemeId));
        }

        var choices = ReadChoices(paper, form, context.Request.Form);
        var request = new PaperBallotRequest(Blank(form.Code), Blank(form.Sheet), choices);
        IResult result;
        try
        {
            result = (await VotingApi.EnterPaperBallot(schemeId, wardCode, request, ballots, setup, options, cancellationToken)).Result;
        }
        catch (Exception refusal) when (FormPages.IsRefusal(refusal))
        {
            var errors = refusal is PBudget.Core.Validation.DomainValidationException invalid
                ? FormPages.Errors(invalid.Errors, FieldId)
                : [new FormPageError(refusal is AlreadyExistsException ? (form.Code is null ? "sheet" : "code") : null, refusal.Message)];
            return await RenderAsync(context, schemeId, wardCode, null, errors, form, schemes, setup, ballots, cancellationToken, StatusCodes.Status422UnprocessableEntity);
        }

        switch (result)
        {
            case Created<ReceiptResponse> created:
                var what = request.Sheet is { } sheet ? "sheet " + sheet.Trim().ToUpperInvariant() : "the ballot with code " + VotingCodes.Format(Canonical(request.Code!));
                context.Response.Headers.Location = VotingPath(schemeId, wardCode) + "?done=" + Uri.EscapeDataString($"Entered {what}. Receipt {TrackingCodes.Display(created.Value!.TrackingCode)[..17]}…");
                return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
            case ValidationProblem invalid:
                return await RenderAsync(context, schemeId, wardCode, null, Errors(invalid.ProblemDetails.Errors), form, schemes, setup, ballots, cancellationToken, StatusCodes.Status400BadRequest);
            case ProblemHttpResult problem:
                var errors = problem.ProblemDetails is HttpValidationProblemDetails details ? Errors(details.Errors) : [new FormPageError(null, problem.ProblemDetails.Detail ?? "That ballot could not be entered.")];
                return await RenderAsync(context, schemeId, wardCode, null, errors, form, schemes, setup, ballots, cancellationToken, problem.StatusCode);
            default:
                throw new InvalidOperationException("Unexpected result " + result.GetType().Name);
        }
    }

    /// <summary>Issues codes and downloads them as a CSV for a mail merge: the only time they exist in clear.</summary>
    public static async Task<IResult> IssueCodes(
        string schemeId, string wardCode, [FromForm] CodeBatchForm form, SchemeStore schemes, VotingSetupStore setup, BallotStore ballots, IOptions<VotingOptions> options, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!int.TryParse(form.Count, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > VotingOptions.MaxCodesPerBatch)
        {
            return await RenderAsync(context, schemeId, wardCode, null, [new FormPageError("count", $"Enter a whole number of codes from 1 to {VotingOptions.MaxCodesPerBatch:N0}.")], null, schemes, setup, ballots, cancellationToken, StatusCodes.Status400BadRequest);
        }

        context.Request.Headers.Accept = "text/csv";
        try
        {
            return (await VotingApi.IssueCodes(schemeId, wardCode, new CodeBatchRequest(count), ballots, setup, options, context, cancellationToken)).Result;
        }
        catch (Exception refusal) when (FormPages.IsRefusal(refusal))
        {
            return await FormPages.RefusalAsync(context, refusal, "Back to voting in this ward", VotingPath(schemeId, wardCode));
        }
    }

    private static async Task<ContentHttpResult> RenderAsync(
        HttpContext context, string schemeId, string wardCode, string? done, IReadOnlyList<FormPageError> errors, PaperBallotForm? typed,
        SchemeStore schemes, VotingSetupStore setup, BallotStore ballots, CancellationToken cancellationToken, int status = StatusCodes.Status200OK)
    {
        var user = CurrentUser.From(context.User);
        var paper = await setup.GetBallotPaperAsync(schemeId, wardCode, cancellationToken);
        if (paper is null)
        {
            return await FormPages.RefusalAsync(context, new NotFoundException($"There is no ward {wardCode} in the scheme '{schemeId}'."), "Go to the scheme", ManageForms.SchemePath(schemeId));
        }

        try
        {
            await WardAccess.RequireAsync(schemes, schemeId, wardCode, user, "see voting for", cancellationToken);
        }
        catch (ForbiddenException refusal)
        {
            return await FormPages.RefusalAsync(context, refusal, "Go to the scheme", ManageForms.SchemePath(schemeId));
        }

        var figures = await ballots.ReconcileAsync(schemeId, wardCode, cancellationToken);
        var blocks = new List<FormPageBlock>
        {
            new ParagraphBlock($"Phase: {paper.Phase.Describe()}. {paper.Rule.Describe(paper.BudgetPence)}"),
        };
        if (done is not null)
        {
            blocks.Add(new PanelBlock("Done", done));
        }

        blocks.Add(new HeadingBlock("Voting figures"));
        blocks.Add(new SummaryBlock(
        [
            new SummaryRow("Codes issued", Count(figures.CodesIssued)),
            new SummaryRow("Codes used online", Count(figures.CodesUsedOnline)),
            new SummaryRow("Codes used on paper", Count(figures.CodesUsedOnPaper)),
            new SummaryRow("Ballots with an account", Count(figures.BallotsByAccount)),
            new SummaryRow("Ballots with a code", Count(figures.BallotsByCode)),
            new SummaryRow("Paper ballots", Count(figures.BallotsOnPaper)),
            new SummaryRow("Ballots in all", Count(figures.Ballots)),
            new SummaryRow("Ballots changed", $"{Count(figures.BallotsChanged)} ({Count(figures.Changes)} changes)"),
            new SummaryRow("Receipts", $"{Count(figures.Receipts)} ({Count(figures.ReceiptsSuperseded)} superseded)"),
            new SummaryRow("Receipt chains closed", $"{figures.ChainsClosed} of {figures.Chains}"),
        ]));

        if (user.IsOfficerOrAdmin && paper.IsOpen && paper.Options.Count > 0)
        {
            blocks.Add(PaperForm(context, schemeId, wardCode, paper, typed, errors));
        }

        if (user.IsAdmin && paper.Phase <= SchemePhase.Voting)
        {
            blocks.Add(new FormBlock(VotingPath(schemeId, wardCode) + "/code-batches", "Issue codes and download them")
            {
                Heading = "Issue voting codes",
                Token = FormPages.Token(context),
                ButtonClasses = "govuk-button--secondary",
                Fields =
                [
                    new TextField("count", "How many codes?")
                    {
                        Hint = "You get a CSV file for a mail merge. The codes are not stored in a readable form, so this download is the only copy.",
                        Classes = "govuk-input--width-5",
                        Inputmode = "numeric",
                        Error = errors.FirstOrDefault(e => e.FieldId == "count")?.Message,
                    },
                ],
            });
        }

        blocks.Add(new LinksBlock([new FormLink("Shortlist", ManageForms.ShortlistPath(schemeId, wardCode)), new FormLink("All wards", ManageForms.SchemePath(schemeId))]));
        return await FormPages.PageAsync(context, new FormPageModel { Title = "Voting in " + paper.WardName, Caption = "Staff console", Errors = errors, Blocks = blocks }, status);
    }

    private static FormBlock PaperForm(HttpContext context, string schemeId, string wardCode, BallotPaper paper, PaperBallotForm? typed, IReadOnlyList<FormPageError> errors)
    {
        string? ErrorOf(string id) => errors.FirstOrDefault(e => e.FieldId == id)?.Message;
        FormField choices = paper.Rule.Kind == BallotKind.Cumulative
            ? new FieldsetField("choices", "Points given to each project", [.. paper.Options.Select(o => new TextField("points-" + o.ProposalId, $"{o.Title} ({Money.FormatPounds(o.CostPence)})")
            {
                Classes = "govuk-input--width-3",
                Inputmode = "numeric",
                Value = context.Request.HasFormContentType ? context.Request.Form["points-" + o.ProposalId].ToString() : null,
            })])
            { Error = ErrorOf("choices") }
            : new CheckboxesField("choices", "Projects marked on the ballot", [.. paper.Options.Select(o => new FormChoice(o.ProposalId, $"{o.Title} ({Money.FormatPounds(o.CostPence)})"))])
            {
                Values = typed?.Choices ?? [],
                Error = ErrorOf("choices"),
            };
        return new FormBlock(VotingPath(schemeId, wardCode) + "/paper-ballots", "Enter this ballot")
        {
            Heading = "Enter a paper ballot",
            Token = FormPages.Token(context),
            Fields =
            [
                new TextField("sheet", "Sheet number")
                {
                    Hint = "As printed on the ballot paper. Leave it empty if the ballot has a voting code instead.",
                    Classes = "govuk-input--width-10",
                    Spellcheck = false,
                    Autocomplete = "off",
                    Value = typed?.Sheet,
                    Error = ErrorOf("sheet"),
                },
                new TextField("code", "Voting code")
                {
                    Hint = "Only if the ballot has one, for example 7K3M-Q9XW-2HDR-F4TN-8.",
                    Classes = "govuk-input--width-20",
                    Spellcheck = false,
                    Autocomplete = "off",
                    Value = typed?.Code,
                    Error = ErrorOf("code"),
                },
                choices,
            ],
        };
    }

    private static BallotChoice[] ReadChoices(BallotPaper paper, PaperBallotForm form, IFormCollection fields)
    {
        if (paper.Rule.Kind != BallotKind.Cumulative)
        {
            return [.. (form.Choices ?? []).Select(id => new BallotChoice(id))];
        }

        var marked = new List<BallotChoice>();
        foreach (var option in paper.Options)
        {
            var text = fields["points-" + option.ProposalId].ToString().Trim();
            if (text.Length > 0)
            {
                // A number that does not parse becomes 0 points, which the ballot check refuses with its own message.
                marked.Add(new BallotChoice(option.ProposalId, int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var points) ? points : 0));
            }
        }

        return [.. marked];
    }

    // The API names fields code, sheet, choices and choices[i]; on this page every choice error belongs to the choices question.
    private static string FieldId(string field) => field.StartsWith("choices", StringComparison.Ordinal) ? "choices" : field;

    private static List<FormPageError> Errors(IDictionary<string, string[]> errors) =>
        [.. errors.SelectMany(pair => pair.Value.Select(message => new FormPageError(FieldId(pair.Key), message)))];

    private static string Canonical(string code) => VotingCodes.TryNormalise(code, out var canonical, out _) ? canonical : code;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
