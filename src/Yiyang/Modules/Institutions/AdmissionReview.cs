using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Institutions;

/// <summary>
/// 跨机构入住: an elder registered to another organization (or to none) admitted at the desk by ID card. Such an admission
/// brings a stranger's record into the institution's reach, so it is watched three ways (docs/domain/institutions.md#admission-safeguards):
/// the registering organization is told (<see cref="NoticeReadAt"/>), the regulator of the region reviews it
/// (<see cref="Outcome"/>), and the institution sees the elder's contact data only once the stay is confirmed — a
/// check-in by a second member of staff (<see cref="Confirmation"/>).
/// </summary>
public sealed class AdmissionReview : Elders.IElderOwned
{
    public long Id { get; set; }
    public long StayId { get; set; }
    public long ElderId { get; set; }
    /// <summary>The admitting institution.</summary>
    public long OrganizationId { get; set; }
    /// <summary>The organization the elder is registered to (责任机构) at admission; null when none.</summary>
    public long? RegisteredOrganizationId { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public DateTimeOffset AdmittedAt { get; set; }
    public required string AdmittedBy { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }
    public string? ConfirmedBy { get; set; }
    public StayConfirmation? Confirmation { get; set; }
    public string? ConfirmationNote { get; set; }

    public DateTimeOffset? NoticeReadAt { get; set; }
    public string? NoticeReadBy { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public AdmissionReviewOutcome? Outcome { get; set; }
    public string? ReviewNote { get; set; }
    public int Version { get; set; }
}

/// <summary>How a stay admitted by ID card was confirmed.</summary>
public enum StayConfirmation
{
    /// <summary>到院登记: a second member of staff saw the elder arrive.</summary>
    CheckIn = 1,
}

/// <summary>The regulator's finding on a cross-organization admission.</summary>
public enum AdmissionReviewOutcome
{
    /// <summary>无异常.</summary>
    Normal = 1,
    /// <summary>存疑: referred for inspection.</summary>
    Questionable = 2,
}

/// <summary>
/// A failed lookup at the admission desk (no elder with that ID number and name). Counted per user and per institution
/// in the last hour (<see cref="AdmissionMissLimit"/>); kept although the request that made it fails.
/// </summary>
public sealed class AdmissionMiss
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class AdmissionReviewConfiguration : IEntityTypeConfiguration<AdmissionReview>
{
    public void Configure(EntityTypeBuilder<AdmissionReview> b)
    {
        b.ToTable("institutions_admission_review", t =>
        {
            t.HasCheckConstraint("ck_institutions_admission_review_region", "county_code = substr(township_code, 1, 6)");
            t.HasCheckConstraint("ck_institutions_admission_review_confirmed",
                "(confirmed_at IS NULL AND confirmed_by IS NULL AND confirmation IS NULL) OR (confirmed_at IS NOT NULL AND confirmed_by IS NOT NULL AND confirmation IN (1))");
            t.HasCheckConstraint("ck_institutions_admission_review_reviewed",
                "(reviewed_at IS NULL AND reviewed_by IS NULL AND outcome IS NULL) OR (reviewed_at IS NOT NULL AND reviewed_by IS NOT NULL AND outcome IN (1, 2))");
            t.HasCheckConstraint("ck_institutions_admission_review_notice", "(notice_read_at IS NULL) = (notice_read_by IS NULL)");
            t.HasCheckConstraint("ck_institutions_admission_review_other_org",
                "registered_organization_id IS NULL OR registered_organization_id <> organization_id");
        });
        b.Property(x => x.AdmittedBy).HasMaxLength(64);
        b.Property(x => x.ConfirmedBy).HasMaxLength(64);
        b.Property(x => x.ConfirmationNote).HasMaxLength(200);
        b.Property(x => x.NoticeReadBy).HasMaxLength(64);
        b.Property(x => x.ReviewedBy).HasMaxLength(64);
        b.Property(x => x.ReviewNote).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.StayId).IsUnique().HasDatabaseName("ux_institutions_admission_review_stay");
        b.HasIndex(x => new { x.CountyCode, x.ReviewedAt });
        b.HasIndex(x => x.RegisteredOrganizationId);
        b.HasIndex(x => x.ElderId);
        b.HasOne<InstitutionStay>().WithMany().HasForeignKey(x => x.StayId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AdmissionMissConfiguration : IEntityTypeConfiguration<AdmissionMiss>
{
    public void Configure(EntityTypeBuilder<AdmissionMiss> b)
    {
        b.ToTable("institutions_admission_miss");
        b.Property(x => x.UserName).HasMaxLength(64);
        b.HasIndex(x => new { x.OrganizationId, x.At });
        b.HasIndex(x => new { x.UserName, x.At });
    }
}
