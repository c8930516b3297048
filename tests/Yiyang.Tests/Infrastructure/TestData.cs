using System.Globalization;
using Yiyang.Platform.Identifiers;

namespace Yiyang.Tests.Infrastructure;

/// <summary>Unique, valid test data. Nothing here collides with the demo seed (IDs 610202…, phones 13x/15x/17x/18x/19x).</summary>
public static class TestData
{
    /// <summary>Today's date in China (UTC+8) by the system clock: the "today" the app computes for a request.</summary>
    public static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private static int _counter = Random.Shared.Next(0, 1000);
    private static int Next() => Interlocked.Increment(ref _counter);

    /// <summary>GB 11643 check character, computed independently of the product.</summary>
    public static char IdCheck(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return "10X98765432"[sum % 11];
    }

    /// <summary>A unique valid 18-digit ID (address 610204, born 1950–1959, so aged 66–76: not 高龄).</summary>
    public static string IdNumber(bool? male = null)
    {
        var n = Next();
        var birth = new DateOnly(1950, 1, 1).AddDays(n % 3650);
        var seq = (n / 3650 * 2) % 1000;
        if (male is true) seq |= 1;
        else if (male is null && n % 2 == 1) seq |= 1;
        var body = "610204" + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + seq.ToString("D3", CultureInfo.InvariantCulture);
        return body + IdCheck(body);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(DateOnly, bool), int> BornOnCount = new();

    /// <summary>
    /// A unique valid ID born on the given date (address 610204): sequence numbers 500–999 counted per date and sex, so
    /// that two calls for the same date never collide (they did when the shared counter happened to differ by a multiple
    /// of 500 — a duplicate-ID 409 in an unrelated test), nor with <see cref="IdNumber"/>, whose sequence stays far below 500.
    /// </summary>
    public static string IdNumberBornOn(DateOnly birth, bool male)
    {
        var k = BornOnCount.AddOrUpdate((birth, male), 0, (_, c) => c + 1);
        if (k >= 250) throw new InvalidOperationException($"more than 250 test IDs born on {birth} ({(male ? "male" : "female")})");
        var seq = 500 + k * 2 + (male ? 1 : 0);
        var body = "610204" + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + seq.ToString("D3", CultureInfo.InvariantCulture);
        return body + IdCheck(body);
    }

    /// <summary>Same ID with a wrong check character.</summary>
    public static string WrongCheck(string id)
    {
        var right = id[17];
        var wrong = right == '0' ? '1' : right == 'X' ? '0' : (char)(right == '9' ? 'X' : right + 1);
        return id[..17] + wrong;
    }

    private const string NameChars = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉";

    /// <summary>A unique Chinese name (only CJK characters), e.g. 测试乙丙甲丁戊.</summary>
    public static string Name(string prefix = "测")
    {
        var n = (long)Next() * 7919 + Random.Shared.Next(0, 7919); // long: a long run of calls must not overflow to a negative index
        var s = prefix;
        for (var i = 0; i < 6; i++) { s += NameChars[(int)(n % NameChars.Length)]; n /= NameChars.Length; }
        return s;
    }

    /// <summary>A unique mobile number 16xxxxxxxxx (the demo seed never uses 16).</summary>
    public static string Phone() => "16" + ((long)Next() * 104729 % 1_000_000_000L).ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>A unique valid 统一社会信用代码 in 王益区, with the check character computed by the product.</summary>
    public static string CreditCode(string kindPrefix = "52")
    {
        var body = kindPrefix + "610202" + "9" + ((long)Next() * 7919 % 100_000_000L).ToString("D8", CultureInfo.InvariantCulture);
        return body + Yiyang.Platform.Identifiers.CreditCode.CheckCharacter(body);
    }

    public static string WrongCreditCheck(string code)
    {
        const string charset = Yiyang.Platform.Identifiers.CreditCode.Charset;
        var i = charset.IndexOf(code[17]);
        return code[..17] + charset[(i + 1) % charset.Length];
    }

    public static DateOnly BirthOf(string id) => DateOnly.ParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    public static Sex SexOf(string id) => (id[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
}
