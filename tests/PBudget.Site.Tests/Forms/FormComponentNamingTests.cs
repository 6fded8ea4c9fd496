using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using PBudget.Site.Forms.Components;
using PBudget.Site.Tests.Conformance;

namespace PBudget.Site.Tests.Forms;

/// <summary>Every parameter of the form components, and every field of their option records, is named as in GOV.UK's macro-options.json.</summary>
public sealed class FormComponentNamingTests
{
    public static TheoryData<string> ComponentNames() => new(FormComponentConformanceTests.Components.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ComponentNames))]
    public void Parameters_EveryParameterAndField_IsNamedAsInMacroOptions(string component)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(GovukFixtures.FolderOf(component), "macro-options.json")));
        var type = FormComponentConformanceTests.Components[component];
        var unmatched = new List<string>();
        Check(type.Name, type.GetProperties().Where(p => p.GetCustomAttribute<ParameterAttribute>() is not null), document.RootElement, unmatched);

        Assert.True(unmatched.Count == 0, $"Not named as in {component}/macro-options.json: {string.Join(", ", unmatched)}");
    }

    private static void Check(string owner, IEnumerable<PropertyInfo> properties, JsonElement options, List<string> unmatched)
    {
        foreach (var property in properties)
        {
            var name = property.Name == "ChildContent" ? "caller" : property.Name;
            var option = options.EnumerateArray().FirstOrDefault(o => string.Equals(o.GetProperty("name").GetString(), name, StringComparison.OrdinalIgnoreCase));
            if (option.ValueKind == JsonValueKind.Undefined)
            {
                unmatched.Add($"{owner}.{property.Name}");
                continue;
            }

            var record = RecordTypeOf(property.PropertyType);
            if (record is not null && option.TryGetProperty("params", out var nested))
            {
                Check(owner + "." + property.Name, record.GetProperties(), nested, unmatched);
            }
        }
    }

    private static Type? RecordTypeOf(Type type)
    {
        while (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            type = type.GetGenericArguments()[0];
        }

        return type.Namespace == typeof(RadiosItem).Namespace && !typeof(IComponent).IsAssignableFrom(type) ? type : null;
    }
}
