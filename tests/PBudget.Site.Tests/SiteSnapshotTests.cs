using System.Text.Json;
using System.Text.Json.Nodes;
using PBudget.Site.Tests.Support;

namespace PBudget.Site.Tests;

public sealed class SiteSnapshotTests
{
    [Fact]
    public void Deserialize_SerializedScheme_RoundTripsEveryField()
    {
        var scheme = SampleSites.Awkward("Smith's \"Green\", <East> £ Ŵ");

        var json = SiteSnapshot.Serialize(scheme);
        var read = SiteSnapshot.Deserialize(json);

        Assert.Equal(scheme with { Wards = [] }, read with { Wards = [] });
        Assert.Equal(scheme.Wards, read.Wards);
        Assert.Equal(json, SiteSnapshot.Serialize(read));
    }

    [Fact]
    public void Serialize_Scheme_WritesIndentedCamelCaseWithReadableText()
    {
        var json = SiteSnapshot.Serialize(SampleSites.Riverside());

        Assert.Contains("\n  \"totalBudgetPence\": 23045800,", json, StringComparison.Ordinal);
        Assert.Contains("\"computedPence\": 1975000,", json, StringComparison.Ordinal);
        Assert.Contains("\"adjustmentPence\": 250000", json, StringComparison.Ordinal);
        Assert.Contains("£2 for each resident", json, StringComparison.Ordinal);
        Assert.Contains("\"publishedAt\": \"2026-11-23T09:05:00+00:00\"", json, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BrokenSnapshots()
    {
        var valid = SiteSnapshot.Serialize(SampleSites.Riverside());
        return new()
        {
            { "empty text", "", "The snapshot is empty" },
            { "cut off part way", valid[..200], "not a valid published scheme" },
            { "not JSON at all", "<html>", "line 1" },
            { "the JSON value null", "null", "the JSON value null" },
            { "an array", "[]", "not a valid published scheme" },
            { "a missing field", valid.Replace("\"totalPopulation\": 113849,", "", StringComparison.Ordinal), "totalPopulation" },
            { "a null name", valid.Replace("\"name\": \"Riverside Ward Budgets\"", "\"name\": null", StringComparison.Ordinal), "name" },
            { "text where a number belongs", valid.Replace("\"population\": 12480", "\"population\": \"12480\"", StringComparison.Ordinal), "$.wards[0].population" },
            { "totals that disagree with the wards", valid.Replace("23045800", "23045801", StringComparison.Ordinal), "add up to 23045800 pence" },
            { "a ward that is null", WithFirstWardNull(valid), "ward 1 is missing" },
            { "an unsafe identifier", valid.Replace("\"id\": \"riverside-2026-27\"", "\"id\": \"../riverside\"", StringComparison.Ordinal), "identifier must be lowercase" },
        };
    }

    private static string WithFirstWardNull(string json)
    {
        var scheme = JsonNode.Parse(json)!;
        scheme["wards"]![0] = null;
        return scheme.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(BrokenSnapshots))]
    public void Deserialize_BrokenSnapshot_ThrowsSiteSnapshotExceptionSayingWhatIsWrong(string why, string json, string message)
    {
        var error = Assert.Throws<SiteSnapshotException>(() => SiteSnapshot.Deserialize(json));

        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{why}: {error.Message}");
        Assert.True(error.InnerException is null or JsonException, $"{why}: unexpected inner {error.InnerException?.GetType()}");
    }
}
