using System.Text;

namespace Yiyang.Modules.Elders.Import;

/// <summary>Malformed CSV (not a row-level problem): the whole file is refused and nothing is written.</summary>
public sealed class MalformedCsvException(string message, int line) : Exception(message)
{
    public int Line { get; } = line;
}

/// <summary>
/// RFC 4180 CSV reader: quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF or LF.
/// Decodes UTF-8 (with or without BOM) and falls back to GBK (GB18030) when the bytes are not valid UTF-8.
/// </summary>
public static class CsvReader
{
    static CsvReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(byte[] bytes, out string encodingName)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            encodingName = "UTF-8 (BOM)";
            return new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        }
        if (bytes.Length >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF))
            throw new MalformedCsvException("不支持 UTF-16 编码的文件，请另存为 UTF-8 或 GBK 编码的 CSV。", 1);
        try
        {
            encodingName = "UTF-8";
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            encodingName = "GBK";
            var gbk = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            try { return gbk.GetString(bytes); }
            catch (DecoderFallbackException) { throw new MalformedCsvException("文件编码无法识别，请保存为 UTF-8 或 GBK 编码的 CSV 文件。", 1); }
        }
    }

    /// <summary>Parses the text into records; each record carries the physical line where it starts.</summary>
    public static IEnumerable<(int Line, string[] Fields)> Parse(string text)
    {
        if (text.Contains('\0')) throw new MalformedCsvException("文件含有二进制内容，不是 CSV 文本文件（如为 Excel 文件，请另存为 CSV）。", 1);
        var fields = new List<string>();
        var sb = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        var inQuotes = false;
        var fieldStarted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                    inQuotes = false;
                    i++;
                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                        throw new MalformedCsvException($"第 {line} 行：引号后面应紧跟逗号或换行。", line);
                    continue;
                }
                if (c == '\n') line++;
                sb.Append(c);
                i++;
                continue;
            }
            switch (c)
            {
                case '"' when !fieldStarted && sb.Length == 0:
                    inQuotes = true;
                    fieldStarted = true;
                    i++;
                    break;
                case ',':
                    fields.Add(sb.ToString());
                    sb.Clear();
                    fieldStarted = false;
                    i++;
                    break;
                case '\r' or '\n':
                    fields.Add(sb.ToString());
                    sb.Clear();
                    fieldStarted = false;
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    i++;
                    if (!(fields.Count == 1 && fields[0].Length == 0)) yield return (recordLine, fields.ToArray());
                    fields.Clear();
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (c == '"') throw new MalformedCsvException($"第 {line} 行：字段中间出现了未转义的引号。", line);
                    sb.Append(c);
                    fieldStarted = true;
                    i++;
                    break;
            }
        }
        if (inQuotes) throw new MalformedCsvException($"第 {recordLine} 行起的引号没有闭合，文件可能不完整。", recordLine);
        if (sb.Length > 0 || fields.Count > 0)
        {
            fields.Add(sb.ToString());
            if (!(fields.Count == 1 && fields[0].Length == 0)) yield return (recordLine, fields.ToArray());
        }
    }
}
