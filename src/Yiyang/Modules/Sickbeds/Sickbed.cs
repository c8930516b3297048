using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;
using Yiyang.Modules.HomeVisits;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Sickbeds;

/// <summary>Where a family sickbed stands. Applied, approved and open sickbeds are "open" (at most one per elder).</summary>
public enum SickbedStatus
{
    Applied = 1,  // 已申请（待评估）
    Approved = 2, // 评估通过（待建床）
    Opened = 3,   // 在床（已建床）
    Rejected = 4, // 评估未通过
    Closed = 5,   // 已撤床
}

/// <summary>撤床原因 (docs/domain/sickbeds.md#discharge-conditions).</summary>
public enum SickbedCloseReason
{
    Cured = 1,        // 治愈
    Improved = 2,     // 好转（病情稳定、治疗目标达成）
    Transferred = 3,  // 转院
    Died = 4,         // 死亡
    Withdrawn = 5,    // 自动撤床（患者或家属要求、周期届满未续床、不遵守协议）
    Other = 6,        // 其他
}

/// <summary>医嘱 kind: 长期医嘱 / 临时医嘱.</summary>
public enum SickbedOrderKind
{
    LongTerm = 1,
    Temporary = 2,
}

/// <summary>
/// 家庭病床: one elder's sickbed run by a medical institution, from the application through assessment, opening (建床), rounds,
/// orders and nursing records to closing (撤床) or renewal. Carries the elder's region.
/// </summary>
public sealed class Sickbed : IElderOwned
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    /// <summary>The applying (and running) medical institution.</summary>
    public long OrganizationId { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public SickbedStatus Status { get; set; }

    public required string ApplicationReason { get; set; }
    /// <summary>ICD-10 code (e.g. I69.3) and name of the diagnosis; confirmed or corrected when the bed is opened.</summary>
    public required string DiagnosisCode { get; set; }
    public required string DiagnosisName { get; set; }
    public DateOnly AppliedOn { get; set; }
    public required string AppliedByUser { get; set; }

    public DateOnly? AssessedOn { get; set; }
    public string? AssessmentNote { get; set; }
    public string? RejectionReason { get; set; }
    public string? AssessedByUser { get; set; }

    public DateOnly? OpenedOn { get; set; }
    /// <summary>治疗与护理计划.</summary>
    public string? Plan { get; set; }
    public string? ResponsibleDoctor { get; set; }
    public string? ResponsibleNurse { get; set; }
    /// <summary>查床 frequency: at least this many completed rounds in every 7-day window counted from <see cref="OpenedOn"/>.</summary>
    public int? RoundsPerWeek { get; set; }
    /// <summary>End of the current cycle (the latest <see cref="SickbedCycle"/>).</summary>
    public DateOnly? CycleEndsOn { get; set; }

    public DateOnly? ClosedOn { get; set; }
    public SickbedCloseReason? CloseReason { get; set; }
    public string? CloseSummary { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<SickbedPlanService> Services { get; set; } = [];
}

/// <summary>A service of the plan: each round (查床 visit) is planned with these services.</summary>
public sealed class SickbedPlanService
{
    public long Id { get; set; }
    public long SickbedId { get; set; }
    public required string ServiceCode { get; set; }
    public required string ServiceName { get; set; }
    public required string CountyCode { get; set; }
}

/// <summary>A cycle of an open sickbed: the first from opening, then one per renewal after reassessment (history kept).</summary>
public sealed class SickbedCycle
{
    public long Id { get; set; }
    public long SickbedId { get; set; }
    public int Number { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public int RoundsPerWeek { get; set; }
    /// <summary>The reassessment that justified a renewal (null for the first cycle).</summary>
    public string? Reassessment { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CountyCode { get; set; }
}

/// <summary>查床: a round is a home visit (created through <see cref="CreateVisit"/>) linked to the sickbed; a visit is the round of one sickbed at most.</summary>
public sealed class SickbedRound
{
    public long Id { get; set; }
    public long SickbedId { get; set; }
    public long VisitId { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CountyCode { get; set; }
}

/// <summary>医嘱: 长期 or 临时, with its start and (once stopped) stop.</summary>
public sealed class SickbedOrder
{
    public long Id { get; set; }
    public long SickbedId { get; set; }
    public SickbedOrderKind Kind { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    public required string OrderedByUser { get; set; }
    public string? StoppedByUser { get; set; }
    public required string CountyCode { get; set; }
}

/// <summary>护理记录.</summary>
public sealed class SickbedNursingRecord
{
    public long Id { get; set; }
    public long SickbedId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string Text { get; set; }
    public required string RecordedByUser { get; set; }
    public required string CountyCode { get; set; }
}

internal sealed class SickbedConfiguration : IEntityTypeConfiguration<Sickbed>
{
    public void Configure(EntityTypeBuilder<Sickbed> b)
    {
        b.ToTable("sickbed_sickbed", t =>
        {
            t.HasCheckConstraint("ck_sickbed_sickbed_status", "status IN (1, 2, 3, 4, 5)");
            t.HasCheckConstraint("ck_sickbed_sickbed_region", "county_code = substr(township_code, 1, 6)");
            t.HasCheckConstraint("ck_sickbed_sickbed_rejected", "status <> 4 OR (rejection_reason IS NOT NULL AND assessed_on IS NOT NULL)");
            // an open sickbed has its plan, frequency and cycle
            t.HasCheckConstraint("ck_sickbed_sickbed_opened",
                "status <> 3 OR (opened_on IS NOT NULL AND plan IS NOT NULL AND responsible_doctor IS NOT NULL AND responsible_nurse IS NOT NULL AND rounds_per_week IS NOT NULL AND cycle_ends_on IS NOT NULL)");
            t.HasCheckConstraint("ck_sickbed_sickbed_closed",
                "(status = 5) = (closed_on IS NOT NULL AND close_reason IS NOT NULL AND close_summary IS NOT NULL)");
            t.HasCheckConstraint("ck_sickbed_sickbed_close_reason", "close_reason IS NULL OR close_reason IN (1, 2, 3, 4, 5, 6)");
            t.HasCheckConstraint("ck_sickbed_sickbed_rounds", "rounds_per_week IS NULL OR (rounds_per_week >= 1 AND rounds_per_week <= 7)");
            t.HasCheckConstraint("ck_sickbed_sickbed_cycle", "cycle_ends_on IS NULL OR (opened_on IS NOT NULL AND cycle_ends_on >= opened_on)");
        });
        b.Property(x => x.ApplicationReason).HasMaxLength(500);
        b.Property(x => x.DiagnosisCode).HasMaxLength(16);
        b.Property(x => x.DiagnosisName).HasMaxLength(100);
        b.Property(x => x.AppliedByUser).HasMaxLength(64);
        b.Property(x => x.AssessmentNote).HasMaxLength(500);
        b.Property(x => x.RejectionReason).HasMaxLength(500);
        b.Property(x => x.AssessedByUser).HasMaxLength(64);
        b.Property(x => x.Plan).HasMaxLength(2000);
        b.Property(x => x.ResponsibleDoctor).HasMaxLength(50);
        b.Property(x => x.ResponsibleNurse).HasMaxLength(50);
        b.Property(x => x.CloseSummary).HasMaxLength(2000);
        b.Property(x => x.Version).IsConcurrencyToken();
        // at most one open (applied, approved or opened) sickbed per elder
        b.HasIndex(x => x.ElderId).IsUnique().HasFilter("status IN (1, 2, 3)").HasDatabaseName("ux_sickbed_open_elder");
        b.HasIndex(x => new { x.OrganizationId, x.Status });
        b.HasIndex(x => new { x.ElderId, x.AppliedOn });
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Services).WithOne().HasForeignKey(x => x.SickbedId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SickbedPlanServiceConfiguration : IEntityTypeConfiguration<SickbedPlanService>
{
    public void Configure(EntityTypeBuilder<SickbedPlanService> b)
    {
        b.ToTable("sickbed_plan_service");
        b.Property(x => x.ServiceCode).HasMaxLength(32);
        b.Property(x => x.ServiceName).HasMaxLength(50);
        b.HasIndex(x => new { x.SickbedId, x.ServiceCode }).IsUnique();
    }
}

internal sealed class SickbedCycleConfiguration : IEntityTypeConfiguration<SickbedCycle>
{
    public void Configure(EntityTypeBuilder<SickbedCycle> b)
    {
        b.ToTable("sickbed_cycle", t =>
        {
            t.HasCheckConstraint("ck_sickbed_cycle_dates", "ends_on >= starts_on AND number >= 1");
            t.HasCheckConstraint("ck_sickbed_cycle_rounds", "rounds_per_week >= 1 AND rounds_per_week <= 7");
        });
        b.Property(x => x.Reassessment).HasMaxLength(500);
        b.HasIndex(x => new { x.SickbedId, x.Number }).IsUnique();
        b.HasOne<Sickbed>().WithMany().HasForeignKey(x => x.SickbedId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SickbedRoundConfiguration : IEntityTypeConfiguration<SickbedRound>
{
    public void Configure(EntityTypeBuilder<SickbedRound> b)
    {
        b.ToTable("sickbed_round");
        b.HasIndex(x => x.VisitId).IsUnique().HasDatabaseName("ux_sickbed_round_visit");
        b.HasIndex(x => x.SickbedId);
        b.HasOne<Sickbed>().WithMany().HasForeignKey(x => x.SickbedId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<HomeVisit>().WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SickbedOrderConfiguration : IEntityTypeConfiguration<SickbedOrder>
{
    public void Configure(EntityTypeBuilder<SickbedOrder> b)
    {
        b.ToTable("sickbed_order", t =>
        {
            t.HasCheckConstraint("ck_sickbed_order_kind", "kind IN (1, 2)");
            t.HasCheckConstraint("ck_sickbed_order_stop", "stopped_at IS NULL OR (stopped_at >= starts_at AND stopped_by_user IS NOT NULL)");
        });
        b.Property(x => x.Text).HasMaxLength(500);
        b.Property(x => x.OrderedByUser).HasMaxLength(64);
        b.Property(x => x.StoppedByUser).HasMaxLength(64);
        b.HasIndex(x => x.SickbedId);
        b.HasOne<Sickbed>().WithMany().HasForeignKey(x => x.SickbedId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SickbedNursingRecordConfiguration : IEntityTypeConfiguration<SickbedNursingRecord>
{
    public void Configure(EntityTypeBuilder<SickbedNursingRecord> b)
    {
        b.ToTable("sickbed_nursing_record");
        b.Property(x => x.Text).HasMaxLength(1000);
        b.Property(x => x.RecordedByUser).HasMaxLength(64);
        b.HasIndex(x => new { x.SickbedId, x.RecordedAt });
        b.HasOne<Sickbed>().WithMany().HasForeignKey(x => x.SickbedId).OnDelete(DeleteBehavior.Cascade);
    }
}
