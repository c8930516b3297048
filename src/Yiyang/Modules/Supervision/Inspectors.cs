using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Accounts;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// An inspector's (监督员) law-enforcement certificate: only inspectors with a certificate valid on the day of a draw are
/// on the inspector list (执法检查人员名录库, docs/domain/supervision.md#the-two-lists). One per inspector account.
/// </summary>
public sealed class InspectorCertificate : IVersioned
{
    public long UserId { get; set; }
    public required string CertificateNo { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidUntil { get; set; }
    /// <summary>The inspector's bureau and region when the certificate was recorded.</summary>
    public required string Bureau { get; set; }
    public required string RegionCode { get; set; }
    public required string UpdatedByUser { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A conflict of interest (回避) between an inspector and an organization, with its reason: the inspector is never
/// assigned to that organization by a draw (docs/domain/supervision.md#avoidance).
/// </summary>
public sealed class InspectorConflict
{
    public long Id { get; set; }
    public long InspectorUserId { get; set; }
    public long OrganizationId { get; set; }
    public required string Reason { get; set; }
    /// <summary>The inspector's region (the table grows with people).</summary>
    public required string RegionCode { get; set; }
    public required string RecordedByUser { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

internal sealed class InspectorCertificateConfiguration : IEntityTypeConfiguration<InspectorCertificate>
{
    public void Configure(EntityTypeBuilder<InspectorCertificate> b)
    {
        b.ToTable("supervision_inspector", t => t.HasCheckConstraint("ck_supervision_inspector_validity", "valid_until >= valid_from"));
        b.HasKey(x => x.UserId);
        b.Property(x => x.UserId).ValueGeneratedNever();
        b.Property(x => x.CertificateNo).HasMaxLength(32);
        b.Property(x => x.Bureau).HasMaxLength(32);
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.Property(x => x.UpdatedByUser).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.CertificateNo).IsUnique().HasDatabaseName("ux_supervision_inspector_certificate");
        b.HasOne<User>().WithOne().HasForeignKey<InspectorCertificate>(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectorConflictConfiguration : IEntityTypeConfiguration<InspectorConflict>
{
    public void Configure(EntityTypeBuilder<InspectorConflict> b)
    {
        b.ToTable("supervision_conflict");
        b.Property(x => x.Reason).HasMaxLength(200);
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.Property(x => x.RecordedByUser).HasMaxLength(64);
        b.HasIndex(x => new { x.InspectorUserId, x.OrganizationId }).IsUnique().HasDatabaseName("ux_supervision_conflict_pair");
        b.HasIndex(x => x.OrganizationId);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.InspectorUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
