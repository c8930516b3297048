using System.Text.RegularExpressions;

namespace Yiyang.Modules.Sickbeds;

/// <summary>What can be done to a sickbed; <see cref="SickbedRules.Next"/> says from which status and to which.</summary>
public enum SickbedAction
{
    Approve,
    Reject,
    Open,
    Round,
    Order,
    NursingRecord,
    Renew,
    Close,
}

/// <summary>One 7-day window of the round frequency rule: [StartsOn, EndsOn], the rounds it needs and the rounds completed in it.</summary>
public sealed record RoundWindow(int Index, DateOnly StartsOn, DateOnly EndsOn, int Required, int Done)
{
    public bool Short => Done < Required;
}

/// <summary>
/// The round frequency of a sickbed on a day: the complete windows (ended before today), the current partial window, and
/// whether the last complete window is short (the alert).
/// </summary>
public sealed record RoundCompliance(IReadOnlyList<RoundWindow> Complete, RoundWindow? Current)
{
    public RoundWindow? LastComplete => Complete.Count == 0 ? null : Complete[^1];
    public bool Alert => LastComplete is { Short: true };
    public int ShortWindows => Complete.Count(w => w.Short);
}

/// <summary>
/// Pure rules of the family sickbed (docs/domain/sickbeds.md): the state machine, the discharge list, cycles and the
/// 查床 frequency. No I/O; unit-tested.
/// </summary>
public static partial class SickbedRules
{
    /// <summary>The services a round is planned with when the plan names none.</summary>
    public const string DefaultServiceCode = "SB-ROUND";
    public const string DefaultServiceName = "家庭病床查床";

    /// <summary>Applied, approved and opened sickbeds are open: at most one per elder (ux_sickbed_open_elder).</summary>
    public static bool IsOpen(SickbedStatus s) => s is SickbedStatus.Applied or SickbedStatus.Approved or SickbedStatus.Opened;

    /// <summary>
    /// The state machine: application → approved (评估通过) or rejected → opened (建床) → rounds, orders, nursing records,
    /// renewals (续床) → closed (撤床). An approved sickbed that is never opened can be closed (e.g. 死亡, 自动撤床).
    /// Null when the action is not allowed in that status.
    /// </summary>
    public static SickbedStatus? Next(SickbedStatus from, SickbedAction action) => (from, action) switch
    {
        (SickbedStatus.Applied, SickbedAction.Approve) => SickbedStatus.Approved,
        (SickbedStatus.Applied, SickbedAction.Reject) => SickbedStatus.Rejected,
        (SickbedStatus.Approved, SickbedAction.Open) => SickbedStatus.Opened,
        (SickbedStatus.Approved, SickbedAction.Close) => SickbedStatus.Closed,
        (SickbedStatus.Opened, SickbedAction.Round or SickbedAction.Order or SickbedAction.NursingRecord or SickbedAction.Renew) => SickbedStatus.Opened,
        (SickbedStatus.Opened, SickbedAction.Close) => SickbedStatus.Closed,
        _ => null,
    };

    /// <summary>Why the action is refused in that status (Chinese, for a 409), or null when it is allowed.</summary>
    public static string? Blocker(SickbedStatus from, SickbedAction action)
    {
        if (Next(from, action) is not null) return null;
        return from switch
        {
            SickbedStatus.Closed => "该家庭病床已撤床，不能再办理。",
            SickbedStatus.Rejected => "该家庭病床申请评估未通过，不能再办理。",
            SickbedStatus.Applied => "该家庭病床尚待评估，请先完成评估审批。",
            SickbedStatus.Approved => action is SickbedAction.Approve or SickbedAction.Reject
                ? "该申请已评估通过。"
                : "该家庭病床尚未建床，请先建床。",
            _ => action is SickbedAction.Open ? "该家庭病床已建床。" : "该家庭病床已评估，不能再审批。",
        };
    }

    public static string StatusCode(SickbedStatus s) => s switch
    {
        SickbedStatus.Applied => "applied",
        SickbedStatus.Approved => "approved",
        SickbedStatus.Opened => "opened",
        SickbedStatus.Rejected => "rejected",
        _ => "closed",
    };

    public static string StatusName(SickbedStatus s) => s switch
    {
        SickbedStatus.Applied => "待评估",
        SickbedStatus.Approved => "待建床",
        SickbedStatus.Opened => "在床",
        SickbedStatus.Rejected => "评估未通过",
        _ => "已撤床",
    };

    public static SickbedStatus? ParseStatus(string? code) => code?.Trim() switch
    {
        "applied" => SickbedStatus.Applied,
        "approved" => SickbedStatus.Approved,
        "opened" => SickbedStatus.Opened,
        "rejected" => SickbedStatus.Rejected,
        "closed" => SickbedStatus.Closed,
        _ => null,
    };

    /// <summary>The fixed discharge list (撤床原因), as codes and Chinese names.</summary>
    public static readonly IReadOnlyList<(SickbedCloseReason Reason, string Code, string Name)> CloseReasons =
    [
        (SickbedCloseReason.Cured, "cured", "治愈"),
        (SickbedCloseReason.Improved, "improved", "好转"),
        (SickbedCloseReason.Transferred, "transferred", "转院"),
        (SickbedCloseReason.Died, "died", "死亡"),
        (SickbedCloseReason.Withdrawn, "withdrawn", "自动撤床"),
        (SickbedCloseReason.Other, "other", "其他"),
    ];

    public static SickbedCloseReason? ParseCloseReason(string? code)
    {
        var c = code?.Trim();
        foreach (var r in CloseReasons)
            if (r.Code == c || r.Name == c) return r.Reason;
        return null;
    }

    public static string CloseReasonCode(SickbedCloseReason r) => CloseReasons.First(x => x.Reason == r).Code;
    public static string CloseReasonName(SickbedCloseReason r) => CloseReasons.First(x => x.Reason == r).Name;

    public static SickbedOrderKind? ParseOrderKind(string? code) => code?.Trim() switch
    {
        "long-term" or "长期" or "长期医嘱" => SickbedOrderKind.LongTerm,
        "temporary" or "临时" or "临时医嘱" => SickbedOrderKind.Temporary,
        _ => null,
    };

    public static string OrderKindCode(SickbedOrderKind k) => k == SickbedOrderKind.LongTerm ? "long-term" : "temporary";
    public static string OrderKindName(SickbedOrderKind k) => k == SickbedOrderKind.LongTerm ? "长期医嘱" : "临时医嘱";

    [GeneratedRegex("^[A-Z][0-9]{2}(\\.[0-9A-Za-z]{1,8})?$")]
    private static partial Regex Icd10();

    /// <summary>
    /// An ICD-10 code as used in China (国家临床版 extends the WHO code after the dot, e.g. I69.3, I63.900, I69.300x001):
    /// a letter, two digits, optionally a dot and up to 8 letters or digits. Returns the normalized code (first letter upper
    /// case) or null.
    /// </summary>
    public static string? NormalizeIcd10(string? code)
    {
        var c = (code ?? "").Trim();
        if (c.Length == 0 || c.Length > 16) return null;
        c = char.ToUpperInvariant(c[0]) + c[1..];
        return Icd10().IsMatch(c) ? c : null;
    }

    /// <summary>The default end of a cycle starting on <paramref name="startsOn"/>: a cycle of <paramref name="maxDays"/> days, both ends included.</summary>
    public static DateOnly DefaultCycleEnd(DateOnly startsOn, int maxDays) => startsOn.AddDays(Math.Max(1, maxDays) - 1);

    /// <summary>Why a cycle [startsOn, endsOn] is not allowed (both ends included, at most <paramref name="maxDays"/> days), or null.</summary>
    public static string? CycleProblem(DateOnly startsOn, DateOnly endsOn, int maxDays)
    {
        if (endsOn < startsOn) return $"周期结束日期不能早于周期开始日期（{startsOn:yyyy-MM-dd}）。";
        var days = endsOn.DayNumber - startsOn.DayNumber + 1;
        if (days > maxDays) return $"一个家庭病床周期最长 {maxDays} 天（{startsOn:yyyy-MM-dd} 起最晚至 {DefaultCycleEnd(startsOn, maxDays):yyyy-MM-dd}）。";
        return null;
    }

    /// <summary>
    /// 查床 frequency, the reading implemented ("查床 at least N times a week"): the days from <paramref name="openedOn"/> are cut
    /// into consecutive 7-day windows [opened + 7k, opened + 7k + 6]; every window that has ended before
    /// <paramref name="today"/> must hold at least N rounds completed (by the visit's completion date) inside it. The window
    /// containing today is partial and is not judged yet — the team still has until its last day. N is the rounds per week of
    /// the cycle in force on the window's first day (<paramref name="cycles"/>: start date and rounds per week, any order).
    /// Rounds are not carried over between windows. An alert is raised when the last complete window is short.
    /// </summary>
    public static RoundCompliance Evaluate(DateOnly openedOn, IReadOnlyList<(DateOnly StartsOn, int RoundsPerWeek)> cycles, DateOnly today,
        IEnumerable<DateOnly> completedRounds)
    {
        var ordered = cycles.OrderBy(c => c.StartsOn).ToList();
        int Required(DateOnly day)
        {
            var n = ordered.Count == 0 ? 1 : ordered[0].RoundsPerWeek;
            foreach (var c in ordered)
                if (c.StartsOn <= day) n = c.RoundsPerWeek;
            return Math.Max(1, n);
        }
        var rounds = completedRounds.Where(d => d >= openedOn && d <= today).Select(d => (d.DayNumber - openedOn.DayNumber) / 7)
            .GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        var complete = new List<RoundWindow>();
        RoundWindow? current = null;
        for (var k = 0; ; k++)
        {
            var start = openedOn.AddDays(7 * k);
            if (start > today) break;
            var end = start.AddDays(6);
            var w = new RoundWindow(k, start, end, Required(start), rounds.GetValueOrDefault(k));
            if (end < today) complete.Add(w);
            else current = w;
        }
        return new RoundCompliance(complete, current);
    }

    /// <summary>The cycle has ended and the sickbed was neither renewed nor closed.</summary>
    public static bool CycleEnded(DateOnly cycleEndsOn, DateOnly today) => today > cycleEndsOn;
}
