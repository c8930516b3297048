namespace Yiyang.Modules.Referrals;

/// <summary>What a user asks a referral to do.</summary>
public enum ReferralAction
{
    Accept,
    Reject,
    Withdraw,
    Arrive,
    Return,
    Complete,
}

/// <summary>Which side of the referral the user is on (the city operator acts for either).</summary>
[Flags]
public enum ReferralSide
{
    None = 0,
    Sender = 1,
    Receiver = 2,
    Both = Sender | Receiver,
}

/// <summary>The answer of the rules: allowed, or refused with an HTTP status (403 wrong side, 409 wrong state) and a Chinese message.</summary>
public sealed record ReferralDecision(bool Allowed, int Status, string? Message, ReferralStatus? Next)
{
    public static ReferralDecision Ok(ReferralStatus next) => new(true, 200, null, next);
    public static ReferralDecision Conflict(string message) => new(false, 409, message, null);
    public static ReferralDecision Forbidden(string message) => new(false, 403, message, null);
}

/// <summary>
/// The referral status machine (docs/domain/collaboration.md#referral-status-machine, 双向转诊: 申请 → 接收确认 → 转出完成 → 回转/出院 → 基层接续), free of the
/// database:
/// <list type="bullet">
/// <item>接收 accept: 申请 → 接收, by the receiving organization;</item>
/// <item>拒绝 reject (with a reason): 申请 → 拒绝, by the receiving organization;</item>
/// <item>撤回 withdraw: 申请 → 撤回, by the sender, only before the receiver has accepted;</item>
/// <item>到达 arrive: 接收 → 到达, by the receiving organization (the patient is there);</item>
/// <item>回转 return: 到达 → 回转, by the hospital, only for an up-referral, by sending a down-referral (回转单) back;</item>
/// <item>完成 complete: 到达 → 完成 by the receiver (an up-referral closed without a return — 出院/结束 — or a down-referral
/// whose 基层接续 has started); an up-referral in 回转 is completed by the platform when its down-referral completes.</item>
/// </list>
/// 拒绝, 撤回 and 完成 are final.
/// </summary>
public static class ReferralRules
{
    public sealed record Indication(string Code, string Name, ReferralDirection Direction);

    /// <summary>转诊指征 (docs/domain/collaboration.md#referral-indications).</summary>
    public static readonly IReadOnlyList<Indication> Indications =
    [
        new("acute-critical", "急危重症", ReferralDirection.Up),
        new("chronic-worsening", "慢性病急性加重，超出本机构诊治能力", ReferralDirection.Up),
        new("unclear-diagnosis", "诊断不明确", ReferralDirection.Up),
        new("specialist", "需专科检查、手术或住院治疗", ReferralDirection.Up),
        new("fall-fracture", "跌倒疑似骨折", ReferralDirection.Up),
        new("severe-infection", "严重感染", ReferralDirection.Up),
        new("consciousness", "意识状态改变", ReferralDirection.Up),
        new("unexplained-results", "检查结果异常且原因不明", ReferralDirection.Up),
        new("up-other", "其他（上转）", ReferralDirection.Up),
        new("stable", "急性期已过，病情稳定", ReferralDirection.Down),
        new("post-operative", "术后康复", ReferralDirection.Down),
        new("chronic-management", "慢性病需长期管理", ReferralDirection.Down),
        new("rehab-nursing", "需康复或长期护理", ReferralDirection.Down),
        new("palliative", "晚期肿瘤等需安宁疗护", ReferralDirection.Down),
        new("confirmed-plan", "诊断明确、治疗方案已确定", ReferralDirection.Down),
        new("down-other", "其他（下转）", ReferralDirection.Down),
    ];

    public static Indication? FindIndication(string? code) => Indications.FirstOrDefault(i => i.Code == code?.Trim());

    /// <summary>
    /// Whether the receiver may open the follow-up of a referral (docs/domain/collaboration.md#down-referral-follow-up: a down-referral opens a family sickbed or a
    /// care-home admission): only the receiving organization, only a down-referral in 接收/到达, and only once.
    /// </summary>
    public static ReferralDecision FollowUp(ReferralStatus status, ReferralDirection direction, bool receiver, bool alreadyOpened)
    {
        if (!receiver) return ReferralDecision.Forbidden("只有接收机构可以据此转诊建立家庭病床或办理入住。");
        if (direction != ReferralDirection.Down) return ReferralDecision.Conflict("只有下转的转诊可以建立家庭病床或办理入住。");
        if (status is not (ReferralStatus.Accepted or ReferralStatus.Arrived))
            return ReferralDecision.Conflict($"该转诊当前状态为“{StatusName(status)}”，接收或到达后才能建立家庭病床或办理入住。");
        if (alreadyOpened) return ReferralDecision.Conflict("该转诊已建立家庭病床或办理入住，不能重复办理。");
        return ReferralDecision.Ok(status);
    }

    public static ReferralDecision Decide(ReferralStatus status, ReferralDirection direction, ReferralAction action, ReferralSide side)
    {
        var needed = action == ReferralAction.Withdraw ? ReferralSide.Sender : ReferralSide.Receiver;
        if ((side & needed) == 0)
            return ReferralDecision.Forbidden(needed == ReferralSide.Sender
                ? "只有转出机构可以撤回转诊。"
                : $"只有接收机构可以{ActionName(action)}。");

        (ReferralStatus from, ReferralStatus to) = action switch
        {
            ReferralAction.Accept => (ReferralStatus.Requested, ReferralStatus.Accepted),
            ReferralAction.Reject => (ReferralStatus.Requested, ReferralStatus.Rejected),
            ReferralAction.Withdraw => (ReferralStatus.Requested, ReferralStatus.Withdrawn),
            ReferralAction.Arrive => (ReferralStatus.Accepted, ReferralStatus.Arrived),
            ReferralAction.Return => (ReferralStatus.Arrived, ReferralStatus.Returned),
            _ => (ReferralStatus.Arrived, ReferralStatus.Completed),
        };
        if (action == ReferralAction.Return && direction != ReferralDirection.Up)
            return ReferralDecision.Conflict("只有上转的转诊可以回转（下转单本身就是回转）。");
        if (status != from)
        {
            var hint = action switch
            {
                ReferralAction.Withdraw when status != ReferralStatus.Requested && !IsFinal(status) => "对方已接收，不能再撤回，请与接收机构联系。",
                ReferralAction.Arrive when status == ReferralStatus.Requested => "请先接收该转诊。",
                ReferralAction.Return or ReferralAction.Complete when status is ReferralStatus.Requested or ReferralStatus.Accepted => "患者尚未到达。",
                _ => "",
            };
            return ReferralDecision.Conflict($"该转诊当前状态为“{StatusName(status)}”，不能{ActionName(action)}。{hint}".TrimEnd());
        }
        return ReferralDecision.Ok(to);
    }

    /// <summary>Actions the side may take now (drives the buttons of the detail page).</summary>
    public static IReadOnlyList<ReferralAction> Available(ReferralStatus status, ReferralDirection direction, ReferralSide side) =>
        Enum.GetValues<ReferralAction>().Where(a => Decide(status, direction, a, side).Allowed).ToList();

    public static bool IsFinal(ReferralStatus s) => s is ReferralStatus.Completed or ReferralStatus.Rejected or ReferralStatus.Withdrawn;

    /// <summary>Open on the receiver's desk: waiting for acceptance or for the patient.</summary>
    public static bool IsWaiting(ReferralStatus s) => s is ReferralStatus.Requested or ReferralStatus.Accepted;

    /// <summary>Minutes from the request to the acceptance (null until accepted).</summary>
    public static int? MinutesToAccept(DateTimeOffset requestedAt, DateTimeOffset? acceptedAt) =>
        acceptedAt is { } a ? (int)Math.Floor((a - requestedAt).TotalMinutes) : null;

    /// <summary>Minutes from the request to the patient's arrival (null until arrived): the time the patient waited for care.</summary>
    public static int? MinutesToArrive(DateTimeOffset requestedAt, DateTimeOffset? arrivedAt) =>
        arrivedAt is { } a ? (int)Math.Floor((a - requestedAt).TotalMinutes) : null;

    /// <summary>
    /// How long the referral has waited in its current step: since the request while 申请, since the acceptance while 接收;
    /// null once the patient has arrived or the referral is closed.
    /// </summary>
    public static int? WaitingMinutes(ReferralStatus s, DateTimeOffset requestedAt, DateTimeOffset? acceptedAt, DateTimeOffset now) => s switch
    {
        ReferralStatus.Requested => (int)Math.Floor((now - requestedAt).TotalMinutes),
        ReferralStatus.Accepted when acceptedAt is { } a => (int)Math.Floor((now - a).TotalMinutes),
        _ => null,
    };

    /// <summary>“3 天 2 小时”, “1 小时 5 分钟”, “12 分钟”.</summary>
    public static string Duration(int minutes)
    {
        if (minutes < 60) return $"{minutes} 分钟";
        var days = minutes / 1440;
        var hours = minutes % 1440 / 60;
        var mins = minutes % 60;
        if (days > 0) return hours > 0 ? $"{days} 天 {hours} 小时" : $"{days} 天";
        return mins > 0 ? $"{hours} 小时 {mins} 分钟" : $"{hours} 小时";
    }

    public static string ActionName(ReferralAction a) => a switch
    {
        ReferralAction.Accept => "接收",
        ReferralAction.Reject => "拒绝",
        ReferralAction.Withdraw => "撤回",
        ReferralAction.Arrive => "登记到达",
        ReferralAction.Return => "回转",
        _ => "完成",
    };

    public static string StatusCode(ReferralStatus s) => s switch
    {
        ReferralStatus.Requested => "requested",
        ReferralStatus.Accepted => "accepted",
        ReferralStatus.Arrived => "arrived",
        ReferralStatus.Returned => "returned",
        ReferralStatus.Completed => "completed",
        ReferralStatus.Rejected => "rejected",
        _ => "withdrawn",
    };

    public static string StatusName(ReferralStatus s) => s switch
    {
        ReferralStatus.Requested => "申请",
        ReferralStatus.Accepted => "已接收",
        ReferralStatus.Arrived => "已到达",
        ReferralStatus.Returned => "已回转",
        ReferralStatus.Completed => "已完成",
        ReferralStatus.Rejected => "已拒绝",
        _ => "已撤回",
    };

    public static ReferralStatus? ParseStatus(string? s) => s?.Trim() switch
    {
        "requested" or "申请" => ReferralStatus.Requested,
        "accepted" or "已接收" => ReferralStatus.Accepted,
        "arrived" or "已到达" => ReferralStatus.Arrived,
        "returned" or "已回转" => ReferralStatus.Returned,
        "completed" or "已完成" => ReferralStatus.Completed,
        "rejected" or "已拒绝" => ReferralStatus.Rejected,
        "withdrawn" or "已撤回" => ReferralStatus.Withdrawn,
        _ => null,
    };

    public static string DirectionCode(ReferralDirection d) => d == ReferralDirection.Up ? "up" : "down";

    public static string DirectionName(ReferralDirection d) => d == ReferralDirection.Up ? "上转" : "下转";

    public static ReferralDirection? ParseDirection(string? s) => s?.Trim() switch
    {
        "up" or "上转" => ReferralDirection.Up,
        "down" or "下转" => ReferralDirection.Down,
        _ => null,
    };

    public static string UrgencyCode(ReferralUrgency u) => u switch
    {
        ReferralUrgency.Routine => "routine",
        ReferralUrgency.Urgent => "urgent",
        _ => "critical",
    };

    public static string UrgencyName(ReferralUrgency u) => u switch
    {
        ReferralUrgency.Routine => "普通",
        ReferralUrgency.Urgent => "紧急",
        _ => "危重",
    };

    public static ReferralUrgency? ParseUrgency(string? s) => s?.Trim() switch
    {
        null or "" or "routine" or "普通" => ReferralUrgency.Routine,
        "urgent" or "紧急" => ReferralUrgency.Urgent,
        "critical" or "危重" => ReferralUrgency.Critical,
        _ => null,
    };

    public static readonly IReadOnlyList<(string Code, string Name)> Destinations =
        [("community", "社区/基层医疗卫生机构"), ("care-home", "养老机构"), ("family-sickbed", "家庭病床")];

    public static string? DestinationName(string? code) => Destinations.FirstOrDefault(d => d.Code == code).Name;
}
