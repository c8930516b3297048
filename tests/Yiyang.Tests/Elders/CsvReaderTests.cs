using System.Text;
using Yiyang.Modules.Elders.Import;

namespace Yiyang.Tests.Elders;

public sealed class CsvReaderTests
{
    static CsvReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static List<(int Line, string[] Fields)> Parse(string text) => CsvReader.Parse(text).ToList();

    /// <summary>The file as the importer reads it: UTF-8, and GBK when the bytes are not UTF-8.</summary>
    private static string Decode(byte[] bytes, out string encoding)
    {
        using var stream = new MemoryStream(bytes);
        try
        {
            using var utf8 = CsvReader.Open(stream, gbk: false, out encoding);
            return utf8.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            using var gbk = CsvReader.Open(stream, gbk: true, out encoding);
            return gbk.ReadToEnd();
        }
    }

    [Fact]
    public void Plain_rows_are_split_on_commas()
    {
        var rows = Parse("姓名,电话\n张三,13812345678\n");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["张三", "13812345678"], rows[1].Fields);
        Assert.Equal(2, rows[1].Line);
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_doubled_quotes_and_line_breaks()
    {
        var rows = Parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\"\r\nlast,row,here");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["x, y", "say \"hi\"", "line1\nline2"], rows[1].Fields);
        Assert.Equal(["last", "row", "here"], rows[2].Fields);
        Assert.Equal(4, rows[2].Line); // the quoted line break moves the physical line
    }

    [Fact]
    public void Empty_fields_and_blank_lines_are_handled()
    {
        var rows = Parse("a,b,c\n,,\n\n1,,3\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["", "", ""], rows[1].Fields);
        Assert.Equal(["1", "", "3"], rows[2].Fields);
        Assert.Equal(4, rows[2].Line);
    }

    [Fact]
    public void An_unclosed_quote_is_a_malformed_file()
    {
        var e = Assert.Throws<MalformedCsvException>(() => Parse("a,b\n\"open,1\n2,3\n"));
        Assert.Equal(2, e.Line);
        Assert.Contains("引号", e.Message);
    }

    [Fact]
    public void A_stray_quote_inside_a_field_is_a_malformed_file() =>
        Assert.Throws<MalformedCsvException>(() => Parse("a,b\nab\"c,1\n"));

    [Fact]
    public void Text_after_a_closing_quote_is_a_malformed_file() =>
        Assert.Throws<MalformedCsvException>(() => Parse("a,b\n\"ab\"c,1\n"));

    [Fact]
    public void A_UTF8_BOM_is_recognized_and_removed()
    {
        var bytes = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes("姓名,电话\n")).ToArray();
        var text = Decode(bytes, out var encoding);
        Assert.Equal("UTF-8 (BOM)", encoding);
        Assert.Equal("姓名", Parse(text)[0].Fields[0]);
    }

    [Fact]
    public void UTF8_without_BOM_is_recognized()
    {
        var text = Decode(Encoding.UTF8.GetBytes("姓名,地址\n王秀英,黄堡镇"), out var encoding);
        Assert.Equal("UTF-8", encoding);
        Assert.Equal("黄堡镇", Parse(text)[1].Fields[1]);
    }

    [Fact]
    public void A_GBK_file_is_decoded()
    {
        var gbk = Encoding.GetEncoding("GB18030");
        var text = Decode(gbk.GetBytes("姓名,乡镇代码\n王秀英,610202100\n"), out var encoding);
        Assert.Equal("GBK", encoding);
        Assert.Equal(["王秀英", "610202100"], Parse(text)[1].Fields);
    }

    [Fact]
    public void UTF16_files_are_refused() =>
        Assert.Throws<MalformedCsvException>(() => Decode(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a,b")).ToArray(), out _));

    [Fact]
    public void Binary_content_is_refused() => Assert.Throws<MalformedCsvException>(() => Parse("PK\0\u0003\u0004"));

    [Fact]
    public void Records_are_read_as_a_stream_across_buffer_boundaries()
    {
        // longer than the reader's block: a quoted field with a line break and doubled quotes straddles the boundary
        var filler = new string('甲', 40_000);
        var rows = Parse($"a,b\n{filler},\"x\"\"\ny\"\n1,2\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal([filler, "x\"\ny"], rows[1].Fields);
        Assert.Equal(4, rows[2].Line);
    }

    [Fact]
    public void The_last_row_needs_no_line_break() => Assert.Equal(["1", "2"], Parse("a,b\n1,2")[1].Fields);
}
