using FsCheck;
using FsCheck.Fluent;
using PBudget.Core.Voting;

namespace PBudget.Core.Tests.Voting;

/// <summary>Properties of voting codes: they read back however they are printed, and the check catches typing mistakes.</summary>
public sealed class VotingCodesProperties
{
    private const string TypingMistake = "That code has a typing mistake: check it against your letter.";

    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    private static void Holds(Gen<string> gen, Action<string> property) =>
        Check.One(Config, Prop.ForAll(Arb.From(gen), property));

    private static string Read(string typed)
    {
        Assert.True(VotingCodes.TryNormalise(typed, out var canonical, out var problem), $"'{typed}': {problem}");
        Assert.Equal("", problem);
        return canonical;
    }

    [Fact]
    public void Generate_ReadsBackAsItselfPlainFormattedAndInLowerCase()
    {
        Holds(Gen.Fresh(VotingCodes.Generate), code =>
        {
            var formatted = VotingCodes.Format(code);

            Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z]$", formatted);
            Assert.Equal(code, Read(code));
            Assert.Equal(code, Read(formatted));
            Assert.Equal(code, Read(formatted.ToLowerInvariant()));
            Assert.Equal(code, Read(code.ToLowerInvariant()));
        });
    }

    [Fact]
    public void TryNormalise_LettersThatLookLikeDigits_ReadAsTheDigits()
    {
        var gen =
            from code in VotingGenerators.Code
            from zero in Gen.Elements('O', 'o', '0')
            from one in Gen.Elements('I', 'i', 'L', 'l', '1')
            select (code, code.Replace('0', zero).Replace('1', one));

        Check.One(Config, Prop.ForAll(Arb.From(gen), pair => Assert.Equal(pair.code, Read(pair.Item2))));
    }

    [Fact]
    public void TryNormalise_EachPayload_HasExactlyOneCheckCharacter()
    {
        Holds(VotingGenerators.Payload, payload =>
        {
            var accepted = VotingCodes.Alphabet.Count(check => VotingCodes.TryNormalise(payload + check, out _, out _));

            Assert.Equal(1, accepted);
        });
    }

    [Fact]
    public void TryNormalise_AnySingleWrongCharacter_IsCaughtByTheCheck()
    {
        Holds(VotingGenerators.Code, code =>
        {
            for (var position = 0; position < code.Length; position++)
            {
                foreach (var wrong in VotingCodes.Alphabet.Where(character => character != code[position]))
                {
                    var typed = string.Concat(code.AsSpan(0, position), wrong.ToString(), code.AsSpan(position + 1));

                    Assert.False(VotingCodes.TryNormalise(typed, out _, out var problem), $"{typed} passed the check ({code} typed wrongly at {position})");
                    Assert.Equal(TypingMistake, problem);
                }
            }
        });
    }

    [Fact]
    public void TryNormalise_AnySwapOfTwoDifferentNeighbours_IsCaughtByTheCheckExceptZeroAndZ()
    {
        // Codes with many 0s and Zs next to other characters, as well as uniform ones.
        var gen = Gen.Frequency(
            (3, VotingGenerators.Code),
            (1, Gen.Elements('0', 'Z', '0', 'Z', 'A', '1').ArrayOf(VotingCodes.RandomCharacters).Select(payload =>
                VotingCodes.Alphabet.Select(check => new string(payload) + check).Single(candidate => VotingCodes.TryNormalise(candidate, out _, out _)))));

        Holds(gen, code =>
        {
            for (var position = 0; position + 1 < code.Length; position++)
            {
                var (left, right) = (code[position], code[position + 1]);
                if (left == right || (left, right) is ('0', 'Z') or ('Z', '0'))
                {
                    continue;
                }

                var swapped = code.ToCharArray();
                (swapped[position], swapped[position + 1]) = (right, left);
                var typed = new string(swapped);

                Assert.False(VotingCodes.TryNormalise(typed, out _, out var problem), $"{typed} passed the check ({code} with {position} and {position + 1} swapped)");
                Assert.Equal(TypingMistake, problem);
            }
        });
    }

    [Fact]
    public void TryNormalise_AnyText_NeverThrows()
    {
        var text = Gen.Frequency(
            (3, ArbMap.Default.GeneratorFor<string>()),
            (1, Gen.Elements("0123456789ABCDEFGHJKMNPQRSTVWXYZ -uUoOiIlL\u0000\ud800é".ToCharArray()).ArrayOf().Select(characters => new string(characters))));

        Check.One(Config.WithMaxTest(1_000), Prop.ForAll(Arb.From(text.OrNull()), typed =>
        {
            var read = VotingCodes.TryNormalise(typed, out var canonical, out var problem);

            Assert.NotNull(canonical);
            Assert.NotNull(problem);
            Assert.True(read ? canonical.Length == VotingCodes.Length && problem.Length == 0 : canonical.Length == 0 && problem.Length > 0);
        }));
    }
}
