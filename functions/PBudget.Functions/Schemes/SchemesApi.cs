using Azure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PBudget.Core.Budgets;
using PBudget.Core.Proposals;
using PBudget.Core.Schemes;
using PBudget.Core.Validation;
using PBudget.Functions.Auth;
using PBudget.Functions.Problems;
using PBudget.Functions.Publishing;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Schemes;

/// <summary>Create, list and read schemes, and change their budget rules.</summary>
public static class SchemesApi
{
    public static RouteGroupBuilder MapSchemes(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/schemes").WithTags("Schemes");
        group.MapGet("/", ListSchemes).RequireAuthorization(Policies.Staff);
        group.MapGet("/{schemeId}", GetScheme).RequireAuthorization(Policies.Staff).RequireValidSchemeId().WithName(nameof(GetScheme));
        group.MapPost("/", CreateScheme).RequireAuthorization(Policies.Admin);
        group.MapPut("/{schemeId}/rules", UpdateRules).RequireAuthorization(Policies.Admin).RequireValidSchemeId();
        group.MapPost("/{schemeId}/phase", MovePhase).RequireAuthorization(Policies.Admin).RequireValidSchemeId();
        group.MapPut("/{schemeId}/phase-dates", SetPhaseDates).RequireAuthorization(Policies.Admin).RequireValidSchemeId();
        return group;
    }

    public static async Task<Ok<SchemeResponse[]>> ListSchemes(SchemeStore store, CancellationToken cancellationToken)
    {
        var schemes = await store.ListAsync(cancellationToken);
        return TypedResults.Ok(schemes.Select(s => s.ToResponse()).ToArray());
    }

    public static async Task<Results<Ok<SchemeResponse>, ProblemHttpResult>> GetScheme(string schemeId, SchemeStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(schemeId, cancellationToken);
        if (stored is null)
        {
            return ProblemResults.NotFound($"There is no scheme with the id '{schemeId}'.");
        }

        response.Headers.ETag = stored.ETag.ToString("H");
        return TypedResults.Ok(stored.ToResponse());
    }

    public static async Task<Results<CreatedAtRoute<SchemeResponse>, ValidationProblem, ProblemHttpResult>> CreateScheme(
        CreateSchemeRequest request, SchemeStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var adjustments = request.Adjustments ?? AdjustmentPolicy.Default;
        var errors = Scheme.Validate(request.Id, request.Name, request.FinancialYear, request.BudgetRule, adjustments);
        if (!errors.IsValid)
        {
            return ProblemResults.Invalid(errors);
        }

        try
        {
            var scheme = new Scheme(request.Id!, request.Name!.Trim(), request.FinancialYear!, request.BudgetRule!, adjustments);
            var stored = await store.CreateAsync(scheme, CurrentUser.From(context.User), cancellationToken);
            context.Response.Headers.ETag = stored.ETag.ToString("H");
            return TypedResults.CreatedAtRoute(stored.ToResponse(), nameof(GetScheme), new { schemeId = scheme.Id });
        }
        catch (AlreadyExistsException exists)
        {
            return ProblemResults.Conflict(exists.Message);
        }
    }

    /// <summary>Changes the rules and recomputes budgets. Send If-Match with the ETag you read to avoid overwriting someone else's change.</summary>
    public static async Task<Results<Ok<SchemeResponse>, ValidationProblem, ProblemHttpResult>> UpdateRules(
        string schemeId, SchemeRulesRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, SchemeStore store, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var adjustments = request.Adjustments ?? AdjustmentPolicy.Default;
        Scheme.ValidateRules(request.BudgetRule, adjustments, errors);
        if (!errors.IsValid)
        {
            return ProblemResults.Invalid(errors);
        }

        try
        {
            var stored = await store.UpdateRulesAsync(schemeId, request.BudgetRule!, adjustments, ifMatch is null ? null : new ETag(ifMatch), CurrentUser.From(context.User), cancellationToken);
            await publish.EnqueueAsync(schemeId, "rules changed", cancellationToken);
            context.Response.Headers.ETag = stored.ETag.ToString("H");
            return TypedResults.Ok(stored.ToResponse());
        }
        catch (ConcurrencyException race)
        {
            return ProblemResults.PreconditionFailed(race.Message);
        }
    }

    /// <summary>
    /// Moves the scheme on to the next phase. Voting cannot open while a ward has a shortlist that is not signed off;
    /// the answer lists those wards.
    /// </summary>
    public static async Task<Results<Ok<SchemeResponse>, ValidationProblem, ProblemHttpResult>> MovePhase(
        string schemeId, PhaseMoveRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, SchemeStore store, ProposalStore proposals, BallotStore ballots, VotingSetupStore setup, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        if (!SchemePhases.TryParse(request.To, out var to))
        {
            var errors = new ValidationErrors();
            errors.Add("to", $"Name the phase to move to: one of {string.Join(", ", Enum.GetNames<SchemePhase>())}.");
            return ProblemResults.Invalid(errors);
        }

        var stored = await store.GetAsync(schemeId, cancellationToken);
        if (stored is null)
        {
            return ProblemResults.NotFound($"There is no scheme with the id '{schemeId}'.");
        }

        if (ifMatch is not null && ifMatch != "*" && new ETag(ifMatch) != stored.ETag)
        {
            return ProblemResults.PreconditionFailed("The scheme has changed since you read it. Read it again and check the move still makes sense.");
        }

        if (to == SchemePhase.Voting)
        {
            var waiting = await WardsAwaitingSignOffAsync(schemeId, store, proposals, cancellationToken);
            if (waiting.Count > 0)
            {
                var errors = new ValidationErrors();
                errors.Add("to", $"Voting cannot open until these wards' shortlists are signed off: {string.Join(", ", waiting)}.");
                return ProblemResults.Refused(errors, "The scheme's rules do not allow this.");
            }

            var unmeetable = await WardsWhoseMinimumCannotBeMetAsync(schemeId, store, proposals, setup, cancellationToken);
            if (unmeetable.Count > 0)
            {
                var errors = new ValidationErrors();
                errors.Add("to", $"Nobody could vote in these wards: no set of shortlisted projects reaches the ballot rule's minimum spend within the budget: {string.Join(", ", unmeetable)}. Lower the minimum first.");
                return ProblemResults.Refused(errors, "The scheme's rules do not allow this.");
            }
        }

        var user = CurrentUser.From(context.User);
        var moved = await store.MovePhaseAsync(schemeId, to, stored.ETag, user, cancellationToken);
        if (to == SchemePhase.Counting)
        {
            // Voting has closed: close every ward's receipt chains, after which no ballot can land.
            var wards = await store.GetWardsAsync(schemeId, cancellationToken);
            await ballots.CloseChainsAsync(schemeId, [.. wards.Select(w => w.Code)], user, cancellationToken);
        }

        await publish.EnqueueAsync(schemeId, "phase moved to " + to, cancellationToken);
        context.Response.Headers.ETag = moved.ETag.ToString("H");
        return TypedResults.Ok(moved.ToResponse());
    }

    /// <summary>Sets the days each phase is planned to start, published so residents can plan. Phases left out have no planned day.</summary>
    public static async Task<Results<Ok<SchemeResponse>, ValidationProblem>> SetPhaseDates(
        string schemeId, PhaseDatesRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, SchemeStore store, PublishRequests publish, HttpContext context, CancellationToken cancellationToken)
    {
        var planned = new Dictionary<SchemePhase, DateOnly>();
        var errors = new ValidationErrors();
        foreach (var (name, day) in request.PlannedStarts ?? [])
        {
            if (SchemePhases.TryParse(name, out var phase))
            {
                planned[phase] = day;
            }
            else
            {
                errors.Add("plannedStarts." + name, $"'{name}' is not a phase: use {string.Join(", ", Enum.GetNames<SchemePhase>())}.");
            }
        }

        foreach (var (field, messages) in PhaseDates.Validate(planned).ToDictionary())
        {
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }

        if (!errors.IsValid)
        {
            return ProblemResults.Invalid(errors);
        }

        var stored = await store.SetPlannedPhaseDatesAsync(schemeId, planned, ifMatch is null ? null : new ETag(ifMatch), CurrentUser.From(context.User), cancellationToken);
        await publish.EnqueueAsync(schemeId, "phase dates changed", cancellationToken);
        context.Response.Headers.ETag = stored.ETag.ToString("H");
        return TypedResults.Ok(stored.ToResponse());
    }

    // Wards that have a shortlist (a feasible proposal within budget) that no one has signed off.
    private static async Task<List<string>> WardsWhoseMinimumCannotBeMetAsync(string schemeId, SchemeStore store, ProposalStore proposals, VotingSetupStore setup, CancellationToken cancellationToken)
    {
        var rule = await setup.GetBallotRuleAsync(schemeId, cancellationToken);
        var wards = (await store.GetWardsAsync(schemeId, cancellationToken)).ToDictionary(w => w.Code, StringComparer.Ordinal);
        return (await proposals.ListSignOffsAsync(schemeId, cancellationToken))
            .Where(s => wards.ContainsKey(s.WardCode) && !Core.Voting.Ballots.MinimumCanBeMet(rule, s.Entries, wards[s.WardCode].BudgetPence))
            .Select(s => $"{wards[s.WardCode].Name} ({s.WardCode})")
            .ToList();
    }

    private static async Task<List<string>> WardsAwaitingSignOffAsync(string schemeId, SchemeStore store, ProposalStore proposals, CancellationToken cancellationToken)
    {
        var wards = await store.GetWardsAsync(schemeId, cancellationToken);
        var byWard = (await proposals.ListAsync(schemeId, cancellationToken)).ToLookup(p => p.Proposal.WardCode, p => p.Proposal, StringComparer.Ordinal);
        var signedOff = (await proposals.ListSignOffsAsync(schemeId, cancellationToken)).Select(s => s.WardCode).ToHashSet(StringComparer.Ordinal);
        return wards
            .Where(w => !signedOff.Contains(w.Code) && Shortlists.For(byWard[w.Code], w.BudgetPence).Count > 0)
            .Select(w => $"{w.Name} ({w.Code})")
            .ToList();
    }
}
