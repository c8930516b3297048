namespace Yiyang.Platform.Identifiers;

/// <summary>
/// 居民身份证号码 per GB 11643-1999: 6-digit address code + YYYYMMDD + 3-digit sequence (odd = male) +
/// ISO 7064 MOD 11-2 check character. 15-digit numbers are upgraded to 18 digits.
/// </summary>
public static class ChineseIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    /// <summary>The oldest plausible age: an ID whose birth date makes its holder older is refused.</summary>
    public const int MaxAge = 120;

    /// <summary>Province-level codes of GB/T 2260 (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 台湾, 81 香港, 82 澳门).</summary>
    private static readonly HashSet<int> ProvinceCodes =
        [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];

    /// <summary>Computes the check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("需要 17 位本体码", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var d = first17[i] - '0';
            if (d is < 0 or > 9) throw new ArgumentException("本体码必须是数字", nameof(first17));
            sum += d * Weights[i];
        }
        return CheckChars[sum % 11];
    }

    /// <summary>
    /// Validates and normalizes an ID number. Returns null and a Chinese message when it is not valid.
    /// </summary>
    public static IdNumberInfo? TryParse(string? input, DateOnly today, out string? error)
    {
        error = null;
        var s = (input ?? "").Trim().ToUpperInvariant();
        if (s.Length == 0) { error = "请填写身份证号码。"; return null; }
        if (s.Length == 15)
        {
            if (!s.All(char.IsAsciiDigit)) { error = "15 位身份证号码必须全部是数字。"; return null; }
            var body = s[..6] + "19" + s[6..];
            s = body + CheckCharacter(body);
        }
        else if (s.Length != 18)
        {
            error = "身份证号码应为 18 位（或旧版 15 位）。";
            return null;
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(s[i])) { error = "身份证号码前 17 位必须是数字。"; return null; }
        }
        if (!char.IsAsciiDigit(s[17]) && s[17] != 'X') { error = "身份证号码最后一位只能是数字或 X。"; return null; }

        var province = int.Parse(s.AsSpan(0, 2));
        if (!ProvinceCodes.Contains(province)) { error = "身份证号码的地址码（前 2 位）不是有效的省级代码。"; return null; }

        if (!DateOnly.TryParseExact(s.AsSpan(6, 8), "yyyyMMdd", out var birth))
        {
            error = "身份证号码中的出生日期不是有效日期。";
            return null;
        }
        if (birth > today) { error = "身份证号码中的出生日期晚于今天。"; return null; }
        // plausibility: nobody registered is older than 120 (a typo in the year, e.g. 1880 for 1980, would otherwise pass)
        if (birth.AddYears(MaxAge + 1) <= today)
        {
            error = $"身份证号码中的出生日期表明年龄超过 {MaxAge} 岁，请核对出生年份。";
            return null;
        }

        var expected = CheckCharacter(s.AsSpan(0, 17));
        if (s[17] != expected) { error = "身份证号码校验码不正确，请核对后重新输入。"; return null; }

        var seq = s[16] - '0';
        return new IdNumberInfo(s, birth, seq % 2 == 1 ? Sex.Male : Sex.Female);
    }

    public static bool IsValid(string? input, DateOnly today) => TryParse(input, today, out _) is not null;

    /// <summary>ID masked for display: first 3 and last 4 characters, e.g. 110***********002X.</summary>
    public static string Mask(string normalized) =>
        normalized.Length <= 7 ? new string('*', normalized.Length)
            : normalized[..3] + new string('*', normalized.Length - 7) + normalized[^4..];
}

/// <summary>GB/T 2261.1-2003 sex codes.</summary>
public enum Sex
{
    Unknown = 0,
    Male = 1,
    Female = 2,
    Unspecified = 9,
}

public sealed record IdNumberInfo(string Normalized, DateOnly BirthDate, Sex Sex);
