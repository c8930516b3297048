using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Referrals;

/// <summary>上转 (primary care / care home → hospital) or 下转 (hospital → community, care home or family sickbed).</summary>
public enum ReferralDirection
{
    Up = 1,
    Down = 2,
}

/// <summary>
/// 申请 → 接收 → 到达 → 回转 (up-referral answered by a down-referral) → 完成 (基层接续); or 拒绝 (by the receiver, with a
/// reason) / 撤回 (by the sender) while still 申请. See <see cref="ReferralRules"/>.
/// </summary>
public enum ReferralStatus
{
    Requested = 1,
    Accepted = 2,
    Arrived = 3,
    Returned = 4,
    Completed = 5,
    Rejected = 6,
    Withdrawn = 7,
}

/// <summary>普通 / 紧急 / 危重.</summary>
public enum ReferralUrgency
{
    Routine = 1,
    Urgent = 2,
    Critical = 3,
}

/// <summary>
/// One referral between two organizations, with the 双向转诊单 fields: the 转出单 part (初步印象, 主要现病史, 主要既往史, 治疗经过)
/// for an up-referral and the 回转单 part (诊断结果, 住院病案号, 主要检查结果, 治疗经过, 下一步治疗方案及康复建议) for a
/// down-referral. A down-referral that answers an up-referral points to it (<see cref="ParentReferralId"/>). Every
/// transition keeps its instant, so response times can be computed. Carries the elder's region.
/// </summary>
public sealed class Referral : IElderOwned
{
    public long Id { get; set; }
    public ReferralDirection Direction { get; set; }
    public ReferralStatus Status { get; set; }
    public long ElderId { get; set; }
    public long FromOrganizationId { get; set; }
    public long ToOrganizationId { get; set; }
    public string? ToDepartment { get; set; }
    /// <summary>Down-referrals only: community / care-home / family-sickbed.</summary>
    public string? Destination { get; set; }
    /// <summary>The up-referral a down-referral (回转) answers.</summary>
    public long? ParentReferralId { get; set; }
    /// <summary>转诊指征 code (<see cref="ReferralRules.Indications"/>).</summary>
    public required string Indication { get; set; }
    /// <summary>转诊原因.</summary>
    public required string Reason { get; set; }
    public ReferralUrgency Urgency { get; set; }

    // 转出单
    public string? InitialImpression { get; set; }
    public string? PresentHistory { get; set; }
    public string? PastHistory { get; set; }
    public string? TreatmentSoFar { get; set; }

    // 回转单
    public string? Diagnosis { get; set; }
    public string? InpatientNo { get; set; }
    public string? MainResults { get; set; }
    public string? TreatmentCourse { get; set; }
    public string? NextStepAdvice { get; set; }

    public string? ReferringDoctor { get; set; }
    public string? ReceivingDoctor { get; set; }
    public string? RejectReason { get; set; }
    public string? CloseNote { get; set; }

    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? ArrivedAt { get; set; }
    public DateTimeOffset? ReturnedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? RejectedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>The family sickbed application the receiver opened from this down-referral (at most one follow-up).</summary>
    public long? SickbedId { get; set; }
    /// <summary>The care-home stay (admission) the receiver opened from this down-referral (at most one follow-up).</summary>
    public long? StayId { get; set; }

    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A file attached to a referral (检查报告、出院小结、用药清单…), stored in the database with a size limit.</summary>
public sealed class ReferralAttachment
{
    public const int MaxBytes = 2 * 1024 * 1024;

    public long Id { get; set; }
    public long ReferralId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int SizeBytes { get; set; }
    public required byte[] Content { get; set; }
    public required string CountyCode { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.ToTable("referrals_referral", t =>
        {
            t.HasCheckConstraint("ck_referrals_referral_direction", "direction IN (1, 2)");
            t.HasCheckConstraint("ck_referrals_referral_status", "status IN (1, 2, 3, 4, 5, 6, 7)");
            t.HasCheckConstraint("ck_referrals_referral_urgency", "urgency IN (1, 2, 3)");
            t.HasCheckConstraint("ck_referrals_referral_orgs", "from_organization_id <> to_organization_id");
            // a down-referral has a destination; only a down-referral answers an up-referral
            t.HasCheckConstraint("ck_referrals_referral_down",
                "(direction = 1 AND destination IS NULL AND parent_referral_id IS NULL) OR (direction = 2 AND destination IN ('community', 'care-home', 'family-sickbed'))");
            // only up-referrals are 回转
            t.HasCheckConstraint("ck_referrals_referral_returned", "status <> 4 OR direction = 1");
            // the instants of the states reached
            t.HasCheckConstraint("ck_referrals_referral_accepted", "status NOT IN (2, 3, 4, 5) OR accepted_at IS NOT NULL");
            t.HasCheckConstraint("ck_referrals_referral_arrived", "status NOT IN (3, 4, 5) OR arrived_at IS NOT NULL");
            t.HasCheckConstraint("ck_referrals_referral_rejected", "(status = 6) = (rejected_at IS NOT NULL AND reject_reason IS NOT NULL)");
            t.HasCheckConstraint("ck_referrals_referral_withdrawn", "(status = 7) = (withdrawn_at IS NOT NULL)");
            t.HasCheckConstraint("ck_referrals_referral_region", "county_code = substr(township_code, 1, 6)");
            // a follow-up (family sickbed or admission) only from a down-referral, and at most one
            t.HasCheckConstraint("ck_referrals_referral_follow_up", "(sickbed_id IS NULL AND stay_id IS NULL) OR (direction = 2 AND (sickbed_id IS NULL OR stay_id IS NULL))");
        });
        b.Property(x => x.ToDepartment).HasMaxLength(50);
        b.Property(x => x.Destination).HasMaxLength(20);
        b.Property(x => x.Indication).HasMaxLength(32);
        b.Property(x => x.Reason).HasMaxLength(500);
        foreach (var p in new[] { nameof(Referral.InitialImpression), nameof(Referral.PresentHistory), nameof(Referral.PastHistory),
                     nameof(Referral.TreatmentSoFar), nameof(Referral.Diagnosis), nameof(Referral.MainResults), nameof(Referral.TreatmentCourse),
                     nameof(Referral.NextStepAdvice) })
            b.Property(p).HasMaxLength(2000);
        b.Property(x => x.InpatientNo).HasMaxLength(32);
        b.Property(x => x.ReferringDoctor).HasMaxLength(64);
        b.Property(x => x.ReceivingDoctor).HasMaxLength(64);
        b.Property(x => x.RejectReason).HasMaxLength(500);
        b.Property(x => x.CloseNote).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        // an up-referral is answered by at most one live down-referral (a rejected or withdrawn one may be replaced)
        b.HasIndex(x => x.ParentReferralId).IsUnique().HasFilter("parent_referral_id IS NOT NULL AND status NOT IN (6, 7)")
            .HasDatabaseName("ux_referrals_referral_live_return");
        b.HasIndex(x => new { x.ToOrganizationId, x.Status, x.RequestedAt });
        b.HasIndex(x => new { x.FromOrganizationId, x.Status, x.RequestedAt });
        b.HasIndex(x => new { x.ElderId, x.RequestedAt });
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.FromOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.ToOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Referral>().WithMany().HasForeignKey(x => x.ParentReferralId).OnDelete(DeleteBehavior.Restrict);
        // one referral per sickbed / stay it opened
        b.HasIndex(x => x.SickbedId).IsUnique().HasDatabaseName("ux_referrals_referral_sickbed");
        b.HasIndex(x => x.StayId).IsUnique().HasDatabaseName("ux_referrals_referral_stay");
        b.HasOne<Sickbeds.Sickbed>().WithMany().HasForeignKey(x => x.SickbedId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Institutions.InstitutionStay>().WithMany().HasForeignKey(x => x.StayId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferralAttachmentConfiguration : IEntityTypeConfiguration<ReferralAttachment>
{
    public void Configure(EntityTypeBuilder<ReferralAttachment> b)
    {
        b.ToTable("referrals_attachment", t =>
        {
            t.HasCheckConstraint("ck_referrals_attachment_size", $"size_bytes BETWEEN 1 AND {ReferralAttachment.MaxBytes} AND length(content) = size_bytes");
        });
        b.Property(x => x.FileName).HasMaxLength(120);
        b.Property(x => x.ContentType).HasMaxLength(64);
        b.HasIndex(x => x.ReferralId);
        b.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Cascade);
    }
}
