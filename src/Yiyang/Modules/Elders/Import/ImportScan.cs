using System.Collections;

namespace Yiyang.Modules.Elders.Import;

/// <summary>
/// What the first pass over an import file learns, in bounded memory: the encoding and columns, the row count, the first
/// <see cref="ElderImporter.MaxReportedErrors"/> row errors with the totals, and one bit per row saying whether the row
/// is to be written (valid and the first of its ID number in the file). The second pass writes the rows the bits mark.
/// </summary>
public sealed class ImportScan(string encoding, bool gbk, string[] header, Dictionary<string, int> columns)
{
    public string Encoding { get; } = encoding;
    public bool Gbk { get; } = gbk;
    public string[] Header { get; } = header;
    public Dictionary<string, int> Columns { get; } = columns;
    public int Rows { get; private set; }
    public int ValidCount { get; private set; }
    public int InvalidLines { get; private set; }
    public int ErrorCount { get; private set; }
    public List<ImportRowError> Errors { get; } = [];
    private BitArray _valid = new(1024);
    // ID numbers seen in the file (compact key → first line), to report duplicates within the file
    private readonly Dictionary<long, int> _seen = [];
    private readonly Dictionary<string, int> _seenOther = new(StringComparer.Ordinal);

    /// <summary>Counts a row; returns its index among the data rows.</summary>
    public int Count() => Rows++;

    public void Invalid(IReadOnlyList<ImportRowError> errors)
    {
        InvalidLines++;
        foreach (var e in errors) Report(e);
    }

    /// <summary>A valid row: marked for writing unless its ID number came earlier in the file (then a row error).</summary>
    public void Valid(int index, int line, string normalizedId)
    {
        var first = CompactKey(normalizedId) is { } key ? _seen.TryAdd(key, line) ? line : _seen[key]
            : _seenOther.TryAdd(normalizedId, line) ? line : _seenOther[normalizedId];
        if (first != line)
        {
            Invalid([new ImportRowError(line, "idNumber", $"与第 {first} 行的身份证号重复。")]);
            return;
        }
        if (index >= _valid.Length) _valid.Length = Math.Max(_valid.Length * 2, index + 1);
        _valid[index] = true;
        ValidCount++;
    }

    public bool IsValid(int index) => index < _valid.Length && _valid[index];

    private void Report(ImportRowError e)
    {
        ErrorCount++;
        if (Errors.Count < ElderImporter.MaxReportedErrors) Errors.Add(e);
    }

    /// <summary>An 18-character ID number as one number (17 digits and the check character, X as 10); null otherwise.</summary>
    public static long? CompactKey(string id)
    {
        if (id.Length != 18) return null;
        long v = 0;
        for (var i = 0; i < 17; i++)
        {
            var d = id[i] - '0';
            if (d is < 0 or > 9) return null;
            v = v * 10 + d;
        }
        var check = id[17] is 'X' or 'x' ? 10 : id[17] - '0';
        return check is < 0 or > 10 ? null : v * 11 + check;
    }
}
