using AngleSharp.Html.Parser;
using Microsoft.Extensions.Logging.Abstractions;
using PBudget.Site.Forms;

namespace PBudget.Site.Tests.Forms;

/// <summary>The form page parts the voting pages use: checkboxes, a group of number questions, the live status line and the print button.</summary>
public sealed class BallotFormPageTests
{
    private static readonly Dictionary<string, string> Cost = new(StringComparer.Ordinal) { ["data-cost-pence"] = "1000000" };

    [Fact]
    public async Task RenderAsync_CheckboxesField_TicksTheValuesAndCarriesEachChoicesAttributes()
    {
        var document = await RenderAsync(new FormBlock("/vote", "Continue")
        {
            Fields =
            [
                new CheckboxesField("choices", "Which projects do you vote for?", [new FormChoice("play", "Play area") { Hint = "Costs £10,000.", Attributes = Cost }, new FormChoice("bulbs", "Bulb planting")])
                {
                    Values = ["play"],
                    Error = "Choose at least one project.",
                },
            ],
        });

        var boxes = document.QuerySelectorAll("input[type='checkbox'][name='choices']");
        Assert.Equal(["choices", "choices-2"], boxes.Select(b => b.Id));
        Assert.True(boxes[0].HasAttribute("checked"));
        Assert.False(boxes[1].HasAttribute("checked"));
        Assert.Equal("1000000", boxes[0].GetAttribute("data-cost-pence"));
        Assert.Equal("Which projects do you vote for?", document.QuerySelector("fieldset legend")!.TextContent.Trim());
        Assert.Equal("choices-error", document.QuerySelector("fieldset")!.GetAttribute("aria-describedby"));
        Assert.NotNull(document.QuerySelector(".govuk-form-group--error .govuk-checkboxes"));
    }

    [Fact]
    public async Task RenderAsync_FieldsetField_PutsTheGroupsHintAndErrorOnTheFieldsetAndEachQuestionInside()
    {
        var document = await RenderAsync(new FormBlock("/vote", "Continue")
        {
            Fields =
            [
                new FieldsetField("points", "How many points?", [new TextField("points-play", "Play area") { Value = "6", Inputmode = "numeric", Attributes = new Dictionary<string, string> { ["data-pbudget-points"] = "" } }])
                {
                    Hint = "Share 10 points.",
                    Error = "You gave 11 points; you have 10 to share.",
                },
            ],
        });

        var fieldset = document.QuerySelector("fieldset")!;
        Assert.Equal("points-hint points-error", fieldset.GetAttribute("aria-describedby"));
        Assert.Contains("You gave 11 points", fieldset.QuerySelector("#points-error")!.TextContent, StringComparison.Ordinal);
        var input = fieldset.QuerySelector("input#points-play")!;
        Assert.Equal("6", input.GetAttribute("value"));
        Assert.True(input.HasAttribute("data-pbudget-points"));
        Assert.Equal("Play area", fieldset.QuerySelector("label[for='points-play']")!.TextContent.Trim());
    }

    [Fact]
    public async Task RenderAsync_FormStatus_IsAPoliteLiveRegionBeforeTheButtonWithItsDataAttributes()
    {
        var document = await RenderAsync(new FormBlock("/vote", "Continue")
        {
            Status = new FormStatus("The next page tells you what is left.") { Attributes = new Dictionary<string, string> { ["data-kind"] = "knapsack" } },
        });

        var status = document.QuerySelector("form [role='status']")!;
        Assert.Equal("polite", status.GetAttribute("aria-live"));
        Assert.Equal("knapsack", status.GetAttribute("data-kind"));
        Assert.Equal("The next page tells you what is left.", status.TextContent);
        Assert.Equal("BUTTON", status.NextElementSibling!.TagName);
    }

    [Fact]
    public async Task RenderAsync_PrintButton_IsHiddenUntilAScriptShowsItAndNeverPrinted()
    {
        var document = await new HtmlParser().ParseDocumentAsync(await RenderPageAsync(new FormPageModel { Title = "Receipt", Blocks = [new PrintButtonBlock("Print your receipt")] }));

        var button = document.QuerySelector("button[data-pbudget-print]")!;
        Assert.Equal("button", button.GetAttribute("type"));
        Assert.Contains("govuk-!-display-none", button.ClassList);
        Assert.Contains("govuk-!-display-none-print", button.ClassList);
    }

    [Fact]
    public async Task RenderAsync_ButtonLink_IsAStartButtonLinkWhenAsked()
    {
        var document = await new HtmlParser().ParseDocumentAsync(await RenderPageAsync(new FormPageModel { Title = "Vote", Blocks = [new ButtonLinkBlock("Sign in to vote", "/vote/account") { IsStartButton = true }] }));

        var link = document.QuerySelector("main a.govuk-button--start")!;
        Assert.Equal("/vote/account", link.GetAttribute("href"));
        Assert.Equal("button", link.GetAttribute("role"));
        Assert.Equal("Sign in to vote", link.TextContent.Trim());
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> RenderAsync(FormBlock form) =>
        await new HtmlParser().ParseDocumentAsync(await RenderPageAsync(new FormPageModel { Title = "Ballot", Blocks = [form] }));

    private static async Task<string> RenderPageAsync(FormPageModel model)
    {
        await using var renderer = new FormPageRenderer(NullLoggerFactory.Instance);
        return await renderer.RenderAsync(model);
    }
}
