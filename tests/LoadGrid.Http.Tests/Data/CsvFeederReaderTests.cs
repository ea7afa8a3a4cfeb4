using LoadGrid.Core.Data;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Http.Tests.Data;

public sealed class CsvFeederReaderTests
{
    [Fact]
    public void Reads_the_header_and_rows_with_rfc4180_quoting()
    {
        const string csv = "name, city ,note\r\n" +
                           "  alice , Paris ,plain\r\n" +
                           "\r\n" +
                           "\"O\"\"Brien\",\"Dublin, IE\", \"two\nlines\" \n" +
                           "   \n" +
                           "bob,,\"\"\n";

        var table = CsvFeederReader.Parse(csv, "users.csv", "users", FeederPick.Unique);

        Assert.Equal(("users", FeederPick.Unique), (table.Name, table.Pick));
        Assert.Equal(["name", "city", "note"], table.Columns);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(["alice", "Paris", "plain"], table.Rows[0]);
        Assert.Equal(["O\"Brien", "Dublin, IE", "two\nlines"], table.Rows[1]);
        Assert.Equal(["bob", "", ""], table.Rows[2]);
    }

    [Fact]
    public void Quoted_fields_keep_their_inner_spaces()
    {
        var table = CsvFeederReader.Parse("a\n\"  padded  \"\n", "x.csv", "x", FeederPick.Sequential);

        Assert.Equal("  padded  ", table.Rows.Single()[0]);
    }

    [Fact]
    public void Reads_a_file_with_a_byte_order_mark()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "id,name\n1,a\n2,b", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

            var table = CsvFeederReader.Read(path, "ids", FeederPick.Random);

            Assert.Equal(["id", "name"], table.Columns);
            Assert.Equal([["1", "a"], ["2", "b"]], table.Rows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_header_alone_gives_no_rows()
    {
        Assert.Empty(CsvFeederReader.Parse("a,b\n", "x.csv", "x", FeederPick.Unique).Rows);
    }

    [Theory]
    [InlineData("", "x.csv:1: the file is empty")]
    [InlineData("\n  \n", "x.csv:1: the file is empty")]
    [InlineData("a,b\n1,2,3\n", "x.csv:2: 3 field(s), but the header has 2")]
    [InlineData("a,b\n1,2\n\n4\n", "x.csv:4: 1 field(s), but the header has 2")]
    [InlineData("a,,b\n", "x.csv:1: the header has an empty column name")]
    [InlineData("a,b,a\n", "x.csv:1: column 'a' appears twice")]
    [InlineData("a\n\"open\n", "x.csv:2: a quoted field is never closed")]
    [InlineData("a,b\n\"x\"y,2\n", "x.csv:2: unexpected 'y' after a closing quote")]
    public void Bad_files_are_rejected_with_the_line(string csv, string expected)
    {
        var error = Assert.Throws<FormatException>(() => CsvFeederReader.Parse(csv, "x.csv", "x", FeederPick.Unique));

        Assert.StartsWith(expected, error.Message);
    }
}
