namespace Yiyang.Modules.HomeVisits;

/// <summary>Settings of home care.</summary>
public sealed class HomeCareOptions
{
    /// <summary>台账 interval: a ledger elder whose last completed visit is older than this many days is overdue.</summary>
    public int LedgerIntervalDays { get; set; } = 30;
}

public sealed record PlannedServiceInput(string? ServiceCode, string? ServiceName);

public sealed record VisitInput(long? ElderId, long? TeamId, DateOnly? PlannedDate, string? Source, List<PlannedServiceInput>? Services);

public sealed record CheckInInput(DateTimeOffset? At, double? Latitude, double? Longitude, double? AccuracyMeters);

public sealed record ServiceRecordInput(string? Status, string? Reason, string? ServiceName);

public sealed record ConfirmationInput(string? By, string? Name, string? Relation);

/// <summary>Completion; <paramref name="DistanceKm"/> (km) is required when the institution charges a 上门服务费 by distance bands.</summary>
public sealed record CompleteInput(string? Notes, ConfirmationInput? Confirmation, decimal? DistanceKm = null);

public sealed record VisitServiceDto(string ServiceCode, string ServiceName, bool Planned, string Status, string StatusName, string? SkipReason,
    DateTimeOffset? RecordedAt);

public sealed record VitalsDto(int? Systolic, int? Diastolic, int? Pulse, decimal? Temperature, decimal? Glucose, int? Spo2, decimal? Weight,
    DateTimeOffset RecordedAt);

public sealed record ConfirmationDto(string By, string ByName, string? Name, string? Relation);

public sealed record VisitDto(
    long Id, long ElderId, string ElderName, string TownshipCode, long? TeamId, string? TeamName, long? OrganizationId,
    DateOnly PlannedDate, string Source, string Kind, string Status, string StatusName,
    DateTimeOffset? CheckedInAt, double? Latitude, double? Longitude, double? AccuracyMeters, DateTimeOffset? CheckedOutAt,
    string? Notes, ConfirmationDto? Confirmation, string? StaffUser, IReadOnlyList<VisitServiceDto> Services, VitalsDto? Vitals,
    IReadOnlyList<string> OpenServices, int Version, decimal? DistanceKm = null,
    IReadOnlyList<Billing.ChargeDto>? Charges = null, decimal? PatientTotal = null, IReadOnlyList<VitalBreachDto>? Breaches = null) : IVersioned;

public sealed record VisitListItem(long Id, long ElderId, string ElderName, DateOnly PlannedDate, string Source, string Kind, string Status,
    string StatusName, DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt, long? TeamId, bool AbnormalVitals = false);

public sealed record VisitQuery(long? ElderId, long? TeamId, DateOnly? Date, string? Status, int? Page, int? PageSize);

public sealed record OverdueElder(long ElderId, string Name, string TownshipCode, DateOnly? LastVisit, int? DaysSince);

public sealed record WorkList(DateOnly Date, long? OrganizationId, int LedgerIntervalDays, IReadOnlyList<VisitListItem> Visits,
    IReadOnlyList<OverdueElder> Overdue, CareSummary.WorkListReminders? Reminders = null);
