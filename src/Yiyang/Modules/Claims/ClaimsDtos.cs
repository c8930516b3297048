namespace Yiyang.Modules.Claims;

public sealed record CoverageInput(long? ElderId, string? PayerClass, DateOnly? StartOn, DateOnly? EndOn, long? OrganizationId, string? Note);

public sealed record CoverageDto(long Id, long ElderId, long OrganizationId, string PayerClass, string PayerClassName, DateOnly StartOn, DateOnly? EndOn,
    string? Note, int Version) : IVersioned;

public sealed record ClaimInput(long? OrganizationId, string? PayerClass, string? Month);

public sealed record ClaimLineDto(long ElderId, string ElderName, int BedDays, long? AssessmentId, string? InstrumentCode, int? GradeCode, string? GradeName,
    decimal? DailyRate, decimal Amount, string? ExcludedReason);

public sealed record ClaimDto(long Id, long OrganizationId, string OrganizationName, string PayerClass, string PayerClassName, string Month, string Status,
    string StatusName, int BedDays, decimal Amount, IReadOnlyList<ClaimLineDto> Lines, IReadOnlyList<ClaimLineDto> Excluded, int Version) : IVersioned;

public sealed record ClaimSummaryDto(long Id, long OrganizationId, string OrganizationName, string PayerClass, string PayerClassName, string Month,
    string Status, string StatusName, int BedDays, decimal Amount);
