using System.Reflection;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging.Abstractions;
using PBudget.Site.Components;
using PBudget.Site.Pipeline;

namespace PBudget.Site.Tests.Conformance;

/// <summary>
/// Each component renders the same HTML as GOV.UK Frontend's Nunjucks macro for every one of GOV.UK's own
/// examples, compared as HTML (attribute order, class order and whitespace do not matter).
/// </summary>
public sealed class ComponentConformanceTests
{
    public static IEnumerable<TheoryDataRow<string, string>> Fixtures() => GovukFixtures.All();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Render_GovukFixture_MatchesFixtureHtml(string component, string fixtureName)
    {
        var fixture = GovukFixtures.Find(component, fixtureName);
        var deviation = GovukFixtures.Deviations.GetValueOrDefault(component);
        var parameters = FixtureParameters.For(GovukFixtures.Components[component], fixture, deviation?.IgnoredOptions ?? []);

        await using var renderer = new PageRenderer(NullLoggerFactory.Instance);
        var actual = await renderer.RenderAsync(GovukFixtures.Components[component], parameters);
        var expected = Expected(fixture, deviation);

        var differences = HtmlComparison.Differences(expected, actual);

        Assert.True(
            differences.Count == 0,
            $"{component} / '{fixtureName}' differs from GOV.UK Frontend in {differences.Count} place(s): " +
            string.Join("; ", differences.Select(d => d.Result + " " + d.Target)) +
            $"\nExpected:\n{expected}\nActual:\n{actual}");
    }

    [Fact]
    public void Skipped_EachEntry_NamesAFixtureThatExists()
    {
        foreach (var (component, fixture) in GovukFixtures.Skipped.Keys)
        {
            Assert.Contains(GovukFixtures.Load(component), f => f.Name == fixture);
        }
    }

    [Fact]
    public void Components_EveryGovukComponentInTheLibrary_HasItsFixturesTested()
    {
        var library = typeof(SkipLink).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(SkipLink).Namespace && t.IsPublic && typeof(IComponent).IsAssignableFrom(t) && t != typeof(HeadingElement))
            .ToHashSet();

        Assert.Equal(library.OrderBy(t => t.Name), GovukFixtures.Components.Values.OrderBy(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(ComponentNames))]
    public void Parameters_EveryParameterAndField_IsNamedAsInMacroOptions(string component)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(GovukFixtures.FolderOf(component), "macro-options.json")));
        var unmatched = new List<string>();
        var type = GovukFixtures.Components[component];
        var parameters = type.GetProperties().Where(p => p.GetCustomAttribute<ParameterAttribute>() is not null);
        CheckNames(type.Name, parameters, document.RootElement, unmatched, []);

        Assert.True(unmatched.Count == 0, $"Not named as in {component}/macro-options.json: {string.Join(", ", unmatched)}");
    }

    public static TheoryData<string> ComponentNames() => new(GovukFixtures.Components.Keys.Order(StringComparer.Ordinal));

    private static void CheckNames(string owner, IEnumerable<PropertyInfo> properties, JsonElement options, List<string> unmatched, HashSet<Type> seen)
    {
        foreach (var property in properties)
        {
            var name = property.Name == "ChildContent" ? "caller" : property.Name;

            // An option can be listed more than once (slots.end is a string or an object); their fields are pooled.
            var matches = options.EnumerateArray()
                .Where(o => string.Equals(o.GetProperty("name").GetString(), name, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (matches.Count == 0)
            {
                unmatched.Add($"{owner}.{property.Name}");
                continue;
            }

            var record = RecordTypeOf(property.PropertyType);
            if (record is not null && seen.Add(record))
            {
                var nested = matches.SelectMany(m => m.TryGetProperty("params", out var p) ? p.EnumerateArray() : Enumerable.Empty<JsonElement>()).ToList();
                using var pooled = JsonDocument.Parse(JsonSerializer.Serialize(nested));
                CheckNames(record.Name, record.GetProperties().Where(p => p.DeclaringType == record && p.GetMethod!.IsStatic is false), pooled.RootElement, unmatched, seen);
            }
        }
    }

    /// <summary>The option record a property holds, directly or in a (nested) list; null for plain values.</summary>
    private static Type? RecordTypeOf(Type type)
    {
        while (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            type = type.GetGenericArguments()[0];
        }

        return type.Namespace == typeof(SkipLink).Namespace && !typeof(IComponent).IsAssignableFrom(type) ? type : null;
    }

    private static string Expected(Fixture fixture, Deviation? deviation)
    {
        if (deviation is null)
        {
            return fixture.Html;
        }

        var document = new HtmlParser().ParseDocument($"<body>{fixture.Html}</body>");
        foreach (var selector in deviation.RemovedFromExpected)
        {
            foreach (var element in document.Body!.QuerySelectorAll(selector).ToList())
            {
                element.Remove();
            }
        }

        return document.Body!.InnerHtml;
    }
}
