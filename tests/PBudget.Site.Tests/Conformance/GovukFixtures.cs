using System.Text.Json;
using PBudget.Site.Components;
using PBudget.Testing;

namespace PBudget.Site.Tests.Conformance;

/// <summary>
/// GOV.UK Frontend's own examples of each component (<c>fixtures.json</c>, shipped in the npm package), the
/// components here that mirror them, and every fixture a component deliberately does not handle, with why.
/// </summary>
public static class GovukFixtures
{
    private const string FalsyItems = "The fixture puts JavaScript falsy values (false, null, \"\") among the items; typed lists have no such values, so there is nothing to port.";

    /// <summary>Our component for each GOV.UK Frontend component folder.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Components = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["breadcrumbs"] = typeof(Breadcrumbs),
        ["footer"] = typeof(Footer),
        ["inset-text"] = typeof(InsetText),
        ["service-navigation"] = typeof(ServiceNavigation),
        ["skip-link"] = typeof(SkipLink),
        ["summary-list"] = typeof(SummaryList),
        ["table"] = typeof(Table),
        ["tag"] = typeof(Tag),
    };

    /// <summary>Fixtures that are not rendered, by (component, fixture name), with the reason.</summary>
    public static readonly IReadOnlyDictionary<(string Component, string Fixture), string> Skipped = new Dictionary<(string, string), string>
    {
        [("table", "with falsy items")] = FalsyItems,
        [("summary-list", "with falsy values")] = FalsyItems,
        [("service-navigation", "with navigation having empty values")] = FalsyItems,
        [("service-navigation", "with navigation having only empty values")] = FalsyItems,
    };

    /// <summary>
    /// Options a component deliberately leaves out everywhere, with the markup they produce removed from GOV.UK's
    /// expected HTML before comparing. The footer is a council's, not GOV.UK's: no crown and no Crown copyright.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Deviation> Deviations = new Dictionary<string, Deviation>(StringComparer.Ordinal)
    {
        ["footer"] = new(
            "The crown and Crown copyright are for GOV.UK services only; PBudget is a council's service.",
            IgnoredOptions: ["copyright"],
            RemovedFromExpected: ["svg.govuk-footer__crown", ".govuk-footer__meta-item:has(> .govuk-footer__copyright-logo)"]),
    };

    public static string FolderOf(string component) =>
        Path.Combine(RepositoryPaths.NodeModules, "govuk-frontend", "dist", "govuk", "components", component);

    /// <summary>Every fixture of a component, in file order.</summary>
    public static IReadOnlyList<Fixture> Load(string component)
    {
        var path = Path.Combine(FolderOf(component), "fixtures.json");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing. The build installs govuk-frontend with 'npm ci' at the repository root; build the solution first.");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("fixtures").EnumerateArray()
            .Select(f => new Fixture(
                component,
                f.GetProperty("name").GetString()!,
                f.GetProperty("options").Clone(),
                f.GetProperty("html").GetString()!))
            .ToList();
    }

    public static Fixture Find(string component, string name) =>
        Load(component).SingleOrDefault(f => f.Name == name)
        ?? throw new InvalidOperationException($"GOV.UK Frontend has no '{name}' fixture for {component}.");

    /// <summary>One row per fixture of every component; the skipped ones say why.</summary>
    public static IEnumerable<TheoryDataRow<string, string>> All() =>
        Components.Keys.Order(StringComparer.Ordinal).SelectMany(component => Load(component).Select(fixture =>
            new TheoryDataRow<string, string>(component, fixture.Name)
            {
                Skip = Skipped.TryGetValue((component, fixture.Name), out var reason) ? reason : null,
            }));
}

/// <summary>One GOV.UK Frontend example: the macro's options and the HTML it renders.</summary>
public sealed record Fixture(string Component, string Name, JsonElement Options, string Html);

/// <summary>A documented, component-wide difference from GOV.UK Frontend's macro.</summary>
/// <param name="Reason">Why the component differs.</param>
/// <param name="IgnoredOptions">Macro options the component does not take.</param>
/// <param name="RemovedFromExpected">CSS selectors for the markup those options (or the difference) produce.</param>
public sealed record Deviation(string Reason, IReadOnlyList<string> IgnoredOptions, IReadOnlyList<string> RemovedFromExpected);
