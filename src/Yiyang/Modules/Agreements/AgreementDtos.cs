using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.Agreements;

/// <summary>Body of 生效 / 终止: the reason (required to terminate) and the version read.</summary>
public sealed record AgreementTransitionInput(string? Reason, int? Version);

public sealed record AgreementItemDto(string Code, string Name);

public sealed record AttachmentDto(long Id, string FileName, string? Description, long? SizeBytes, string CreatedByUser, DateTimeOffset CreatedAt);

public sealed record AgreementDto(
    long Id, OrgRef Medical, OrgRef Care, DateOnly StartOn, DateOnly EndOn, IReadOnlyList<AgreementItemDto> Items, int? RoundsPerMonth,
    decimal? Fee, string MedicalDuties, string CareDuties, string Status, string StatusName, bool InForce, DateTimeOffset? ActivatedAt,
    DateOnly? TerminatedOn, string? TerminateReason, IReadOnlyList<AttachmentDto> Attachments, IReadOnlyList<string> Actions, int Version) : IVersioned;
