using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PBudget.Core;
using PBudget.Core.Proposals;
using PBudget.Core.Schemes;
using PBudget.Core.Validation;
using PBudget.Core.Voting;
using PBudget.Functions.Auth;
using PBudget.Functions.Problems;
using PBudget.Functions.Proposals;
using PBudget.Functions.Publishing;
using PBudget.Functions.Schemes;
using PBudget.Functions.Storage;
using PBudget.Functions.Wards;

namespace PBudget.Functions.Voting;

/// <summary>
/// Voting: the ballot rule, the postcode lookup, ballot papers, ballots online (with an account or a code) and on
/// paper, voting codes and the per-ward reconciliation. See docs/adr/0007.
/// </summary>
public static partial class VotingApi
{
    public static IEndpointRouteBuilder MapVoting(this IEndpointRouteBuilder endpoints)
    {
        var scheme = endpoints.MapGroup("/api/schemes/{schemeId}").WithTags("Voting").RequireValidSchemeId();
        scheme.MapGet("/ballot-rule", GetBallotRule).AllowAnonymous();
        scheme.MapPut("/ballot-rule", SetBallotRule).RequireAuthorization(Policies.Admin);
        scheme.MapPut("/postcodes", ImportPostcodes).RequireAuthorization(Policies.Admin)
            .Accepts<string>("text/csv")
            .WithDescription("Body: CSV with a postcode column and a ward column (an ONS postcode directory extract works as it is). Replaces the lookup; a file with any bad row changes nothing and lists every error by line and field.");
        scheme.MapGet("/postcodes/{postcode}", FindWard).AllowAnonymous();
        scheme.MapPost("/receipt-chains/close", CloseChains).RequireAuthorization(Policies.Admin)
            .WithDescription("Closes any receipt chain still open after voting closed (moving to counting closes them all; this finishes the job if that was interrupted). Idempotent.");

        var ward = endpoints.MapGroup("/api/schemes/{schemeId}/wards/{wardCode}").WithTags("Voting").RequireValidSchemeId().RequireValidProposalRoute();
        ward.MapGet("/ballot-paper", GetBallotPaper).AllowAnonymous();
        ward.MapGet("/my-ballot", GetMyBallot).RequireAuthorization(Policies.SignedIn);
        ward.MapPut("/my-ballot", CastAccountBallot).RequireAuthorization(Policies.SignedIn);
        ward.MapPost("/code-ballots", CastCodeBallot).AllowAnonymous();
        ward.MapPost("/paper-ballots", EnterPaperBallot).RequireAuthorization(Policies.AdminOrOfficer);
        ward.MapPost("/code-batches", IssueCodes).RequireAuthorization(Policies.Admin)
            .WithDescription("Issues voting codes for the ward. The answer is the only time the codes exist in clear: JSON by default, or CSV for a mail merge with 'Accept: text/csv'.");
        ward.MapGet("/reconciliation", Reconcile).RequireAuthorization(Policies.Staff);
        ward.MapGet("/receipts", GetReceipts).RequireAuthorization(Policies.AdminOrOfficer)
            .WithDescription("The ward's receipt chains: each chain's tracking codes in order, which are superseded, and its closing hash once voting has closed. This is what the results publish; it never shows a ballot's choices.");
        return endpoints;
    }

    public static async Task<Ok<BallotRuleResponse>> GetBallotRule(string schemeId, VotingSetupStore setup, SchemeStore schemes, CancellationToken cancellationToken)
    {
        var scheme = await schemes.GetAsync(schemeId, cancellationToken) ?? throw new NotFoundException($"There is no scheme with the id '{schemeId}'.");
        return TypedResults.Ok(new BallotRuleResponse(await setup.GetBallotRuleAsync(schemeId, cancellationToken), scheme.Phase >= SchemePhase.Voting));
    }

    public static async Task<Results<Ok<BallotRuleResponse>, ValidationProblem>> SetBallotRule(
        string schemeId, BallotRule rule, VotingSetupStore setup, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = rule.Validate();
        if (!errors.IsValid)
        {
            return ProblemResults.Invalid(errors);
        }

        var stored = await setup.SetBallotRuleAsync(schemeId, rule, CurrentUser.From(context.User), cancellationToken);
        await publish.EnqueueAsync(schemeId, "ballot rule set", cancellationToken);
        return TypedResults.Ok(new BallotRuleResponse(stored, false));
    }

    public static async Task<Results<Ok<PostcodeImportOutcome>, ProblemHttpResult>> ImportPostcodes(
        string schemeId, HttpRequest request, VotingSetupStore setup, SchemeStore schemes, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } contentType || !contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                "Send the postcode lookup as CSV with the header 'Content-Type: text/csv'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The postcode lookup must be CSV.");
        }

        if (await schemes.GetAsync(schemeId, cancellationToken) is null)
        {
            return ProblemResults.NotFound($"There is no scheme with the id '{schemeId}'.");
        }

        var text = await WardsApi.ReadLimitedAsync(request, PostcodeWardCsvReader.MaxBytes, cancellationToken);
        if (text is null)
        {
            return TypedResults.Problem(
                $"The file is larger than {PostcodeWardCsvReader.MaxBytes / 1024 / 1024} MiB. Keep only the postcode and ward columns.",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The postcode lookup is too large.");
        }

        var wards = (await schemes.GetWardsAsync(schemeId, cancellationToken)).Select(w => w.Code).ToHashSet(StringComparer.Ordinal);
        var result = PostcodeWardCsvReader.Read(new StringReader(text), wards);
        if (!result.IsValid)
        {
            var errors = new ValidationErrors();
            foreach (var error in result.Errors)
            {
                errors.Add(error.Line > 0 ? $"line {error.Line}.{error.Field}" : error.Field, error.ToString());
            }

            return ProblemResults.Refused(errors, $"The postcode lookup has problems ({result.Errors.Count} listed); nothing was imported.");
        }

        return TypedResults.Ok(await setup.ImportPostcodesAsync(schemeId, result.Postcodes, CurrentUser.From(request.HttpContext.User), cancellationToken));
    }

    public static async Task<Results<Ok<PostcodeWardResponse>, ProblemHttpResult>> FindWard(
        string schemeId, string postcode, VotingSetupStore setup, SchemeStore schemes, CancellationToken cancellationToken)
    {
        var normalised = ProposalDetails.NormalisePostcode(postcode);
        if (normalised is null)
        {
            return ProblemResults.NotFound($"'{Truncate(postcode)}' is not a full UK postcode, like LS1 4AP.");
        }

        var wardCode = await setup.FindWardAsync(schemeId, normalised, cancellationToken);
        var ward = wardCode is null ? null : (await schemes.GetWardsAsync(schemeId, cancellationToken)).FirstOrDefault(w => w.Code == wardCode);
        return ward is null
            ? ProblemResults.NotFound($"{normalised} is not in any ward of this scheme.")
            : TypedResults.Ok(new PostcodeWardResponse(normalised, ward.Code, ward.Name));
    }

    public static async Task<Ok<ChainsClosedResponse>> CloseChains(string schemeId, SchemeStore schemes, BallotStore ballots, HttpContext context, CancellationToken cancellationToken)
    {
        var scheme = await schemes.GetAsync(schemeId, cancellationToken) ?? throw new NotFoundException($"There is no scheme with the id '{schemeId}'.");
        if (scheme.Phase < SchemePhase.Counting)
        {
            throw new PhaseException("Voting is still open or has not started; the receipt chains close when the scheme moves to counting.");
        }

        var wards = await schemes.GetWardsAsync(schemeId, cancellationToken);
        var closed = await ballots.CloseChainsAsync(schemeId, [.. wards.Select(w => w.Code)], CurrentUser.From(context.User), cancellationToken);
        return TypedResults.Ok(new ChainsClosedResponse(schemeId, closed));
    }

    public static async Task<Ok<BallotPaperResponse>> GetBallotPaper(string schemeId, string wardCode, VotingSetupStore setup, CancellationToken cancellationToken)
    {
        var paper = await RequirePaperAsync(setup, schemeId, wardCode, cancellationToken);
        return TypedResults.Ok(new BallotPaperResponse(
            paper.SchemeId, paper.SchemeName, paper.WardCode, paper.WardName, paper.BudgetPence, paper.Rule, paper.Rule.Describe(paper.BudgetPence),
            paper.IsOpen, paper.Phase.ToString(), paper.Options));
    }

    public static async Task<Results<Ok<MyBallotResponse>, ProblemHttpResult>> GetMyBallot(
        string schemeId, string wardCode, BallotStore ballots, VotingSetupStore setup, IOptions<VotingOptions> options, HttpContext context, CancellationToken cancellationToken)
    {
        var paper = await RequirePaperAsync(setup, schemeId, wardCode, cancellationToken);
        var user = CurrentUser.From(context.User);
        var ballot = await ballots.GetBallotAsync(schemeId, wardCode, VoterKeys.ForAccount(options.Value.SecretBytes(), schemeId, user.Id), cancellationToken);
        return ballot is null
            ? ProblemResults.NotFound($"You have not voted in {paper.WardName} with your account.")
            : TypedResults.Ok(new MyBallotResponse(schemeId, wardCode, ballot.Choices, ballot.TrackingCode, TrackingCodes.Display(ballot.TrackingCode), ballot.SubmittedAt, ballot.Changes, paper.IsOpen));
    }

    /// <summary>A signed-in resident votes, or changes their vote, in the ward their postcode is in.</summary>
    public static async Task<Results<Created<ReceiptResponse>, Ok<ReceiptResponse>, ValidationProblem, ProblemHttpResult>> CastAccountBallot(
        string schemeId, string wardCode, BallotRequest request, BallotStore ballots, VotingSetupStore setup, IOptions<VotingOptions> options, HttpContext context, CancellationToken cancellationToken)
    {
        var paper = await RequireOpenPaperAsync(setup, schemeId, wardCode, cancellationToken);
        var user = CurrentUser.From(context.User);
        await RequireEligibleAsync(setup, paper, user, cancellationToken);
        var choices = RequireValid(paper, request.Choices);
        var receipt = await ballots.SubmitAsync(schemeId, wardCode, BallotVoter.Account(VoterKeys.ForAccount(options.Value.SecretBytes(), schemeId, user.Id)), choices, cancellationToken);
        var response = ToResponse(paper, receipt, choices);
        return receipt.Replaced ? TypedResults.Ok(response) : TypedResults.Created($"/api/schemes/{schemeId}/wards/{wardCode}/my-ballot", response);
    }

    /// <summary>Anyone with an unused voting code for the ward votes with it, once.</summary>
    public static async Task<Results<Created<ReceiptResponse>, ValidationProblem, ProblemHttpResult>> CastCodeBallot(
        string schemeId, string wardCode, CodeBallotRequest request, BallotStore ballots, VotingSetupStore setup, WrongCodeLimiter limiter, IOptions<VotingOptions> options, HttpContext context, CancellationToken cancellationToken)
    {
        var paper = await RequireOpenPaperAsync(setup, schemeId, wardCode, cancellationToken);
        var client = ClientAddress(context);
        var wardKey = schemeId + "|" + wardCode;
        if (limiter.Refusal(client, wardKey) is { } refusal)
        {
            context.Response.Headers.RetryAfter = ((int)WrongCodeLimiter.ClientWindow.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many wrong voting codes.");
        }

        if (!VotingCodes.TryNormalise(request.Code, out var code, out var problem))
        {
            limiter.RecordWrongCode(client, wardKey);
            return ProblemResults.Invalid(Error("code", problem));
        }

        var choices = RequireValid(paper, request.Choices);
        try
        {
            var receipt = await ballots.SubmitAsync(schemeId, wardCode, BallotVoter.Code(VoterKeys.ForCode(options.Value.SecretBytes(), schemeId, code), BallotChannel.Code), choices, cancellationToken);
            return TypedResults.Created((string?)null, ToResponse(paper, receipt, choices));
        }
        catch (UnknownCodeException)
        {
            limiter.RecordWrongCode(client, wardKey);
            return ProblemResults.Refused(Error("code", $"That is not a voting code for {paper.WardName}. Check it against your letter, and that you are voting in the ward the letter names."), "The voting code was not recognised.");
        }
    }

    /// <summary>An officer enters one paper ballot, identified by its voting code or its sheet number.</summary>
    public static async Task<Results<Created<ReceiptResponse>, ValidationProblem, ProblemHttpResult>> EnterPaperBallot(
        string schemeId, string wardCode, PaperBallotRequest request, BallotStore ballots, VotingSetupStore setup, IOptions<VotingOptions> options, CancellationToken cancellationToken)
    {
        var paper = await RequireOpenPaperAsync(setup, schemeId, wardCode, cancellationToken);
        var hasCode = !string.IsNullOrWhiteSpace(request.Code);
        var hasSheet = !string.IsNullOrWhiteSpace(request.Sheet);
        if (hasCode == hasSheet)
        {
            return ProblemResults.Invalid(Error("code", "Give the voting code printed on the ballot, or its sheet number, but not both."));
        }

        BallotVoter voter;
        if (hasCode)
        {
            if (!VotingCodes.TryNormalise(request.Code, out var code, out var problem))
            {
                return ProblemResults.Invalid(Error("code", problem));
            }

            voter = BallotVoter.Code(VoterKeys.ForCode(options.Value.SecretBytes(), schemeId, code), BallotChannel.Paper);
        }
        else
        {
            var sheet = request.Sheet!.Trim();
            if (!SheetPattern().IsMatch(sheet))
            {
                return ProblemResults.Invalid(Error("sheet", "A sheet number is 1 to 20 letters, digits or hyphens, as printed on the ballot."));
            }

            voter = BallotVoter.Sheet(VoterKeys.ForSheet(options.Value.SecretBytes(), schemeId, wardCode, sheet.ToUpperInvariant()));
        }

        var choices = RequireValid(paper, request.Choices);
        try
        {
            var receipt = await ballots.SubmitAsync(schemeId, wardCode, voter, choices, cancellationToken);
            return TypedResults.Created((string?)null, ToResponse(paper, receipt, choices));
        }
        catch (UnknownCodeException)
        {
            return ProblemResults.Refused(Error("code", $"That is not a voting code issued for {paper.WardName}. Check the ballot, and that it is for this ward."), "The voting code was not recognised.");
        }
    }

    public static async Task<Results<Created<CodeBatchResponse>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> IssueCodes(
        string schemeId, string wardCode, CodeBatchRequest request, BallotStore ballots, VotingSetupStore setup, IOptions<VotingOptions> options, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Count is < 1 or > VotingOptions.MaxCodesPerBatch)
        {
            return ProblemResults.Invalid(Error("count", $"Issue between 1 and {VotingOptions.MaxCodesPerBatch:N0} codes at a time."));
        }

        var paper = await RequirePaperAsync(setup, schemeId, wardCode, cancellationToken);
        if (paper.Phase > SchemePhase.Voting)
        {
            throw new PhaseException("Voting has closed, so no more codes can be issued.");
        }

        var secret = options.Value.SecretBytes();
        var codes = Enumerable.Range(0, request.Count).Select(_ => VotingCodes.Generate()).Select(c => (c, VoterKeys.ForCode(secret, schemeId, c))).ToList();
        var issued = await ballots.IssueCodesAsync(schemeId, wardCode, codes, CurrentUser.From(context.User), cancellationToken);
        var printed = issued.Codes.Select(VotingCodes.Format).ToList();
        if (context.Request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true))
        {
            var csv = new StringBuilder("code,ward_code,ward_name,batch\r\n");
            foreach (var code in printed)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{code},{paper.WardCode},{CsvField(paper.WardName)},{issued.Batch}\r\n");
            }

            context.Response.Headers.ContentDisposition = $"attachment; filename=\"codes-{schemeId}-{wardCode}-{issued.Batch}.csv\"";
            return TypedResults.Text(csv.ToString(), "text/csv; charset=utf-8", Encoding.UTF8, StatusCodes.Status201Created);
        }

        return TypedResults.Created((string?)null, new CodeBatchResponse(issued.Batch, wardCode, paper.WardName, issued.IssuedAt, printed.Count, printed));
    }

    public static async Task<Ok<WardReconciliation>> Reconcile(
        string schemeId, string wardCode, BallotStore ballots, VotingSetupStore setup, SchemeStore schemes, HttpContext context, CancellationToken cancellationToken)
    {
        await RequirePaperAsync(setup, schemeId, wardCode, cancellationToken);
        await WardAccess.RequireAsync(schemes, schemeId, wardCode, CurrentUser.From(context.User), "see the voting figures for", cancellationToken);
        return TypedResults.Ok(await ballots.ReconcileAsync(schemeId, wardCode, cancellationToken));
    }

    public static async Task<Ok<ReceiptsResponse>> GetReceipts(string schemeId, string wardCode, BallotStore ballots, VotingSetupStore setup, CancellationToken cancellationToken)
    {
        await RequirePaperAsync(setup, schemeId, wardCode, cancellationToken);
        var chains = await ballots.ReadChainsAsync(schemeId, wardCode, cancellationToken);
        return TypedResults.Ok(new ReceiptsResponse(schemeId, wardCode, [.. chains.Select(c => new ReceiptChainResponse(
            c.Partition, c.Genesis, [.. c.Entries.OrderBy(e => e.Position).Select(e => new ReceiptEntryResponse(e.Code, e.Superseded))], c.ClosingHash, c.ClosedAt))]));
    }

    private static async Task<BallotPaper> RequirePaperAsync(VotingSetupStore setup, string schemeId, string wardCode, CancellationToken cancellationToken) =>
        await setup.GetBallotPaperAsync(schemeId, wardCode, cancellationToken)
            ?? throw new NotFoundException($"There is no ward {wardCode} in the scheme '{schemeId}'.");

    private static async Task<BallotPaper> RequireOpenPaperAsync(VotingSetupStore setup, string schemeId, string wardCode, CancellationToken cancellationToken)
    {
        var paper = await RequirePaperAsync(setup, schemeId, wardCode, cancellationToken);
        return paper.Phase switch
        {
            SchemePhase.Voting when paper.Options.Count == 0 => throw new PhaseException($"{paper.WardName} has no projects on its ballot, so there is nothing to vote on."),
            SchemePhase.Voting => paper,
            < SchemePhase.Voting => throw new PhaseException("Voting has not opened yet in this scheme."),
            _ => throw new PhaseException("Voting has closed in this scheme."),
        };
    }

    /// <summary>Refuses (403) a signed-in resident whose account postcode is not in the ballot paper's ward.</summary>
    internal static async Task RequireEligibleAsync(VotingSetupStore setup, BallotPaper paper, CurrentUser user, CancellationToken cancellationToken)
    {
        var postcode = ProposalDetails.NormalisePostcode(user.Postcode);
        if (postcode is null)
        {
            throw new ForbiddenException("Your account does not have a UK postcode, which decides the ward you vote in. Add it to your account, or vote with the code from your letter.");
        }

        var ward = await setup.FindWardAsync(paper.SchemeId, postcode, cancellationToken);
        if (ward is null)
        {
            throw new ForbiddenException($"Your postcode {postcode} is not in any ward of {paper.SchemeName}, so you cannot vote in it with your account.");
        }

        if (ward != paper.WardCode)
        {
            throw new ForbiddenException($"Your postcode {postcode} is not in {paper.WardName} but in another ward ({ward}). You can vote in the ward you live in.");
        }
    }

    private static IReadOnlyList<BallotChoice> RequireValid(BallotPaper paper, BallotChoice[]? choices)
    {
        var errors = Ballots.Check(paper.Rule, paper.Shortlist, paper.BudgetPence, choices);
        return errors.IsValid ? Ballots.Normalise(paper.Rule, choices!) : throw new DomainValidationException(errors);
    }

    private static ReceiptResponse ToResponse(BallotPaper paper, Receipt receipt, IReadOnlyList<BallotChoice> choices) => new(
        paper.SchemeId, paper.WardCode, receipt.TrackingCode, TrackingCodes.Display(receipt.TrackingCode), receipt.At, receipt.Channel, receipt.Replaced,
        Ballots.Summarise(paper.Rule, paper.Shortlist, paper.BudgetPence, choices));

    // Behind Azure's front end the client's address is the last X-Forwarded-For entry, which the platform appends;
    // earlier entries come from the client and could be forged.
    private static string ClientAddress(HttpContext context)
    {
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        var last = forwarded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return last ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    private static ValidationErrors Error(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }

    private static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static string Truncate(string text) => text.Length > 20 ? text[..20] + "…" : text;

    [GeneratedRegex("^[A-Za-z0-9-]{1,20}$")]
    private static partial Regex SheetPattern();
}
