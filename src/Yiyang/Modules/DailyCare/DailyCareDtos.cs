namespace Yiyang.Modules.DailyCare;

/// <summary>One resident on the institution's checklist of a date: due occurrences and how many are done / not done / pending.</summary>
public sealed record ResidentProgressDto(long StayId, long ElderId, string MaskedName, string BedLabel, bool OnLeave, string? LeaveKindName,
    int Due, int Done, int NotDone, int Pending);

public sealed record InstitutionChecklistDto(long OrganizationId, DateOnly Date, int Due, int Done, int NotDone, int Pending,
    IReadOnlyList<ResidentProgressDto> Residents);

public sealed record CareRecordDto(long Id, long StayId, long PlanItemId, DateOnly Date, int Occurrence, string Status, string StatusName,
    string? Reason, string? ReasonName, string? Note, string PerformedBy, DateTimeOffset PerformedAt, bool Correctable, int Version) : IVersioned;

/// <summary>One due occurrence of a care-plan item on the stay's checklist, with its record if any.</summary>
public sealed record ChecklistItemDto(long PlanItemId, string ServiceCode, string ServiceName, string Frequency, int Occurrence, int OccurrencesToday,
    CareRecordDto? Record);

public sealed record StayChecklistDto(long StayId, long OrganizationId, long ElderId, string MaskedName, string BedLabel, DateOnly Date,
    bool OnLeave, string? LeaveKindName, bool HasPlan, int Due, int Done, int NotDone, int Pending, IReadOnlyList<ChecklistItemDto> Items);

public sealed record RecordEntryInput(long? PlanItemId, int? Occurrence, string? Status, string? Reason, string? Note);

/// <summary>A batch of records of one stay and date: all or nothing.</summary>
public sealed record RecordBatchInput(DateOnly? Date, IReadOnlyList<RecordEntryInput>? Records);

public sealed record CorrectionInput(string? Status, string? Reason, string? Note, int? Version);

public sealed record ResidentCompletionDto(long StayId, long ElderId, string MaskedName, int Due, int Done, int NotDone, int Pending, decimal Rate);

public sealed record CompletionDto(long OrganizationId, string Month, int Due, int Done, int NotDone, int Pending, decimal Rate,
    IReadOnlyList<ResidentCompletionDto> Residents);
