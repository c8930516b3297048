namespace Yiyang.Modules.FamilyDoctor;

/// <summary>
/// The pure rules of family-doctor contracts: terms, status as seen on a given day, renewal window, coverage
/// arithmetic. No database here, so that they can be unit-tested as sentences.
/// </summary>
public static class ContractRules
{
    public const int DefaultTermYears = 1;
    public const int MaxTermYears = 3;
    /// <summary>A contract may be renewed from this many days before its end date.</summary>
    public const int RenewalWindowDays = 90;
    /// <summary>A new contract may start at most this many days before or after the signing day.</summary>
    public const int MaxBackdateDays = 30;
    public const int MaxForwardDays = 90;
    /// <summary>docs/domain/elders-and-identifiers.md#counts-as-65-plus-in-a-year: a person counts as 65+ for a year if they turn 65 during that calendar year.</summary>
    public const int CoverageAge = 65;

    /// <summary>
    /// The last day of a term of <paramref name="years"/> starting on <paramref name="start"/> (1 year: 2026-01-01 →
    /// 2026-12-31). A term starting on 29 February ends on 28 February of a common year (the anniversary is 1 March).
    /// </summary>
    public static DateOnly EndOf(DateOnly start, int years = DefaultTermYears)
    {
        var anniversary = start.AddYears(years);
        if (start is { Month: 2, Day: 29 } && anniversary.Day == 28) anniversary = anniversary.AddDays(1);
        return anniversary.AddDays(-1);
    }

    /// <summary>The status a contract has on <paramref name="today"/>: an active contract whose term has ended is 到期.</summary>
    public static ContractStatus StatusOn(ContractStatus stored, DateOnly endDate, DateOnly today) =>
        stored == ContractStatus.Active && endDate < today ? ContractStatus.Expired : stored;

    public static string StatusName(ContractStatus s) => s switch
    {
        ContractStatus.Active => "生效",
        ContractStatus.Expired => "到期",
        ContractStatus.Terminated => "解约",
        _ => s.ToString(),
    };

    public static string StatusCode(ContractStatus s) => s switch
    {
        ContractStatus.Active => "active",
        ContractStatus.Expired => "expired",
        ContractStatus.Terminated => "terminated",
        _ => s.ToString(),
    };

    public static ContractStatus? ParseStatus(string? code) => code?.Trim() switch
    {
        "active" or "生效" => ContractStatus.Active,
        "expired" or "到期" => ContractStatus.Expired,
        "terminated" or "解约" => ContractStatus.Terminated,
        _ => null,
    };

    /// <summary>Why a contract cannot be renewed on <paramref name="today"/>, or null when it can.</summary>
    public static string? RenewalRefusal(ContractStatus stored, DateOnly endDate, DateOnly today, bool alreadyRenewed,
        int windowDays = RenewalWindowDays)
    {
        if (stored == ContractStatus.Terminated) return "已解约的合同不能续约，请重新签约。";
        if (alreadyRenewed) return "该合同已续约，请在最新的合同上办理。";
        if (today < endDate.AddDays(-windowDays)) return $"合同到期前 {windowDays} 天内才能办理续约。";
        return null;
    }

    /// <summary>A renewal continues the day after the previous term ends, or starts today if that day has passed.</summary>
    public static DateOnly RenewalStart(DateOnly previousEnd, DateOnly today) =>
        previousEnd.AddDays(1) >= today ? previousEnd.AddDays(1) : today;

    /// <summary>The last day a contract was in effect: the termination day, or the end of its term.</summary>
    public static DateOnly EffectiveEnd(DateOnly endDate, DateOnly? terminatedOn) =>
        terminatedOn is { } t && t < endDate ? t : endDate;

    /// <summary>A contract counts for a year's coverage if it was in effect on at least one day of that year.</summary>
    public static bool InEffectDuring(DateOnly start, DateOnly effectiveEnd, int year) =>
        start <= new DateOnly(year, 12, 31) && effectiveEnd >= new DateOnly(year, 1, 1) && effectiveEnd >= start;

    /// <summary>
    /// docs/domain/elders-and-identifiers.md#counts-as-65-plus-in-a-year: 65+ in a year means turning 65 at any time in that calendar year (born in or before year − 65).
    /// With <paramref name="reachedDuringYear"/> false, only those already 65 on 1 January count.
    /// </summary>
    public static bool CountsAs65Plus(DateOnly birth, int year, int age = CoverageAge, bool reachedDuringYear = true) =>
        birth <= LatestBirthFor65Plus(year, age, reachedDuringYear);

    /// <summary>Latest birth date that still counts as 65+ (or <paramref name="age"/>+) in <paramref name="year"/>.</summary>
    public static DateOnly LatestBirthFor65Plus(int year, int age = CoverageAge, bool reachedDuringYear = true) =>
        reachedDuringYear ? new DateOnly(year - age, 12, 31) : new DateOnly(year - age, 1, 1);

    /// <summary>A rate in percent with one decimal (half away from zero); null when there is nobody to cover.</summary>
    public static decimal? RatePercent(int covered, int population) =>
        population <= 0 ? null : Math.Round(100m * covered / population, 1, MidpointRounding.AwayFromZero);

    /// <summary>The payer split must add up to the yearly fee, to the fen.</summary>
    public static bool SplitAddsUp(decimal fee, decimal insurance, decimal publicHealth, decimal elder) =>
        decimal.Round(insurance + publicHealth + elder, 2) == decimal.Round(fee, 2);
}

/// <summary>Settings of the family-doctor module (configuration section "FamilyDoctor").</summary>
public sealed class FamilyDoctorOptions
{
    /// <summary>Age of the coverage denominator (基本公卫: 65).</summary>
    public int CoverageAge { get; set; } = ContractRules.CoverageAge;
    /// <summary>docs/domain/elders-and-identifiers.md#counts-as-65-plus-in-a-year: a person counts for a year if they reach the age during it (false: only if they had reached it on 1 January).</summary>
    public bool CountAgeReachedDuringYear { get; set; } = true;
    /// <summary>How many days before the end of a term it may be renewed.</summary>
    public int RenewalWindowDays { get; set; } = ContractRules.RenewalWindowDays;
}

/// <summary>Roles inside a family-doctor team.</summary>
public static class TeamRoles
{
    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        ("general-practitioner", "全科医生"),
        ("specialist", "专科医生"),
        ("village-doctor", "乡村医生"),
        ("nurse", "护士"),
        ("public-health", "公共卫生人员"),
        ("pharmacist", "药师"),
        ("health-manager", "健康管理师"),
        ("other", "其他"),
    ];

    public static string? Parse(string? code)
    {
        var c = code?.Trim();
        return All.FirstOrDefault(r => r.Code == c || r.Name == c).Code;
    }

    public static string Name(string code) => All.FirstOrDefault(r => r.Code == code).Name ?? code;
}

/// <summary>Periods of a package item's quantity.</summary>
public static class ServicePeriods
{
    public static readonly IReadOnlyList<(string Code, string Name)> All = [("year", "年"), ("quarter", "季度"), ("month", "月")];

    public static string? Parse(string? code)
    {
        var c = code?.Trim();
        return All.FirstOrDefault(r => r.Code == c || r.Name == c).Code;
    }

    public static string Name(string code) => All.FirstOrDefault(r => r.Code == code).Name ?? code;

    /// <summary>How many times a year the quantity is granted (4/季度 = 16/年).</summary>
    public static int PerYear(string code, int quantity) => code switch
    {
        "quarter" => quantity * 4,
        "month" => quantity * 12,
        _ => quantity,
    };
}
