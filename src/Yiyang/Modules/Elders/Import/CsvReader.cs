using System.Text;

namespace Yiyang.Modules.Elders.Import;

/// <summary>Malformed CSV (not a row-level problem): the whole file is refused and nothing is written.</summary>
public sealed class MalformedCsvException(string message, int line) : Exception(message)
{
    public int Line { get; } = line;
}

/// <summary>
/// RFC 4180 CSV reader: quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF or LF. Streams: the
/// text is read in blocks, so a file of any size takes the memory of one record. Decodes UTF-8 (with or without BOM)
/// strictly; GBK (GB18030) is the caller's second try when the bytes are not valid UTF-8 (<see cref="Open"/>).
/// </summary>
public static class CsvReader
{
    static CsvReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// A reader of <paramref name="stream"/> from its start: UTF-8 (BOM skipped), or GB18030 with <paramref name="gbk"/>.
    /// Both decode strictly: an invalid byte throws <see cref="DecoderFallbackException"/> while reading, so that the
    /// caller tries GBK, or refuses the file. UTF-16 is refused at once.
    /// </summary>
    public static TextReader Open(Stream stream, bool gbk, out string encodingName)
    {
        stream.Position = 0;
        Span<byte> head = stackalloc byte[3];
        var n = stream.ReadAtLeast(head, 3, throwOnEndOfStream: false);
        if (n >= 2 && (head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF))
            throw new MalformedCsvException("不支持 UTF-16 编码的文件，请另存为 UTF-8 或 GBK 编码的 CSV。", 1);
        var bom = n == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
        stream.Position = bom ? 3 : 0;
        Encoding encoding = gbk
            ? Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
            : new UTF8Encoding(false, true);
        encodingName = gbk ? "GBK" : bom ? "UTF-8 (BOM)" : "UTF-8";
        return new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
    }

    /// <summary>Parses text into records; each record carries the physical line where it starts.</summary>
    public static IEnumerable<(int Line, string[] Fields)> Parse(string text) => Parse(new StringReader(text));

    /// <summary>Parses records as they are read; each record carries the physical line where it starts.</summary>
    public static IEnumerable<(int Line, string[] Fields)> Parse(TextReader reader)
    {
        var src = new CharSource(reader);
        var fields = new List<string>();
        var sb = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldStarted = false;
        int c;
        while ((c = src.Read()) >= 0)
        {
            if (c == '\0') throw new MalformedCsvException("文件含有二进制内容，不是 CSV 文本文件（如为 Excel 文件，请另存为 CSV）。", line);
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (src.Peek() == '"') { sb.Append('"'); src.Read(); continue; }
                    inQuotes = false;
                    if (src.Peek() is >= 0 and not (',' or '\r' or '\n'))
                        throw new MalformedCsvException($"第 {line} 行：引号后面应紧跟逗号或换行。", line);
                    continue;
                }
                if (c == '\n') line++;
                sb.Append((char)c);
                continue;
            }
            switch (c)
            {
                case '"' when !fieldStarted && sb.Length == 0:
                    inQuotes = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(sb.ToString());
                    sb.Clear();
                    fieldStarted = false;
                    break;
                case '\r' or '\n':
                    fields.Add(sb.ToString());
                    sb.Clear();
                    fieldStarted = false;
                    if (c == '\r' && src.Peek() == '\n') src.Read();
                    if (!(fields.Count == 1 && fields[0].Length == 0)) yield return (recordLine, fields.ToArray());
                    fields.Clear();
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (c == '"') throw new MalformedCsvException($"第 {line} 行：字段中间出现了未转义的引号。", line);
                    sb.Append((char)c);
                    fieldStarted = true;
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

    /// <summary>Characters of a reader in blocks, with one character of look-ahead.</summary>
    private sealed class CharSource(TextReader reader)
    {
        private readonly char[] _buffer = new char[1 << 15];
        private int _length;
        private int _position;

        public int Peek() => _position < _length || Fill() ? _buffer[_position] : -1;

        public int Read() => _position < _length || Fill() ? _buffer[_position++] : -1;

        private bool Fill()
        {
            _length = reader.Read(_buffer, 0, _buffer.Length);
            _position = 0;
            return _length > 0;
        }
    }
}
