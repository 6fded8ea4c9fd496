using System.Globalization;
using System.Text;
using PBudget.Core.Wards;

namespace PBudget.Core.Tests.Wards;

public sealed class WardCsvReaderTests
{
    private static WardFileResult Read(string csv) => WardCsvReader.Read(new StringReader(csv));

    private static List<string> Lines(WardFileResult result) => [.. result.Errors.Select(error => error.ToString())];

    [Fact]
    public void Read_ValidFile_ReturnsEveryWardInFileOrder()
    {
        var result = Read(""""
            code,name,population,area
            E05000001,Abbey,12480,Central
            E05000002,"Castle, Old Town",9875,Central
            W05000003,"Bryn ""The Hill""",0,West
            """");

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal(
            [
                new Ward("E05000001", "Abbey", 12_480, "Central"),
                new Ward("E05000002", "Castle, Old Town", 9_875, "Central"),
                new Ward("W05000003", "Bryn \"The Hill\"", 0, "West"),
            ],
            result.Wards);
    }

    [Fact]
    public void Read_SurroundingWhitespace_IsTrimmed()
    {
        var result = Read("code , name , population\n E05000001 , Abbey Road ,  120 \n");

        Assert.Equal([new Ward("E05000001", "Abbey Road", 120, null)], result.Wards);
    }

    [Theory]
    [InlineData("code,name,population,area")]
    [InlineData("CODE,NAME,POPULATION,AREA")]
    [InlineData("Ward_Code,Ward_Name,Pop,Area_Name")]
    [InlineData("ward code,ward name,residents,area name")]
    [InlineData("WardCode,WardName,Population,Locality")]
    public void Read_HeaderAliases_AreMatchedWithoutRegardToCase(string header)
    {
        var result = Read(header + "\nE05000001,Abbey,100,Central\n");

        Assert.Equal([new Ward("E05000001", "Abbey", 100, "Central")], result.Wards);
    }

    [Theory]
    [InlineData("WD24CD,WD24NM,population")]
    [InlineData("wd23cd,wd23nm,Population")]
    public void Read_OnsLookupHeaders_AreUnderstood(string header)
    {
        var result = Read(header + "\nE05000001,Abbey,100\n");

        Assert.Equal([new Ward("E05000001", "Abbey", 100, null)], result.Wards);
    }

    [Fact]
    public void Read_OnsLookupWithOtherColumns_FindsColumnsByNameNotPosition()
    {
        // An ONS lookup also carries the local authority's code and name (LAD24CD, LAD24NM), which must not be taken for the ward's.
        var result = Read("""
            FID,LAD24CD,LAD24NM,WD24NM,WD24CD,Population
            1,E06000001,Hartlepool,Burn Valley,E05008942,6000
            """);

        Assert.Equal([new Ward("E05008942", "Burn Valley", 6_000, null)], result.Wards);
    }

    [Fact]
    public void Read_ExactAliasBeatsOnsSuffix()
    {
        // "code" is an exact match, so it wins over WD24CD even though WD24CD comes first.
        var result = Read("WD24CD,code,name,population\nE05000009,E05000001,Abbey,100\n");

        Assert.Equal("E05000001", Assert.Single(result.Wards).Code);
    }

    [Theory]
    [InlineData("\"12,480\"", 12_480L)]
    [InlineData("\"1,000,000\"", 1_000_000L)]
    [InlineData("12480", 12_480L)]
    [InlineData("0", 0L)]
    public void Read_PopulationWithThousandsSeparators_IsParsed(string population, long expected)
    {
        var result = Read($"code,name,population\nE05000001,Abbey,{population}\n");

        Assert.Equal(expected, Assert.Single(result.Wards).Population);
    }

    [Fact]
    public void Read_NoAreaColumnOrBlankArea_GivesNullArea()
    {
        var withoutColumn = Read("code,name,population\nE05000001,Abbey,100\n");
        var blank = Read("code,name,population,area\nE05000001,Abbey,100,\nE05000002,Castle,200,  \nE05000003,Dale,300\n");

        Assert.Null(Assert.Single(withoutColumn.Wards).Area);
        Assert.All(blank.Wards, ward => Assert.Null(ward.Area));
        Assert.Equal(3, blank.Wards.Count);
    }

    [Fact]
    public void Read_BlankLines_AreSkippedAndLaterLineNumbersCountThem()
    {
        // Line 1 header, 2 a ward, 3 and 4 blank, 5 a ward, 6 blank, 7 a ward with no name.
        var result = Read("code,name,population\nE05000001,Abbey,100\n\n   \nE05000002,Castle,200\n\nE05000003,,300\n");

        Assert.Equal(["Line 7, name: Enter the ward name."], Lines(result));
    }

    [Fact]
    public void Read_BlankLinesAroundValidRows_AreSkipped()
    {
        var result = Read("code,name,population\n\nE05000001,Abbey,100\n,,\n\nE05000002,Castle,200\n\n");

        Assert.Equal(["E05000001", "E05000002"], result.Wards.Select(ward => ward.Code));
    }

    [Fact]
    public void Read_EveryBadRow_IsReportedWithLineAndFieldInOnePassAndNoWardsReturned()
    {
        var result = Read("""
            code,name,population,area
            E05000001,Abbey,100,Central
            E06000002,Castle,200,Central
            E05000003,,300,Central
            E05000004,Dale,lots,Central
            E05000005,Elm,-5,Central
            E05000001,Ford,600,Central
            E05000007,Gr"ove,700,Central
            E05000008,Heath,800,Central
            """);

        Assert.False(result.IsValid);
        Assert.Empty(result.Wards);
        Assert.Equal(
            [(3, "code"), (4, "name"), (5, "population"), (6, "population"), (7, "code"), (8, "row")],
            result.Errors.Select(error => (error.Line, error.Field)));
        Assert.Equal(
            [
                "Line 3, code: 'E06000002' is not a ward code: it must be E05, W05 or S13 followed by six digits, for example E05011234.",
                "Line 4, name: Enter the ward name.",
                "Line 5, population: 'lots' is not a whole number.",
                "Line 7, code: Ward E05000001 is already on line 2; each ward must appear once.",
                "Line 8, row: The row has a stray or unclosed quote: put quotes around the whole field and double any quote inside it.",
            ],
            Lines(result).Where((_, index) => index != 3));
    }

    [Fact]
    public void Read_NegativePopulation_SaysTheAllowedRange()
    {
        // Bug check: "-5" is a whole number, so "'-5' is not a whole number." is wrong; the range message applies.
        var result = Read("code,name,population\nE05000001,Abbey,-5\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "population"), (error.Line, error.Field));
        Assert.Equal("The population must be between 0 and 1,000,000.", error.Message);
    }

    [Fact]
    public void Read_PopulationOverTheLimit_SaysTheAllowedRange()
    {
        var result = Read("code,name,population\nE05000001,Abbey,\"1,000,001\"\n");

        Assert.Equal(["Line 2, population: The population must be between 0 and 1,000,000."], Lines(result));
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("1e3")]
    [InlineData("twelve")]
    [InlineData("99999999999999999999")] // larger than a long
    public void Read_PopulationNotAWholeNumber_QuotesTheText(string population)
    {
        var result = Read($"code,name,population\nE05000001,Abbey,{population}\n");

        Assert.Equal([$"Line 2, population: '{population}' is not a whole number."], Lines(result));
    }

    [Fact]
    public void Read_MissingPopulation_AsksForOne()
    {
        var result = Read("code,name,population\nE05000001,Abbey,\nE05000002,Castle\n");

        Assert.Equal(
            ["Line 2, population: Enter the population as a whole number.", "Line 3, population: Enter the population as a whole number."],
            Lines(result));
    }

    [Fact]
    public void Read_SeveralProblemsInOneRow_ReportsEachField()
    {
        var result = Read("code,name,population\nX,,lots\n");

        // The order of the fields within a row is not part of the contract.
        Assert.Equal(["code", "name", "population"], result.Errors.Select(error => error.Field).Order(StringComparer.Ordinal));
        Assert.All(result.Errors, error => Assert.Equal(2, error.Line));
    }

    [Fact]
    public void Read_DuplicateCode_NamesTheFirstLineEachTime()
    {
        var result = Read("code,name,population\nE05000001,Abbey,1\nE05000001,Abbey,2\nE05000001,Abbey,3\n");

        Assert.Equal(
            [
                "Line 3, code: Ward E05000001 is already on line 2; each ward must appear once.",
                "Line 4, code: Ward E05000001 is already on line 2; each ward must appear once.",
            ],
            Lines(result));
    }

    [Fact]
    public void Read_EmptyFile_SaysSoOnLineOne()
    {
        var result = Read("");

        Assert.Empty(result.Wards);
        Assert.Equal(["Line 1, header: The file is empty. The first line must be a header: code,name,population,area."], Lines(result));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("   \n\n")]
    [InlineData(",,\n")]
    public void Read_BlankFirstLine_IsTreatedAsEmpty(string csv)
    {
        var error = Assert.Single(Read(csv).Errors);

        Assert.Equal((1, "header"), (error.Line, error.Field));
        Assert.StartsWith("The file is empty.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("code,name,population")]
    [InlineData("code,name,population\n")]
    [InlineData("code,name,population\n\n\n")]
    public void Read_HeaderOnly_SaysThereAreNoWards(string csv)
    {
        var result = Read(csv);

        Assert.Empty(result.Wards);
        Assert.Equal(["Line 2, row: The file has a header but no wards."], Lines(result));
    }

    [Fact]
    public void Read_MissingColumn_NamesItAndWhatWasFound()
    {
        var result = Read("code,title,population\nE05000001,Abbey,100\n");

        Assert.Equal(
            ["Line 1, header: The header has no name column. Found: code, title, population. Expected: code,name,population,area."],
            Lines(result));
    }

    [Fact]
    public void Read_SeveralMissingColumns_NamesEach()
    {
        var result = Read("ward,people\nE05000001,100\n");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("The header has no code or name or population column. Found: ward, people.", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Wards);
    }

    [Fact]
    public void Read_NinetyEightWards_IsAccepted()
    {
        var result = Read(WardFile(98));

        Assert.True(result.IsValid);
        Assert.Equal(98, result.Wards.Count);
    }

    [Fact]
    public void Read_NinetyNineWards_IsRefusedForTheWholeFile()
    {
        var result = Read(WardFile(99));

        Assert.Empty(result.Wards);
        var error = Assert.Single(result.Errors);
        Assert.Equal((0, "file"), (error.Line, error.Field));
        // A file-wide error has no line number in its text.
        Assert.Equal("file: The file lists 99 wards; a scheme can hold at most 98.", error.ToString());
    }

    [Fact]
    public void Read_MultiLineQuotedField_LaterRowsKeepTheirPhysicalLineNumbers()
    {
        // Line 1 header; lines 2–3 one record whose area spans two lines (a control character, so an error on
        // line 2, where the record starts); line 4 a ward with no name.
        var result = Read("code,name,population,area\nE05000001,Abbey,100,\"North\nSide\"\nE05000002,,200,South\n");

        Assert.Equal(
            ["Line 2, area: The area name must not contain control characters.", "Line 4, name: Enter the ward name."],
            Lines(result));
    }

    [Fact]
    public void Read_MultiLineQuotedFieldWithCrLf_CountsEachCrLfAsOneLine()
    {
        var result = Read("code,name,population,area\r\nE05000001,Abbey,100,\"North\r\nSide\"\r\nE05000002,,200,South\r\n");

        Assert.Equal([(2, "area"), (4, "name")], result.Errors.Select(error => (error.Line, error.Field)));
    }

    [Fact]
    public void Read_CrLfLineEndings_ReadAsLf()
    {
        var result = Read("code,name,population\r\nE05000001,Abbey,100\r\nE05000002,Castle,200\r\n");

        Assert.Equal(["E05000001", "E05000002"], result.Wards.Select(ward => ward.Code));
    }

    [Fact]
    public void Read_StrayQuote_ReportsTheRowAndCarriesOn()
    {
        // Line 3 has a stray quote inside an unquoted field; line 4 is still read (and is bad: no name).
        var result = Read("code,name,population\nE05000001,Abbey,100\nE05000002,Cas\"tle,200\nE05000003,,300\n");

        Assert.Equal([(3, "row"), (4, "name")], result.Errors.Select(error => (error.Line, error.Field)));
    }

    [Fact]
    public void Read_QuotedCodeWithTrailingNewline_IsRefused()
    {
        // Bug check: the code field holds "E05000001" and a line break (whitespace is not trimmed inside quotes), and
        // Ward.IsValidCode accepts it because "$" matches before a final "\n"; it must not be stored as a ward code.
        var result = Read("code,name,population\n\"E05000001\n\",Abbey,100\n");

        Assert.Empty(result.Wards);
        Assert.Contains(result.Errors, error => error.Field == "code");
    }

    [Fact]
    public void Read_NullReader_Throws()
    {
        Assert.Throws<ArgumentNullException>("reader", () => WardCsvReader.Read(null!));
    }

    [Theory]
    [InlineData(3, "population", "Not a number.", "Line 3, population: Not a number.")]
    [InlineData(12, "code", "Bad.", "Line 12, code: Bad.")]
    [InlineData(0, "file", "Too many.", "file: Too many.")]
    public void WardFileError_ToString_ReadsLineFieldMessage(int line, string field, string message, string expected)
    {
        Assert.Equal(expected, new WardFileError(line, field, message).ToString());
    }

    private static string WardFile(int wards)
    {
        var text = new StringBuilder("code,name,population\n");
        for (var i = 1; i <= wards; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"E05{i:D6},Ward {i},{i * 10}\n");
        }

        return text.ToString();
    }
}
