using AngleSharp.Html.Parser;
using Microsoft.Extensions.Logging.Abstractions;
using PBudget.Site.Forms;

namespace PBudget.Site.Tests.Forms;

/// <summary>Form pages as the function app renders them: GOV.UK's question page, error and check answers patterns.</summary>
public sealed class FormPageRendererTests
{
    private static readonly FormPageModel QuestionWithError = new()
    {
        Title = "Estimated cost",
        Caption = "Question 2 of 5",
        Errors = [new FormPageError("estimatedCost", "Enter an estimated cost in pounds, for example 2500.")],
        Blocks =
        [
            new FormBlock("/api/forms/propose", "Continue")
            {
                Token = new FormToken("__RequestVerificationToken", "token-value"),
                Hidden = [new("title", "Benches <for> the park"), new("step", "cost")],
                Fields = [new TextField("estimatedCost", "Cost in pounds") { Value = "lots", Error = "Enter an estimated cost in pounds, for example 2500.", Prefix = "£" }],
            },
        ],
    };

    [Fact]
    public async Task RenderAsync_PageWithErrors_PrefixesTitleAndLinksSummaryToTheField()
    {
        var document = await RenderAsync(QuestionWithError);

        Assert.StartsWith("Error: Estimated cost", document.Title, StringComparison.Ordinal);
        var link = document.QuerySelector(".govuk-error-summary a")!;
        Assert.Equal("#estimatedCost", link.GetAttribute("href"));
        Assert.NotNull(document.QuerySelector("input#estimatedCost.govuk-input--error"));
        Assert.Equal("estimatedCost-error", document.QuerySelector("#estimatedCost")!.GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task RenderAsync_Form_KeepsWhatWasTypedAndCarriesHiddenAnswersAndToken()
    {
        var document = await RenderAsync(QuestionWithError);

        var form = document.QuerySelector("form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("lots", document.QuerySelector("#estimatedCost")!.GetAttribute("value"));
        Assert.Equal("token-value", form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value"));
        Assert.Equal("Benches <for> the park", form.QuerySelector("input[name='title']")!.GetAttribute("value"));
        Assert.Empty(document.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task RenderAsync_PageWithoutErrors_HasNoErrorSummaryAndPlainTitle()
    {
        var document = await RenderAsync(QuestionWithError with { Errors = [] });

        Assert.StartsWith("Estimated cost", document.Title, StringComparison.Ordinal);
        Assert.Null(document.QuerySelector(".govuk-error-summary"));
        Assert.Equal("Question 2 of 5", document.QuerySelector(".govuk-caption-l")!.TextContent);
    }

    [Fact]
    public async Task RenderAsync_CheckAnswers_ChangeButtonsNameTheirRowAndPostTheQuestion()
    {
        var page = new FormPageModel
        {
            Title = "Check your answers",
            Blocks =
            [
                new CheckAnswersBlock(
                    new FormBlock("/api/forms/propose", "Submit proposal") { Hidden = [new("step", "check")] },
                    [new CheckAnswersRow("Estimated cost", "£2,500", "cost", "estimated cost")],
                    "goto"),
            ],
        };

        var document = await RenderAsync(page);

        var change = document.QuerySelector(".govuk-summary-list__actions button")!;
        Assert.Equal("goto", change.GetAttribute("name"));
        Assert.Equal("cost", change.GetAttribute("value"));
        Assert.Equal("Change estimated cost", change.TextContent.Trim());
        Assert.Equal("£2,500", document.QuerySelector(".govuk-summary-list__value")!.TextContent.Trim());
    }

    [Fact]
    public async Task RenderAsync_ConfirmationPanel_ShowsTheReference()
    {
        var document = await RenderAsync(new FormPageModel { Title = "Proposal submitted", Blocks = [new PanelBlock("Proposal submitted", "Your reference is abcdefghjk")] });

        Assert.Equal("Your reference is abcdefghjk", document.QuerySelector(".govuk-panel--confirmation .govuk-panel__body")!.TextContent.Trim());
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> RenderAsync(FormPageModel model)
    {
        await using var renderer = new FormPageRenderer(NullLoggerFactory.Instance);
        return new HtmlParser().ParseDocument(await renderer.RenderAsync(model));
    }
}
