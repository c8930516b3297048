using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Agreements;

/// <summary>草拟 → 生效 (only within the term) → 终止 (with a reason) / 到期 (the term ended).</summary>
public enum AgreementStatus
{
    Draft = 1,
    Effective = 2,
    Terminated = 3,
    Expired = 4,
}

/// <summary>
/// A cooperation agreement between a medical institution and a care institution (医疗卫生机构与养老服务机构签约合作,
/// docs/domain/collaboration.md#agreement-content): term, content items, fee, duties of each party. While effective (status 生效 and
/// today within the term) the medical institution's staff may read the care institution's residents
/// (<see cref="Elders.ElderScope"/>).
/// </summary>
public sealed class Agreement
{
    public long Id { get; set; }
    public long MedicalOrganizationId { get; set; }
    public long CareOrganizationId { get; set; }
    public DateOnly StartOn { get; set; }
    /// <summary>The last day of the term (inclusive).</summary>
    public DateOnly EndOn { get; set; }
    /// <summary>Content item codes, comma-separated, in <see cref="AgreementRules.Items"/> order.</summary>
    public required string Items { get; set; }
    /// <summary>巡诊 visits per month (only and always when the 巡诊 item is chosen).</summary>
    public int? RoundsPerMonth { get; set; }
    public decimal? Fee { get; set; }
    public required string MedicalDuties { get; set; }
    public required string CareDuties { get; set; }
    public AgreementStatus Status { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
    public DateOnly? TerminatedOn { get; set; }
    public string? TerminateReason { get; set; }
    public required string CountyCode { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>An attachment's metadata (the signed paper agreement is kept by the parties; no file bytes are stored).</summary>
public sealed class AgreementAttachment
{
    public long Id { get; set; }
    public long AgreementId { get; set; }
    public required string FileName { get; set; }
    public string? Description { get; set; }
    public long? SizeBytes { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> b)
    {
        b.ToTable("agreements_agreement", t =>
        {
            t.HasCheckConstraint("ck_agreements_agreement_status", "status IN (1, 2, 3, 4)");
            t.HasCheckConstraint("ck_agreements_agreement_orgs", "medical_organization_id <> care_organization_id");
            t.HasCheckConstraint("ck_agreements_agreement_term", "end_on >= start_on");
            t.HasCheckConstraint("ck_agreements_agreement_fee", "fee IS NULL OR fee >= 0");
            t.HasCheckConstraint("ck_agreements_agreement_rounds", "rounds_per_month IS NULL OR rounds_per_month BETWEEN 1 AND 31");
            t.HasCheckConstraint("ck_agreements_agreement_terminated",
                "(status = 3) = (terminated_on IS NOT NULL AND terminate_reason IS NOT NULL)");
            t.HasCheckConstraint("ck_agreements_agreement_activated", "status = 1 OR activated_at IS NOT NULL");
        });
        b.Property(x => x.Items).HasMaxLength(200);
        b.Property(x => x.Fee).HasPrecision(12, 2);
        b.Property(x => x.MedicalDuties).HasMaxLength(2000);
        b.Property(x => x.CareDuties).HasMaxLength(2000);
        b.Property(x => x.TerminateReason).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        // one effective agreement per pair at a time
        b.HasIndex(x => new { x.MedicalOrganizationId, x.CareOrganizationId }).IsUnique().HasFilter("status = 2")
            .HasDatabaseName("ux_agreements_agreement_effective_pair");
        b.HasIndex(x => new { x.CareOrganizationId, x.Status });
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.MedicalOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.CareOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgreementAttachmentConfiguration : IEntityTypeConfiguration<AgreementAttachment>
{
    public void Configure(EntityTypeBuilder<AgreementAttachment> b)
    {
        b.ToTable("agreements_attachment", t => t.HasCheckConstraint("ck_agreements_attachment_size", "size_bytes IS NULL OR size_bytes >= 0"));
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(500);
        b.HasIndex(x => x.AgreementId);
        b.HasOne<Agreement>().WithMany().HasForeignKey(x => x.AgreementId).OnDelete(DeleteBehavior.Cascade);
    }
}
