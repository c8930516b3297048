namespace Yiyang.Modules.Emergency;

public enum IncidentAction
{
    Acknowledge,
    Dispatch,
    ArriveOnScene,
    Resolve,
    Close,
}

/// <summary>
/// The incident rules, free of the database (docs/domain/emergency.md): priority by kind; which signal joins an open
/// incident (the dedupe window); the state machine 新事件 → 已受理 → 已派单 → 已到场 → 已处置 → 已关闭, where an
/// incident settled by phone (or a false alarm) is resolved straight after acknowledging it.
/// </summary>
public static class IncidentRules
{
    /// <summary>1: SOS, fall, smoke, gas; 2: abnormal vitals and bed exit; 3: device problems.</summary>
    public static int Priority(IncidentKind k) => k switch
    {
        IncidentKind.Sos or IncidentKind.Fall or IncidentKind.Smoke or IncidentKind.Gas => 1,
        IncidentKind.Vitals or IncidentKind.BedExit => 2,
        _ => 3,
    };

    public static bool IsOpen(IncidentStatus s) => s < IncidentStatus.Resolved;

    /// <summary>
    /// Whether a new signal of priority <paramref name="signalPriority"/> joins an incident: it is still open, its last
    /// signal is within the window, and both are device problems or neither is (a fall never hides in a low-battery incident).
    /// </summary>
    public static bool Joins(IncidentStatus status, int incidentPriority, DateTimeOffset lastSignalAt, int signalPriority, DateTimeOffset now, TimeSpan window) =>
        IsOpen(status) && now - lastSignalAt <= window && (incidentPriority == 3) == (signalPriority == 3);

    /// <summary>Null when allowed; otherwise the Chinese reason (a 409).</summary>
    public static string? Refusal(IncidentStatus status, IncidentAction action)
    {
        var from = action switch
        {
            IncidentAction.Acknowledge => new[] { IncidentStatus.New },
            IncidentAction.Dispatch => [IncidentStatus.Acknowledged, IncidentStatus.Dispatched],
            IncidentAction.ArriveOnScene => [IncidentStatus.Dispatched],
            IncidentAction.Resolve => [IncidentStatus.Acknowledged, IncidentStatus.Dispatched, IncidentStatus.OnScene],
            _ => [IncidentStatus.Resolved],
        };
        return from.Contains(status) ? null : $"该事件当前状态为“{StatusName(status)}”，不能{ActionName(action)}。";
    }

    /// <summary>The status after the step (a second dispatch keeps 已派单).</summary>
    public static IncidentStatus Next(IncidentAction action) => action switch
    {
        IncidentAction.Acknowledge => IncidentStatus.Acknowledged,
        IncidentAction.Dispatch => IncidentStatus.Dispatched,
        IncidentAction.ArriveOnScene => IncidentStatus.OnScene,
        IncidentAction.Resolve => IncidentStatus.Resolved,
        _ => IncidentStatus.Closed,
    };

    /// <summary>Seconds from opening to acknowledgement (the answer time), null until acknowledged.</summary>
    public static int? AnswerSeconds(DateTimeOffset openedAt, DateTimeOffset? acknowledgedAt) =>
        acknowledgedAt is { } a ? (int)Math.Max(0, Math.Floor((a - openedAt).TotalSeconds)) : null;

    public static string ActionCode(IncidentAction a) => a switch
    {
        IncidentAction.Acknowledge => "acknowledge",
        IncidentAction.Dispatch => "dispatch",
        IncidentAction.ArriveOnScene => "on-scene",
        IncidentAction.Resolve => "resolve",
        _ => "close",
    };

    public static string ActionName(IncidentAction a) => a switch
    {
        IncidentAction.Acknowledge => "受理",
        IncidentAction.Dispatch => "派单",
        IncidentAction.ArriveOnScene => "登记到场",
        IncidentAction.Resolve => "登记处置结果",
        _ => "关闭",
    };

    public static string StatusCode(IncidentStatus s) => s switch
    {
        IncidentStatus.New => "new",
        IncidentStatus.Acknowledged => "acknowledged",
        IncidentStatus.Dispatched => "dispatched",
        IncidentStatus.OnScene => "on-scene",
        IncidentStatus.Resolved => "resolved",
        _ => "closed",
    };

    public static string StatusName(IncidentStatus s) => s switch
    {
        IncidentStatus.New => "新事件",
        IncidentStatus.Acknowledged => "已受理",
        IncidentStatus.Dispatched => "已派单",
        IncidentStatus.OnScene => "已到场",
        IncidentStatus.Resolved => "已处置",
        _ => "已关闭",
    };

    public static string KindCode(IncidentKind k) => k switch
    {
        IncidentKind.Sos => "sos",
        IncidentKind.Fall => "fall",
        IncidentKind.BedExit => "bed-exit",
        IncidentKind.Smoke => "smoke",
        IncidentKind.Gas => "gas",
        IncidentKind.Vitals => "vitals",
        IncidentKind.DeviceOffline => "device-offline",
        IncidentKind.LowBattery => "low-battery",
        _ => "device-fault",
    };

    public static string KindName(IncidentKind k) => k switch
    {
        IncidentKind.Sos => "紧急呼叫",
        IncidentKind.Fall => "跌倒",
        IncidentKind.BedExit => "离床未归",
        IncidentKind.Smoke => "烟雾报警",
        IncidentKind.Gas => "燃气泄漏",
        IncidentKind.Vitals => "体征异常",
        IncidentKind.DeviceOffline => "设备离线",
        IncidentKind.LowBattery => "设备电量低",
        _ => "设备故障",
    };

    /// <summary>The kinds a device may send as an alarm (vitals come as readings, offline is found by the platform).</summary>
    public static readonly IReadOnlyList<IncidentKind> AlarmKinds =
        [IncidentKind.Sos, IncidentKind.Fall, IncidentKind.BedExit, IncidentKind.Smoke, IncidentKind.Gas, IncidentKind.LowBattery, IncidentKind.DeviceFault];

    public static IncidentKind? ParseAlarmKind(string? code) =>
        AlarmKinds.Cast<IncidentKind?>().FirstOrDefault(k => KindCode(k!.Value) == code?.Trim());

    public static string OutcomeCode(IncidentOutcome o) => o switch
    {
        IncidentOutcome.FalseAlarm => "false-alarm",
        IncidentOutcome.AdviceByPhone => "advice-by-phone",
        IncidentOutcome.FamilyHandled => "family-handled",
        IncidentOutcome.FamilyDoctorVisit => "family-doctor-visit",
        IncidentOutcome.CareHomeStaff => "care-home-staff",
        IncidentOutcome.HospitalVia120 => "hospital-via-120",
        IncidentOutcome.DeviceServiced => "device-serviced",
        _ => "other",
    };

    public static string OutcomeName(IncidentOutcome o) => o switch
    {
        IncidentOutcome.FalseAlarm => "误报",
        IncidentOutcome.AdviceByPhone => "电话指导",
        IncidentOutcome.FamilyHandled => "家属已处理",
        IncidentOutcome.FamilyDoctorVisit => "家庭医生上门",
        IncidentOutcome.CareHomeStaff => "养老机构人员处理",
        IncidentOutcome.HospitalVia120 => "120 送医",
        IncidentOutcome.DeviceServiced => "设备已检修",
        _ => "其他",
    };

    public static IncidentOutcome? ParseOutcome(string? code) =>
        Enum.GetValues<IncidentOutcome>().Cast<IncidentOutcome?>().FirstOrDefault(o => OutcomeCode(o!.Value) == code?.Trim());

    public static string ResponderCode(ResponderKind r) => r switch
    {
        ResponderKind.FamilyDoctorTeam => "family-doctor-team",
        ResponderKind.CareHome => "care-home",
        ResponderKind.FamilyContact => "family-contact",
        ResponderKind.CommunityWorker => "community-worker",
        _ => "ambulance-120",
    };

    public static string ResponderName(ResponderKind r) => r switch
    {
        ResponderKind.FamilyDoctorTeam => "家庭医生团队",
        ResponderKind.CareHome => "养老机构",
        ResponderKind.FamilyContact => "家属/紧急联系人",
        ResponderKind.CommunityWorker => "社区工作人员",
        _ => "120 急救（移交）",
    };

    public static ResponderKind? ParseResponder(string? code) =>
        Enum.GetValues<ResponderKind>().Cast<ResponderKind?>().FirstOrDefault(r => ResponderCode(r!.Value) == code?.Trim());
}
