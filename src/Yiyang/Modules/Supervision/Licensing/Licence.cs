using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// A licence (许可证, 批准书 or 备案回执) issued by approving an application: number, kind, validity and the bed counts it
/// licenses; the organization's typed bed counts follow its latest licence (docs/domain/supervision.md#licensing).
/// </summary>
public sealed class Licence
{
    public long Id { get; set; }
    public required string LicenceNo { get; set; }
    public required string Kind { get; set; }
    public required string Bureau { get; set; }
    public long OrganizationId { get; set; }
    public long ApplicationId { get; set; }
    public required string RegionCode { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidTo { get; set; }
    /// <summary>Licensed counts; null for the counts the kind does not license.</summary>
    public int? ElderCareBeds { get; set; }
    public int? NursingBeds { get; set; }
    public int? MedicalBeds { get; set; }
    public required string IssuedByUser { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
}

internal sealed class LicenceConfiguration : IEntityTypeConfiguration<Licence>
{
    public void Configure(EntityTypeBuilder<Licence> b)
    {
        b.ToTable("supervision_licence", t =>
        {
            t.HasCheckConstraint("ck_supervision_licence_validity", "valid_to > valid_from");
            t.HasCheckConstraint("ck_supervision_licence_beds",
                "(elder_care_beds IS NULL OR elder_care_beds >= 0) AND (nursing_beds IS NULL OR nursing_beds >= 0) AND (medical_beds IS NULL OR medical_beds >= 0)");
        });
        b.Property(x => x.LicenceNo).HasMaxLength(64);
        b.Property(x => x.Kind).HasMaxLength(32);
        b.Property(x => x.Bureau).HasMaxLength(16);
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.Property(x => x.IssuedByUser).HasMaxLength(64);
        b.HasIndex(x => x.LicenceNo).IsUnique().HasDatabaseName("ux_supervision_licence_no");
        // one licence per application: a double approval makes one
        b.HasIndex(x => x.ApplicationId).IsUnique().HasDatabaseName("ux_supervision_licence_application");
        b.HasIndex(x => new { x.OrganizationId, x.ValidTo });
        b.HasIndex(x => x.ValidTo);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<LicenceApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}
