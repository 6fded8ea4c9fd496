using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using PBudget.Core.Validation;
using PBudget.Functions.Storage;
using PBudget.Site.Forms;

namespace PBudget.Functions.Forms;

/// <summary>What the resident and staff form endpoints share: rendering a page, the anti-forgery field, and refusals.</summary>
public static class FormPages
{
    /// <summary>Registers the renderer the form pages use.</summary>
    public static IServiceCollection AddPBudgetForms(this IServiceCollection services) =>
        services.AddSingleton(provider => new FormPageRenderer(provider.GetRequiredService<ILoggerFactory>()));

    internal static async Task<ContentHttpResult> PageAsync(HttpContext context, FormPageModel model, int status = StatusCodes.Status200OK)
    {
        var renderer = context.RequestServices.GetRequiredService<FormPageRenderer>();
        var html = await renderer.RenderAsync(model);

        // Answers and tokens are on these pages: never keep them in a shared or back-button cache.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>The anti-forgery field for a form on the page being rendered.</summary>
    internal static FormToken Token(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken!);
    }

    /// <summary>Whether the exception is one of the store's explicit refusals, which a form page explains instead of failing.</summary>
    internal static bool IsRefusal(Exception exception) =>
        exception is PhaseException or ForbiddenException or NotFoundException or ConcurrencyException or PreconditionException or AlreadyExistsException or DomainValidationException;

    /// <summary>A plain page explaining a refusal, with the status the JSON API would give.</summary>
    internal static Task<ContentHttpResult> RefusalAsync(HttpContext context, Exception refusal, string backText, string backHref)
    {
        var (status, title) = refusal switch
        {
            PhaseException => (StatusCodes.Status409Conflict, "You cannot do that now"),
            ForbiddenException => (StatusCodes.Status403Forbidden, "You cannot do that"),
            NotFoundException => (StatusCodes.Status404NotFound, "Page not found"),
            PreconditionException => (StatusCodes.Status412PreconditionFailed, "Someone else changed this"),
            DomainValidationException => (StatusCodes.Status422UnprocessableEntity, "That cannot be done"),
            _ => (StatusCodes.Status409Conflict, "Someone else changed this"),
        };
        var messages = refusal is DomainValidationException invalid
            ? invalid.Errors.ToDictionary().SelectMany(pair => pair.Value).ToList()
            : [refusal.Message];
        return PageAsync(context, new FormPageModel
        {
            Title = title,
            Blocks = [.. messages.Select(m => (FormPageBlock)new ParagraphBlock(m)), new LinksBlock([new FormLink(backText, backHref)])],
        }, status);
    }

    /// <summary>Every message of every field, each linked to the field that owns it.</summary>
    internal static List<FormPageError> Errors(ValidationErrors errors, Func<string, string?> fieldId) =>
        errors.ToDictionary().SelectMany(pair => pair.Value.Select(message => new FormPageError(fieldId(pair.Key), message))).ToList();

    /// <summary>The first message for a field, if it has one.</summary>
    internal static string? ErrorFor(IDictionary<string, string[]> errors, string field) =>
        errors.TryGetValue(field, out var messages) && messages.Length > 0 ? messages[0] : null;
}
