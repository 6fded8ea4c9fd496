using FsCheck;
using FsCheck.Fluent;
using PBudget.Core.Voting;

namespace PBudget.Core.Tests.Voting;

public sealed class TrackingCodesTests
{
    // Known answers from an independent SHA-256 (Python's hashlib) of the texts the class documents.
    private const string Genesis = "d905d8e9e165f1fb8522e54596be1eb4fbc0a63c9707b871d05f15240457853c"; // pbudget-chain|v1|riverside-2026-27|E05011234|3
    private const string First = "0ba67543dc47ee80c30bbb0da1534726aa08578f4c2c80b30e5c7f39f77b4340"; // {Genesis}|2026-06-01T09:00:00.0000000Z|{Salt}|abc:1;def:2
    private const string Closed = "adfd90da27379fba617f685dadb371828f50bee3bbce3c2fd155c506cf2eee71"; // {First}|closed|2026-06-21T22:00:00.0000000Z

    private const string Salt = "00112233445566778899aabbccddeeff";

    private static readonly DateTimeOffset At = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Genesis_IsTheHashOfTheSchemeWardAndPartition()
    {
        Assert.Equal(Genesis, TrackingCodes.Genesis("riverside-2026-27", "E05011234", 3));
    }

    [Fact]
    public void Next_IsTheHashOfPreviousTimeAndChoices()
    {
        Assert.Equal(First, TrackingCodes.Next(Genesis, At, Salt, [new("abc"), new("def", 2)]));
    }

    [Fact]
    public void Next_SameInstantInAnotherOffset_GivesTheSameCode()
    {
        var inLondonSummerTime = new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.FromHours(1));

        Assert.Equal(First, TrackingCodes.Next(Genesis, inLondonSummerTime, Salt, [new("abc"), new("def", 2)]));
    }

    [Fact]
    public void Close_IsTheHashOfLastAndTime()
    {
        Assert.Equal(Closed, TrackingCodes.Close(First, new DateTimeOffset(2026, 6, 21, 23, 0, 0, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void Next_DependsOnTheSalt_SoACodeCannotBeMatchedToABallotByTryingEveryBallot()
    {
        Assert.NotEqual(First, TrackingCodes.Next(Genesis, At, "00112233445566778899aabbccddeef0", [new("abc"), new("def", 2)]));
        Assert.NotEqual(TrackingCodes.NewSalt(), TrackingCodes.NewSalt());
        Assert.True(TrackingCodes.IsSalt(TrackingCodes.NewSalt()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("00112233445566778899AABBCCDDEEFF")]
    [InlineData("00112233445566778899aabbccddee")]
    [InlineData("00112233445566778899aabbccddeeff|")]
    public void Next_RefusesAMalformedSalt(string salt)
    {
        Assert.Throws<ArgumentException>(nameof(salt), () => TrackingCodes.Next(Genesis, At, salt, [new("abc")]));
    }

    [Fact]
    public void Close_DiffersFromANextWithNoChoices()
    {
        Assert.NotEqual(TrackingCodes.Close(First, At), TrackingCodes.Next(First, At, Salt, []));
    }

    [Fact]
    public void Display_GroupsOfEightInCapitals()
    {
        Assert.Equal(
            "D905D8E9 E165F1FB 8522E545 96BE1EB4 FBC0A63C 9707B871 D05F1524 0457853C",
            TrackingCodes.Display(Genesis));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("abc", "ABC")]
    [InlineData("0123456789", "01234567 89")]
    public void Display_ShortText_GroupsWhatThereIs(string code, string expected)
    {
        Assert.Equal(expected, TrackingCodes.Display(code));
    }

    [Theory]
    [InlineData("a|b", "E05011234", 0)]
    [InlineData("riverside", "E05|011234", 0)]
    [InlineData("", "E05011234", 0)]
    public void Genesis_PartThatCouldBeReadTwoWays_Throws(string schemeId, string wardCode, int partition)
    {
        Assert.ThrowsAny<ArgumentException>(() => TrackingCodes.Genesis(schemeId, wardCode, partition));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(VoterKeys.Partitions)]
    public void Genesis_PartitionOutOfRange_Throws(int partition)
    {
        Assert.Throws<ArgumentOutOfRangeException>(nameof(partition), () => TrackingCodes.Genesis("riverside", "E05011234", partition));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a code")]
    [InlineData("D905D8E9E165F1FB8522E54596BE1EB4FBC0A63C9707B871D05F15240457853C")] // upper case
    [InlineData("d905d8e9e165f1fb8522e54596be1eb4fbc0a63c9707b871d05f15240457853")] // 63 digits
    public void NextAndClose_PreviousNotACode_Throw(string previous)
    {
        Assert.Throws<ArgumentException>(nameof(previous), () => TrackingCodes.Next(previous, At, Salt, [new("abc")]));
        Assert.Throws<ArgumentException>("last", () => TrackingCodes.Close(previous, At));
    }

    [Theory]
    [InlineData("a:b")]
    [InlineData("a;b")]
    [InlineData("a|b")]
    [InlineData("")]
    public void Next_IdThatCouldBeReadTwoWays_Throws(string id)
    {
        Assert.Throws<ArgumentException>("normalisedChoices", () => TrackingCodes.Next(Genesis, At, Salt, [new("ok"), new(id)]));
    }

    [Fact]
    public void IsCode_AcceptsOnlyLowercaseSha256Hex()
    {
        Assert.True(TrackingCodes.IsCode(Genesis));
        Assert.False(TrackingCodes.IsCode(Genesis.ToUpperInvariant()));
        Assert.False(TrackingCodes.IsCode(Genesis[..^1]));
        Assert.False(TrackingCodes.IsCode(null));
    }

    [Fact]
    public void Genesis_DiffersBySchemeWardAndPartition()
    {
        var codes = new[]
        {
            TrackingCodes.Genesis("riverside-2026-27", "E05011234", 3),
            TrackingCodes.Genesis("riverside-2026-28", "E05011234", 3),
            TrackingCodes.Genesis("riverside-2026-27", "E05011235", 3),
            TrackingCodes.Genesis("riverside-2026-27", "E05011234", 4),
        };

        Assert.Equal(codes.Length, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Next_ChangesWhenAnyInputChanges()
    {
        var choices = (from id in Gen.Elements("abc", "def", "ghj", "k2m", "p")
                       from points in Gen.Choose(-2, 20)
                       select new BallotChoice(id, points)).ListOf();
        var gen =
            from seed in Gen.Choose(0, int.MaxValue)
            from ticks in Gen.Choose(0, int.MaxValue).Select(value => value * 1_000L)
            from ballot in choices
            from change in Gen.Choose(0, 5)
            from index in Gen.Choose(0, 1_000)
            from delta in Gen.Choose(1, 1_000)
            select (seed, ticks, ballot.ToArray(), change, index, delta);

        Check.One(Config, Prop.ForAll(Arb.From(gen), input =>
        {
            var (seed, ticks, ballot, change, index, delta) = input;
            var previous = TrackingCodes.Genesis("s" + seed, "E05011234", seed % VoterKeys.Partitions);
            var at = At.AddTicks(ticks);
            var code = TrackingCodes.Next(previous, at, Salt, ballot);
            var (otherPrevious, otherAt, otherBallot) = (previous, at, ballot.ToList());
            var i = ballot.Length == 0 ? 0 : index % ballot.Length;
            switch (change)
            {
                case 0:
                    otherPrevious = TrackingCodes.Next(previous, at, Salt, []);
                    break;
                case 1:
                    otherAt = at.AddTicks(delta);
                    break;
                case 2:
                    otherBallot.Add(new BallotChoice("extra"));
                    break;
                case 3 when ballot.Length > 0:
                    otherBallot[i] = otherBallot[i] with { Points = otherBallot[i].Points + delta };
                    break;
                case 4 when ballot.Length > 0:
                    otherBallot[i] = otherBallot[i] with { ProposalId = otherBallot[i].ProposalId + "x" };
                    break;
                case 5 when ballot.Length > 0:
                    otherBallot.RemoveAt(i);
                    break;
                default:
                    otherBallot.Insert(0, new BallotChoice("first"));
                    break;
            }

            Assert.NotEqual(code, TrackingCodes.Next(otherPrevious, otherAt, Salt, otherBallot));
            Assert.True(TrackingCodes.IsCode(code));
            Assert.Equal(code, TrackingCodes.Next(previous, at, Salt, ballot.ToList()));
        }));
    }

    [Fact]
    public void Next_OrderOfChoicesMatters()
    {
        // The caller normalises first; the chain hashes what it is given.
        Assert.NotEqual(
            TrackingCodes.Next(Genesis, At, Salt, [new("abc"), new("def")]),
            TrackingCodes.Next(Genesis, At, Salt, [new("def"), new("abc")]));
    }
}
