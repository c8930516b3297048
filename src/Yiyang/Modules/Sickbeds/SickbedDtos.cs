using Yiyang.Modules.HomeVisits;

namespace Yiyang.Modules.Sickbeds;

/// <summary>Settings of family sickbeds (section "Sickbeds"; docs/domain/sickbeds.md#cycle-length, docs/domain/sickbeds.md#round-frequency).</summary>
public sealed class SickbedOptions
{
    /// <summary>Longest cycle in days (both ends included); renewal after reassessment starts a new cycle of at most this length.</summary>
    public int MaxCycleDays { get; set; } = 90;

    /// <summary>查床 per 7-day window when the opening form gives none ("at least once a week").</summary>
    public int DefaultRoundsPerWeek { get; set; } = 1;
}

public sealed record ApplicationInput(long? ElderId, long? OrganizationId, string? Reason, string? DiagnosisCode, string? DiagnosisName, DateOnly? AppliedOn);

public sealed record ApproveInput(DateOnly? AssessedOn, string? Note, int? Version);

public sealed record RejectInput(DateOnly? AssessedOn, string? Reason, int? Version);

public sealed record OpenInput(DateOnly? OpenedOn, string? DiagnosisCode, string? DiagnosisName, string? Plan, List<PlannedServiceInput>? Services,
    string? ResponsibleDoctor, string? ResponsibleNurse, int? RoundsPerWeek, DateOnly? CycleEndsOn, int? Version);

public sealed record RoundInput(DateOnly? PlannedDate);

public sealed record OrderInput(string? Kind, string? Text, DateTimeOffset? StartsAt);

public sealed record StopOrderInput(DateTimeOffset? StoppedAt);

public sealed record NursingRecordInput(string? Text, DateTimeOffset? RecordedAt);

public sealed record RenewInput(string? Reassessment, DateOnly? CycleEndsOn, int? RoundsPerWeek, int? Version);

public sealed record CloseInput(string? Reason, string? Summary, DateOnly? ClosedOn, int? Version);

public sealed record PlanServiceDto(string ServiceCode, string ServiceName);

public sealed record CycleDto(int Number, DateOnly StartsOn, DateOnly EndsOn, int RoundsPerWeek, string? Reassessment, string CreatedByUser);

public sealed record RoundDto(long Id, long VisitId, DateOnly PlannedDate, string VisitStatus, string VisitStatusName, DateOnly? CompletedOn, string CreatedByUser);

public sealed record OrderDto(long Id, string Kind, string KindName, string Text, DateTimeOffset StartsAt, DateTimeOffset? StoppedAt, string OrderedByUser,
    string? StoppedByUser);

public sealed record NursingRecordDto(long Id, DateTimeOffset RecordedAt, string Text, string RecordedByUser);

public sealed record WindowDto(DateOnly StartsOn, DateOnly EndsOn, int Required, int Done);

/// <summary>The round frequency of an open sickbed today (see <see cref="SickbedRules.Evaluate"/>).</summary>
public sealed record RoundStatusDto(int RoundsPerWeek, bool Alert, string? AlertMessage, WindowDto? LastComplete, WindowDto? Current, int ShortWindows,
    bool CycleEnded);

public sealed record SickbedDto(
    long Id, long ElderId, string ElderName, long OrganizationId, string OrganizationName, string TownshipCode, string Status, string StatusName,
    string ApplicationReason, string DiagnosisCode, string DiagnosisName, DateOnly AppliedOn, string AppliedByUser,
    DateOnly? AssessedOn, string? AssessmentNote, string? RejectionReason, string? AssessedByUser,
    DateOnly? OpenedOn, string? Plan, IReadOnlyList<PlanServiceDto> Services, string? ResponsibleDoctor, string? ResponsibleNurse, int? RoundsPerWeek,
    DateOnly? CycleEndsOn, DateOnly? ClosedOn, string? CloseReason, string? CloseReasonName, string? CloseSummary,
    IReadOnlyList<CycleDto> Cycles, IReadOnlyList<RoundDto> Rounds, IReadOnlyList<OrderDto> Orders, IReadOnlyList<NursingRecordDto> NursingRecords,
    RoundStatusDto? RoundStatus, int Version) : IVersioned;

public sealed record SickbedListItem(long Id, long ElderId, string ElderName, long OrganizationId, string Status, string StatusName, string DiagnosisCode,
    string DiagnosisName, DateOnly AppliedOn, DateOnly? OpenedOn, DateOnly? CycleEndsOn, int? RoundsPerWeek, bool Alert);

public sealed record SickbedQuery(long? ElderId, string? Status, int? Page, int? PageSize);

/// <summary>An alert of an open sickbed: kind rounds-below-frequency (with the short window) or cycle-ended.</summary>
public sealed record SickbedAlert(long SickbedId, long ElderId, string ElderName, string Kind, string Message, WindowDto? Window, DateOnly? CycleEndsOn);

public sealed record RoundResult(RoundDto Round, long SickbedId, bool Replayed);
