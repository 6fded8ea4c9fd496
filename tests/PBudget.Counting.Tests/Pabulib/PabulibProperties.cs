using FsCheck;
using FsCheck.Fluent;
using PBudget.Counting.Elections;
using PBudget.Counting.Pabulib;
using static PBudget.Counting.Tests.Pabulib.PabulibTestSupport;

namespace PBudget.Counting.Tests.Pabulib;

/// <summary>Round trips over generated elections and documents, with ids and text chosen to need quoting; and garbage never throws.</summary>
public sealed class PabulibProperties
{
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(200);

    // Ids that need quoting, look like section names, sort differently as text and numbers, or hold line breaks.
    private static readonly string[] Ids = ["1", "2", "9", "10", "a", "A;B", "q\"uote", " spaced ", "multi\nline", "p\r\nq", "zażółć", "META", "VOTES", "x y", "'", "-"];
    private static readonly string[] Pieces = ["a", "Z", "1", ";", "\"", "\n", "\r\n", "\r", " ", ",", "ł", "\t", "''", "key", "VOTES", "meta"];
    private static readonly string[] ExtraColumns = ["name", "extra", "Ünï", "a;b", "q\"", " padded ", "line\nbreak", "META"];

    private static Gen<string> Text { get; } = Gen.Elements(Pieces).ArrayOf().Select(string.Concat);

    private static Gen<string> NonEmptyText { get; } = Text.Where(text => text.Length > 0);

    private static Gen<long> Amount { get; } = Gen.Frequency(
        (4, Gen.Choose(0, 1_000).Select(value => (long)value)),
        (2, Gen.Choose(0, int.MaxValue).Select(value => value * 4_000_000_000L)),
        (1, Gen.Constant(long.MaxValue)));

    private static Gen<long?> MaybeNumber { get; } = Gen.Frequency(
        (2, Gen.Constant<long?>(null)),
        (1, Gen.Choose(-10, 10_000).Select(value => (long?)value)));

    private static Gen<BallotRules> Rules { get; } =
        from numbers in MaybeNumber.ArrayOf(6)
        select new BallotRules(Positive(numbers[0]), Positive(numbers[1]), Positive(numbers[2]), numbers[3], numbers[4], numbers[5]);

    private static Gen<Election> Elections { get; } =
        from voteType in Gen.Elements(Enum.GetValues<VoteType>())
        from count in Gen.Choose(1, 8)
        from ids in Gen.Shuffle(Ids)
        from costs in Amount.ArrayOf(count)
        from names in NonEmptyText.OrNull().ArrayOf(count)
        from scores in MaybeNumber.ArrayOf(count)
        from selected in Gen.Elements<bool?>(null, true, false).ArrayOf(count)
        from ballots in BallotOf(voteType, count).ArrayOf()
        from emptyVoters in Gen.Choose(0, 3)
        from budget in Amount
        from description in Text.OrNull()
        from rules in Rules
        let projects = Enumerable.Range(0, count).Select(i => new Project(ids[i], costs[i], names[i], scores[i], selected[i])).ToArray()
        select new Election(voteType, budget, projects, ballots, ballots.Sum(ballot => ballot.Weight) + emptyVoters, rules, description);

    private static Gen<KeyValuePair<string, string>[]> MetaPairs { get; } =
        from keys in NonEmptyText.ArrayOf()
        from values in Text.ArrayOf(keys.Length)
        select keys.Select((key, i) => new KeyValuePair<string, string>(key, values[i])).DistinctBy(pair => pair.Key).ToArray();

    private static Gen<PabulibDocument> Documents { get; } =
        from meta in MetaPairs
        from projectColumns in ColumnsWith("project_id", "cost")
        from projectRows in Text.ArrayOf(projectColumns.Length).ArrayOf()
        from voteColumns in ColumnsWith("voter_id", "vote")
        from voteRows in Text.ArrayOf(voteColumns.Length).ArrayOf()
        from newLine in Gen.Elements("\n", "\r\n", "\r")
        select new PabulibDocument(meta, projectColumns, projectRows, voteColumns, voteRows) { NewLine = newLine };

    // Lines of a valid file, broken ones, stray quotes and section names, in any order.
    private static Gen<string> Garbage { get; } =
        from lines in Gen.Elements([.. ValidLines(), "1;12x;a", "\"open", "a;\"b\"c;d", "VOTES", "META", "voter_id;vote;points", "v9;1,1;x", ";;;", "", "\"\"\""]).ArrayOf()
        from newLine in Gen.Elements("\n", "\r\n", "\r")
        from tail in Text
        select string.Join(newLine, lines) + tail;

    [Fact]
    public void WriteElection_ThenReadElection_GivesTheSameElection()
    {
        Check.One(Config, Prop.ForAll(Arb.From(Elections), election =>
        {
            var result = ReadElection(Write(election));

            Assert.True(result.IsValid, Lines(result.Errors));
            AssertSameElection(election, result.Value);
        }));
    }

    [Fact]
    public void FromElection_ThenToElection_GivesTheSameElection()
    {
        Check.One(Config, Prop.ForAll(Arb.From(Elections), election =>
        {
            var result = PabulibDocument.FromElection(election).ToElection();

            Assert.True(result.IsValid, Lines(result.Errors));
            AssertSameElection(election, result.Value);
        }));
    }

    [Fact]
    public void WriteDocument_ThenReadDocument_GivesTheSameDocument()
    {
        Check.One(Config, Prop.ForAll(Arb.From(Documents), document =>
        {
            var text = Write(document);
            var result = ReadDocument(text);

            Assert.True(result.IsValid, Lines(result.Errors));
            Assert.Equal(document, result.Value);
            Assert.Equal(document.NewLine, result.Value.NewLine);
            Assert.Empty(result.Warnings);
            Assert.Equal(text, Write(result.Value));
        }));
    }

    [Fact]
    public void Read_AnyText_NeverThrowsAndErrorsNameRealLines()
    {
        Check.One(Config, Prop.ForAll(Arb.From(Garbage), text =>
        {
            var lineCount = text.Count(c => c == '\n') + text.Count(c => c == '\r') + 1;
            var election = ReadElection(text);
            var document = ReadDocument(text);

            Assert.Equal(election.IsValid, election.Value is not null);
            Assert.All(election.Errors.Concat(election.Warnings).Concat(document.Errors), error => Assert.InRange(error.Line, 0, lineCount));
            Assert.InRange(election.Errors.Count, 0, PabulibReader.MaxReported + 1);
            if (document.IsValid)
            {
                var viaDocument = document.Value.ToElection();
                Assert.Equal(election.IsValid, viaDocument.IsValid);
            }
        }));
    }

    private static long? Positive(long? value) => value is { } number ? Math.Abs(number) : null;

    private static Gen<Ballot> BallotOf(VoteType voteType, int projectCount) =>
        from order in Gen.Shuffle(Enumerable.Range(0, projectCount))
        from length in voteType == VoteType.ChooseOne ? Gen.Constant(1) : Gen.Choose(1, projectCount)
        from points in Gen.Choose(voteType == VoteType.Cumulative ? 0 : -50, 50).Select(value => (long)value).ArrayOf(length)
        from weight in Gen.Frequency((4, Gen.Choose(1, 3)), (1, Gen.Choose(1, 1_000)))
        select new Ballot(order[..length], voteType is VoteType.Cumulative or VoteType.Scoring ? points : null, weight);

    private static Gen<string[]> ColumnsWith(string first, string second) =>
        from extra in Gen.SubListOf(ExtraColumns)
        from order in Gen.Shuffle([first, second, .. extra])
        select order;
}
