using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.HealthManagement;

public enum RecordStatus
{
    Draft = 1,  // 草稿: editable with version / If-Match
    Signed = 2, // 已签署: immutable
}

/// <summary>
/// 老年人健康管理 yearly record (基本公卫 第三版): lifestyle, self-care (phs-selfcare), screening, physical exam,
/// auxiliary tests, guidance and referral, stored as JSON by section; the figures the indicators and lists need are
/// columns. One record per elder and year (unique). Carries the region the elder lives in now: the database keeps
/// it equal to the elder's (a move updates the records; a record with another region is refused).
/// </summary>
public sealed class HealthCheck : IYearlyRecord
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public int Year { get; set; }
    public DateOnly CheckedOn { get; set; }
    /// <summary>JSON object: section → field → value (normalized by <see cref="HealthCheckForm"/>).</summary>
    public required string ContentJson { get; set; }
    public int? SelfCareTotal { get; set; }
    public int? SelfCareBand { get; set; }
    public decimal? Bmi { get; set; }
    public int? Systolic { get; set; }
    public int? Diastolic { get; set; }
    public bool Abnormal { get; set; }
    /// <summary>Counts for 老年人健康管理率 (all completeness rules hold).</summary>
    public bool Complete { get; set; }
    public RecordStatus Status { get; set; }
    public long? OrganizationId { get; set; }
    public required string CreatedBy { get; set; }
    public string? SignedBy { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>老年人中医药健康管理服务记录: the 33 answers, the scorer's result, the guidance areas given. One per elder and year.</summary>
public sealed class TcmRecord : IYearlyRecord
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public int Year { get; set; }
    public DateOnly AssessedOn { get; set; }
    public required string AnswersJson { get; set; }
    public required string ResultJson { get; set; }
    /// <summary>Identified constitutions with verdicts, e.g. 气虚质（是）、阳虚质（倾向是）; empty when none.</summary>
    public required string Identified { get; set; }
    /// <summary>JSON array of the guidance area codes given (emotion, diet, daily-life, exercise, acupoint).</summary>
    public required string GuidanceJson { get; set; }
    public bool Complete { get; set; }
    public RecordStatus Status { get; set; }
    public long? OrganizationId { get; set; }
    public required string CreatedBy { get; set; }
    public string? SignedBy { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>高血压 / 2 型糖尿病 患者随访 (基本公卫 慢性病患者健康管理): at least 4 a year.</summary>
public sealed class ChronicFollowup
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    /// <summary>hypertension / diabetes.</summary>
    public required string Disease { get; set; }
    public DateOnly FollowedOn { get; set; }
    /// <summary>clinic 门诊 / home 家庭 / phone 电话.</summary>
    public required string Way { get; set; }
    /// <summary>JSON array of symptom codes.</summary>
    public required string SymptomsJson { get; set; }
    public int? Systolic { get; set; }
    public int? Diastolic { get; set; }
    public decimal? FastingGlucose { get; set; }
    /// <summary>regular 规律 / intermittent 间断 / none 不服药.</summary>
    public required string Adherence { get; set; }
    /// <summary>satisfied 控制满意 / unsatisfied 控制不满意 / adverse 不良反应 / complication 并发症.</summary>
    public required string Classification { get; set; }
    public DateOnly? NextOn { get; set; }
    public string? Notes { get; set; }
    public long? OrganizationId { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A flu or pneumococcal vaccination, as a dated record.</summary>
public sealed class Vaccination
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    /// <summary>flu / ppsv23 / pcv13.</summary>
    public required string Vaccine { get; set; }
    public DateOnly VaccinatedOn { get; set; }
    public string? Notes { get; set; }
    public long? OrganizationId { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The module's tables (registered by <c>YiyangDb</c> with one line).</summary>
public static class HealthManagementModel
{
    public static void Configure(ModelBuilder b)
    {
        b.ApplyConfiguration(new HealthCheckConfiguration());
        b.ApplyConfiguration(new TcmRecordConfiguration());
        b.ApplyConfiguration(new ChronicFollowupConfiguration());
        b.ApplyConfiguration(new VaccinationConfiguration());
        b.ApplyConfiguration(new IndicatorCountConfiguration());
        b.ApplyConfiguration(new IndicatorRefreshConfiguration());
    }
}

internal sealed class HealthCheckConfiguration : IEntityTypeConfiguration<HealthCheck>
{
    public void Configure(EntityTypeBuilder<HealthCheck> b)
    {
        b.ToTable("healthmgmt_check", t =>
        {
            t.HasCheckConstraint("ck_healthmgmt_check_status", "status IN (1, 2)");
            t.HasCheckConstraint("ck_healthmgmt_check_region", "county_code = substr(township_code, 1, 6)");
            t.HasCheckConstraint("ck_healthmgmt_check_signed", "status = 1 OR (signed_at IS NOT NULL AND signed_by IS NOT NULL)");
            t.HasCheckConstraint("ck_healthmgmt_check_self_care", "self_care_total IS NULL OR (self_care_total >= 0 AND self_care_total <= 37)");
            t.HasCheckConstraint("ck_healthmgmt_check_bp", "systolic IS NULL OR diastolic IS NULL OR diastolic < systolic");
        });
        b.Property(x => x.Bmi).HasPrecision(4, 1);
        b.Property(x => x.SignedBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        // one yearly record per elder
        b.HasIndex(x => new { x.ElderId, x.Year }).IsUnique().HasDatabaseName("ux_healthmgmt_check_elder_year");
        // the indicator drill-through: the year's newest records first, read in index order — of the city, of a district,
        // of a township. The record's region is its elder's current one, kept by the database
        // (fk_healthmgmt_check_elder_region, ON UPDATE CASCADE; triggers on SQLite — migration 20261206070000, ADR 0008).
        b.HasIndex(x => new { x.Year, x.CheckedOn, x.Id }).IsDescending(false, true, false).HasDatabaseName("ix_healthmgmt_check_year_newest");
        b.HasIndex(x => new { x.CountyCode, x.Year, x.CheckedOn, x.Id }).IsDescending(false, false, true, false)
            .HasDatabaseName("ix_healthmgmt_check_county_year_newest");
        b.HasIndex(x => new { x.TownshipCode, x.Year, x.CheckedOn, x.Id }).IsDescending(false, false, true, false)
            .HasDatabaseName("ix_healthmgmt_check_township_year_newest");
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TcmRecordConfiguration : IEntityTypeConfiguration<TcmRecord>
{
    public void Configure(EntityTypeBuilder<TcmRecord> b)
    {
        b.ToTable("healthmgmt_tcm", t =>
        {
            t.HasCheckConstraint("ck_healthmgmt_tcm_status", "status IN (1, 2)");
            t.HasCheckConstraint("ck_healthmgmt_tcm_region", "county_code = substr(township_code, 1, 6)");
            t.HasCheckConstraint("ck_healthmgmt_tcm_signed", "status = 1 OR (signed_at IS NOT NULL AND signed_by IS NOT NULL)");
        });
        b.Property(x => x.Identified).HasMaxLength(200);
        b.Property(x => x.GuidanceJson).HasMaxLength(200);
        b.Property(x => x.SignedBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ElderId, x.Year }).IsUnique().HasDatabaseName("ux_healthmgmt_tcm_elder_year");
        // drill-through indexes as for the health checks; the region follows the elder (fk_healthmgmt_tcm_elder_region)
        b.HasIndex(x => new { x.Year, x.AssessedOn, x.Id }).IsDescending(false, true, false).HasDatabaseName("ix_healthmgmt_tcm_year_newest");
        b.HasIndex(x => new { x.CountyCode, x.Year, x.AssessedOn, x.Id }).IsDescending(false, false, true, false)
            .HasDatabaseName("ix_healthmgmt_tcm_county_year_newest");
        b.HasIndex(x => new { x.TownshipCode, x.Year, x.AssessedOn, x.Id }).IsDescending(false, false, true, false)
            .HasDatabaseName("ix_healthmgmt_tcm_township_year_newest");
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChronicFollowupConfiguration : IEntityTypeConfiguration<ChronicFollowup>
{
    public void Configure(EntityTypeBuilder<ChronicFollowup> b)
    {
        b.ToTable("healthmgmt_followup", t =>
        {
            t.HasCheckConstraint("ck_healthmgmt_followup_disease", "disease IN ('hypertension', 'diabetes')");
            t.HasCheckConstraint("ck_healthmgmt_followup_way", "way IN ('clinic', 'home', 'phone')");
            t.HasCheckConstraint("ck_healthmgmt_followup_adherence", "adherence IN ('regular', 'intermittent', 'none')");
            t.HasCheckConstraint("ck_healthmgmt_followup_class", "classification IN ('satisfied', 'unsatisfied', 'adverse', 'complication')");
            t.HasCheckConstraint("ck_healthmgmt_followup_region", "county_code = substr(township_code, 1, 6)");
            t.HasCheckConstraint("ck_healthmgmt_followup_next", "next_on IS NULL OR next_on > followed_on");
        });
        b.Property(x => x.Disease).HasMaxLength(16);
        b.Property(x => x.Way).HasMaxLength(8);
        b.Property(x => x.SymptomsJson).HasMaxLength(300);
        b.Property(x => x.FastingGlucose).HasPrecision(4, 1);
        b.Property(x => x.Adherence).HasMaxLength(16);
        b.Property(x => x.Classification).HasMaxLength(16);
        b.Property(x => x.Notes).HasMaxLength(200);
        // one follow-up per disease and day
        b.HasIndex(x => new { x.ElderId, x.Disease, x.FollowedOn }).IsUnique().HasDatabaseName("ux_healthmgmt_followup_elder_disease_day");
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VaccinationConfiguration : IEntityTypeConfiguration<Vaccination>
{
    public void Configure(EntityTypeBuilder<Vaccination> b)
    {
        b.ToTable("healthmgmt_vaccination", t =>
        {
            t.HasCheckConstraint("ck_healthmgmt_vaccination_vaccine", "vaccine IN ('flu', 'ppsv23', 'pcv13')");
            t.HasCheckConstraint("ck_healthmgmt_vaccination_region", "county_code = substr(township_code, 1, 6)");
        });
        b.Property(x => x.Vaccine).HasMaxLength(8);
        b.Property(x => x.Notes).HasMaxLength(200);
        b.HasIndex(x => new { x.ElderId, x.Vaccine, x.VaccinatedOn }).IsUnique().HasDatabaseName("ux_healthmgmt_vaccination_elder_vaccine_day");
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
    }
}
