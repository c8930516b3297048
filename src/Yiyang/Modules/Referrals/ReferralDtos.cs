namespace Yiyang.Modules.Referrals;

/// <summary>Body of a transition: who received the patient, why it was refused, a closing note.</summary>
public sealed record TransitionInput(string? Reason, string? ReceivingDoctor, string? Note, int? Version);

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
    long? SickbedId = null, long? StayId = null, IReadOnlyList<string>? FollowUps = null) : IVersioned;

public sealed record ReferralListItem(
    long Id, string Direction, string DirectionName, string Status, string StatusName, long ElderId, string ElderMaskedName, int ElderAge,
    string ElderSexName, OrgRef From, OrgRef To, string? ToDepartment, string IndicationName, string Urgency, string UrgencyName,
    DateTimeOffset RequestedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? ArrivedAt, int? MinutesToAccept, int? MinutesToArrive,
    int? WaitingMinutes);

/// <summary>Counts and response times of one side (sent or received) of an organization in a period.</summary>
public sealed record ReferralSideStats(
    int Total, int Up, int Down, IReadOnlyDictionary<string, int> ByStatus, int Accepted, int Rejected, int Withdrawn, int Waiting,
    decimal? AcceptanceRate, double? AverageMinutesToAccept, double? MedianMinutesToAccept, double? AverageMinutesToArrive,
    double? MedianMinutesToArrive);

public sealed record ReferralStatsDto(long OrganizationId, string OrganizationName, DateOnly From, DateOnly To, ReferralSideStats Sent,
    ReferralSideStats Received);

public sealed record OrganizationOption(long Id, string Name, string Kind, string? MedicalType);
