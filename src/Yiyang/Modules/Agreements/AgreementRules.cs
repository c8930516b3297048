namespace Yiyang.Modules.Agreements;

/// <summary>Pure rules of cooperation agreements (docs/domain/collaboration.md#agreement-content, docs/domain/collaboration.md#agreement-status).</summary>
public static class AgreementRules
{
    public const string Rounds = "rounds";

    /// <summary>The fixed list of content items (合作内容), code → Chinese name.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Items =
    [
        (Rounds, "巡诊"),
        ("green-channel", "绿色通道"),
        ("emergency", "急诊急救"),
        ("referral", "双向转诊"),
        ("public-health", "公共卫生服务"),
        ("remote-consultation", "远程会诊"),
        ("training", "培训"),
    ];

    /// <summary>Longest allowed term (years); longer agreements are renewed.</summary>
    public const int MaxTermYears = 5;

    public static string? ItemName(string code) => Items.FirstOrDefault(i => i.Code == code).Name;

    public static string StatusCode(AgreementStatus s) => s switch
    {
        AgreementStatus.Draft => "draft",
        AgreementStatus.Effective => "effective",
        AgreementStatus.Terminated => "terminated",
        AgreementStatus.Expired => "expired",
        _ => s.ToString(),
    };

    public static string StatusName(AgreementStatus s) => s switch
    {
        AgreementStatus.Draft => "草拟",
        AgreementStatus.Effective => "生效",
        AgreementStatus.Terminated => "终止",
        AgreementStatus.Expired => "到期",
        _ => s.ToString(),
    };

    /// <summary>The status as of <paramref name="today"/>: a 生效 agreement whose last day has passed is 到期.</summary>
    public static AgreementStatus StatusOn(AgreementStatus stored, DateOnly endOn, DateOnly today) =>
        stored == AgreementStatus.Effective && today > endOn ? AgreementStatus.Expired : stored;

    /// <summary>Whether the agreement grants access and counts as coverage on <paramref name="today"/>.</summary>
    public static bool IsInForce(AgreementStatus stored, DateOnly startOn, DateOnly endOn, DateOnly today) =>
        stored == AgreementStatus.Effective && startOn <= today && today <= endOn;

    /// <summary>
    /// The agreements in force on a past or present day: activated by its end, within their term, and then effective,
    /// expired since, or terminated after that day.
    /// </summary>
    public static IQueryable<Agreement> InForceOn(IQueryable<Agreement> q, DateOnly day, DateTimeOffset dayEnd) =>
        q.Where(a => a.ActivatedAt != null && a.ActivatedAt <= dayEnd && a.StartOn <= day && day <= a.EndOn
            && (a.Status == AgreementStatus.Effective || a.Status == AgreementStatus.Expired
                || (a.Status == AgreementStatus.Terminated && a.TerminatedOn > day)));

    /// <summary>Term errors (field → message), empty when valid.</summary>
    public static Dictionary<string, string> TermErrors(DateOnly? startOn, DateOnly? endOn)
    {
        var e = new Dictionary<string, string>();
        if (startOn is null) e["startOn"] = "请填写起始日期。";
        if (endOn is null) e["endOn"] = "请填写截止日期。";
        if (startOn is { } s && endOn is { } t)
        {
            if (t < s) e["endOn"] = "截止日期不能早于起始日期。";
            else if (t > s.AddYears(MaxTermYears)) e["endOn"] = $"协议期限最长 {MaxTermYears} 年，到期后续签。";
        }
        return e;
    }

    /// <summary>Why a draft cannot take effect today (null when it can).</summary>
    public static string? ActivateRefusal(AgreementStatus stored, DateOnly startOn, DateOnly endOn, DateOnly today)
    {
        if (stored != AgreementStatus.Draft) return $"协议当前状态为“{StatusName(StatusOn(stored, endOn, today))}”，只有草拟的协议可以生效。";
        if (today < startOn) return $"协议期限自 {startOn:yyyy-MM-dd} 起，尚未开始，不能生效。";
        if (today > endOn) return $"协议期限已于 {endOn:yyyy-MM-dd} 结束，不能生效。";
        return null;
    }

    /// <summary>Why the agreement cannot be terminated today (null when it can): only an agreement in force.</summary>
    public static string? TerminateRefusal(AgreementStatus stored, DateOnly startOn, DateOnly endOn, DateOnly today) =>
        stored == AgreementStatus.Effective && today <= endOn
            ? null
            : $"协议当前状态为“{StatusName(StatusOn(stored, endOn, today))}”，只有生效中的协议可以终止。";

    /// <summary>Planned 巡诊 visits over the whole months of [from, to] (partial months pro rata, rounded).</summary>
    public static int PlannedRounds(int perMonth, DateOnly from, DateOnly to)
    {
        if (to < from) return 0;
        var days = to.DayNumber - from.DayNumber + 1;
        return (int)Math.Round(perMonth * days / 30.0, MidpointRounding.AwayFromZero);
    }

    public static double? Median(List<int> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
    }
}
