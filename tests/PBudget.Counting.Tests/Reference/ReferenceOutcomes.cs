using System.Collections.Concurrent;
using System.Text.Json;
using PBudget.Counting.Elections;
using PBudget.Counting.Pabulib;
using PBudget.Counting.Rules;
using PBudget.Counting.Tests.Support;

namespace PBudget.Counting.Tests.Reference;

/// <summary>
/// What pabutools and the equalshares.net tool computed on the real files, read from reference-outcomes.json (made by
/// running both tools here; the file names each tool's commit), mapped to the PBudget options that define the same rule.
/// </summary>
public static class ReferenceOutcomes
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "reference-outcomes.json"))));

    private static readonly ConcurrentDictionary<string, Election> Elections = new();

    private static readonly ConcurrentDictionary<(string, CountOptions), Lazy<Outcome>> Outcomes = new();

    /// <summary>One reference result that PBudget defines the same rule for.</summary>
    /// <param name="File">The Pabulib file.</param>
    /// <param name="Tool">pabutools or equalshares.</param>
    /// <param name="Description">The reference run, in the JSON's words.</param>
    /// <param name="Options">The PBudget options that define the same rule.</param>
    /// <param name="Winners">The reference winners.</param>
    /// <param name="InSelectionOrder">False where the tool reports its winners sorted (pabutools' Phragmén), so only the set can be compared.</param>
    public sealed record ReferenceCase(string File, string Tool, string Description, CountOptions Options, string[] Winners, bool InSelectionOrder)
    {
        /// <summary>Shown as the theory's name.</summary>
        public override string ToString() => $"{File} {Tool} {Description}";
    }

    public static string PabutoolsCommit => Document.Value.RootElement.GetProperty("pabutools").GetProperty("commit").GetString()!;

    public static string EqualSharesToolCommit => Document.Value.RootElement.GetProperty("equalshares").GetProperty("commit").GetString()!;

    /// <summary>Every finished reference outcome of a rule PBudget defines the same way.</summary>
    public static IEnumerable<ReferenceCase> Cases()
    {
        foreach (var outcome in Document.Value.RootElement.GetProperty("outcomes").EnumerateArray())
        {
            if (outcome.GetProperty("status").GetString() != "ok")
            {
                continue; // The tool did not finish (timeouts) or stopped on an exact tie; nothing to compare.
            }

            var tool = outcome.GetProperty("tool").GetString()!;
            var rule = outcome.GetProperty("rule").GetString()!;
            var satisfaction = outcome.TryGetProperty("satisfaction", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var completion = outcome.GetProperty("completion").GetString()!;
            var notes = outcome.TryGetProperty("notes", out var n) ? n.GetString() ?? "" : "";
            if (Map(tool, rule, satisfaction, completion, notes) is not { } options)
            {
                continue;
            }

            yield return new ReferenceCase(
                outcome.GetProperty("file").GetString()!,
                tool,
                $"{rule} {satisfaction} {completion}".Replace("  ", " ", StringComparison.Ordinal),
                options,
                outcome.GetProperty("winners").EnumerateArray().Select(w => w.GetString()!).ToArray(),
                InSelectionOrder: !(tool == "pabutools" && rule == "phragmen"));
        }
    }

    /// <summary>The file, read once and shared by the cases.</summary>
    public static Election Election(string file) => Elections.GetOrAdd(file, name =>
    {
        using var reader = new StreamReader(PabulibFiles.PathOf(name));
        return PabulibReader.ReadElection(reader).ValueOrThrow();
    });

    /// <summary>PBudget's count of the file, made once however many reference runs share its options.</summary>
    public static Outcome Count(string file, CountOptions options) =>
        Outcomes.GetOrAdd((file, options), key => new Lazy<Outcome>(() => Counter.Count(Election(key.Item1), key.Item2))).Value;

    /// <summary>The PBudget options for a reference run, or null where the reference's rule is not one PBudget defines.</summary>
    private static CountOptions? Map(string tool, string rule, string? satisfaction, string completion, string notes)
    {
        var sat = satisfaction == "cardinality" ? Satisfaction.Cardinality : Satisfaction.Cost;

        // pabutools reads cumulative and ordinal ballots as approvals of every listed project.
        var scores = ScoreBasis.Approvals;
        var tieBreak = TieBreak.Default;
        if (tool == "equalshares")
        {
            // The tool's own reruns with other tie-breaks than pabutools' are not the default rule.
            if (notes.Contains("maxVotes", StringComparison.Ordinal))
            {
                return null;
            }

            var wholeUnits = notes.Contains("add1options=['integral']", StringComparison.Ordinal) && completion != "none";
            return completion switch
            {
                "none" => new CountOptions(CountingRule.EqualShares, sat, Scores: scores),
                "add1" => new CountOptions(CountingRule.EqualShares, sat, Completion.Add1, tieBreak, scores, WholeUnitStart: wholeUnits),
                "add1-then-greedy" => new CountOptions(CountingRule.EqualShares, sat, Completion.Add1ThenGreedy, tieBreak, scores, WholeUnitStart: wholeUnits),
                _ => null,
            };
        }

        return (rule, satisfaction, completion) switch
        {
            ("greedy", "cost", "none") => new CountOptions(CountingRule.Greedy, Scores: scores),
            ("greedy", "cardinality", "none") => new CountOptions(CountingRule.GreedyCardinality, Scores: scores),

            // A points-weighted greedy the reference driver defined: our greedy by the ballots' own points.
            ("greedy", "points", "none") => new CountOptions(CountingRule.Greedy, Scores: ScoreBasis.Ballots),
            ("phragmen", _, "none") => new CountOptions(CountingRule.Phragmen, Scores: scores),
            ("mes", _, "none") => new CountOptions(CountingRule.EqualShares, sat, Scores: scores),
            ("mes", _, "overspend-add1") => new CountOptions(CountingRule.EqualShares, sat, Completion.Add1, Scores: scores),
            ("mes", _, "overspend-add1-then-greedy") => new CountOptions(CountingRule.EqualShares, sat, Completion.Add1ThenGreedy, Scores: scores),

            // pabutools' own increment stops at the first exhaustive outcome: a different completion (COUNTING-NOTES.md).
            _ => null,
        };
    }
}
