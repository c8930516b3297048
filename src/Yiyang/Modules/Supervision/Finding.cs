using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// 整改 finding: a failed item of a finished inspection that the organization must put right by a due date in working days.
/// open → answered (the organization's response) → closed or escalated (the inspector's re-check); an open finding past its
/// due date may be escalated without an answer (docs/domain/supervision.md#findings).
/// </summary>
public sealed class Finding : IVersioned
{
    public long Id { get; set; }
    public long InspectionId { get; set; }
    public int ItemPosition { get; set; }
    public long OrganizationId { get; set; }
    public required string RegionCode { get; set; }
    /// <summary><c>minor</c> (一般), <c>moderate</c> (较重) or <c>serious</c> (严重).</summary>
    public required string Severity { get; set; }
    public required string LegalBasis { get; set; }
    public required string Requirement { get; set; }
    public int DeadlineWorkingDays { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly DueOn { get; set; }
    /// <summary><c>open</c>, <c>answered</c>, <c>closed</c> or <c>escalated</c>.</summary>
    public required string Status { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? ResponseText { get; set; }
    public string? RespondedByUser { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
    public string? RecheckNote { get; set; }
    public string? RecheckedByUser { get; set; }
    public DateTimeOffset? RecheckedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> b)
    {
        b.ToTable("supervision_finding", t =>
        {
            t.HasCheckConstraint("ck_supervision_finding_status", "status IN ('open', 'answered', 'closed', 'escalated')");
            t.HasCheckConstraint("ck_supervision_finding_severity", "severity IN ('minor', 'moderate', 'serious')");
            t.HasCheckConstraint("ck_supervision_finding_deadline", "deadline_working_days BETWEEN 1 AND 365 AND due_on > issued_on");
            // an answered or closed finding has the organization's response; a re-checked one its re-check
            t.HasCheckConstraint("ck_supervision_finding_response", "status NOT IN ('answered', 'closed') OR responded_at IS NOT NULL");
            t.HasCheckConstraint("ck_supervision_finding_recheck", "(status IN ('closed', 'escalated')) = (rechecked_at IS NOT NULL)");
        });
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.Property(x => x.Severity).HasMaxLength(16);
        b.Property(x => x.LegalBasis).HasMaxLength(300);
        b.Property(x => x.Requirement).HasMaxLength(500);
        b.Property(x => x.Status).HasMaxLength(16);
        b.Property(x => x.CreatedByUser).HasMaxLength(64);
        b.Property(x => x.ResponseText).HasMaxLength(1000);
        b.Property(x => x.RespondedByUser).HasMaxLength(64);
        b.Property(x => x.RecheckNote).HasMaxLength(500);
        b.Property(x => x.RecheckedByUser).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        // one finding per failed item
        b.HasIndex(x => new { x.InspectionId, x.ItemPosition }).IsUnique().HasDatabaseName("ux_supervision_finding_item");
        b.HasIndex(x => new { x.Status, x.DueOn });
        b.HasIndex(x => x.OrganizationId);
        b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
