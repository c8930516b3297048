namespace Yiyang.Modules.Referrals;

/// <summary>A new referral. Up: the 转出单 fields; down: the 回转单 fields. Staff send from their own organization.</summary>
public sealed record ReferralInput(
    string? Direction, long? ElderId, long? FromOrganizationId, long? ToOrganizationId, string? ToDepartment, string? Destination,
    string? Indication, string? Reason, string? Urgency,
    string? InitialImpression, string? PresentHistory, string? PastHistory, string? TreatmentSoFar,
    string? Diagnosis, string? InpatientNo, string? MainResults, string? TreatmentCourse, string? NextStepAdvice,
    string? ReferringDoctor);

/// <summary>回转单: the hospital sends an arrived up-referral back down to the organization that sent it.</summary>
public sealed record ReturnInput(
    string? Destination, string? Indication, string? Reason, string? Urgency, string? ToDepartment,
    string? Diagnosis, string? InpatientNo, string? MainResults, string? TreatmentCourse, string? NextStepAdvice, string? ReferringDoctor);

/// <summary>Body of a transition: who received the patient, why it was refused, a closing note.</summary>
public sealed record TransitionInput(string? Reason, string? ReceivingDoctor, string? Note, int? Version);

public sealed record AttachmentInput(string? FileName, string? ContentType, string? ContentBase64);

public sealed record AttachmentDto(long Id, string FileName, string ContentType, int SizeBytes, DateTimeOffset CreatedAt, string CreatedByUser);

public sealed record ReferralElderDto(long Id, string Name, string MaskedName, int Age, string Sex, string SexName, string? HealthCardNo);

public sealed record OrgRef(long Id, string Name);

public sealed record ReferralDto(
    long Id, string Direction, string DirectionName, string Status, string StatusName, ReferralElderDto Elder,
    OrgRef From, OrgRef To, string? ToDepartment, string? Destination, string? DestinationName,
    long? ParentReferralId, long? ReturnReferralId,
    string Indication, string IndicationName, string Reason, string Urgency, string UrgencyName,
    string? InitialImpression, string? PresentHistory, string? PastHistory, string? TreatmentSoFar,
    string? Diagnosis, string? InpatientNo, string? MainResults, string? TreatmentCourse, string? NextStepAdvice,
    string? ReferringDoctor, string? ReceivingDoctor, string? RejectReason, string? CloseNote, string CreatedByUser,
    DateTimeOffset RequestedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? ArrivedAt, DateTimeOffset? ReturnedAt, DateTimeOffset? CompletedAt,
    DateTimeOffset? RejectedAt, DateTimeOffset? WithdrawnAt,
    int? MinutesToAccept, int? MinutesToArrive, int? WaitingMinutes,
    string Side, IReadOnlyList<string> Actions, IReadOnlyList<AttachmentDto> Attachments, int Version,
    long? SickbedId = null, long? StayId = null, IReadOnlyList<string>? FollowUps = null);

/// <summary>From a down-referral: a family sickbed application (diagnosis prefilled from the 回转单 when left empty).</summary>
public sealed record OpenSickbedInput(string? DiagnosisCode, string? DiagnosisName, string? Reason, int? Version);

/// <summary>From a down-referral to a care home: admission to one of its beds (fields as the institution admission).</summary>
public sealed record ReferralAdmitInput(long? BedId, DateOnly? AdmittedOn, string? CareLevel, string? ContractNumber, DateOnly? ContractStartOn,
    DateOnly? ContractEndOn, int? Version);

public sealed record ReferralListItem(
    long Id, string Direction, string DirectionName, string Status, string StatusName, long ElderId, string ElderMaskedName, int ElderAge,
    string ElderSexName, OrgRef From, OrgRef To, string? ToDepartment, string IndicationName, string Urgency, string UrgencyName,
    DateTimeOffset RequestedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? ArrivedAt, int? MinutesToAccept, int? MinutesToArrive,
    int? WaitingMinutes);

public sealed record ReferralQuery(string? Box, long? OrganizationId, string? Status, string? Direction, int? Page, int? PageSize);

/// <summary>Counts and response times of one side (sent or received) of an organization in a period.</summary>
public sealed record ReferralSideStats(
    int Total, int Up, int Down, IReadOnlyDictionary<string, int> ByStatus, int Accepted, int Rejected, int Withdrawn, int Waiting,
    decimal? AcceptanceRate, double? AverageMinutesToAccept, double? MedianMinutesToAccept, double? AverageMinutesToArrive,
    double? MedianMinutesToArrive);

public sealed record ReferralStatsDto(long OrganizationId, string OrganizationName, DateOnly From, DateOnly To, ReferralSideStats Sent,
    ReferralSideStats Received);

public sealed record OrganizationOption(long Id, string Name, string Kind, string? MedicalType);
