using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.GreenChannel;

/// <summary>An agreement under which the user may open a quota (in force, with the 绿色通道 item).</summary>
public sealed record QuotaAgreementChoice(long Id, string Label);

public sealed record QuotaDto(long Id, long AgreementId, bool Open, OrgRef Hospital, OrgRef Care, string Department, int DailyQuota, DateOnly Date, int Booked, int Remaining);

/// <summary>Body of an appointment step: the reason (required to cancel) and the version read.</summary>
public sealed record AppointmentTransitionInput(string? Reason, int? Version);

public sealed record AppointmentDto(
    long Id, long QuotaId, OrgRef Hospital, OrgRef Care, string Department, long ElderId, string ElderName, int ElderAge, string ElderSexName,
    DateOnly Date, int SlotOrdinal, int DailyQuota, string Status, string StatusName, string Reason, long? ReferralId,
    DateTimeOffset BookedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? ArrivedAt, DateTimeOffset? ServedAt, DateTimeOffset? CancelledAt,
    string? CancelReason, int? MinutesToCare, int? MinutesFromBooking, IReadOnlyList<string> Actions, int Version) : IVersioned;
