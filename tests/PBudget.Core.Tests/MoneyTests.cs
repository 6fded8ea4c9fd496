namespace PBudget.Core.Tests;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(100L, "£1")] // 100p = £1, whole pounds have no decimals
    [InlineData(2_500L, "£25")] // 2,500p = £25
    [InlineData(150L, "£1.50")] // 150p = £1 and 50p: the trailing zero is kept
    [InlineData(5L, "£0.05")] // 5p: a leading zero pound and two-digit pence
    [InlineData(1L, "£0.01")]
    [InlineData(99L, "£0.99")]
    public void FormatPounds_PoundsAndPence_FormatsUkStyle(long pence, string expected)
    {
        Assert.Equal(expected, Money.FormatPounds(pence));
    }

    [Theory]
    [InlineData(123_400L, "£1,234")] // 123,400p = £1,234
    [InlineData(123_456L, "£1,234.56")] // 123,456p = £1,234.56
    [InlineData(100_000_000L, "£1,000,000")] // 10^8 p = £10^6
    [InlineData(100_000_000_000L, "£1,000,000,000")] // the largest pot, £1bn
    [InlineData(123_456_789L, "£1,234,567.89")]
    public void FormatPounds_Thousands_GroupsWithCommas(long pence, string expected)
    {
        Assert.Equal(expected, Money.FormatPounds(pence));
    }

    [Theory]
    [InlineData(-150L, "-£1.50")] // the sign goes before the pound sign
    [InlineData(-100L, "-£1")]
    [InlineData(-5L, "-£0.05")]
    [InlineData(-123_456L, "-£1,234.56")]
    public void FormatPounds_Negative_PutsMinusBeforePoundSign(long pence, string expected)
    {
        Assert.Equal(expected, Money.FormatPounds(pence));
    }

    [Fact]
    public void FormatPounds_Zero_IsZeroPoundsWithoutSign()
    {
        Assert.Equal("£0", Money.FormatPounds(0));
    }

    [Fact]
    public void FormatPounds_LongMinValue_DoesNotOverflow()
    {
        // long.MinValue = -9,223,372,036,854,775,808p = -£92,233,720,368,547,758.08; Math.Abs(long) would throw here.
        Assert.Equal("-£92,233,720,368,547,758.08", Money.FormatPounds(long.MinValue));
    }

    [Fact]
    public void FormatPounds_LongMaxValue_FormatsEveryDigit()
    {
        // long.MaxValue = 9,223,372,036,854,775,807p = £92,233,720,368,547,758.07
        Assert.Equal("£92,233,720,368,547,758.07", Money.FormatPounds(long.MaxValue));
    }
}
