using PBudget.Core.Wards;

namespace PBudget.Core.Tests.Wards;

public sealed class WardTests
{
    private static List<(string Field, string Message)> Validate(string? code, string? name, long? population, string? area)
    {
        var errors = new List<(string, string)>();
        Ward.Validate(code, name, population, area, (field, message) => errors.Add((field, message)));
        return errors;
    }

    [Theory]
    [InlineData("E05011234")] // England
    [InlineData("W05000001")] // Wales
    [InlineData("S13002345")] // Scotland
    [InlineData("E05000000")]
    [InlineData("E05999999")]
    public void IsValidCode_WardCodes_AreAccepted(string code)
    {
        Assert.True(Ward.IsValidCode(code));
    }

    [Theory]
    [InlineData("E06000001")] // a unitary authority, not a ward
    [InlineData("E14000001")] // a constituency
    [InlineData("W06000001")]
    [InlineData("S12000001")]
    [InlineData("N08000001")] // Northern Ireland wards are not supported
    [InlineData("e05011234")] // lowercase
    [InlineData("E0501123")] // five digits after the prefix
    [InlineData("E050112345")] // seven digits
    [InlineData("E05")]
    [InlineData("")]
    [InlineData(" E05011234")]
    [InlineData("E05011234 ")]
    [InlineData("E05O11234")] // letter O for zero
    [InlineData("E05٠١١٢٣٤")] // Arabic-Indic digits are not [0-9]
    public void IsValidCode_OtherStrings_AreRejected(string code)
    {
        Assert.False(Ward.IsValidCode(code));
    }

    [Fact]
    public void IsValidCode_Null_IsRejected()
    {
        Assert.False(Ward.IsValidCode(null));
    }

    [Theory]
    [InlineData("E05011234\n")]
    [InlineData("W05000001\n")]
    public void IsValidCode_TrailingNewline_IsRejected(string code)
    {
        // Bug check: "$" in a .NET regex also matches before a final "\n", so the pattern ^…$ lets this through.
        Assert.False(Ward.IsValidCode(code));
    }

    [Fact]
    public void Validate_ValidWard_ReportsNothing()
    {
        Assert.Empty(Validate("E05011234", "Abbey", 12_480, "Central"));
    }

    [Fact]
    public void Validate_NoAreaAndLimits_ReportsNothing()
    {
        // 100-character name, population 0 and 1,000,000 are all within the limits.
        Assert.Empty(Validate("E05011234", new string('x', 100), 0, null));
        Assert.Empty(Validate("E05011234", "Abbey", 1_000_000, new string('y', 100)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_MissingCode_AsksForIt(string? code)
    {
        Assert.Equal([("code", "Enter the ward code, for example E05011234.")], Validate(code, "Abbey", 1, null));
    }

    [Fact]
    public void Validate_BadCode_QuotesTheCode()
    {
        Assert.Equal(
            [("code", "'E06000001' is not a ward code: it must be E05, W05 or S13 followed by six digits, for example E05011234.")],
            Validate("E06000001", "Abbey", 1, null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Validate_MissingName_AsksForIt(string? name)
    {
        Assert.Equal([("name", "Enter the ward name.")], Validate("E05011234", name, 1, null));
    }

    [Fact]
    public void Validate_NameTooLong_SaysTheLimit()
    {
        Assert.Equal([("name", "The ward name must be 100 characters or fewer.")], Validate("E05011234", new string('x', 101), 1, null));
    }

    [Theory]
    [InlineData("Abbey\nWest")]
    [InlineData("Abbey\tWest")]
    [InlineData("Abbey\u0000")]
    public void Validate_NameWithControlCharacter_IsRefused(string name)
    {
        Assert.Equal([("name", "The ward name must not contain control characters.")], Validate("E05011234", name, 1, null));
    }

    [Fact]
    public void Validate_NoPopulation_AsksForAWholeNumber()
    {
        Assert.Equal([("population", "Enter the population as a whole number.")], Validate("E05011234", "Abbey", null, null));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(1_000_001L)]
    [InlineData(long.MinValue)]
    public void Validate_PopulationOutOfRange_SaysTheRange(long population)
    {
        Assert.Equal([("population", "The population must be between 0 and 1,000,000.")], Validate("E05011234", "Abbey", population, null));
    }

    [Fact]
    public void Validate_AreaTooLong_SaysTheLimit()
    {
        Assert.Equal([("area", "The area name must be 100 characters or fewer.")], Validate("E05011234", "Abbey", 1, new string('a', 101)));
    }

    [Fact]
    public void Validate_AreaWithControlCharacter_IsRefused()
    {
        Assert.Equal([("area", "The area name must not contain control characters.")], Validate("E05011234", "Abbey", 1, "North\r\nSide"));
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEachFieldInOrder()
    {
        var fields = Validate("X", null, -5, new string('a', 101)).Select(error => error.Field);

        Assert.Equal(["code", "name", "population", "area"], fields);
    }

    [Fact]
    public void Validate_NullCallback_Throws()
    {
        Assert.Throws<ArgumentNullException>("error", () => Ward.Validate("E05011234", "Abbey", 1, null, null!));
    }
}
