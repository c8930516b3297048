using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Agreements;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.GreenChannel;

/// <summary>已预约 → 已确认 → 已到达 → 已就诊; 已取消 (with a reason) before arrival.</summary>
public enum AppointmentStatus
{
    Booked = 1,
    Confirmed = 2,
    Arrived = 3,
    Served = 4,
    Cancelled = 5,
}

/// <summary>
/// A hospital department's daily number of green-channel slots under a cooperation agreement that includes the
/// 绿色通道 content item (docs/domain/collaboration.md#green-channel-quotas): the channel is open only while the agreement is in force.
/// </summary>
public sealed class GreenChannelQuota
{
    public long Id { get; set; }
    public long AgreementId { get; set; }
    public long HospitalOrganizationId { get; set; }
    public long CareOrganizationId { get; set; }
    public required string Department { get; set; }
    public int DailyQuota { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One booked slot: the slot ordinal is unique per quota and day among live appointments and never above the quota's
/// daily number (the quota is copied onto the row and tied to the quota by a composite foreign key, so the check
/// constraint <c>slot_ordinal BETWEEN 1 AND daily_quota</c> is enforced by the database).
/// </summary>
public sealed class GreenChannelAppointment : IElderOwned
{
    public long Id { get; set; }
    public long QuotaId { get; set; }
    public int DailyQuota { get; set; }
    public long HospitalOrganizationId { get; set; }
    public long CareOrganizationId { get; set; }
    public required string Department { get; set; }
    public long ElderId { get; set; }
    public DateOnly Date { get; set; }
    public int SlotOrdinal { get; set; }
    public AppointmentStatus Status { get; set; }
    public required string Reason { get; set; }
    public long? ReferralId { get; set; }
    public DateTimeOffset BookedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateTimeOffset? ArrivedAt { get; set; }
    public DateTimeOffset? ServedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelReason { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class GreenChannelQuotaConfiguration : IEntityTypeConfiguration<GreenChannelQuota>
{
    public void Configure(EntityTypeBuilder<GreenChannelQuota> b)
    {
        b.ToTable("greenchannel_quota", t => t.HasCheckConstraint("ck_greenchannel_quota_daily", "daily_quota BETWEEN 1 AND 100"));
        b.Property(x => x.Department).HasMaxLength(50);
        b.HasAlternateKey(x => new { x.Id, x.DailyQuota }).HasName("ak_greenchannel_quota_id_daily");
        b.HasIndex(x => new { x.AgreementId, x.Department }).IsUnique().HasDatabaseName("ux_greenchannel_quota_department");
        b.HasIndex(x => x.CareOrganizationId);
        b.HasOne<Agreement>().WithMany().HasForeignKey(x => x.AgreementId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GreenChannelAppointmentConfiguration : IEntityTypeConfiguration<GreenChannelAppointment>
{
    public void Configure(EntityTypeBuilder<GreenChannelAppointment> b)
    {
        b.ToTable("greenchannel_appointment", t =>
        {
            t.HasCheckConstraint("ck_greenchannel_appointment_slot", "slot_ordinal BETWEEN 1 AND daily_quota");
            t.HasCheckConstraint("ck_greenchannel_appointment_status", "status IN (1, 2, 3, 4, 5)");
            t.HasCheckConstraint("ck_greenchannel_appointment_cancel", "(status = 5) = (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL)");
            t.HasCheckConstraint("ck_greenchannel_appointment_served", "status <> 4 OR (arrived_at IS NOT NULL AND served_at IS NOT NULL)");
            t.HasCheckConstraint("ck_greenchannel_appointment_region", "county_code = substr(township_code, 1, 6)");
        });
        b.Property(x => x.Department).HasMaxLength(50);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.CancelReason).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        // one live appointment per slot: the quota is a database invariant, also under concurrent bookings
        b.HasIndex(x => new { x.QuotaId, x.Date, x.SlotOrdinal }).IsUnique().HasFilter("status <> 5").HasDatabaseName("ux_greenchannel_appointment_slot");
        b.HasIndex(x => new { x.HospitalOrganizationId, x.Date });
        b.HasIndex(x => new { x.CareOrganizationId, x.Date });
        b.HasIndex(x => x.ElderId);
        b.HasOne<GreenChannelQuota>().WithMany().HasForeignKey(x => new { x.QuotaId, x.DailyQuota })
            .HasPrincipalKey(q => new { q.Id, q.DailyQuota }).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
    }
}
