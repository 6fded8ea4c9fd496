using Microsoft.Extensions.Logging.Abstractions;
using PBudget.Site.Forms.Components;
using PBudget.Site.Pipeline;
using PBudget.Site.Tests.Conformance;

namespace PBudget.Site.Tests.Forms;

/// <summary>
/// The form components render the same HTML as GOV.UK Frontend's macros for GOV.UK's own examples, compared as HTML.
/// Every fixture of each component runs; the ones that use options the components do not take are listed with why.
/// </summary>
public sealed class FormComponentConformanceTests
{
    private const string Interruption = "PBudget's panel is the confirmation variant only; the interruption variant and its actions are not needed.";

    private const string NotAString = "The fixture gives a number or false where the option is text or markup; typed parameters have no such values.";

    /// <summary>Our component for each GOV.UK Frontend component folder.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Components = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["button"] = typeof(Button),
        ["checkboxes"] = typeof(Checkboxes),
        ["error-message"] = typeof(ErrorMessage),
        ["error-summary"] = typeof(ErrorSummary),
        ["fieldset"] = typeof(Fieldset),
        ["hint"] = typeof(Hint),
        ["input"] = typeof(Input),
        ["label"] = typeof(Label),
        ["panel"] = typeof(Panel),
        ["radios"] = typeof(Radios),
        ["textarea"] = typeof(Textarea),
    };

    /// <summary>Fixtures not rendered, by (component, fixture), with the reason.</summary>
    public static readonly IReadOnlyDictionary<(string Component, string Fixture), string> Unsupported = new Dictionary<(string, string), string>
    {
        [("button", "attributes")] = NotAString,
        [("button", "link attributes")] = NotAString,
        [("checkboxes", "attributes")] = NotAString,
        [("checkboxes", "classes")] = NotAString,
        [("checkboxes", "empty conditional")] = NotAString,
        [("checkboxes", "items with attributes")] = NotAString,
        [("checkboxes", "label with attributes")] = NotAString,
        [("checkboxes", "with checked item")] = NotAString,
        [("checkboxes", "with falsy values")] = "The fixture puts JavaScript falsy values (false, null, \"\") among the items; typed lists have no such values.",
        [("checkboxes", "with fieldset describedBy")] = NotAString,
        [("checkboxes", "with idPrefix")] = NotAString,
        [("input", "zero value")] = NotAString,
        [("radios", "with empty conditional")] = NotAString,
        [("radios", "with falsy items")] = "The fixture puts JavaScript falsy values (null, false) among the items; typed lists have no such values.",
        [("panel", "confirmation, with actions")] = Interruption,
        [("panel", "interruption")] = Interruption,
        [("panel", "interruption, button link")] = Interruption,
        [("panel", "interruption, no actions")] = Interruption,
        [("panel", "interruption, no actions items")] = Interruption,
        [("panel", "interruption, submit action")] = Interruption,
        [("panel", "interruption, with actions classes and attributes")] = Interruption,
        [("panel", "interruption with custom classes")] = Interruption,
        [("panel", "interruption-with-content-with-long-line-length")] = Interruption,
        [("panel", "interruption-with-headings-content-and-lists")] = Interruption,
    };

    public static IEnumerable<TheoryDataRow<string, string>> Fixtures() =>
        Components.Keys.Order(StringComparer.Ordinal).SelectMany(component => GovukFixtures.Load(component).Select(fixture =>
            new TheoryDataRow<string, string>(component, fixture.Name)
            {
                Skip = Unsupported.TryGetValue((component, fixture.Name), out var reason) ? reason : null,
            }));

    [Fact]
    public void Unsupported_EachEntry_NamesAFixtureThatExists()
    {
        foreach (var (component, fixture) in Unsupported.Keys)
        {
            Assert.Contains(GovukFixtures.Load(component), f => f.Name == fixture);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Render_GovukFixture_MatchesFixtureHtml(string component, string fixtureName)
    {
        var fixture = GovukFixtures.Find(component, fixtureName);
        var parameters = FixtureParameters.For(Components[component], fixture, []);

        await using var renderer = new PageRenderer(NullLoggerFactory.Instance);
        var actual = await renderer.RenderAsync(Components[component], parameters);
        var differences = HtmlComparison.Differences(fixture.Html, actual);

        Assert.True(
            differences.Count == 0,
            $"{component} / '{fixtureName}' differs from GOV.UK Frontend in {differences.Count} place(s): " +
            string.Join("; ", differences.Select(d => d.Result + " " + d.Target)) +
            $"\nExpected:\n{fixture.Html}\nActual:\n{actual}");
    }
}
