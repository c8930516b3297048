using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Assessments.CarePlans;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Claims;

public enum ClaimStatus
{
    Draft = 1,     // 草稿
    Submitted = 2, // 已提交
}

/// <summary>A monthly claim of an institution to one insurer (payer class); one per (institution, payer, month).</summary>
public sealed class Claim
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public PayerClass PayerClass { get; set; }
    public required string Month { get; set; } // yyyy-MM
    public ClaimStatus Status { get; set; }
    public int BedDays { get; set; }
    public decimal Amount { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public int Version { get; set; }
    public List<ClaimLine> Lines { get; set; } = [];
}

/// <summary>One elder of a claim: billed (bed-days × daily rate of the care grade) or excluded with the reason.</summary>
public sealed class ClaimLine
{
    public long Id { get; set; }
    public long ClaimId { get; set; }
    public long ElderId { get; set; }
    public int BedDays { get; set; }
    public long? AssessmentId { get; set; }
    public string? InstrumentCode { get; set; }
    public int? GradeCode { get; set; }
    public string? GradeName { get; set; }
    public decimal? DailyRate { get; set; }
    public decimal Amount { get; set; }
    public string? ExcludedReason { get; set; }
}

/// <summary>Daily rate (元/床日) by care grade of an instrument; missing rows fall back to <see cref="ClaimRules.DefaultRate"/>.</summary>
public sealed class DailyRate
{
    public long Id { get; set; }
    public required string InstrumentCode { get; set; }
    public int GradeCode { get; set; }
    public decimal Rate { get; set; }
}

/// <summary>A signed GB/T 42195 or 长护险 2021 assessment as billing reads it.</summary>
public sealed record SignedAssessment(long Id, long ElderId, string InstrumentCode, DateOnly AssessedOn, DateOnly? NextDue, int? LevelCode, string? LevelName);

public static class ClaimRules
{
    public const string Ltc2021 = "ltc-2021";
    public const string Gbt42195 = "gbt42195-2022";
    public static readonly string[] Instruments = [Ltc2021, Gbt42195];

    /// <summary>长护险 classes: a period of these needs a valid 失能等级评估 at its start (docs/domain/claims.md#ltc-period-needs-a-valid-assessment).</summary>
    public static bool NeedsAssessment(PayerClass c) => c is PayerClass.LtcInstitution or PayerClass.LtcHome;

    /// <summary>
    /// The assessment a claim line or a new 长护险 period rests on: the elder's latest signed <see cref="Instruments"/>
    /// assessment assessed on or before <paramref name="day"/> (null when none). Whether it is still valid that day is
    /// <see cref="ExpiredOn"/>.
    /// </summary>
    public static SignedAssessment? LatestOn(IEnumerable<SignedAssessment> signed, long elderId, DateOnly day) =>
        signed.Where(x => x.ElderId == elderId && x.AssessedOn <= day).OrderByDescending(x => x.AssessedOn).ThenByDescending(x => x.Id).FirstOrDefault();

    /// <summary>Expired on <paramref name="day"/>: the care-plan rule (<see cref="CareLevelRules.ValidOn"/>; valid on the due date itself).</summary>
    public static bool ExpiredOn(SignedAssessment a, DateOnly day) => !CareLevelRules.ValidOn(a.NextDue, day);

    /// <summary>
    /// Documented default daily rates (元/床日), a local-policy placeholder to be set per city: ltc-2021 grades 1–5
    /// (轻度/中度/重度一级/二级/三级) 20/40/60/80/100; GB/T 42195 levels 1–4 (轻度/中度/重度/完全失能) 20/40/70/100.
    /// Grade 0 (基本正常/能力完好) is not payable (null).
    /// </summary>
    public static decimal? DefaultRate(string instrument, int grade) => (instrument, grade) switch
    {
        (Ltc2021, 1) => 20m,
        (Ltc2021, 2) => 40m,
        (Ltc2021, 3) => 60m,
        (Ltc2021, 4) => 80m,
        (Ltc2021, 5) => 100m,
        (Gbt42195, 1) => 20m,
        (Gbt42195, 2) => 40m,
        (Gbt42195, 3) => 70m,
        (Gbt42195, 4) => 100m,
        _ => null,
    };

    public static string StatusName(ClaimStatus s) => s == ClaimStatus.Draft ? "草稿" : "已提交";

    public static string StatusCode(ClaimStatus s) => s == ClaimStatus.Draft ? "draft" : "submitted";

    public static bool TryParseMonth(string? month, out int year, out int m)
    {
        year = m = 0;
        return month is { Length: 7 } && month[4] == '-' && int.TryParse(month[..4], out year) && int.TryParse(month[5..], out m)
               && year is >= 2000 and <= 2100 && m is >= 1 and <= 12;
    }
}

internal sealed class ClaimConfiguration : IEntityTypeConfiguration<Claim>
{
    public void Configure(EntityTypeBuilder<Claim> b)
    {
        b.ToTable("claims_claim", t =>
        {
            t.HasCheckConstraint("ck_claims_claim_status", "status IN (1, 2)");
            t.HasCheckConstraint("ck_claims_claim_class", "payer_class IN (1, 2, 3, 4, 5, 6)");
        });
        b.Property(x => x.Month).HasMaxLength(7);
        b.Property(x => x.Amount).HasPrecision(12, 2);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.OrganizationId, x.PayerClass, x.Month }).IsUnique().HasDatabaseName("ux_claims_claim_org_payer_month");
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.ClaimId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClaimLineConfiguration : IEntityTypeConfiguration<ClaimLine>
{
    public void Configure(EntityTypeBuilder<ClaimLine> b)
    {
        b.ToTable("claims_claim_line", t =>
            t.HasCheckConstraint("ck_claims_claim_line_excluded",
                "(excluded_reason IS NULL AND assessment_id IS NOT NULL AND daily_rate IS NOT NULL AND bed_days > 0) OR excluded_reason IS NOT NULL"));
        b.Property(x => x.InstrumentCode).HasMaxLength(32);
        b.Property(x => x.GradeName).HasMaxLength(50);
        b.Property(x => x.DailyRate).HasPrecision(12, 2);
        b.Property(x => x.Amount).HasPrecision(12, 2);
        b.Property(x => x.ExcludedReason).HasMaxLength(200);
        b.HasIndex(x => new { x.ClaimId, x.ElderId }).IsUnique();
        b.HasIndex(x => x.ElderId);
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DailyRateConfiguration : IEntityTypeConfiguration<DailyRate>
{
    public void Configure(EntityTypeBuilder<DailyRate> b)
    {
        b.ToTable("claims_daily_rate", t => t.HasCheckConstraint("ck_claims_daily_rate_rate", "rate >= 0"));
        b.Property(x => x.InstrumentCode).HasMaxLength(32);
        b.Property(x => x.Rate).HasPrecision(12, 2);
        b.HasIndex(x => new { x.InstrumentCode, x.GradeCode }).IsUnique();
    }
}
