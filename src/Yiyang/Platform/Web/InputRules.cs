using System.Buffers;

namespace Yiyang.Platform.Web;

/// <summary>
/// What any text or date a client sends must satisfy before a handler sees it, whatever the field: no control
/// characters (newline, carriage return and tab are allowed in free text), no unpaired UTF-16 surrogates, and dates
/// within <see cref="EarliestDate"/>..<see cref="LatestDate"/>. A field may be stricter in its module's validation.
/// </summary>
public static class InputRules
{
    /// <summary>The earliest date any field accepts (module rules may be stricter, e.g. a birth date).</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    /// <summary>The latest date any field accepts.</summary>
    public static readonly DateOnly LatestDate = new(2099, 12, 31);

    /// <summary>The highest page number a list accepts.</summary>
    public const int MaxPage = 100_000;

    public const string UnsafeTextMessage = "包含不允许的控制字符或无效字符，请删除后重试。";
    public static readonly string DateRangeMessage = $"日期超出合理范围（{EarliestDate:yyyy-MM-dd} 至 {LatestDate:yyyy-MM-dd}）。";

    // C0 controls except \t \n \r, DEL, and the surrogate range (checked for pairs when found)
    private static readonly SearchValues<char> Suspect = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000b\u000c\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f");

    /// <summary>True when the text holds a control character other than \t, \n, \r, or an unpaired surrogate.</summary>
    public static bool IsUnsafeText(ReadOnlySpan<char> s) => s.ContainsAny(Suspect) || HasLoneSurrogate(s);

    /// <summary>True when the text cannot be stored as UTF-8 text in PostgreSQL: a NUL or an unpaired surrogate.</summary>
    public static bool IsUnstorableText(ReadOnlySpan<char> s) => s.Contains('\0') || HasLoneSurrogate(s);

    private static bool HasLoneSurrogate(ReadOnlySpan<char> s)
    {
        var i = s.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0) return false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return true;
                i++;
            }
            else if (char.IsLowSurrogate(c)) return true;
        }
        return false;
    }

    public static bool IsPlausible(DateOnly d) => d >= EarliestDate && d <= LatestDate;

    public static bool IsPlausible(DateTime d) => IsPlausible(DateOnly.FromDateTime(d));

    public static bool IsPlausible(DateTimeOffset d) => IsPlausible(DateOnly.FromDateTime(d.UtcDateTime.Date)) && IsPlausible(DateOnly.FromDateTime(d.DateTime));
}
