namespace Yiyang.Platform.Identifiers;

/// <summary>
/// 统一社会信用代码 per GB 32100-2015: 18 characters from a 31-character set (no I, O, S, V, Z);
/// position 18 is a MOD 31 check character over the first 17 with weights 3^i mod 31.
/// </summary>
public static class CreditCode
{
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("需要 17 位本体代码", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Charset.IndexOf(first17[i]);
            if (v < 0) throw new ArgumentException("含有不允许的字符", nameof(first17));
            sum += v * Weights[i];
        }
        var c = 31 - sum % 31;
        return Charset[c == 31 ? 0 : c];
    }

    /// <summary>Returns the normalized (upper-case) code, or null with a Chinese message.</summary>
    public static string? TryNormalize(string? input, out string? error)
    {
        error = null;
        var s = (input ?? "").Trim().ToUpperInvariant();
        if (s.Length == 0) { error = "请填写统一社会信用代码。"; return null; }
        if (s.Length != 18) { error = "统一社会信用代码应为 18 位。"; return null; }
        foreach (var ch in s)
        {
            if (Charset.IndexOf(ch) < 0)
            {
                error = "统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）。";
                return null;
            }
        }
        if (!char.IsAsciiDigit(s[2]) || !s.AsSpan(2, 6).ToArray().All(char.IsAsciiDigit))
        {
            error = "统一社会信用代码第 3–8 位应为行政区划代码（数字）。";
            return null;
        }
        if (CheckCharacter(s.AsSpan(0, 17)) != s[17])
        {
            error = "统一社会信用代码校验位不正确，请核对后重新输入。";
            return null;
        }
        return s;
    }
}
