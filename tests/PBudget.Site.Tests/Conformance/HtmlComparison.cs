using AngleSharp.Diffing;
using AngleSharp.Diffing.Core;

namespace PBudget.Site.Tests.Conformance;

/// <summary>Semantic HTML comparison: elements, attributes, classes (in any order) and text (whitespace normalised).</summary>
public static class HtmlComparison
{
    public static IReadOnlyList<IDiff> Differences(string expected, string actual) =>
        DiffBuilder.Compare(expected).WithTest(actual).WithOptions(options => options.AddDefaultOptions()).Build().ToList();
}
