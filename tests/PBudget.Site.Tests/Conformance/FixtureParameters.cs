using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;
using PBudget.Site.Components;

namespace PBudget.Site.Tests.Conformance;

/// <summary>
/// Turns a fixture's macro options into a component's parameters: each option goes to the parameter of the same
/// name, read as that parameter's type. An option with no parameter, or a nested field with no property, fails
/// loudly, so a fixture can never pass by having part of it ignored.
/// </summary>
public static class FixtureParameters
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new MarkupConverter(), new EndSlotConverter() },
    };

    public static ParameterView For(Type component, Fixture fixture, IReadOnlyList<string> ignoredOptions)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(fixture);
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var option in fixture.Options.EnumerateObject())
        {
            if (ignoredOptions.Contains(option.Name))
            {
                continue;
            }

            var property = ParameterFor(component, option.Name)
                ?? throw new InvalidOperationException($"{component.Name} has no parameter for the '{option.Name}' option used by fixture '{fixture.Name}'.");
            parameters[property.Name] = option.Value.Deserialize(property.PropertyType, Json);
        }

        return ParameterView.FromDictionary(parameters);
    }

    /// <summary>The component parameter a macro option maps to; <c>caller</c> is Razor's child content.</summary>
    public static PropertyInfo? ParameterFor(Type component, string option) =>
        component.GetProperties()
            .Where(p => p.GetCustomAttribute<ParameterAttribute>() is not null)
            .SingleOrDefault(p => string.Equals(p.Name, option == "caller" ? "ChildContent" : option, StringComparison.OrdinalIgnoreCase));

    /// <summary>A macro's <c>html</c> options are raw markup; here they become a fragment that writes it as is.</summary>
    private sealed class MarkupConverter : JsonConverter<RenderFragment>
    {
        public override RenderFragment Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var markup = reader.GetString() ?? "";
            return builder => builder.AddMarkupContent(0, markup);
        }

        public override void Write(Utf8JsonWriter writer, RenderFragment value, JsonSerializerOptions options) =>
            throw new NotSupportedException("Fixtures are only read.");
    }

    /// <summary>The service navigation's <c>slots.end</c> is either markup or an object with markup and alignment.</summary>
    private sealed class EndSlotConverter : JsonConverter<ServiceNavigationEndSlot>
    {
        public override ServiceNavigationEndSlot? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                var markup = reader.GetString() ?? "";
                return new ServiceNavigationEndSlot { Html = builder => builder.AddMarkupContent(0, markup) };
            }

            using var document = JsonDocument.ParseValue(ref reader);
            var slot = new ServiceNavigationEndSlot();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var markup = property.Value.GetString() ?? "";
                slot = property.Name switch
                {
                    "html" => slot with { Html = builder => builder.AddMarkupContent(0, markup) },
                    "align" => slot with { Align = markup },
                    _ => throw new JsonException($"slots.end has no '{property.Name}' field in ServiceNavigationEndSlot."),
                };
            }

            return slot;
        }

        public override void Write(Utf8JsonWriter writer, ServiceNavigationEndSlot value, JsonSerializerOptions options) =>
            throw new NotSupportedException("Fixtures are only read.");
    }
}
