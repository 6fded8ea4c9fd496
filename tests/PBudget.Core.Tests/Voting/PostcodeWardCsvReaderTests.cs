using System.Globalization;
using System.Text;
using PBudget.Core.Voting;

namespace PBudget.Core.Tests.Voting;

public sealed class PostcodeWardCsvReaderTests
{
    private static readonly HashSet<string> SchemeWards = new(["E05000001", "E05000002", "E05000003"], StringComparer.Ordinal);

    private static PostcodeFileResult Read(string csv) => PostcodeWardCsvReader.Read(new StringReader(csv), SchemeWards);

    private static List<string> Lines(PostcodeFileResult result) => [.. result.Errors.Select(error => error.ToString())];

    [Fact]
    public void Read_ValidFile_ReturnsNormalisedPostcodesInOrder()
    {
        var result = Read("""
            postcode,ward
            ls1 4ap,E05000001
            LS14AP ,E05000001
            M1 1AA,E05000002
            "SW1A  1AA",E05000003
            B1 1BB,E05000002
            """);

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal(
            [
                new PostcodeWard("B1 1BB", "E05000002"),
                new PostcodeWard("LS1 4AP", "E05000001"),
                new PostcodeWard("M1 1AA", "E05000002"),
                new PostcodeWard("SW1A 1AA", "E05000003"),
            ],
            result.Postcodes);
    }

    [Theory]
    [InlineData("postcode,ward")]
    [InlineData("POSTCODE,WARD")]
    [InlineData("pcd,ward_code")]
    [InlineData("pcds,Ward Code")]
    [InlineData("pcd7,wardcode")]
    [InlineData("pcd8,osward")]
    [InlineData("pcds,WD24CD")]
    [InlineData("pcds,wd23cd")]
    public void Read_HeaderAliases_AreMatchedWithoutRegardToCase(string header)
    {
        var result = Read(header + "\nLS1 4AP,E05000001\n");

        Assert.Equal([new PostcodeWard("LS1 4AP", "E05000001")], result.Postcodes);
    }

    [Fact]
    public void Read_OnsPostcodeDirectoryExtract_FindsColumnsByNameAndIgnoresTheRest()
    {
        // The ONS Postcode Directory lists pcd (7 characters, padded), pcd2 and pcds, and the ward as osward.
        var result = Read("""
            pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish
            M1  1AA,M1   1AA,M1 1AA,198001,,E99999999,E99999999,E08000003,E05000002,E43000157
            LS1 4AP,LS1  4AP,LS1 4AP,199906,,E99999999,E99999999,E08000035,E05000001,E43000214
            """);

        Assert.Equal([new PostcodeWard("LS1 4AP", "E05000001"), new PostcodeWard("M1 1AA", "E05000002")], result.Postcodes);
    }

    [Fact]
    public void Read_LookupWithOtherCodeColumns_TakesTheWardColumn()
    {
        // LAD24CD is the local authority, not the ward; WD24NM is the ward's name.
        var result = Read("PCDS,LAD24CD,WD24NM,WD24CD\nLS1 4AP,E08000035,Little London,E05000001\n");

        Assert.Equal([new PostcodeWard("LS1 4AP", "E05000001")], result.Postcodes);
    }

    [Fact]
    public void Read_ExactAliasBeatsOnsSuffix()
    {
        var result = Read("WD24CD,postcode,ward\nE05000003,LS1 4AP,E05000001\n");

        Assert.Equal("E05000001", Assert.Single(result.Postcodes).WardCode);
    }

    [Fact]
    public void Read_WardCodeWithSpaces_IsTrimmedAndComparedOrdinally()
    {
        var result = Read("postcode,ward\nLS1 4AP,\" E05000001 \"\nM1 1AA,e05000002\n");

        Assert.Equal(["Line 3, ward: 'e05000002' is not one of this scheme's wards."], Lines(result));
    }

    [Fact]
    public void Read_SchemeWardCodesWithSpaces_AreTrimmedToo()
    {
        var result = PostcodeWardCsvReader.Read(new StringReader("postcode,ward\nLS1 4AP,E05000001\n"), new HashSet<string>([" E05000001 "]));

        Assert.Equal([new PostcodeWard("LS1 4AP", "E05000001")], result.Postcodes);
    }

    [Fact]
    public void Read_SamePostcodeTwiceInTheSameWard_IsKeptOnce()
    {
        var result = Read("postcode,ward\nLS1 4AP,E05000001\nls14ap,E05000001\nM1 1AA,E05000002\n");

        Assert.Equal([new PostcodeWard("LS1 4AP", "E05000001"), new PostcodeWard("M1 1AA", "E05000002")], result.Postcodes);
    }

    [Fact]
    public void Read_SamePostcodeInTwoWards_NamesTheEarlierLine()
    {
        var result = Read("postcode,ward\nLS1 4AP,E05000001\nM1 1AA,E05000002\nls1 4ap,E05000003\n");

        Assert.Empty(result.Postcodes);
        Assert.Equal(
            ["Line 4, postcode: Postcode LS1 4AP is in ward E05000001 on line 2 and in ward E05000003 here; a postcode can be in only one ward."],
            Lines(result));
    }

    [Theory]
    [InlineData("LS1", "'LS1' is not a full UK postcode, like LS1 4AP.")]
    [InlineData("12345", "'12345' is not a full UK postcode, like LS1 4AP.")]
    [InlineData("LS1 4AP X", "'LS1 4AP X' is not a full UK postcode, like LS1 4AP.")]
    [InlineData("", "Enter the postcode.")]
    public void Read_BadPostcode_IsReportedOnItsLine(string postcode, string message)
    {
        var result = Read($"postcode,ward\nM1 1AA,E05000002\n\"{postcode}\",E05000001\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "postcode", message), (error.Line, error.Field, error.Message));
        Assert.Empty(result.Postcodes);
    }

    [Theory]
    [InlineData("E05000009", "'E05000009' is not one of this scheme's wards.")]
    [InlineData("Abbey", "'Abbey' is not one of this scheme's wards.")]
    [InlineData("", "Enter the ward code.")]
    [InlineData("   ", "Enter the ward code.")]
    public void Read_WardNotInScheme_IsReportedOnItsLine(string ward, string message)
    {
        var result = Read($"postcode,ward\nLS1 4AP,\"{ward}\"\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "ward", message), (error.Line, error.Field, error.Message));
    }

    [Fact]
    public void Read_MissingWardField_AsksForIt()
    {
        Assert.Equal(["Line 2, ward: Enter the ward code."], Lines(Read("postcode,ward\nLS1 4AP\n")));
    }

    [Fact]
    public void Read_EveryBadRow_IsReportedInOnePassAndNoPostcodesReturned()
    {
        var result = Read("""
            postcode,ward
            LS1 4AP,E05000001
            nonsense,E05000001
            M1 1AA,E05000009
            LS1 4AP,E05000002
            B1 "1BB,E05000001
            XX,W05999999
            SW1A 1AA,E05000003
            """);

        Assert.False(result.IsValid);
        Assert.Empty(result.Postcodes);
        Assert.Equal(
            [(3, "postcode"), (4, "ward"), (5, "postcode"), (6, "row"), (7, "postcode"), (7, "ward")],
            result.Errors.Select(error => (error.Line, error.Field)));
        Assert.Equal(
            "Line 6, row: The row has a stray or unclosed quote: put quotes around the whole field and double any quote inside it.",
            Lines(result)[3]);
    }

    [Fact]
    public void Read_BlankLines_AreSkippedAndCounted()
    {
        var result = Read("postcode,ward\n\nLS1 4AP,E05000001\n,\n   \nM1 1AA,E05000009\n");

        Assert.Equal(["Line 6, ward: 'E05000009' is not one of this scheme's wards."], Lines(result));
    }

    [Fact]
    public void Read_CrLfLineEndings_ReadAsLf()
    {
        var result = Read("postcode,ward\r\nLS1 4AP,E05000001\r\nM1 1AA,E05000002\r\n");

        Assert.Equal(2, result.Postcodes.Count);
    }

    [Fact]
    public void Read_EmptyFile_SaysSoOnLineOne()
    {
        Assert.Equal(["Line 1, header: The file is empty. The first line must be a header: postcode,ward."], Lines(Read("")));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData(",,\n")]
    public void Read_BlankFirstLine_IsTreatedAsEmpty(string csv)
    {
        var error = Assert.Single(Read(csv).Errors);

        Assert.Equal((1, "header"), (error.Line, error.Field));
        Assert.StartsWith("The file is empty.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postcode,ward")]
    [InlineData("postcode,ward\n\n\n")]
    public void Read_HeaderOnly_SaysThereAreNoPostcodes(string csv)
    {
        var result = Read(csv);

        Assert.Empty(result.Postcodes);
        Assert.Equal(["Line 2, row: The file has a header but no postcodes."], Lines(result));
    }

    [Fact]
    public void Read_MissingWardColumn_NamesItWhatWasFoundAndWhatIsAccepted()
    {
        var result = Read("postcode,district\nLS1 4AP,Leeds\n");

        Assert.Equal(
            [
                "Line 1, header: The header has no ward column. Found: postcode, district. Expected a postcode column "
                + "(postcode, pcd, pcds, pcd7 or pcd8) and a ward column (ward, ward_code, osward or an ONS code such as WD24CD).",
            ],
            Lines(result));
    }

    [Fact]
    public void Read_MissingBothColumns_NamesEach()
    {
        var error = Assert.Single(Read("code,name\nE05000001,Abbey\n").Errors);

        Assert.StartsWith("The header has no postcode or ward column. Found: code, name.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WardNameColumnOnly_IsNotTakenForTheCode()
    {
        var error = Assert.Single(Read("pcds,WD24NM\nLS1 4AP,Little London\n").Errors);

        Assert.StartsWith("The header has no ward column.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ExactlyMaxErrors_ReportsThemAllWithNoSummary()
    {
        var result = Read(BadFile(PostcodeWardCsvReader.MaxErrors));

        Assert.Equal(PostcodeWardCsvReader.MaxErrors, result.Errors.Count);
        Assert.All(result.Errors, error => Assert.Equal("ward", error.Field));
    }

    [Fact]
    public void Read_ManyBadLines_ReportsMaxErrorsThenHowManyMoreLines()
    {
        var result = Read(BadFile(PostcodeWardCsvReader.MaxErrors + 57));

        Assert.Empty(result.Postcodes);
        Assert.Equal(PostcodeWardCsvReader.MaxErrors + 1, result.Errors.Count);
        Assert.Equal((2, "ward"), (result.Errors[0].Line, result.Errors[0].Field));
        Assert.Equal(PostcodeWardCsvReader.MaxErrors + 1, result.Errors[^2].Line);
        Assert.Equal("file: And 57 more lines have errors.", result.Errors[^1].ToString());
    }

    [Fact]
    public void Read_OneLineOverTheCap_UsesTheSingular()
    {
        var result = Read(BadFile(PostcodeWardCsvReader.MaxErrors + 1));

        Assert.Equal("file: And 1 more line has errors.", result.Errors[^1].ToString());
    }

    [Fact]
    public void Read_LineWithTwoErrorsAtTheCap_StopsAtMaxErrors()
    {
        // 99 lines with one error each, then lines with two: the 100th error is the first of line 101's two.
        var csv = new StringBuilder(BadFile(PostcodeWardCsvReader.MaxErrors - 1));
        csv.Append("bad,bad\nbad,bad\nbad,bad\n");

        var result = Read(csv.ToString());

        Assert.Equal(PostcodeWardCsvReader.MaxErrors + 1, result.Errors.Count);
        Assert.Equal((101, "postcode"), (result.Errors[^2].Line, result.Errors[^2].Field));
        Assert.Equal("file: And 2 more lines have errors.", result.Errors[^1].ToString());
    }

    [Fact]
    public void Read_LargeValidFile_IsRead()
    {
        var csv = new StringBuilder("pcds,wd24cd\n");
        var expected = new List<string>();
        for (var i = 0; i < 20_000; i++)
        {
            var postcode = string.Create(CultureInfo.InvariantCulture, $"LS{i / 1000 + 1} {i % 10}{(char)('A' + (i / 10 % 26))}{(char)('A' + (i / 260 % 4))}");
            csv.Append(CultureInfo.InvariantCulture, $"{postcode},E0500000{i % 3 + 1}\n");
            expected.Add(postcode);
        }

        var result = Read(csv.ToString());

        Assert.True(result.IsValid, string.Join("\n", Lines(result).Take(3)));
        Assert.Equal(expected.Distinct().Order(StringComparer.Ordinal), result.Postcodes.Select(row => row.Postcode));
    }

    [Fact]
    public void Read_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("reader", () => PostcodeWardCsvReader.Read(null!, SchemeWards));
        Assert.Throws<ArgumentNullException>("schemeWardCodes", () => PostcodeWardCsvReader.Read(new StringReader(""), null!));
    }

    [Theory]
    [InlineData(3, "postcode", "Bad.", "Line 3, postcode: Bad.")]
    [InlineData(0, "file", "And 2 more lines have errors.", "file: And 2 more lines have errors.")]
    public void PostcodeFileError_ToString_ReadsLineFieldMessage(int line, string field, string message, string expected)
    {
        Assert.Equal(expected, new PostcodeFileError(line, field, message).ToString());
    }

    // A header and then lines, each with a good postcode and a ward that is not in the scheme.
    private static string BadFile(int lines)
    {
        var text = new StringBuilder("postcode,ward\n");
        for (var i = 0; i < lines; i++)
        {
            text.Append("LS1 4AP,E05999999\n");
        }

        return text.ToString();
    }
}
