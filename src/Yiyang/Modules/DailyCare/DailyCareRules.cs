using Yiyang.Modules.Assessments.CarePlans;

namespace Yiyang.Modules.DailyCare;

/// <summary>Outcome of one due care-plan item: 已完成 / 未完成.</summary>
public enum CareStatus
{
    Done = 1,
    NotDone = 2,
}

/// <summary>Why a due item was not done: 拒绝 / 外出 / 住院 / 身体原因 / 其他 (其他 needs a note).</summary>
public enum NotDoneReason
{
    Refused = 1,
    Out = 2,
    Hospitalised = 3,
    Physical = 4,
    Other = 5,
}

/// <summary>
/// Rules of daily care records (docs/domain/institutions.md#daily-care-records). A care-plan item has a frequency of n times per
/// week (1–14) or per month (1–62); 每日 is 7 per week, 每日两次 14 per week. The occurrences are spread evenly over the
/// period and front-loaded: day i (0-based) of a period of L days carries ceil((i+1)·n/L) − ceil(i·n/L) occurrences. So a
/// week starts on Monday: 1/周 → Monday; 2/周 → Monday, Thursday; 3/周 → Monday, Wednesday, Friday; 7/周 → every day;
/// 14/周 → twice every day; a month starts on the 1st: 1/月 → the 1st; 2/月 in a 30-day month → the 1st and the 16th.
/// </summary>
public static class DailyCareRules
{
    /// <summary>How many days back a missed record may still be entered (补录).</summary>
    public const int BackfillDays = 7;

    /// <summary>Occurrences due on <paramref name="date"/> for n times per <paramref name="unit"/> (week or month); 0 for a bad unit or count.</summary>
    public static int OccurrencesOn(int count, string unit, DateOnly date)
    {
        if (count < 1) return 0;
        int day, length;
        if (unit == FrequencyUnits.Week)
        {
            day = ((int)date.DayOfWeek + 6) % 7; // Monday = 0
            length = 7;
        }
        else if (unit == FrequencyUnits.Month)
        {
            day = date.Day - 1;
            length = DateTime.DaysInMonth(date.Year, date.Month);
        }
        else return 0;
        return CeilDiv((day + 1) * count, length) - CeilDiv(day * count, length);
    }

    /// <summary>Occurrences of an item due on a date: 0 outside the item's start and end dates.</summary>
    public static int DueOn(int count, string unit, DateOnly startOn, DateOnly? endOn, DateOnly date) =>
        date < startOn || (endOn is { } end && date > end) ? 0 : OccurrencesOn(count, unit, date);

    /// <summary>A record may be corrected only on the day (China time) it was made.</summary>
    public static bool Correctable(DateTimeOffset recordedAt, DateTimeOffset now) => recordedAt.ChinaDate() == now.ChinaDate();

    /// <summary>Whether a leave covers a date: away from its start until the day before the return (the return day is at home).</summary>
    public static bool OnLeave(DateOnly startOn, DateOnly? returnedOn, DateOnly date) => startOn <= date && (returnedOn is null || returnedOn > date);

    /// <summary>Completion rate: done over due (0 when nothing was due), 4 decimals.</summary>
    public static decimal Rate(int done, int due) => due == 0 ? 0 : Math.Round((decimal)done / due, 4);

    /// <summary>How the checklist shows a frequency: 7 and 14 per week read 每日 / 每日 2 次.</summary>
    public static string Describe(int count, string unit) =>
        unit == FrequencyUnits.Week && count % 7 == 0 ? (count == 7 ? "每日" : $"每日 {count / 7} 次") : FrequencyUnits.Describe(count, unit);

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;

    public static CareStatus? ParseStatus(string? code) => code?.Trim() switch
    {
        "done" or "已完成" => CareStatus.Done,
        "not-done" or "未完成" => CareStatus.NotDone,
        _ => null,
    };

    public static string StatusCode(CareStatus s) => s == CareStatus.Done ? "done" : "not-done";

    public static string StatusName(CareStatus s) => s == CareStatus.Done ? "已完成" : "未完成";

    public static NotDoneReason? ParseReason(string? code) => code?.Trim() switch
    {
        "refused" or "拒绝" => NotDoneReason.Refused,
        "out" or "外出" => NotDoneReason.Out,
        "hospitalised" or "住院" => NotDoneReason.Hospitalised,
        "physical" or "身体原因" => NotDoneReason.Physical,
        "other" or "其他" => NotDoneReason.Other,
        _ => null,
    };

    public static string ReasonCode(NotDoneReason r) => r switch
    {
        NotDoneReason.Refused => "refused",
        NotDoneReason.Out => "out",
        NotDoneReason.Hospitalised => "hospitalised",
        NotDoneReason.Physical => "physical",
        _ => "other",
    };

    public static string ReasonName(NotDoneReason r) => r switch
    {
        NotDoneReason.Refused => "拒绝",
        NotDoneReason.Out => "外出",
        NotDoneReason.Hospitalised => "住院",
        NotDoneReason.Physical => "身体原因",
        _ => "其他",
    };

    public static readonly IReadOnlyList<NotDoneReason> Reasons = Enum.GetValues<NotDoneReason>();

    /// <summary>
    /// Checks the outcome fields of one entry (keys prefixed with <paramref name="prefix"/>): a known status; not-done needs a
    /// known reason, 其他 also a note; done takes no reason; note at most 200 characters.
    /// </summary>
    public static Platform.Errors.FieldErrors ValidateOutcome(string prefix, string? status, string? reason, string? note,
        Platform.Errors.FieldErrors? into = null)
    {
        var errors = into ?? new Platform.Errors.FieldErrors();
        var s = ParseStatus(status);
        if (s is null) errors.Add(prefix + "status", "请选择“已完成”或“未完成”。");
        var r = string.IsNullOrWhiteSpace(reason) ? null : ParseReason(reason);
        if (s == CareStatus.NotDone)
        {
            if (r is null) errors.Add(prefix + "reason", "未完成时请选择原因：拒绝、外出、住院、身体原因或其他。");
            else if (r == NotDoneReason.Other && string.IsNullOrWhiteSpace(note)) errors.Add(prefix + "note", "原因为“其他”时请填写说明。");
        }
        else if (s == CareStatus.Done && !string.IsNullOrWhiteSpace(reason)) errors.Add(prefix + "reason", "已完成的项目不需要填写未完成原因。");
        if (note is { Length: > 200 }) errors.Add(prefix + "note", "说明最多 200 个字。");
        return errors;
    }
}
