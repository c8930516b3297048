using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>
/// One version of the care-level mapping (分级照护对应关系). Editing inserts the next version; the newest is in force
/// and older ones are the history. No row = version 0, the built-in <see cref="CareLevelMap.Default"/>.
/// </summary>
public sealed class CareLevelMapping
{
    public long Id { get; set; }
    public int MappingVersion { get; set; }
    /// <summary>JSON of <see cref="CareLevelMap"/>.</summary>
    public required string MapJson { get; set; }
    public string? Note { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum CarePlanStatus
{
    Draft = 1,     // 草稿: editable
    Confirmed = 2, // 已确认: in force, immutable except ending; at most one per elder (partial unique index)
    Ended = 3,     // 已结束
}

/// <summary>
/// A care plan (照护计划) of an elder: goals and items, proposed from the care level of an assessment and confirmed by
/// staff. A revision is a new plan pointing at the one it replaces (<see cref="PreviousId"/>, unique). Carries the
/// elder's region.
/// </summary>
public sealed class CarePlan : IElderOwned
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public long? OrganizationId { get; set; }
    public CarePlanStatus Status { get; set; }
    /// <summary>The signed assessment the care level comes from.</summary>
    public long AssessmentId { get; set; }
    public int CareLevelCode { get; set; }
    public required string CareLevelName { get; set; }
    public int MappingVersion { get; set; }
    /// <summary>JSON array of goal texts.</summary>
    public required string GoalsJson { get; set; }
    public DateOnly StartOn { get; set; }
    public string? Note { get; set; }
    public long? PreviousId { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string? EndReason { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
    public List<CarePlanItem> Items { get; set; } = [];
}

/// <summary>One service of a plan: what, how often, by whom, when, and whether 长护险 pays for it.</summary>
public sealed class CarePlanItem
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public int LineNo { get; set; }
    public required string ServiceCode { get; set; }
    public required string ServiceName { get; set; }
    public int FrequencyCount { get; set; }
    /// <summary><see cref="FrequencyUnits"/>: week or month.</summary>
    public required string FrequencyUnit { get; set; }
    /// <summary><see cref="Responsible"/>: organization or team.</summary>
    public required string ResponsibleKind { get; set; }
    public long? ResponsibleOrganizationId { get; set; }
    public long? ResponsibleTeamId { get; set; }
    public DateOnly StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    public bool LtcCovered { get; set; }
}

internal sealed class CareLevelMappingConfiguration : IEntityTypeConfiguration<CareLevelMapping>
{
    public void Configure(EntityTypeBuilder<CareLevelMapping> b)
    {
        b.ToTable("careplans_care_level_mapping", t => t.HasCheckConstraint("ck_careplans_care_level_mapping_version", "mapping_version >= 1"));
        b.Property(x => x.Note).HasMaxLength(200);
        // two concurrent edits of the same version: the second insert is refused
        b.HasIndex(x => x.MappingVersion).IsUnique().HasDatabaseName("ux_careplans_care_level_mapping_version");
    }
}

internal sealed class CarePlanConfiguration : IEntityTypeConfiguration<CarePlan>
{
    public void Configure(EntityTypeBuilder<CarePlan> b)
    {
        b.ToTable("careplans_plan", t =>
        {
            t.HasCheckConstraint("ck_careplans_plan_status", "status IN (1, 2, 3)");
            t.HasCheckConstraint("ck_careplans_plan_region", "county_code = substr(township_code, 1, 6)");
            t.HasCheckConstraint("ck_careplans_plan_confirmed", "status = 1 OR (confirmed_at IS NOT NULL AND confirmed_by IS NOT NULL)");
            t.HasCheckConstraint("ck_careplans_plan_ended",
                "(status = 3 AND ended_on IS NOT NULL AND ended_on >= start_on) OR (status <> 3 AND ended_on IS NULL)");
            t.HasCheckConstraint("ck_careplans_plan_level", "care_level_code >= 0 AND mapping_version >= 0");
        });
        b.Property(x => x.CareLevelName).HasMaxLength(20);
        b.Property(x => x.Note).HasMaxLength(200);
        b.Property(x => x.EndReason).HasMaxLength(200);
        b.Property(x => x.ConfirmedBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        // one confirmed (current) plan per elder
        b.HasIndex(x => x.ElderId).IsUnique().HasFilter("status = 2").HasDatabaseName("ux_careplans_plan_confirmed_elder");
        b.HasIndex(x => new { x.ElderId, x.Status });
        b.HasIndex(x => x.AssessmentId);
        // a plan is revised at most once
        b.HasIndex(x => x.PreviousId).IsUnique().HasDatabaseName("ux_careplans_plan_previous");
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Assessment>().WithMany().HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CarePlan>().WithMany().HasForeignKey(x => x.PreviousId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CarePlanItemConfiguration : IEntityTypeConfiguration<CarePlanItem>
{
    public void Configure(EntityTypeBuilder<CarePlanItem> b)
    {
        b.ToTable("careplans_plan_item", t =>
        {
            t.HasCheckConstraint("ck_careplans_plan_item_frequency",
                "(frequency_unit = 'week' AND frequency_count BETWEEN 1 AND 14) OR (frequency_unit = 'month' AND frequency_count BETWEEN 1 AND 62)");
            t.HasCheckConstraint("ck_careplans_plan_item_responsible",
                "(responsible_kind = 'organization' AND responsible_organization_id IS NOT NULL AND responsible_team_id IS NULL) OR " +
                "(responsible_kind = 'team' AND responsible_team_id IS NOT NULL AND responsible_organization_id IS NULL)");
            t.HasCheckConstraint("ck_careplans_plan_item_dates", "end_on IS NULL OR end_on >= start_on");
        });
        b.Property(x => x.ServiceCode).HasMaxLength(32);
        b.Property(x => x.ServiceName).HasMaxLength(50);
        b.Property(x => x.FrequencyUnit).HasMaxLength(8);
        b.Property(x => x.ResponsibleKind).HasMaxLength(16);
        b.HasIndex(x => new { x.PlanId, x.LineNo }).IsUnique();
        b.HasIndex(x => new { x.PlanId, x.ServiceCode }).IsUnique();
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.ResponsibleOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FamilyDoctor.FamilyDoctorTeam>().WithMany().HasForeignKey(x => x.ResponsibleTeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
