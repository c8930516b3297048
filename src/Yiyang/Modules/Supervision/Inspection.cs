using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// 现场检查: the on-site inspection of one drawn organization by its drawn inspectors (docs/domain/supervision.md#on-site-inspection).
/// A draft while the inspectors record; finishing (all items answered, the representative's signature, enough inspectors
/// present) forms the result with its publication due date, and the inspection never changes again.
/// </summary>
public sealed class Inspection : IVersioned
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public long DrawId { get; set; }
    public long OrganizationId { get; set; }
    /// <summary>The organization's township code.</summary>
    public required string RegionCode { get; set; }
    /// <summary><c>draft</c> or <c>finished</c>.</summary>
    public required string Status { get; set; }
    public required string StartedByUser { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>The organization's representative who signed (name as written by them).</summary>
    public string? RepresentativeName { get; set; }
    /// <summary>The on-screen signature as a PNG image.</summary>
    public byte[]? SignaturePng { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    /// <summary>The user ids of the inspectors present, comma-separated (at least the plan's minimum).</summary>
    public string? PresentInspectorIds { get; set; }
    public string? FinishedByUser { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>The day the result was formed (China date).</summary>
    public DateOnly? FinishedOn { get; set; }
    /// <summary>The last day to publish the result: <see cref="SupervisionOptions.PublicationWorkingDays"/> working days after <see cref="FinishedOn"/>.</summary>
    public DateOnly? PublicationDueOn { get; set; }
    /// <summary><c>compliant</c> (no item failed) or <c>non-compliant</c>.</summary>
    public string? Outcome { get; set; }
    public int PassCount { get; set; }
    public int FailCount { get; set; }
    public int NotApplicableCount { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One checklist item of an inspection, copied from the checklist version when the inspection starts, with its result.</summary>
public sealed class InspectionItem
{
    public long Id { get; set; }
    public long InspectionId { get; set; }
    public int Position { get; set; }
    /// <summary>The checklist version the item comes from.</summary>
    public long ChecklistId { get; set; }
    public required string Category { get; set; }
    public required string Text { get; set; }
    /// <summary><c>pass</c>, <c>fail</c>, <c>na</c> (not applicable), or null while unanswered.</summary>
    public string? Result { get; set; }
    public string? Note { get; set; }
    public string? RecordedByUser { get; set; }
    public DateTimeOffset? RecordedAt { get; set; }
}

/// <summary>A photo of an inspection (<c>photo</c>) or evidence of a finding's 整改 (<c>evidence</c>), kept in the database.</summary>
public sealed class SupervisionFile
{
    public const int MaxBytes = 1_000_000;

    public long Id { get; set; }
    public long InspectionId { get; set; }
    public long? FindingId { get; set; }
    /// <summary>The inspection item the photo belongs to, if any.</summary>
    public int? ItemPosition { get; set; }
    public required string Kind { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int SizeBytes { get; set; }
    public required byte[] Content { get; set; }
    public required string RegionCode { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.ToTable("supervision_inspection", t =>
        {
            t.HasCheckConstraint("ck_supervision_inspection_status", "status IN ('draft', 'finished')");
            t.HasCheckConstraint("ck_supervision_inspection_outcome", "outcome IS NULL OR outcome IN ('compliant', 'non-compliant')");
            // a finished inspection has its result, signature and publication due date; a draft has none of them
            t.HasCheckConstraint("ck_supervision_inspection_finished",
                "(status = 'finished') = (finished_at IS NOT NULL AND finished_on IS NOT NULL AND publication_due_on IS NOT NULL AND outcome IS NOT NULL " +
                "AND signature_png IS NOT NULL AND representative_name IS NOT NULL AND present_inspector_ids IS NOT NULL)");
            t.HasCheckConstraint("ck_supervision_inspection_due", "publication_due_on IS NULL OR publication_due_on >= finished_on");
            t.HasCheckConstraint("ck_supervision_inspection_counts", "pass_count >= 0 AND fail_count >= 0 AND not_applicable_count >= 0");
        });
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.Property(x => x.Status).HasMaxLength(16);
        b.Property(x => x.StartedByUser).HasMaxLength(64);
        b.Property(x => x.RepresentativeName).HasMaxLength(50);
        b.Property(x => x.PresentInspectorIds).HasMaxLength(200);
        b.Property(x => x.FinishedByUser).HasMaxLength(64);
        b.Property(x => x.Outcome).HasMaxLength(16);
        b.Property(x => x.Version).IsConcurrencyToken();
        // one inspection per drawn organization and draw: two inspectors starting at once make one
        b.HasIndex(x => new { x.DrawId, x.OrganizationId }).IsUnique().HasDatabaseName("ux_supervision_inspection_entity");
        b.HasIndex(x => new { x.OrganizationId, x.Status });
        b.HasOne<InspectionDraw>().WithMany().HasForeignKey(x => x.DrawId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InspectionPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionItemConfiguration : IEntityTypeConfiguration<InspectionItem>
{
    public void Configure(EntityTypeBuilder<InspectionItem> b)
    {
        b.ToTable("supervision_inspection_item", t =>
        {
            t.HasCheckConstraint("ck_supervision_inspection_item_result", "result IS NULL OR result IN ('pass', 'fail', 'na')");
            t.HasCheckConstraint("ck_supervision_inspection_item_position", "position >= 1");
        });
        b.Property(x => x.Category).HasMaxLength(20);
        b.Property(x => x.Text).HasMaxLength(300);
        b.Property(x => x.Result).HasMaxLength(8);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.RecordedByUser).HasMaxLength(64);
        b.HasIndex(x => new { x.InspectionId, x.Position }).IsUnique().HasDatabaseName("ux_supervision_inspection_item_position");
        b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ChecklistTemplate>().WithMany().HasForeignKey(x => x.ChecklistId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SupervisionFileConfiguration : IEntityTypeConfiguration<SupervisionFile>
{
    public void Configure(EntityTypeBuilder<SupervisionFile> b)
    {
        b.ToTable("supervision_file", t =>
        {
            t.HasCheckConstraint("ck_supervision_file_size", $"size_bytes BETWEEN 1 AND {SupervisionFile.MaxBytes} AND length(content) = size_bytes");
            t.HasCheckConstraint("ck_supervision_file_kind", "(kind = 'photo' AND finding_id IS NULL) OR (kind = 'evidence' AND finding_id IS NOT NULL)");
        });
        b.Property(x => x.Kind).HasMaxLength(16);
        b.Property(x => x.FileName).HasMaxLength(120);
        b.Property(x => x.ContentType).HasMaxLength(64);
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.Property(x => x.CreatedByUser).HasMaxLength(64);
        b.HasIndex(x => x.InspectionId);
        b.HasIndex(x => x.FindingId);
        b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Finding>().WithMany().HasForeignKey(x => x.FindingId).OnDelete(DeleteBehavior.Restrict);
    }
}
