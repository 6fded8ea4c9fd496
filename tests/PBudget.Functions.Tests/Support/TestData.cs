using System.Net.Http.Json;
using System.Text;

namespace PBudget.Functions.Tests.Support;

/// <summary>Schemes and ward lists for tests, with budgets worked out by hand in the comments.</summary>
public static class TestData
{
    // £2 a head, minimum £15,000, whole pounds rounded down; moves within an area, at most 25% from the rule's amount.
    public static object SchemeRequest(string id) => new
    {
        id,
        name = "Test Borough Ward Budgets",
        financialYear = "2026-27",
        budgetRule = new { pencePerHead = 200, minimumPerWardPence = 1_500_000, roundingUnit = "Pound", roundingDirection = "Down" },
        adjustments = new { scope = "WithinArea", maxChangePercent = 25 },
    };

    // Budgets: E05000001 12,480 × £2 = £24,960; E05000002 9,875 × £2 = £19,750;
    // E05000003 7,034 × £2 = £14,068 → minimum £15,000; E05000004 10,000 × £2 = £20,000.
    public const string WardsCsv = """
        code,name,population,area
        E05000001,Abbey,12480,Central
        E05000002,Castle,9875,Central
        E05000003,Hillside,7034,North
        E05000004,"Kingsmead, East",10000,North
        """;

    public static string NewSchemeId() => "s" + Guid.NewGuid().ToString("N")[..16];

    public static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    /// <summary>Creates a scheme and imports <see cref="WardsCsv"/> as the admin; returns the scheme id.</summary>
    public static async Task<string> CreateSchemeWithWardsAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        var id = NewSchemeId();
        (await admin.PostAsJsonAsync("/api/schemes", SchemeRequest(id), cancellationToken)).EnsureSuccessStatusCode();
        (await admin.PutAsync($"/api/schemes/{id}/wards", Csv(WardsCsv), cancellationToken)).EnsureSuccessStatusCode();
        return id;
    }
}
