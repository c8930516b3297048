using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Accounts;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// A 双随机 inspection plan (抽查计划) of one bureau or several (联合抽查): which organizations (kinds, region), which year,
/// what share of the entity list is drawn, and how many inspectors go to each (docs/domain/supervision.md#plans).
/// </summary>
public sealed class InspectionPlan : IVersioned
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The lead bureau (its regulators draw).</summary>
    public required string LeadBureau { get; set; }
    /// <summary>Every bureau of the plan, lead first, comma-separated.</summary>
    public required string Bureaus { get; set; }
    public int Year { get; set; }
    /// <summary>The ratio in hundredths of a percent (300 = 3 %).</summary>
    public int RatioBasisPoints { get; set; }
    /// <summary>Organization kind codes, comma-separated (medical, elderly-care, integrated).</summary>
    public required string OrganizationKinds { get; set; }
    public required string RegionCode { get; set; }
    public int InspectorsPerEntity { get; set; }
    /// <summary>The entity list's size and the sample size when the plan was made (each draw snapshots its own).</summary>
    public int EntityCount { get; set; }
    public int SampleSize { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// One draw of a plan (抽取): seed, operator, time, the two lists and the conflicts as they stood (snapshots, JSON), and
/// the result with its SHA-256. A redraw is a new row with a reason; earlier draws stay (docs/domain/supervision.md#redraw).
/// </summary>
public sealed class InspectionDraw
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public int Sequence { get; set; }
    public required string Seed { get; set; }
    public required string Algorithm { get; set; }
    public required string DrawnByUser { get; set; }
    public DateTimeOffset DrawnAt { get; set; }
    public string? RedrawReason { get; set; }
    public int RatioBasisPoints { get; set; }
    public int InspectorsPerEntity { get; set; }
    public int EntityCount { get; set; }
    public int InspectorCount { get; set; }
    public int SampleSize { get; set; }
    public required string EntityListJson { get; set; }
    public required string InspectorListJson { get; set; }
    public required string ConflictsJson { get; set; }
    public required string WithdrawalsJson { get; set; }
    public required string ResultSha256 { get; set; }
    public required string RegionCode { get; set; }
}

/// <summary>One inspector assigned to one drawn organization by a draw (the result, queryable).</summary>
public sealed class InspectionAssignment
{
    public long Id { get; set; }
    public long DrawId { get; set; }
    /// <summary>The organization's place in the draw order (1, 2…).</summary>
    public int Position { get; set; }
    public long OrganizationId { get; set; }
    public long InspectorUserId { get; set; }
    /// <summary>The inspector's place among the organization's inspectors (1, 2…).</summary>
    public int InspectorPosition { get; set; }
}

internal sealed class InspectionPlanConfiguration : IEntityTypeConfiguration<InspectionPlan>
{
    public void Configure(EntityTypeBuilder<InspectionPlan> b)
    {
        b.ToTable("supervision_plan", t =>
        {
            t.HasCheckConstraint("ck_supervision_plan_ratio", "ratio_basis_points BETWEEN 1 AND 10000");
            t.HasCheckConstraint("ck_supervision_plan_inspectors", "inspectors_per_entity BETWEEN 2 AND 10");
            t.HasCheckConstraint("ck_supervision_plan_year", "year BETWEEN 2000 AND 2100");
            t.HasCheckConstraint("ck_supervision_plan_sample", "sample_size BETWEEN 0 AND entity_count");
        });
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.LeadBureau).HasMaxLength(32);
        b.Property(x => x.Bureaus).HasMaxLength(100);
        b.Property(x => x.OrganizationKinds).HasMaxLength(64);
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.Property(x => x.CreatedByUser).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.RegionCode, x.Year });
    }
}

internal sealed class InspectionDrawConfiguration : IEntityTypeConfiguration<InspectionDraw>
{
    public void Configure(EntityTypeBuilder<InspectionDraw> b)
    {
        b.ToTable("supervision_draw", t =>
        {
            t.HasCheckConstraint("ck_supervision_draw_redraw", "(sequence = 1) = (redraw_reason IS NULL)");
            t.HasCheckConstraint("ck_supervision_draw_sequence", "sequence >= 1");
            t.HasCheckConstraint("ck_supervision_draw_sample", "sample_size BETWEEN 0 AND entity_count");
        });
        b.Property(x => x.Seed).HasMaxLength(128);
        b.Property(x => x.Algorithm).HasMaxLength(64);
        b.Property(x => x.DrawnByUser).HasMaxLength(64);
        b.Property(x => x.RedrawReason).HasMaxLength(500);
        b.Property(x => x.ResultSha256).HasMaxLength(64);
        b.Property(x => x.RegionCode).HasMaxLength(12);
        // one draw per sequence number: two regulators drawing at once cannot both become the current draw
        b.HasIndex(x => new { x.PlanId, x.Sequence }).IsUnique().HasDatabaseName("ux_supervision_draw_sequence");
        b.HasOne<InspectionPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionAssignmentConfiguration : IEntityTypeConfiguration<InspectionAssignment>
{
    public void Configure(EntityTypeBuilder<InspectionAssignment> b)
    {
        b.ToTable("supervision_assignment", t => t.HasCheckConstraint("ck_supervision_assignment_position", "position >= 1 AND inspector_position >= 1"));
        b.HasIndex(x => new { x.DrawId, x.OrganizationId, x.InspectorUserId }).IsUnique().HasDatabaseName("ux_supervision_assignment");
        b.HasIndex(x => x.InspectorUserId);
        b.HasOne<InspectionDraw>().WithMany().HasForeignKey(x => x.DrawId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.InspectorUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
