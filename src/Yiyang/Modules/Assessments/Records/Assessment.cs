using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Assessments.Records;

public enum AssessmentStatus
{
    Draft = 1,      // 草稿: editable (optimistic concurrency)
    Signed = 2,     // 已签署: immutable
    Superseded = 3, // 已更正: a signed version replaced by a correction (kept, read-only)
}

/// <summary>
/// A saved assessment of an elder with one instrument: answers and result as JSON, plus the total and level as
/// columns for querying. Signed versions are immutable; a correction is a new row pointing at the corrected one
/// (<see cref="PreviousId"/>, unique: a version is corrected at most once). Carries the elder's region.
/// </summary>
public sealed class Assessment : IElderOwned
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public required string InstrumentCode { get; set; }
    public required string InstrumentVersion { get; set; }
    /// <summary>Code of <see cref="AssessmentReasons"/>.</summary>
    public required string Reason { get; set; }
    public DateOnly AssessedOn { get; set; }
    /// <summary>JSON array of <see cref="AssessorDto"/>.</summary>
    public required string AssessorsJson { get; set; }
    /// <summary>JSON of the scoring request (items and instrument-specific inputs).</summary>
    public required string AnswersJson { get; set; }
    /// <summary>JSON of the scorer's result record.</summary>
    public required string ResultJson { get; set; }
    public int? Total { get; set; }
    public int? LevelCode { get; set; }
    public string? LevelName { get; set; }
    public AssessmentStatus Status { get; set; }
    /// <summary>Reassessment due date, set when a GB/T 42195 or 长护险 assessment is signed.</summary>
    public DateOnly? NextDue { get; set; }
    public long? PreviousId { get; set; }
    public string? CorrectionNote { get; set; }
    public long? OrganizationId { get; set; }
    public required string CreatedBy { get; set; }
    public string? SignedBy { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.ToTable("assessments_assessment", t =>
        {
            t.HasCheckConstraint("ck_assessments_assessment_status", "status IN (1, 2, 3)");
            t.HasCheckConstraint("ck_assessments_assessment_reason", "reason IN ('initial', 'routine', 'immediate', 'review', 'other')");
            t.HasCheckConstraint("ck_assessments_assessment_region", "county_code = substr(township_code, 1, 6)");
            t.HasCheckConstraint("ck_assessments_assessment_signed", "status = 1 OR (signed_at IS NOT NULL AND signed_by IS NOT NULL)");
        });
        b.Property(x => x.InstrumentCode).HasMaxLength(32);
        b.Property(x => x.InstrumentVersion).HasMaxLength(32);
        b.Property(x => x.Reason).HasMaxLength(16);
        b.Property(x => x.LevelName).HasMaxLength(50);
        b.Property(x => x.CorrectionNote).HasMaxLength(200);
        b.Property(x => x.SignedBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ElderId, x.AssessedOn });
        b.HasIndex(x => new { x.TownshipCode, x.InstrumentCode, x.Status });
        b.HasIndex(x => x.NextDue);
        // a version can be corrected only once
        b.HasIndex(x => x.PreviousId).IsUnique();
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Assessment>().WithMany().HasForeignKey(x => x.PreviousId).OnDelete(DeleteBehavior.Restrict);
    }
}
