using System.Globalization;

namespace Yiyang.Modules.HomeVisits;

/// <summary>Vitals as entered at the door; every value optional.</summary>
public sealed record VitalsInput(int? Systolic, int? Diastolic, int? Pulse, decimal? Temperature, decimal? Glucose, int? Spo2, decimal? Weight);

/// <summary>
/// The rules of a home visit, free of the database. Plausible ranges of vitals (values outside are almost surely typing
/// errors at the door, not readings; the clinical alert thresholds are narrower and are not enforced here):
/// systolic 60–260 mmHg; diastolic 30–160 mmHg and below the systolic; pulse 30–220 /min; temperature 34.0–43.0 ℃;
/// blood glucose 1.0–35.0 mmol/L; SpO₂ 50–100 %; weight 20–200 kg.
/// </summary>
public static class VisitRules
{
    public sealed record Range(string Field, string Label, decimal Min, decimal Max, string Unit, int Decimals);

    public static readonly Range Systolic = new("systolic", "收缩压", 60, 260, "mmHg", 0);
    public static readonly Range Diastolic = new("diastolic", "舒张压", 30, 160, "mmHg", 0);
    public static readonly Range Pulse = new("pulse", "脉搏", 30, 220, "次/分", 0);
    public static readonly Range Temperature = new("temperature", "体温", 34.0m, 43.0m, "℃", 1);
    public static readonly Range Glucose = new("glucose", "血糖", 1.0m, 35.0m, "mmol/L", 1);
    public static readonly Range Spo2 = new("spo2", "血氧饱和度", 50, 100, "%", 0);
    public static readonly Range Weight = new("weight", "体重", 20, 200, "kg", 1);

    public static readonly IReadOnlyList<Range> Ranges = [Systolic, Diastolic, Pulse, Temperature, Glucose, Spo2, Weight];

    private static string F(decimal v, int decimals) => v.ToString(decimals == 0 ? "0" : "0.0", CultureInfo.InvariantCulture);

    public static string Hint(Range r) => $"{F(r.Min, r.Decimals)}–{F(r.Max, r.Decimals)} {r.Unit}";

    private static void Check(decimal? value, Range r, FieldErrors errors)
    {
        if (value is not { } v) return;
        if (v < r.Min || v > r.Max)
            errors.Add(r.Field, $"{r.Label} {F(v, r.Decimals)} {r.Unit} 不在合理范围（{Hint(r)}）内，请复核后重新录入。");
        else if (decimal.Round(v, r.Decimals) != v)
            errors.Add(r.Field, r.Decimals == 0 ? $"{r.Label}请填写整数。" : $"{r.Label}最多保留 {r.Decimals} 位小数。");
    }

    /// <summary>Field errors of implausible vitals (field names as in the API); empty when all are plausible.</summary>
    public static FieldErrors ValidateVitals(VitalsInput v)
    {
        var errors = new FieldErrors();
        Check(v.Systolic, Systolic, errors);
        Check(v.Diastolic, Diastolic, errors);
        Check(v.Pulse, Pulse, errors);
        Check(v.Temperature, Temperature, errors);
        Check(v.Glucose, Glucose, errors);
        Check(v.Spo2, Spo2, errors);
        Check(v.Weight, Weight, errors);
        if (v.Systolic is { } s && v.Diastolic is { } d && !errors.Has("systolic") && !errors.Has("diastolic") && d >= s)
            errors.Add("diastolic", $"舒张压（{d} mmHg）应低于收缩压（{s} mmHg），请复核。");
        if ((v.Systolic is null) != (v.Diastolic is null))
            errors.Add(v.Systolic is null ? "systolic" : "diastolic", "血压请同时填写收缩压和舒张压。");
        return errors;
    }

    /// <summary>Planned services not yet done, nor skipped with a reason: they block the check-out.</summary>
    public static IReadOnlyList<HomeVisitService> OpenServices(IEnumerable<HomeVisitService> services) =>
        services.Where(s => s.Planned && !(s.Status == ServiceStatus.Done ||
                                           (s.Status == ServiceStatus.Skipped && !string.IsNullOrWhiteSpace(s.SkipReason))))
            .ToList();

    /// <summary>Why the visit cannot be completed yet, or null when it can.</summary>
    public static string? CompletionBlocker(VisitStatus status, IEnumerable<HomeVisitService> services)
    {
        if (status == VisitStatus.Completed) return "该次上门服务已完成。";
        if (status != VisitStatus.CheckedIn) return "尚未签到，不能完成上门服务。请先在老人家中签到。";
        var open = OpenServices(services);
        if (open.Count > 0)
            return "以下计划服务尚未完成或注明跳过原因：" + string.Join("、", open.Select(s => $"{s.ServiceName}（{s.ServiceCode}）")) + "。";
        return null;
    }

    public static string StatusCode(VisitStatus s) => s switch
    {
        VisitStatus.Planned => "planned",
        VisitStatus.CheckedIn => "checked-in",
        VisitStatus.Completed => "completed",
        _ => "",
    };

    public static string StatusName(VisitStatus s) => s switch
    {
        VisitStatus.Planned => "待上门",
        VisitStatus.CheckedIn => "进行中",
        VisitStatus.Completed => "已完成",
        _ => "",
    };

    public static VisitStatus? ParseStatus(string? s) => s?.Trim() switch
    {
        "planned" or "待上门" => VisitStatus.Planned,
        "checked-in" or "进行中" => VisitStatus.CheckedIn,
        "completed" or "已完成" => VisitStatus.Completed,
        _ => null,
    };

    public static string SourceCode(VisitSource s) => s switch
    {
        VisitSource.AdHoc => "ad-hoc",
        VisitSource.Package => "package",
        VisitSource.Ledger => "ledger",
        _ => "",
    };

    public static VisitSource? ParseSource(string? s) => s?.Trim() switch
    {
        null or "" or "ad-hoc" or "adhoc" or "出诊" => VisitSource.AdHoc,
        "package" or "签约服务包" => VisitSource.Package,
        "ledger" or "台账" => VisitSource.Ledger,
        _ => null,
    };

    /// <summary>出诊 for an ad-hoc visit, 巡诊 for a planned round (package frequency or 台账 interval).</summary>
    public static string Kind(VisitSource s) => s == VisitSource.AdHoc ? "上门出诊" : "上门巡诊";

    public static string ServiceStatusCode(ServiceStatus s) => s switch
    {
        ServiceStatus.Done => "done",
        ServiceStatus.Skipped => "skipped",
        _ => "open",
    };

    public static string ServiceStatusName(ServiceStatus s) => s switch
    {
        ServiceStatus.Done => "已完成",
        ServiceStatus.Skipped => "已跳过",
        _ => "未完成",
    };

    /// <summary>Overdue on the 台账: never visited, or the last completed visit older than the interval.</summary>
    public static bool IsOverdue(DateOnly? lastVisit, DateOnly today, int intervalDays) =>
        lastVisit is not { } last || today.DayNumber - last.DayNumber > intervalDays;
}
