using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Yiyang.Modules.Fhir;

/// <summary>
/// The query of one search: the parameters the handler knows, the common ones (<see cref="CommonParams"/>), the page
/// size and the cursor. Unknown parameters (or unknown modifiers) are kept aside: ignored and reported, or a 400 under
/// <c>Prefer: handling=strict</c> (docs/fhir.md#search).
/// </summary>
public sealed class FhirSearch
{
    public const int DefaultCount = 20;
    public const int MaxCount = 200;
    public const string CursorParam = "_cursor";

    /// <summary>The parameters every type supports (besides its own); <c>_cursor</c> is the paging link's own.</summary>
    public static readonly IReadOnlyList<FhirSearchParam> CommonParams =
    [
        new("_id", FhirParamType.Token, "逻辑 id，可用逗号分隔多个"),
        new("_lastUpdated", FhirParamType.Date, "最后更新时间，支持 eq/gt/ge/lt/le 前缀"),
    ];

    /// <summary>Accepted and given no meaning beyond what they say (the format is always JSON).</summary>
    private static readonly HashSet<string> Control = new(StringComparer.Ordinal) { "_count", "_include", "_format", CursorParam };

    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    /// <param name="countCap">Matches are counted up to this many (<see cref="ListOptions.MaxCountedResults"/>; 0: exactly); beyond it the Bundle has no total.</param>
    public FhirSearch(IQueryCollection query, IFhirResourceHandler handler, bool strict, int countCap = 0)
    {
        CountCap = countCap;
        var known = handler.SearchParams.Concat(CommonParams).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var ignored = new List<string>();
        foreach (var (name, values) in query)
        {
            if (known.Contains(name) || Control.Contains(name)) _values[name] = [.. values.Where(v => v is not null).Select(v => v!)];
            else ignored.Add(name);
        }
        Ignored = ignored;
        if (strict && ignored.Count > 0)
            throw FhirErrors.Invalid(Safe(ignored[0]), $"不支持的查询参数：{string.Join("、", ignored.Select(Safe))}。");
        Count = ParseCount(One("_count"));
        After = Cursor.Decode(One(CursorParam));
        Includes = Values("_include").SelectMany(v => v.Split(',')).Distinct().ToList();
        foreach (var include in Includes)
        {
            if (!handler.Includes.Contains(include)) throw FhirErrors.Invalid("_include", $"不支持的 _include：{Safe(include)}。支持：{string.Join("、", handler.Includes)}。");
        }
        var format = One("_format");
        if (format is not null && format is not ("json" or "application/json" or FhirJson.MediaType))
            throw FhirErrors.Invalid("_format", "仅支持 JSON 格式（json、application/fhir+json）。");
    }

    /// <summary>The names of the parameters ignored (unknown to this type).</summary>
    public IReadOnlyList<string> Ignored { get; }

    public int Count { get; }

    public int CountCap { get; }

    /// <summary>The results of an audit entry: the total, or "cap+" beyond the count cap (as the elder API writes it).</summary>
    public string ResultsText(int? total) => total?.ToString(CultureInfo.InvariantCulture) ?? $"{CountCap.ToString(CultureInfo.InvariantCulture)}+";

    /// <summary>
    /// The number of matches, or null when there are more than <see cref="CountCap"/> (an exact count would grow with the
    /// city's data on every page); a short first page is its own count.
    /// </summary>
    public async Task<int?> TotalAsync<T>(IQueryable<T> q, int rowsOnPage, Func<IQueryable<T>, CancellationToken, Task<int>>? exact, CancellationToken ct)
    {
        if (After is null && rowsOnPage < Count && exact is null) return rowsOnPage;
        var (n, capped) = await Paging.CountUpToAsync(q, CountCap, ct);
        if (capped) return null;
        return exact is null ? n : await exact(q, ct);
    }

    /// <summary>The position after which the page starts (the cursor's content), or null for the first page.</summary>
    public string? After { get; }

    public IReadOnlyList<string> Includes { get; }

    /// <summary>The cursor as a record id (for types paged by a numeric id); 0 on the first page.</summary>
    public long AfterId() =>
        After is null ? 0
        : long.TryParse(After, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id
        : throw FhirErrors.Invalid(CursorParam, "翻页游标无效，请从第一页重新查询。");

    public bool HasInclude(string include) => Includes.Contains(include);

    /// <summary>Every occurrence of a parameter (each may hold comma-separated alternatives).</summary>
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var v) ? v : [];

    /// <summary>The single value of a parameter; given twice is a 400.</summary>
    public string? One(string name)
    {
        var v = Values(name);
        if (v.Count > 1) throw FhirErrors.Invalid(name, "该参数只能出现一次。");
        return v.Count == 0 || string.IsNullOrWhiteSpace(v[0]) ? null : v[0].Trim();
    }

    /// <summary>The alternatives of a token parameter given once (a,b,c): OR.</summary>
    public IReadOnlyList<FhirToken> Tokens(string name) =>
        One(name) is { } v ? v.Split(',').Select(t => FhirToken.Parse(name, t)).ToList() : [];

    /// <summary>The date conditions of a parameter (every occurrence must hold: AND).</summary>
    public IReadOnlyList<FhirDateRange> Dates(string name) =>
        Values(name).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => FhirDateRange.Parse(name, v.Trim())).ToList();

    /// <summary>The numeric logical ids of <c>_id</c> (an id that is not ours matches nothing).</summary>
    public IReadOnlyList<long>? Ids()
    {
        var tokens = Tokens("_id");
        if (tokens.Count == 0) return null;
        return tokens.Select(t => long.TryParse(t.Code, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).ToList();
    }

    /// <summary>A reference parameter (patient=Patient/12, subject=12) as the id of the given type; another type is a 400.</summary>
    public long? ReferenceId(string name, string type)
    {
        if (One(name) is not { } v) return null;
        var id = v.StartsWith(type + "/", StringComparison.Ordinal) ? v[(type.Length + 1)..] : v;
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw FhirErrors.Invalid(name, $"应为 {type}/{{id}} 形式的引用。");
        return n;
    }

    private static int ParseCount(string? text)
    {
        if (text is null) return DefaultCount;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            throw FhirErrors.Invalid("_count", $"_count 应为 1–{MaxCount} 的整数。");
        return Math.Min(n, MaxCount);
    }

    /// <summary>A value named in a message: short and free of digits runs that could be an identifier.</summary>
    internal static string Safe(string text) => Masking.Scrub(text.Length > 40 ? text[..40] + "…" : text);

    /// <summary>The opaque cursor of the next link: the keyset position, base64url.</summary>
    public static class Cursor
    {
        public static string Encode(string after) => Convert.ToBase64String(Encoding.UTF8.GetBytes("v1:" + after)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static string? Decode(string? cursor)
        {
            if (cursor is null) return null;
            try
            {
                var b64 = cursor.Replace('-', '+').Replace('_', '/');
                b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
                if (text.StartsWith("v1:", StringComparison.Ordinal) && text.Length > 3) return text[3..];
            }
            catch (FormatException)
            {
                // falls through to the 400
            }
            throw FhirErrors.Invalid(CursorParam, "翻页游标无效，请从第一页重新查询。");
        }
    }
}

/// <summary>One token: <c>system|code</c>, <c>|code</c> (no system), <c>code</c> (any system) or <c>system|</c>.</summary>
public sealed record FhirToken(string? System, string Code, bool SystemGiven)
{
    public static FhirToken Parse(string name, string text)
    {
        var t = text.Trim();
        if (t.Length == 0) throw FhirErrors.Invalid(name, "参数值不能为空。");
        var bar = t.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? new FhirToken(null, t, false) : new FhirToken(bar == 0 ? null : t[..bar], t[(bar + 1)..], true);
    }

    /// <summary>Whether the token names this system (or names none).</summary>
    public bool Accepts(string system) => !SystemGiven || System == system;
}

/// <summary>A date condition: a prefix and the range the value's precision covers, [Start, End) in UTC.</summary>
public sealed record FhirDateRange(string Prefix, DateTimeOffset Start, DateTimeOffset End)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly string[] Prefixes = ["eq", "gt", "ge", "lt", "le"];

    public static FhirDateRange Parse(string name, string text)
    {
        var prefix = "eq";
        var value = text;
        if (text.Length > 2 && char.IsAsciiLetterLower(text[0]))
        {
            prefix = text[..2];
            value = text[2..];
            if (!Prefixes.Contains(prefix)) throw FhirErrors.Invalid(name, "日期前缀仅支持 eq、gt、ge、lt、le。");
        }
        var inv = CultureInfo.InvariantCulture;
        (DateTimeOffset, DateTimeOffset)? range = value.Length switch
        {
            4 when int.TryParse(value, NumberStyles.None, inv, out var y) && y >= InputRules.EarliestDate.Year && y <= InputRules.LatestDate.Year =>
                (new DateTimeOffset(y, 1, 1, 0, 0, 0, China), new DateTimeOffset(y + 1, 1, 1, 0, 0, 0, China)),
            7 when DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", inv, DateTimeStyles.None, out var m) && InputRules.IsPlausible(m) =>
                (At(m), At(m.AddMonths(1))),
            10 when DateOnly.TryParseExact(value, "yyyy-MM-dd", inv, DateTimeStyles.None, out var d) && InputRules.IsPlausible(d) =>
                (At(d), At(d.AddDays(1))),
            > 10 when value.Contains('T', StringComparison.Ordinal) && (value.EndsWith('Z') || value[^6] is '+' or '-')
                      && DateTimeOffset.TryParse(value, inv, DateTimeStyles.None, out var t) && InputRules.IsPlausible(t) =>
                (t, t.AddSeconds(1)),
            _ => null,
        };
        if (range is not { } r) throw FhirErrors.Invalid(name, "日期格式应为 YYYY、YYYY-MM、YYYY-MM-DD 或带时区的日期时间，可加 eq/gt/ge/lt/le 前缀。");
        return new FhirDateRange(prefix, r.Item1.ToUniversalTime(), r.Item2.ToUniversalTime());
    }

    private static DateTimeOffset At(DateOnly d) => new(d.ToDateTime(TimeOnly.MinValue), China);

    /// <summary>The range's days in China (for a date column): [StartDay, EndDay).</summary>
    public DateOnly StartDay => DateOnly.FromDateTime(Start.ToOffset(China).DateTime);

    public DateOnly EndDay
    {
        get
        {
            var local = End.ToOffset(China);
            var day = DateOnly.FromDateTime(local.DateTime);
            return local.TimeOfDay == TimeSpan.Zero ? day : day.AddDays(1);
        }
    }
}
