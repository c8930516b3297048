namespace Yiyang.Modules.Supervision;

public sealed record RequiredDocumentDto(string Code, string Name, bool Uploaded);

public sealed record LicenceDocumentDto(long Id, string DocumentType, string DocumentTypeName, string FileName, string ContentType, int SizeBytes,
    string CreatedBy, DateTimeOffset CreatedAt);

public sealed record LicenceApplicationDto(long Id, string Kind, string KindName, string Bureau, string BureauName, long OrganizationId,
    string OrganizationName, string Status, string StatusName, string? Note, int? ElderCareBeds, int? NursingBeds, int? MedicalBeds, bool OnBehalf,
    string SubmittedBy, DateTimeOffset SubmittedAt, DateOnly SubmittedOn, int TimeLimitWorkingDays, DateOnly? AcceptedOn, string? AcceptedBy,
    int DaysUsed, bool ClockRunning, DateOnly? DeadlineOn, bool Overdue, string? DocumentsRequest, DateOnly? DocumentsRequestedOn,
    DateOnly? DecidedOn, string? DecidedBy, string? DecisionReason, bool? DecidedInTime, IReadOnlyList<RequiredDocumentDto> RequiredDocuments,
    IReadOnlyList<LicenceDocumentDto> Documents, long? LicenceId, string? LicenceNo, int Version) : IVersioned;

public sealed record LicenceDto(long Id, string LicenceNo, string Kind, string KindName, string LicenceName, string Bureau, long OrganizationId,
    string OrganizationName, long ApplicationId, DateOnly ValidFrom, DateOnly ValidTo, bool Expired, bool Expiring, int? ElderCareBeds,
    int? NursingBeds, int? MedicalBeds, string IssuedBy, DateTimeOffset IssuedAt);
