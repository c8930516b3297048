using System.Globalization;
using Yiyang.Modules.Elders;
using Yiyang.Platform.Identifiers;

namespace Yiyang.Modules.Demo;

/// <summary>
/// The synthetic city's population model: deterministic draws for age, sex, risk flags, names, ID numbers
/// and phones. Pure functions of a seeded <see cref="Random"/>, unit-tested for the documented prevalences.
/// Sources for the shape (rounded): 7th national census 2020 age structure of the 60+ population; prevalences as set for the
/// benchmark city (失能 ≈ 10%, 慢性病 ≈ 60%, 高龄 ≈ 15%, 独居 ≈ 10%).
/// </summary>
public static class CityModel
{
    /// <summary>Five-year age bands of the 60+ population (lower bound, share). Shares sum to 1; 80+ = 15%.</summary>
    public static readonly (int From, double Share)[] AgeBands =
    [
        (60, 0.28), (65, 0.25), (70, 0.19), (75, 0.13), (80, 0.09), (85, 0.045), (90, 0.012), (95, 0.003),
    ];

    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
        "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕",
    ];

    private static readonly string[] MaleNames =
    [
        "建国", "德明", "永胜", "福生", "新民", "长青", "志强", "国庆", "文斌", "振华", "树林", "春生", "保国", "玉山", "解放",
        "卫东", "忠良", "家兴", "宝山", "明亮", "满仓", "铁柱", "有才", "广田",
    ];

    private static readonly string[] FemaleNames =
    [
        "秀英", "桂兰", "玉兰", "淑珍", "凤英", "秀兰", "桂英", "玉珍", "淑英", "兰英", "素芳", "翠花", "金凤", "春梅", "丽华",
        "月娥", "桂芳", "秀珍", "美华", "巧云", "冬梅", "爱莲", "慧敏", "彩霞",
    ];

    private static readonly string[] Streets = ["幸福路", "人民路", "建设路", "和平街", "文化路", "解放路", "新华街", "朝阳路", "长安路", "团结巷"];

    /// <summary>Age on the reference date, drawn from <see cref="AgeBands"/> (uniform within a band, 95–104 for the last).</summary>
    public static int DrawAge(Random rng)
    {
        var x = rng.NextDouble();
        foreach (var (from, share) in AgeBands)
        {
            if (x < share) return from + rng.Next(from == 95 ? 10 : 5);
            x -= share;
        }
        return 60 + rng.Next(5);
    }

    /// <summary>Men are fewer with age: 49% at 60–69, 47% at 70–79, 42% at 80+.</summary>
    public static Sex DrawSex(Random rng, int age) =>
        rng.NextDouble() < (age < 70 ? 0.49 : age < 80 ? 0.47 : 0.42) ? Sex.Male : Sex.Female;

    /// <summary>
    /// Risk flags. 高龄 = 80+ (≈15% by the age bands). 失能 rises with age (5% / 10% / 25% for 60–69 / 70–79 / 80+:
    /// ≈ 9.6% overall), 失智 1% / 3% / 8%, 慢性病 60%, 独居 10%, 空巢 20%, 残疾 5%, 低保/特困 4%.
    /// </summary>
    public static RiskFlags DrawFlags(Random rng, int age)
    {
        var f = RiskFlags.None;
        if (age >= 80) f |= RiskFlags.OldestOld;
        if (rng.NextDouble() < (age < 70 ? 0.05 : age < 80 ? 0.10 : 0.25)) f |= RiskFlags.Disabled;
        if (rng.NextDouble() < (age < 70 ? 0.01 : age < 80 ? 0.03 : 0.08)) f |= RiskFlags.Dementia;
        if (rng.NextDouble() < 0.60) f |= RiskFlags.Chronic;
        if (rng.NextDouble() < 0.10) f |= RiskFlags.LivingAlone;
        else if (rng.NextDouble() < 0.22) f |= RiskFlags.EmptyNest;
        if (rng.NextDouble() < 0.05) f |= RiskFlags.Disability;
        if (rng.NextDouble() < 0.04) f |= RiskFlags.LowIncome;
        return f;
    }

    public static string DrawName(Random rng, Sex sex) =>
        Surnames[rng.Next(Surnames.Length)] + (sex == Sex.Male ? MaleNames : FemaleNames)[rng.Next(MaleNames.Length)];

    public static string DrawAddress(Random rng, string townshipName) =>
        townshipName + Streets[rng.Next(Streets.Length)] + rng.Next(1, 400).ToString(CultureInfo.InvariantCulture) + "号";

    /// <summary>A mobile number unique for each ordinal below 10⁹ (prefix 13x/15x/18x by ordinal).</summary>
    public static string Phone(long ordinal)
    {
        string[] prefixes = ["139", "158", "187", "135", "151", "182", "137", "159", "189", "136"];
        var p = prefixes[ordinal % 10];
        return p + (ordinal / 10 % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Birth date for an age on the reference date: the day of the year uniform, the person having had (or not)
    /// their birthday by the reference date so that the age is exact.
    /// </summary>
    public static DateOnly BirthDate(Random rng, int age, DateOnly reference)
    {
        var latest = reference.AddYears(-age);           // born on this day → exactly age today
        var earliest = reference.AddYears(-age - 1).AddDays(1);
        var span = latest.DayNumber - earliest.DayNumber + 1;
        return DateOnly.FromDayNumber(earliest.DayNumber + rng.Next(span));
    }
}

/// <summary>
/// Hands out ID numbers of one township that never collide with another township's: each township of a county owns
/// a block of the three-digit sequence (顺序码) space, so townships can be generated independently (and resumed).
/// Odd sequence = male, even = female (GB 11643).
/// </summary>
public sealed class IdNumberAllocator
{
    private readonly string _county;
    private readonly int _blockStart;
    private readonly int _blockSize;
    private readonly HashSet<long> _used = [];

    public IdNumberAllocator(string countyCode, int townshipIndex, int townshipsInCounty)
    {
        if (townshipsInCounty > 500) throw new ArgumentOutOfRangeException(nameof(townshipsInCounty), "too many townships in one county");
        _county = countyCode;
        _blockSize = 1000 / townshipsInCounty;
        _blockStart = townshipIndex * _blockSize;
    }

    /// <summary>A fresh ID number for the sex and birth date; moves to the next day when the day's block is full.</summary>
    public string Next(Random rng, Sex sex, DateOnly birth)
    {
        for (var day = birth; ; day = day.AddDays(1))
        {
            var start = rng.Next(_blockSize);
            for (var k = 0; k < _blockSize; k++)
            {
                var seq = _blockStart + (start + k) % _blockSize;
                if (seq % 2 == (sex == Sex.Male ? 0 : 1)) continue;
                var key = (long)day.DayNumber * 1000 + seq;
                if (!_used.Add(key)) continue;
                var body = _county + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + seq.ToString("D3", CultureInfo.InvariantCulture);
                return body + ChineseIdNumber.CheckCharacter(body);
            }
        }
    }
}

/// <summary>Console lines of <c>seed-city</c>: a progress bar with rate and ETA, and the closing summary.</summary>
public static class CitySeedReport
{
    public static string ProgressLine(CitySeedProgress p)
    {
        var share = p.Elders == 0 ? 1 : (double)p.EldersDone / p.Elders;
        var filled = (int)Math.Round(share * 20);
        var rate = p.Elapsed.TotalSeconds > 0 ? p.Events / p.Elapsed.TotalSeconds : 0;
        var done = p.EldersDone;
        var eldersRate = p.Elapsed.TotalSeconds > 0 ? done / p.Elapsed.TotalSeconds : 0;
        var eta = share > 0 && share < 1 && p.Elapsed.TotalSeconds > 0
            ? TimeSpan.FromSeconds(p.Elapsed.TotalSeconds * (1 - share) / Math.Max(share - (double)0, 1e-9))
            : TimeSpan.Zero;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('-', 20 - filled)}] {share:P0} 乡镇 {p.TownshipsDone}/{p.Townships} 老年人 {p.EldersDone:N0}/{p.Elders:N0} " +
            $"服务事件 {p.Events:N0}（{rate:N0}/秒） 用时 {p.Elapsed:hh\\:mm\\:ss} 剩余约 {eta:hh\\:mm\\:ss}");
    }

    public static string Summary(CitySeedSummary s) => string.Create(CultureInfo.InvariantCulture,
        $"乡镇 {s.Townships}（续跑跳过 {s.TownshipsSkipped}），本次写入：老年人 {s.Elders:N0}，机构 {s.Organizations:N0}，签约 {s.Contracts:N0}，" +
        $"上门服务 {s.Visits:N0}，服务项目 {s.Services:N0}，体征 {s.Vitals:N0}，能力评估 {s.Assessments:N0}，收费明细 {s.Charges:N0}，健康管理记录 {s.HealthChecks:N0}，时间线 {s.TimelineEvents:N0}；" +
        $"服务事件合计 {s.Events:N0}，用时 {s.Elapsed.TotalSeconds:N1} 秒。");
}
