namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>The mapping in force (or a historical version).</summary>
public sealed record CareLevelMappingDto(int Version, CareLevelMap Map, string? Note, string? CreatedBy, DateTimeOffset? CreatedAt, bool IsDefault)
    : IVersioned;

/// <summary>Body of <c>PUT /api/care-levels/mapping</c>: the whole mapping, the version it was read at, a note.</summary>
public sealed record CareLevelMappingInput(List<CareLevelDef>? Levels, List<int>? Gbt42195, List<int>? Ltc2021, int? Version, string? Note);

/// <summary>The assessment a care level comes from.</summary>
public sealed record BasisDto(long AssessmentId, string InstrumentCode, string InstrumentName, DateOnly AssessedOn, int? LevelCode, string? LevelName,
    DateOnly? NextDue, bool Expired);

/// <summary>
/// An elder's care level: the mapping applied to the latest signed, unexpired assessment (<see cref="Basis"/>); null when
/// there is none. <see cref="LatestExpired"/>: the latest signed assessment when it has expired (reassessment overdue).
/// </summary>
public sealed record ElderCareLevelDto(long ElderId, CareLevelDef? CareLevel, int MappingVersion, BasisDto? Basis, BasisDto? LatestExpired);

/// <summary>A plan item in a request body.</summary>
public sealed record CarePlanItemInput(string? ServiceCode, string? ServiceName, int? FrequencyCount, string? FrequencyUnit,
    long? ResponsibleOrganizationId, long? ResponsibleTeamId, DateOnly? StartOn, DateOnly? EndOn, bool? LtcCovered);

/// <summary>
/// Body of <c>POST /api/care-plans</c> (new draft; without <c>items</c> the items and goals are proposed from the care
/// level) and <c>PUT /api/care-plans/{id}</c> (edit a draft; version or If-Match).
/// </summary>
public sealed record CarePlanInput(long? ElderId, List<string>? Goals, List<CarePlanItemInput>? Items, DateOnly? StartOn, string? Note, int? Version);

public sealed record EndPlanInput(DateOnly? EndedOn, string? Reason);

public sealed record CarePlanItemDto(long Id, int LineNo, string ServiceCode, string ServiceName, int FrequencyCount, string FrequencyUnit,
    string Frequency, string ResponsibleKind, long? ResponsibleOrganizationId, long? ResponsibleTeamId, string ResponsibleName,
    DateOnly StartOn, DateOnly? EndOn, bool LtcCovered);

/// <summary>
/// A care plan. <see cref="AssessmentExpired"/>: the assessment behind it is past its reassessment date today (the plan is
/// flagged and new 长护险-covered items cannot be confirmed).
/// </summary>
public sealed record CarePlanDto(long Id, long ElderId, string ElderName, string Status, string StatusName, CareLevelDef CareLevel,
    int MappingVersion, BasisDto Assessment, bool AssessmentExpired, IReadOnlyList<string> Goals, IReadOnlyList<CarePlanItemDto> Items,
    DateOnly StartOn, string? Note, long? PreviousId, long? RevisedById, DateOnly? EndedOn, string? EndReason, string CreatedBy,
    DateTimeOffset CreatedAt, string? ConfirmedBy, DateTimeOffset? ConfirmedAt, int Version) : IVersioned;

/// <summary>A responsible party the page can offer: an organization or a family-doctor team.</summary>
public sealed record ResponsibleOption(string Kind, long Id, string Name);
