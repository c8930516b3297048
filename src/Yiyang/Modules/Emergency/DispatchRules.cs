namespace Yiyang.Modules.Emergency;

public enum DispatchAction
{
    Accept,
    Arrive,
    Report,
}

/// <summary>The responder's steps on a task in their inbox: 待接单 → 已接单 → 已到达 → 已反馈.</summary>
public static class DispatchRules
{
    /// <summary>Null when allowed; otherwise the Chinese reason (a 409).</summary>
    public static string? Refusal(DispatchStatus status, DispatchAction action)
    {
        var from = action switch
        {
            DispatchAction.Accept => DispatchStatus.Sent,
            DispatchAction.Arrive => DispatchStatus.Accepted,
            _ => DispatchStatus.Arrived,
        };
        return status == from ? null : $"该任务当前状态为“{StatusName(status)}”，不能{ActionName(action)}。";
    }

    public static DispatchStatus Next(DispatchAction a) => a switch
    {
        DispatchAction.Accept => DispatchStatus.Accepted,
        DispatchAction.Arrive => DispatchStatus.Arrived,
        _ => DispatchStatus.Done,
    };

    public static string ActionCode(DispatchAction a) => a switch
    {
        DispatchAction.Accept => "accept",
        DispatchAction.Arrive => "arrive",
        _ => "result",
    };

    public static string ActionName(DispatchAction a) => a switch
    {
        DispatchAction.Accept => "接单",
        DispatchAction.Arrive => "登记到达",
        _ => "反馈处置结果",
    };

    public static string StatusCode(DispatchStatus s) => s switch
    {
        DispatchStatus.Sent => "sent",
        DispatchStatus.Accepted => "accepted",
        DispatchStatus.Arrived => "arrived",
        DispatchStatus.Done => "done",
        _ => "handed-off",
    };

    public static string StatusName(DispatchStatus s) => s switch
    {
        DispatchStatus.Sent => "待接单",
        DispatchStatus.Accepted => "已接单",
        DispatchStatus.Arrived => "已到达",
        DispatchStatus.Done => "已反馈",
        _ => "已电话移交",
    };

    /// <summary>The outcomes a responder may report (the incident is resolved with it).</summary>
    public static readonly IReadOnlyList<IncidentOutcome> ResponderOutcomes =
        [IncidentOutcome.FamilyDoctorVisit, IncidentOutcome.CareHomeStaff, IncidentOutcome.HospitalVia120, IncidentOutcome.FamilyHandled, IncidentOutcome.FalseAlarm, IncidentOutcome.Other];

    public static DispatchDto ToDto(EmergencyDispatch x) => new(x.Id, IncidentRules.ResponderCode(x.ResponderKind), IncidentRules.ResponderName(x.ResponderKind),
        x.ResponderName, x.Note, x.DispatchedAt, x.DispatchedBy, StatusCode(x.Status), StatusName(x.Status), x.ResponderOrganizationId is not null,
        x.AcceptedAt, x.AcceptedBy, x.ArrivedAt, x.DoneAt, x.Result);
}
