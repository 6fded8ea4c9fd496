using FsCheck;
using FsCheck.Fluent;
using PBudget.Core.Voting;

namespace PBudget.Core.Tests.Voting;

public sealed class VoterKeysTests
{
    private static readonly byte[] Secret = [.. Enumerable.Range(1, 32).Select(value => (byte)value)];

    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly Gen<byte[]> Secrets =
        from length in Gen.Choose(32, 64)
        from bytes in Gen.Choose(0, 255).Select(value => (byte)value).ArrayOf(length)
        select bytes;

    private static readonly Gen<string> Texts = Gen.Elements("a", "b", "riverside-2026-27", "E05011234", "7d0c5a52", "x|y", "", "é")
        .ArrayOf().Select(parts => string.Concat(parts));

    [Fact]
    public void ForAccount_IsLowercaseHexHmacAndRepeatable()
    {
        var key = VoterKeys.ForAccount(Secret, "riverside-2026-27", "user-1");

        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.Equal(key, VoterKeys.ForAccount([.. Secret], "riverside-2026-27", "user-1"));
    }

    [Fact]
    public void Keys_OfDifferentKindsForTheSameText_Differ()
    {
        var keys = new[]
        {
            VoterKeys.ForAccount(Secret, "riverside", "E05011234"),
            VoterKeys.ForCode(Secret, "riverside", "E05011234"),
            VoterKeys.ForSheet(Secret, "riverside", "E05011234", ""),
        };

        Assert.Equal(3, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    public void Keys_ShortSecret_Throws(int length)
    {
        var secret = new byte[length];

        Assert.Throws<ArgumentException>("secret", () => VoterKeys.ForAccount(secret, "s", "u"));
        Assert.Throws<ArgumentException>("secret", () => VoterKeys.ForCode(secret, "s", "c"));
        Assert.Throws<ArgumentException>("secret", () => VoterKeys.ForSheet(secret, "s", "w", "1"));
    }

    [Fact]
    public void Keys_NullSecret_Throws()
    {
        Assert.Throws<ArgumentNullException>("secret", () => VoterKeys.ForAccount(null!, "s", "u"));
    }

    [Theory]
    [InlineData("00", 0)]
    [InlineData("0f", 15)]
    [InlineData("10", 0)]
    [InlineData("ff", 15)]
    [InlineData("a7ffffff", 7)]
    public void PartitionOf_IsTheFirstByteModuloPartitions(string key, int expected)
    {
        Assert.Equal(expected, VoterKeys.PartitionOf(key));
    }

    [Fact]
    public void PartitionOf_EmptyKey_Throws()
    {
        Assert.Throws<ArgumentException>("voterKey", () => VoterKeys.PartitionOf(""));
    }

    [Fact]
    public void Keys_DifferBySecret()
    {
        var gen = Secrets.Two().Where(pair => !pair.Item1.AsSpan().SequenceEqual(pair.Item2)).Zip(Texts.Two());

        Check.One(Config, Prop.ForAll(Arb.From(gen), input =>
        {
            var ((secret, otherSecret), (scheme, text)) = input;

            Assert.NotEqual(VoterKeys.ForAccount(secret, scheme, text), VoterKeys.ForAccount(otherSecret, scheme, text));
            Assert.NotEqual(VoterKeys.ForCode(secret, scheme, text), VoterKeys.ForCode(otherSecret, scheme, text));
            Assert.NotEqual(VoterKeys.ForSheet(secret, scheme, text, "1"), VoterKeys.ForSheet(otherSecret, scheme, text, "1"));
        }));
    }

    [Fact]
    public void Keys_DifferByInput()
    {
        var gen = Secrets.Zip(Texts.Four().Where(texts => (texts.Item1, texts.Item2) != (texts.Item3, texts.Item4)));

        Check.One(Config, Prop.ForAll(Arb.From(gen), input =>
        {
            var (secret, (scheme, text, otherScheme, otherText)) = input;
            // "|" inside a part can make two different pairs read the same ("a|", "b" and "a", "|b"); such pairs are the
            // same text to the HMAC, so they are left out rather than asserted to differ.
            if ($"{scheme}|{text}" == $"{otherScheme}|{otherText}")
            {
                return;
            }

            Assert.NotEqual(VoterKeys.ForAccount(secret, scheme, text), VoterKeys.ForAccount(secret, otherScheme, otherText));
            Assert.NotEqual(VoterKeys.ForCode(secret, scheme, text), VoterKeys.ForCode(secret, otherScheme, otherText));
            Assert.NotEqual(VoterKeys.ForSheet(secret, scheme, "E05011234", text), VoterKeys.ForSheet(secret, otherScheme, "E05011234", otherText));
        }));
    }

    [Fact]
    public void PartitionOf_AnyKey_IsWithinRange()
    {
        var gen = Secrets.Zip(Texts);

        Check.One(Config.WithMaxTest(1_000), Prop.ForAll(Arb.From(gen), input =>
        {
            var partition = VoterKeys.PartitionOf(VoterKeys.ForAccount(input.Item1, "riverside", input.Item2));

            Assert.InRange(partition, 0, VoterKeys.Partitions - 1);
        }));
    }

    [Fact]
    public void PartitionOf_ManyKeys_UseEveryPartition()
    {
        var partitions = Enumerable.Range(0, 1_000)
            .Select(i => VoterKeys.PartitionOf(VoterKeys.ForAccount(Secret, "riverside", "user-" + i)))
            .ToHashSet();

        Assert.Equal(Enumerable.Range(0, VoterKeys.Partitions), partitions.Order());
    }
}
