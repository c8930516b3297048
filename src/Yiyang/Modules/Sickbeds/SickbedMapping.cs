using Yiyang.Modules.HomeVisits;

namespace Yiyang.Modules.Sickbeds;

/// <summary>Entities of the sickbed module as their DTOs.</summary>
public static class SickbedMapping
{
    public static OrderDto ToDto(SickbedOrder o) => new(o.Id, SickbedRules.OrderKindCode(o.Kind), SickbedRules.OrderKindName(o.Kind), o.Text, o.StartsAt,
        o.StoppedAt, o.OrderedByUser, o.StoppedByUser);

    public static NursingRecordDto ToDto(SickbedNursingRecord n) => new(n.Id, n.RecordedAt, n.Text, n.RecordedByUser);

    /// <summary>A round with the state of its home visit.</summary>
    public static RoundDto ToDto(SickbedRound r, DateOnly plannedDate, VisitStatus status, DateOnly? completedOn) =>
        new(r.Id, r.VisitId, plannedDate, VisitRules.StatusCode(status), VisitRules.StatusName(status), completedOn, r.CreatedByUser);
}
