using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// A licensing or registration application of one organization (设置审批, 执业登记/变更, 养老机构备案, 医养结合 审批/备案,
/// 内设医疗机构 备案), decided by the bureau of its kind on a working-day clock (docs/domain/supervision.md#licensing).
/// </summary>
public sealed class LicenceApplication : IVersioned
{
    public long Id { get; set; }
    /// <summary>A code of <see cref="LicensingKinds"/>.</summary>
    public required string Kind { get; set; }
    /// <summary>The bureau that decides the kind (<c>health</c> or <c>civil-affairs</c>).</summary>
    public required string Bureau { get; set; }
    public long OrganizationId { get; set; }
    /// <summary>The organization's township (scope of the bureau's regulators).</summary>
    public required string RegionCode { get; set; }
    public required string Status { get; set; }
    public string? Note { get; set; }
    public int? ElderCareBeds { get; set; }
    public int? NursingBeds { get; set; }
    public int? MedicalBeds { get; set; }
    /// <summary>A paper application the bureau registered on the organization's behalf.</summary>
    public bool OnBehalf { get; set; }
    public required string SubmittedByUser { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateOnly SubmittedOn { get; set; }
    /// <summary>The time limit in working days, fixed at acceptance from the setting of the kind.</summary>
    public int? TimeLimitWorkingDays { get; set; }
    public DateOnly? AcceptedOn { get; set; }
    public string? AcceptedByUser { get; set; }
    /// <summary>Working days used before the clock's current run (kept while documents were requested).</summary>
    public int DaysUsed { get; set; }
    /// <summary>The day the clock's current run started (acceptance or the documents' arrival); null while stopped.</summary>
    public DateOnly? ClockStartedOn { get; set; }
    /// <summary>The decision deadline; null while the clock is stopped. Kept after the decision.</summary>
    public DateOnly? DeadlineOn { get; set; }
    public string? DocumentsRequest { get; set; }
    public DateOnly? DocumentsRequestedOn { get; set; }
    public int DocumentRequests { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? DecidedByUser { get; set; }
    public string? DecisionReason { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A document uploaded for an application (JPEG, PNG or PDF, checked by its first bytes).</summary>
public sealed class LicenceDocument
{
    public const int MaxBytes = SupervisionFile.MaxBytes;

    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public required string DocumentType { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int SizeBytes { get; set; }
    public required byte[] Content { get; set; }
    public required string RegionCode { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class LicenceApplicationConfiguration : IEntityTypeConfiguration<LicenceApplication>
{
    public void Configure(EntityTypeBuilder<LicenceApplication> b)
    {
        b.ToTable("supervision_licence_application", t =>
        {
            t.HasCheckConstraint("ck_supervision_licence_application_status",
                "status IN ('submitted', 'accepted', 'documents-requested', 'approved', 'refused', 'withdrawn')");
            t.HasCheckConstraint("ck_supervision_licence_application_bureau", "bureau IN ('health', 'civil-affairs')");
            t.HasCheckConstraint("ck_supervision_licence_application_beds",
                "(elder_care_beds IS NULL OR elder_care_beds >= 0) AND (nursing_beds IS NULL OR nursing_beds >= 0) AND (medical_beds IS NULL OR medical_beds >= 0)");
            // past 'submitted' the application was accepted (a withdrawal may come before acceptance)
            t.HasCheckConstraint("ck_supervision_licence_application_accepted",
                "(status IN ('submitted', 'withdrawn') OR (accepted_on IS NOT NULL AND time_limit_working_days BETWEEN 1 AND 365))"
                + " AND (status <> 'submitted' OR accepted_on IS NULL) AND (accepted_on IS NULL OR accepted_on >= submitted_on)");
            // the clock runs (a start and a deadline) while accepted; a request for documents may stop it (both null)
            t.HasCheckConstraint("ck_supervision_licence_application_clock",
                "(clock_started_on IS NULL) = (deadline_on IS NULL) AND (status <> 'accepted' OR deadline_on IS NOT NULL)");
            t.HasCheckConstraint("ck_supervision_licence_application_days_used", "days_used >= 0 AND document_requests >= 0");
            t.HasCheckConstraint("ck_supervision_licence_application_request",
                "status <> 'documents-requested' OR (documents_request IS NOT NULL AND documents_requested_on IS NOT NULL)");
            t.HasCheckConstraint("ck_supervision_licence_application_decision",
                "(status IN ('approved', 'refused')) = (decided_on IS NOT NULL AND decided_by_user IS NOT NULL) AND (status <> 'refused' OR decision_reason IS NOT NULL)");
            t.HasCheckConstraint("ck_supervision_licence_application_withdrawn", "(status = 'withdrawn') = (withdrawn_at IS NOT NULL)");
        });
        b.Property(x => x.Kind).HasMaxLength(32);
        b.Property(x => x.Bureau).HasMaxLength(16);
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.Property(x => x.Status).HasMaxLength(24);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.SubmittedByUser).HasMaxLength(64);
        b.Property(x => x.AcceptedByUser).HasMaxLength(64);
        b.Property(x => x.DocumentsRequest).HasMaxLength(500);
        b.Property(x => x.DecidedByUser).HasMaxLength(64);
        b.Property(x => x.DecisionReason).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.Bureau, x.Status, x.DeadlineOn });
        // one open application per organization and kind: two submitted at once make one
        b.HasIndex(x => new { x.OrganizationId, x.Kind }).IsUnique().HasDatabaseName("ux_supervision_licence_application_open")
            .HasFilter("status IN ('submitted', 'accepted', 'documents-requested')");
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LicenceDocumentConfiguration : IEntityTypeConfiguration<LicenceDocument>
{
    public void Configure(EntityTypeBuilder<LicenceDocument> b)
    {
        b.ToTable("supervision_licence_document", t =>
            t.HasCheckConstraint("ck_supervision_licence_document_size", $"size_bytes BETWEEN 1 AND {LicenceDocument.MaxBytes} AND length(content) = size_bytes"));
        b.Property(x => x.DocumentType).HasMaxLength(32);
        b.Property(x => x.FileName).HasMaxLength(120);
        b.Property(x => x.ContentType).HasMaxLength(64);
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.Property(x => x.CreatedByUser).HasMaxLength(64);
        b.HasIndex(x => new { x.ApplicationId, x.DocumentType });
        b.HasOne<LicenceApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}
