using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PBudget.Core;
using PBudget.Core.Proposals;
using PBudget.Core.Schemes;
using PBudget.Core.Validation;
using PBudget.Core.Voting;
using PBudget.Functions.Auth;
using PBudget.Functions.Proposals;
using PBudget.Functions.Schemes;
using PBudget.Functions.Storage;
using PBudget.Functions.Voting;
using PBudget.Site.Forms;

namespace PBudget.Functions.Forms;

/// <summary>
/// A resident's vote as GOV.UK pages that work without JavaScript: the ward's ballot paper with the two ways to vote
/// (signed in, or with the code from their letter), a page to choose projects or share points, check your vote, then
/// a 303 to a receipt that carries only the tracking code and the time. The answers travel in hidden fields, never in
/// server state, and the ballot is checked and stored by the JSON API's own handlers in <see cref="VotingApi"/>.
/// </summary>
public static class VotingForms
{
    /// <summary>The name of the checkboxes, and the id of the first, which whole-ballot errors link to.</summary>
    private const string ChoicesField = "choices";

    private const string CodeField = "code";

    /// <summary>A cumulative ballot's input for one project is this and the project's id.</summary>
    private const string PointsPrefix = "points-";

    private const string CheckStep = "check";

    private const string ChooseStep = "choose";

    // Ballots are the most sensitive pages: only this origin's files, no inline script or style, never framed, and no
    // address (the receipt's carries its tracking code) sent on to another site.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly IReadOnlyDictionary<string, string> PointsHook = new Dictionary<string, string>(StringComparer.Ordinal) { ["data-pbudget-points"] = "" };

    private enum Route
    {
        Code,
        Account,
    }

    public static IEndpointRouteBuilder MapVotingForms(this IEndpointRouteBuilder endpoints)
    {
        var vote = endpoints.MapGroup(ResidentForms.Base + "/{schemeId}/wards/{wardCode}/vote").WithTags("Voting forms").ExcludeFromDescription()
            .RequireValidSchemeId().RequireValidProposalRoute()
            .AddEndpointFilter(async (context, next) =>
            {
                var headers = context.HttpContext.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "no-referrer";
                return await next(context);
            });
        vote.MapGet("", Start).AllowAnonymous();
        vote.MapGet("/code", ChooseWithCode).AllowAnonymous();
        vote.MapPost("/code", AnswerWithCode).AllowAnonymous();
        vote.MapGet("/account", ChooseWithAccount).RequireAuthorization(Policies.SignedIn);
        vote.MapPost("/account", AnswerWithAccount).RequireAuthorization(Policies.SignedIn);
        vote.MapGet("/receipt", Receipt).AllowAnonymous();
        return endpoints;
    }

    public static string StartPath(string schemeId, string wardCode) => $"{ResidentForms.Base}/{schemeId}/wards/{wardCode}/vote";

    private static string PathFor(Route route, string schemeId, string wardCode) =>
        StartPath(schemeId, wardCode) + (route == Route.Code ? "/code" : "/account");

    // The ward's page on the public site, which the function app shares an origin with (docs/adr/0006).
    private static string WardPage(string schemeId, string wardCode) => $"/schemes/{schemeId}/wards/{wardCode}/";

    /// <summary>
    /// The ward's ballot paper: what the rule asks, the projects, and the two ways to vote; or, for a signed-in resident
    /// who has voted, their vote and receipt with a way to change it. Anyone may read it; there is no form on it.
    /// </summary>
    public static async Task<ContentHttpResult> Start(
        string schemeId, string wardCode, VotingSetupStore setup, BallotStore ballots, IOptions<VotingOptions> options, HttpContext context, CancellationToken cancellationToken)
    {
        var paper = await setup.GetBallotPaperAsync(schemeId, wardCode, cancellationToken);
        if (paper is null)
        {
            return await FormPages.RefusalAsync(context, new NotFoundException($"There is no ward {wardCode} in the scheme '{schemeId}'."), "Go to the home page", "/");
        }

        var blocks = new List<FormPageBlock>();
        var back = new LinksBlock([new FormLink($"Go to {paper.WardName}’s page", WardPage(schemeId, wardCode))]);
        if (OpenRefusal(paper) is { } closed)
        {
            blocks.Add(new ParagraphBlock(closed.Message));
            if (paper.Phase > SchemePhase.Voting)
            {
                blocks.Add(new ParagraphBlock($"The results will be published on {paper.WardName}’s page, with the list of receipt codes so that voters can check their vote was counted."));
            }

            blocks.Add(back);
            return await FormPages.PageAsync(context, StartModel(paper, blocks));
        }

        blocks.Add(new ParagraphBlock($"{paper.WardName} has {Money.FormatPounds(paper.BudgetPence)} to spend. You decide which projects it goes on."));
        blocks.Add(new ParagraphBlock(paper.Rule.Describe(paper.BudgetPence)));
        blocks.Add(new HeadingBlock("Projects on the ballot"));
        foreach (var option in paper.Options)
        {
            var rows = new List<SummaryRow> { new("Cost", Money.FormatPounds(option.CostPence)) };
            if (!string.IsNullOrWhiteSpace(option.Summary))
            {
                rows.Add(new("What it is", option.Summary));
            }

            blocks.Add(new SummaryBlock(rows) { CardTitle = option.Title });
        }

        var signedIn = context.User.Identity?.IsAuthenticated == true;
        var mine = signedIn ? (await VotingApi.GetMyBallot(schemeId, wardCode, ballots, setup, options, context, cancellationToken)).Result as Ok<MyBallotResponse> : null;
        if (mine?.Value is { } ballot)
        {
            var titles = paper.Options.ToDictionary(o => o.ProposalId, o => o.Title, StringComparer.Ordinal);
            var rows = ballot.Choices
                .Select(c => new SummaryRow(titles.GetValueOrDefault(c.ProposalId, c.ProposalId), paper.Rule.Kind == BallotKind.Cumulative ? Points(c.Points) : "Chosen"))
                .Append(new SummaryRow("Receipt code", ballot.TrackingCodeDisplay))
                .Append(new SummaryRow("Cast", UkTime(ballot.At)))
                .ToList();
            blocks.Add(new HeadingBlock("Your vote"));
            blocks.Add(new ParagraphBlock($"You have voted in {paper.WardName}. You can change your vote until voting closes; only your latest vote counts."));
            blocks.Add(new SummaryBlock(rows));
            blocks.Add(new ButtonLinkBlock("Change your vote", PathFor(Route.Account, schemeId, wardCode)));
        }
        else
        {
            blocks.Add(new HeadingBlock("How to vote"));
            blocks.Add(new ParagraphBlock(signedIn
                ? "Vote with your account. You vote in the ward your postcode is in, and you can change your vote until voting closes."
                : "Sign in to vote with your account. You vote in the ward your postcode is in, and you can change your vote until voting closes."));
            blocks.Add(new ButtonLinkBlock(signedIn ? "Vote with your account" : "Sign in to vote", PathFor(Route.Account, schemeId, wardCode)) { IsStartButton = true });
            blocks.Add(new ParagraphBlock("If the council sent you a letter with a voting code, you can vote with the code instead, without signing in. Each code can be used once."));
            blocks.Add(new ButtonLinkBlock("I have a voting code", PathFor(Route.Code, schemeId, wardCode)) { Classes = "govuk-button--secondary" });
        }

        return await FormPages.PageAsync(context, StartModel(paper, blocks));
    }

    /// <summary>The ballot with a voting code: the code and the choices on one page.</summary>
    public static async Task<ContentHttpResult> ChooseWithCode(string schemeId, string wardCode, VotingSetupStore setup, HttpContext context, CancellationToken cancellationToken)
    {
        var (paper, refusal) = await OpenPaperAsync(setup, schemeId, wardCode, cancellationToken);
        return paper is null
            ? await RefusedAsync(context, refusal!, schemeId, wardCode)
            : await ChooseAsync(context, paper, Route.Code, Answers.None, [], StatusCodes.Status200OK);
    }

    /// <summary>The ballot for a signed-in resident of the ward, with their current vote ticked if they have one.</summary>
    public static async Task<ContentHttpResult> ChooseWithAccount(
        string schemeId, string wardCode, VotingSetupStore setup, BallotStore ballots, IOptions<VotingOptions> options, HttpContext context, CancellationToken cancellationToken)
    {
        var (paper, refusal) = await OpenPaperAsync(setup, schemeId, wardCode, cancellationToken);
        refusal ??= await IneligibleAsync(setup, paper!, CurrentUser.From(context.User), cancellationToken);
        if (refusal is not null)
        {
            return await RefusedAsync(context, refusal, schemeId, wardCode);
        }

        var mine = (await VotingApi.GetMyBallot(schemeId, wardCode, ballots, setup, options, context, cancellationToken)).Result as Ok<MyBallotResponse>;
        var answers = mine?.Value is { } ballot ? Answers.From(paper!, ballot.Choices) : Answers.None;
        return await ChooseAsync(context, paper!, Route.Account, answers, [], StatusCodes.Status200OK);
    }

    /// <summary>Both pages of the code route post here: the choices (and code) to check, a change, or the vote to cast.</summary>
    public static Task<Results<ContentHttpResult, StatusCodeHttpResult>> AnswerWithCode(
        string schemeId, string wardCode, IFormCollection form, BallotStore ballots, VotingSetupStore setup, WrongCodeLimiter limiter, IOptions<VotingOptions> options,
        HttpContext context, CancellationToken cancellationToken) =>
        AnswerAsync(Route.Code, schemeId, wardCode, form, ballots, setup, limiter, options, context, cancellationToken);

    /// <summary>Both pages of the account route post here.</summary>
    public static Task<Results<ContentHttpResult, StatusCodeHttpResult>> AnswerWithAccount(
        string schemeId, string wardCode, IFormCollection form, BallotStore ballots, VotingSetupStore setup, WrongCodeLimiter limiter, IOptions<VotingOptions> options,
        HttpContext context, CancellationToken cancellationToken) =>
        AnswerAsync(Route.Account, schemeId, wardCode, form, ballots, setup, limiter, options, context, cancellationToken);

    /// <summary>
    /// The confirmation. Everything it shows comes from the address the cast redirected to (the tracking code and the
    /// time) and the ward's public name: no server state, and never the choices.
    /// </summary>
    public static async Task<ContentHttpResult> Receipt(
        string schemeId, string wardCode, string? code, string? at, string? sig, string? changed, VotingSetupStore setup, HttpContext context, CancellationToken cancellationToken)
    {
        var paper = await setup.GetBallotPaperAsync(schemeId, wardCode, cancellationToken);
        if (paper is null || !TrackingCodes.IsCode(code) || at is null || sig is null
            || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(sig), System.Text.Encoding.ASCII.GetBytes(ReceiptSignature(context, schemeId, wardCode, code!, at))))
        {
            return await FormPages.RefusalAsync(context, new NotFoundException("There is no receipt at this address. Your receipt code is on the page you saw when you voted."), "Go to the ballot paper", StartPath(schemeId, wardCode));
        }

        var when = DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment) ? moment : (DateTimeOffset?)null;
        var blocks = new List<FormPageBlock>
        {
            new PanelBlock("Your vote has been recorded", "Your receipt code is " + TrackingCodes.Display(code!)),
            new ParagraphBlock(when is { } time ? $"You voted in {paper.WardName} on {UkTime(time)}." : $"You voted in {paper.WardName}."),
        };
        if (changed == "true")
        {
            blocks.Add(new ParagraphBlock("This vote replaces the one you cast before. Only this one will be counted."));
        }

        blocks.Add(new HeadingBlock("Print your receipt"));
        blocks.Add(new ParagraphBlock("Print this page, or write down your receipt code, and keep it until the results are published."));
        blocks.Add(new PrintButtonBlock("Print your receipt"));
        blocks.Add(new HeadingBlock("What happens next"));
        blocks.Add(new ParagraphBlock($"When voting closes, the votes are counted. The list of receipt codes for {paper.WardName} will be published with the results, so you can check that your code is in it."));
        blocks.Add(new ParagraphBlock("Your receipt code does not show how you voted, and your choices are not on this page."));
        blocks.Add(new LinksBlock([new FormLink($"Go to {paper.WardName}’s page", WardPage(schemeId, wardCode))]));
        return await FormPages.PageAsync(context, new FormPageModel
        {
            Title = "Your vote has been recorded",
            Heading = "Your receipt",
            Caption = paper.SchemeName,
            Blocks = blocks,
        });
    }

    private static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> AnswerAsync(
        Route route, string schemeId, string wardCode, IFormCollection form, BallotStore ballots, VotingSetupStore setup, WrongCodeLimiter limiter, IOptions<VotingOptions> options,
        HttpContext context, CancellationToken cancellationToken)
    {
        var (paper, refusal) = await OpenPaperAsync(setup, schemeId, wardCode, cancellationToken);
        if (route == Route.Account)
        {
            refusal ??= await IneligibleAsync(setup, paper!, CurrentUser.From(context.User), cancellationToken);
        }

        if (refusal is not null)
        {
            return await RefusedAsync(context, refusal, schemeId, wardCode);
        }

        var answers = Answers.Read(form, paper!);
        if (form["goto"] == ChooseStep)
        {
            return await ChooseAsync(context, paper!, route, answers, [], StatusCodes.Status200OK);
        }

        var (choices, problems) = Check(paper!, route, answers);
        if (problems.Count > 0)
        {
            return await ChooseAsync(context, paper!, route, answers, problems, StatusCodes.Status422UnprocessableEntity);
        }

        if (form["step"] != CheckStep)
        {
            return await CheckAsync(context, paper!, route, answers, choices, [], StatusCodes.Status200OK);
        }

        // The JSON API casts it, so the checks, the rate limit on wrong codes and the receipt are exactly the API's.
        try
        {
            var ballot = choices.Select(c => c.Choice).ToArray();
            var result = route == Route.Code
                ? (await VotingApi.CastCodeBallot(schemeId, wardCode, new CodeBallotRequest(answers.Code, ballot), ballots, setup, limiter, options, context, cancellationToken)).Result
                : (await VotingApi.CastAccountBallot(schemeId, wardCode, new BallotRequest(ballot), ballots, setup, options, context, cancellationToken)).Result;
            switch (result)
            {
                case Created<ReceiptResponse> { Value: { } receipt }:
                    return ToReceipt(context, receipt);
                case Ok<ReceiptResponse> { Value: { } receipt }:
                    return ToReceipt(context, receipt);
                case ValidationProblem invalid:
                    return await ChooseAsync(context, paper!, route, answers, Problems(invalid.ProblemDetails.Errors, choices), StatusCodes.Status422UnprocessableEntity);
                case ProblemHttpResult { StatusCode: StatusCodes.Status429TooManyRequests } limited:
                    return await MessageAsync(context, "Too many wrong voting codes", [limited.ProblemDetails.Detail ?? "Please wait and try again."], StatusCodes.Status429TooManyRequests, paper!);
                case ProblemHttpResult { ProblemDetails: HttpValidationProblemDetails refused } problem:
                    return await ChooseAsync(context, paper!, route, answers, Problems(refused.Errors, choices), problem.StatusCode);
                case ProblemHttpResult problem:
                    return await MessageAsync(context, "Your vote was not recorded", [problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "Please try again."], problem.StatusCode, paper!);
                default:
                    throw new InvalidOperationException($"Casting a ballot gave an answer the voting pages do not know: {result.GetType().Name}.");
            }
        }
        catch (DomainValidationException invalid)
        {
            return await ChooseAsync(context, paper!, route, answers, Problems(invalid.Errors.ToDictionary(), choices), StatusCodes.Status422UnprocessableEntity);
        }
        catch (AlreadyExistsException used) when (route == Route.Code)
        {
            // A spent code is a problem with the code the voter typed: they may have another letter, or mistyped it.
            return await ChooseAsync(context, paper!, route, answers, [new Problem(CodeField, used.Message + " Each voting code can be used once.")], StatusCodes.Status409Conflict);
        }
        catch (ConcurrencyException busy)
        {
            return await CheckAsync(context, paper!, route, answers, choices, [new Problem(null, busy.Message)], StatusCodes.Status409Conflict);
        }
        catch (Exception other) when (FormPages.IsRefusal(other))
        {
            return await RefusedAsync(context, other, schemeId, wardCode);
        }
    }

    private static StatusCodeHttpResult ToReceipt(HttpContext context, ReceiptResponse receipt)
    {
        var at = receipt.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var signature = ReceiptSignature(context, receipt.SchemeId, receipt.WardCode, receipt.TrackingCode, at);
        var query = "?code=" + receipt.TrackingCode + "&at=" + Uri.EscapeDataString(at) + "&sig=" + signature + (receipt.Replaced ? "&changed=true" : "");
        context.Response.Headers.Location = StartPath(receipt.SchemeId, receipt.WardCode) + "/receipt" + query;
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    // The receipt page trusts only an address this app made: without the signature anyone could make a page saying
    // "your vote has been recorded" for any code.
    private static string ReceiptSignature(HttpContext context, string schemeId, string wardCode, string code, string at)
    {
        var secret = context.RequestServices.GetRequiredService<IOptions<VotingOptions>>().Value.SecretBytes();
        var mac = System.Security.Cryptography.HMACSHA256.HashData(secret, System.Text.Encoding.UTF8.GetBytes($"receipt|{schemeId}|{wardCode}|{code}|{at}"));
        return Convert.ToHexStringLower(mac)[..32];
    }

    /// <summary>The ballot as the API takes it, each choice with the field it came from, and what is wrong with it as Ballots.Check says.</summary>
    private static (List<(BallotChoice Choice, string Field)> Choices, List<Problem> Problems) Check(BallotPaper paper, Route route, Answers answers)
    {
        var problems = new List<Problem>();
        if (route == Route.Code && !VotingCodes.TryNormalise(answers.Code, out _, out var codeProblem))
        {
            problems.Add(new Problem(CodeField, codeProblem));
        }

        var choices = new List<(BallotChoice Choice, string Field)>();
        if (paper.Rule.Kind != BallotKind.Cumulative)
        {
            choices.AddRange(answers.Ticked.Select(id => (new BallotChoice(id), ChoicesField)));
        }
        else
        {
            foreach (var option in paper.Options)
            {
                var typed = answers.Points.GetValueOrDefault(option.ProposalId)?.Trim();
                var field = PointsPrefix + option.ProposalId;
                if (string.IsNullOrEmpty(typed))
                {
                    continue;
                }

                if (!int.TryParse(typed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var points))
                {
                    problems.Add(new Problem(field, $"Enter the points for “{option.Title}” as a whole number, like 3, or leave it empty."));
                }
                else if (points != 0)
                {
                    choices.Add((new BallotChoice(option.ProposalId, points), field));
                }
            }
        }

        // Points that are not numbers are reported on their own; the ballot's other rules are checked once they are fixed.
        if (!problems.Any(p => p.Field?.StartsWith(PointsPrefix, StringComparison.Ordinal) == true))
        {
            problems.AddRange(Problems(Ballots.Check(paper.Rule, paper.Shortlist, paper.BudgetPence, [.. choices.Select(c => c.Choice)]).ToDictionary(), choices));
        }

        return (choices, problems);
    }

    /// <summary>The API's errors, each given to the field it is about: "choices[i]" is the i-th choice's field, "choices" the whole ballot.</summary>
    private static List<Problem> Problems(IDictionary<string, string[]> errors, List<(BallotChoice Choice, string Field)> choices)
    {
        var problems = new List<Problem>();
        foreach (var (key, messages) in errors)
        {
            var field = key switch
            {
                CodeField => CodeField,
                _ when key.StartsWith(ChoicesField + "[", StringComparison.Ordinal)
                    && int.TryParse(key.AsSpan(ChoicesField.Length + 1, key.Length - ChoicesField.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    && index < choices.Count => choices[index].Field,
                _ => ChoicesField,
            };
            problems.AddRange(messages.Select(message => new Problem(field, message)));
        }

        return problems;
    }

    private static Task<ContentHttpResult> ChooseAsync(HttpContext context, BallotPaper paper, Route route, Answers answers, IReadOnlyList<Problem> problems, int status)
    {
        var cumulative = paper.Rule.Kind == BallotKind.Cumulative;
        string? ErrorFor(string field) => problems.FirstOrDefault(p => p.Field == field)?.Message;
        var fields = new List<FormField>();
        if (route == Route.Code)
        {
            fields.Add(new TextField(CodeField, "Voting code")
            {
                Hint = "It is on your letter: 17 letters and numbers, like 7K3M-Q9XW-2HDR-F4TN-8. Capital or small letters, with or without the dashes.",
                Value = answers.Code,
                Error = ErrorFor(CodeField),
                Classes = "govuk-input--width-20",
                Autocomplete = "off",
                Spellcheck = false,
            });
        }

        if (cumulative)
        {
            fields.Add(new FieldsetField(
                "points",
                "How many points do you give each project?",
                [.. paper.Options.Select(o => (FormField)new TextField(PointsPrefix + o.ProposalId, o.Title)
                {
                    Hint = Describe(o),
                    Value = answers.Points.GetValueOrDefault(o.ProposalId),
                    Error = ErrorFor(PointsPrefix + o.ProposalId),
                    Inputmode = "numeric",
                    Classes = "govuk-input--width-3",
                    Spellcheck = false,
                    Attributes = PointsHook,
                })])
            {
                Hint = paper.Rule.Describe(paper.BudgetPence) + " Leave a project empty to give it no points.",
                Error = ErrorFor(ChoicesField),
            });
        }
        else
        {
            fields.Add(new CheckboxesField(
                ChoicesField,
                "Which projects do you vote for?",
                [.. paper.Options.Select(o => new FormChoice(o.ProposalId, o.Title)
                {
                    Hint = Describe(o),
                    Attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["data-cost-pence"] = o.CostPence.ToString(CultureInfo.InvariantCulture) },
                })])
            {
                Hint = paper.Rule.Describe(paper.BudgetPence) + " Select all the projects you vote for.",
                Values = answers.Ticked,
                Error = ErrorFor(ChoicesField),
            });
        }

        var heading = cumulative ? "Share your points" : "Choose projects";
        var form = new FormBlock(PathFor(route, paper.SchemeId, paper.WardCode), "Continue")
        {
            Token = FormPages.Token(context),
            Hidden = [new("step", ChooseStep)],
            Fields = fields,
            Status = new FormStatus("When you continue, the next page tells you what is left.") { Attributes = StatusData(paper) },
        };
        var first = cumulative && paper.Options.Count > 0 ? PointsPrefix + paper.Options[0].ProposalId : ChoicesField;
        return FormPages.PageAsync(context, new FormPageModel
        {
            Title = heading + " – " + VoteIn(paper),
            Heading = heading,
            Caption = VoteIn(paper),
            BackHref = StartPath(paper.SchemeId, paper.WardCode),
            Errors = [.. problems.Select(p => new FormPageError(p.Field == ChoicesField ? first : p.Field, p.Message))],
            Blocks = [form],
        }, status);
    }

    private static Task<ContentHttpResult> CheckAsync(
        HttpContext context, BallotPaper paper, Route route, Answers answers, List<(BallotChoice Choice, string Field)> choices, IReadOnlyList<Problem> problems, int status)
    {
        var ballot = choices.Select(c => c.Choice).ToList();
        var summary = Ballots.Summarise(paper.Rule, paper.Shortlist, paper.BudgetPence, ballot);
        var options = paper.Options.ToDictionary(o => o.ProposalId, StringComparer.Ordinal);
        var totals = new List<SummaryRow> { new("Total cost", Money.FormatPounds(summary.CostPence)) };
        totals.Add(paper.Rule.Kind switch
        {
            BallotKind.Knapsack => new SummaryRow("Left", $"{Money.FormatPounds(summary.BudgetLeftPence ?? 0)} of {Money.FormatPounds(paper.BudgetPence)}"),
            BallotKind.Approval => new SummaryRow("Choices left", string.Create(CultureInfo.InvariantCulture, $"{summary.ChoicesLeft} of {paper.Rule.MaxChoices}")),
            _ => new SummaryRow("Points left", string.Create(CultureInfo.InvariantCulture, $"{summary.PointsLeft} of {paper.Rule.Points}")),
        });

        var rows = ballot
            .Where(c => options.ContainsKey(c.ProposalId))
            .Select(c => options[c.ProposalId])
            .Select(o => new CheckAnswersRow(
                o.Title,
                paper.Rule.Kind == BallotKind.Cumulative ? $"{Points(ballot.First(c => c.ProposalId == o.ProposalId).Points)} (costs {Money.FormatPounds(o.CostPence)})" : Money.FormatPounds(o.CostPence),
                ChooseStep,
                "your vote for “" + o.Title + "”"))
            .ToList();
        if (route == Route.Code && VotingCodes.TryNormalise(answers.Code, out var canonical, out _))
        {
            rows.Add(new CheckAnswersRow("Voting code", VotingCodes.Format(canonical), ChooseStep, "voting code"));
        }

        var cast = new FormBlock(PathFor(route, paper.SchemeId, paper.WardCode), "Cast your vote")
        {
            Token = FormPages.Token(context),
            Hidden = [.. answers.Carried(paper), new("step", CheckStep)],
            Heading = "Now cast your vote",
        };
        return FormPages.PageAsync(context, new FormPageModel
        {
            Title = "Check your vote – " + VoteIn(paper),
            Heading = "Check your vote before you cast it",
            Caption = VoteIn(paper),
            Errors = [.. problems.Select(p => new FormPageError(p.Field, p.Message))],
            Blocks =
            [
                new ParagraphBlock(route == Route.Code
                    ? "Once you cast your vote with a code, it cannot be changed."
                    : "You can change your vote until voting closes. Only your latest vote counts."),
                new SummaryBlock(totals),
                new CheckAnswersBlock(cast, rows, "goto"),
            ],
        }, status);
    }

    private static FormPageModel StartModel(BallotPaper paper, IReadOnlyList<FormPageBlock> blocks) => new()
    {
        Title = VoteIn(paper),
        Caption = paper.SchemeName,
        Blocks = blocks,
    };

    /// <summary>A page saying why the vote cannot go ahead, with the status the JSON API would give, and where to go next.</summary>
    private static Task<ContentHttpResult> RefusedAsync(HttpContext context, Exception refusal, string schemeId, string wardCode) => refusal switch
    {
        ForbiddenException => FormPages.PageAsync(context, new FormPageModel
        {
            Title = "You cannot vote in this ward with your account",
            Blocks =
            [
                new ParagraphBlock(refusal.Message),
                new ParagraphBlock("If the council sent you a letter with a voting code for this ward, you can vote with the code."),
                new LinksBlock([new FormLink("Vote with a voting code", PathFor(Route.Code, schemeId, wardCode)), new FormLink("Go back to the ballot paper", StartPath(schemeId, wardCode))]),
            ],
        }, StatusCodes.Status403Forbidden),
        _ => FormPages.RefusalAsync(context, refusal, "Go back to the ballot paper", StartPath(schemeId, wardCode)),
    };

    private static Task<ContentHttpResult> MessageAsync(HttpContext context, string title, IReadOnlyList<string> messages, int status, BallotPaper paper) =>
        FormPages.PageAsync(context, new FormPageModel
        {
            Title = title,
            Caption = VoteIn(paper),
            Blocks = [.. messages.Select(m => (FormPageBlock)new ParagraphBlock(m)), new LinksBlock([new FormLink("Go back to the ballot paper", StartPath(paper.SchemeId, paper.WardCode))])],
        }, status);

    private static async Task<(BallotPaper? Paper, Exception? Refusal)> OpenPaperAsync(VotingSetupStore setup, string schemeId, string wardCode, CancellationToken cancellationToken)
    {
        var paper = await setup.GetBallotPaperAsync(schemeId, wardCode, cancellationToken);
        return paper is null
            ? (null, new NotFoundException($"There is no ward {wardCode} in the scheme '{schemeId}'."))
            : OpenRefusal(paper) is { } refusal ? (null, refusal) : (paper, null);
    }

    private static PhaseException? OpenRefusal(BallotPaper paper) => paper.Phase switch
    {
        < SchemePhase.Voting => new PhaseException($"Voting in {paper.WardName} has not opened yet. Come back when it opens; the ward’s page will say when."),
        > SchemePhase.Voting => new PhaseException($"Voting in {paper.WardName} has closed, so no more votes can be cast."),
        _ when paper.Options.Count == 0 => new PhaseException($"{paper.WardName} has no projects on its ballot, so there is nothing to vote on."),
        _ => null,
    };

    // Told before the ballot is filled in rather than after; casting checks it again, as the API does for every ballot.
    private static async Task<Exception?> IneligibleAsync(VotingSetupStore setup, BallotPaper paper, CurrentUser user, CancellationToken cancellationToken)
    {
        try
        {
            await VotingApi.RequireEligibleAsync(setup, paper, user, cancellationToken);
            return null;
        }
        catch (ForbiddenException refusal)
        {
            return refusal;
        }
    }

    private static Dictionary<string, string> StatusData(BallotPaper paper)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["data-pbudget-ballot-status"] = "" };
        switch (paper.Rule.Kind)
        {
            case BallotKind.Knapsack:
                data["data-kind"] = "knapsack";
                data["data-budget-pence"] = paper.BudgetPence.ToString(CultureInfo.InvariantCulture);
                break;
            case BallotKind.Approval:
                data["data-kind"] = "approval";
                data["data-max-choices"] = (paper.Rule.MaxChoices ?? 0).ToString(CultureInfo.InvariantCulture);
                break;
            default:
                data["data-kind"] = "cumulative";
                data["data-points"] = (paper.Rule.Points ?? 0).ToString(CultureInfo.InvariantCulture);
                break;
        }

        return data;
    }

    private static string VoteIn(BallotPaper paper) => "Vote in " + paper.WardName;

    private static string Describe(BallotOption option) =>
        string.IsNullOrWhiteSpace(option.Summary) ? "Costs " + Money.FormatPounds(option.CostPence) + "." : $"Costs {Money.FormatPounds(option.CostPence)}. {option.Summary}";

    private static string Points(int points) => points == 1 ? "1 point" : points.ToString("N0", CultureInfo.InvariantCulture) + " points";

    /// <summary>A moment in UK time, GOV.UK style: <c>1 June 2026 at 9:05am</c>.</summary>
    private static string UkTime(DateTimeOffset moment)
    {
        var (local, zone) = UkZone is null ? (moment.ToUniversalTime(), " UTC") : (TimeZoneInfo.ConvertTime(moment, UkZone), "");
        return local.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) + " at " + local.ToString("h:mm", CultureInfo.InvariantCulture) + (local.Hour < 12 ? "am" : "pm") + zone;
    }

    private static readonly TimeZoneInfo? UkZone = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var zone) ? zone : null;

    /// <summary>A problem for the error summary and, when it has one, its field.</summary>
    private sealed record Problem(string? Field, string Message);

    /// <summary>What the voter has answered, exactly as typed, read from whichever page posted it.</summary>
    private sealed record Answers(string? Code, IReadOnlyList<string> Ticked, IReadOnlyDictionary<string, string> Points)
    {
        public static Answers None { get; } = new(null, [], new Dictionary<string, string>(StringComparer.Ordinal));

        public static Answers Read(IFormCollection form, BallotPaper paper)
        {
            var points = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var option in paper.Options)
            {
                if (form[PointsPrefix + option.ProposalId].FirstOrDefault() is { Length: > 0 } typed)
                {
                    points[option.ProposalId] = typed;
                }
            }

            return new Answers(form[CodeField].FirstOrDefault(), [.. form[ChoicesField].OfType<string>().Where(v => v.Length > 0)], points);
        }

        public static Answers From(BallotPaper paper, IReadOnlyList<BallotChoice> stored) => paper.Rule.Kind == BallotKind.Cumulative
            ? new(null, [], stored.ToDictionary(c => c.ProposalId, c => c.Points.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal))
            : new(null, [.. stored.Select(c => c.ProposalId)], new Dictionary<string, string>(StringComparer.Ordinal));

        /// <summary>The answers as hidden fields, named as on the choose page, so a change or the cast reads them back the same way.</summary>
        public IEnumerable<KeyValuePair<string, string>> Carried(BallotPaper paper)
        {
            if (Code is not null)
            {
                yield return new(CodeField, Code);
            }

            foreach (var id in Ticked)
            {
                yield return new(ChoicesField, id);
            }

            foreach (var option in paper.Options)
            {
                if (Points.TryGetValue(option.ProposalId, out var typed))
                {
                    yield return new(PointsPrefix + option.ProposalId, typed);
                }
            }
        }
    }
}
