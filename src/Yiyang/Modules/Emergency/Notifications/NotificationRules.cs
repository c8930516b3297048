namespace Yiyang.Modules.Emergency;

/// <summary>Which notices an incident's state calls for, their text, and the retry schedule (docs/domain/emergency.md#notifications).</summary>
public static class NotificationRules
{
    public static readonly NoticeKind[] Kinds = [NoticeKind.Received, NoticeKind.Dispatched, NoticeKind.Resolved];

    /// <summary>Device problems (offline, low battery, fault) are the operators' business, not the family's.</summary>
    public static bool Notifies(IncidentKind kind) => kind is not (IncidentKind.DeviceOffline or IncidentKind.LowBattery or IncidentKind.DeviceFault);

    /// <summary>
    /// The notices due for an incident in this state, in order: 已收到报警 once it exists, 救助人员已出发 once a task was
    /// sent, 已处置 once it is resolved or closed. Read from the state, not the event kind, so an 'updated' event of any step
    /// and a late run both find every notice due.
    /// </summary>
    public static IReadOnlyList<NoticeKind> Due(IncidentKind kind, IncidentStatus status, bool dispatched)
    {
        if (!Notifies(kind)) return [];
        var due = new List<NoticeKind> { NoticeKind.Received };
        if (dispatched) due.Add(NoticeKind.Dispatched);
        if (status >= IncidentStatus.Resolved) due.Add(NoticeKind.Resolved);
        return due;
    }

    public static string Code(NoticeKind k) => k switch
    {
        NoticeKind.Received => "received",
        NoticeKind.Dispatched => "dispatched",
        _ => "resolved",
    };

    public static string Name(NoticeKind k) => k switch
    {
        NoticeKind.Received => "已收到报警",
        NoticeKind.Dispatched => "救助人员已出发",
        _ => "已处置",
    };

    public static string StatusCode(NotificationStatus s) => s switch
    {
        NotificationStatus.Pending => "pending",
        NotificationStatus.Sent => "sent",
        NotificationStatus.Failed => "failed",
        _ => "dead",
    };

    public static string StatusName(NotificationStatus s) => s switch
    {
        NotificationStatus.Pending => "待发送",
        NotificationStatus.Sent => "已发送",
        NotificationStatus.Failed => "发送失败，将重试",
        _ => "已放弃",
    };

    /// <summary>The message a contact reads; the elder's name is masked.</summary>
    public static string Text(NoticeKind k, string elderNameMasked) => k switch
    {
        NoticeKind.Received => $"【颐养应急中心】已收到报警：您的家人{elderNameMasked}的报警已由应急中心收到，我们正在处理。",
        NoticeKind.Dispatched => $"【颐养应急中心】救助人员已出发：已为您的家人{elderNameMasked}派出救助人员。",
        _ => $"【颐养应急中心】已处置：您的家人{elderNameMasked}的报警事件已处置完毕。",
    };

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> failures: base × 2^(attempts−1), at most the maximum.</summary>
    public static TimeSpan Backoff(int attempts, NotificationOptions o)
    {
        var seconds = o.BackoffSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, o.MaxBackoffSeconds));
    }

    /// <summary>After a failed attempt: failed (tried again later) or, at the limit, dead.</summary>
    public static NotificationStatus AfterFailure(int attempts, NotificationOptions o) =>
        attempts >= o.MaxAttempts ? NotificationStatus.Dead : NotificationStatus.Failed;
}
