using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.HealthManagement.Prescriptions;

public enum PrescriptionStatus
{
    Active = 1,  // 有效
    Stopped = 2, // 已停用 (with reason)
    Expired = 3, // 已过期 (set when a newer prescription for the disease is written; otherwise derived from valid_until)
}

/// <summary>
/// 长期处方 (《长期处方管理规范（试行）》国卫办医发〔2021〕17号): a prescription for a stable chronic disease, valid up to
/// 12 weeks, dispensed several times. At most one active prescription per elder and disease (partial unique index).
/// </summary>
public sealed class LongTermPrescription
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    /// <summary>The eligible-disease key of the options (hypertension, diabetes, …) the diagnosis belongs to.</summary>
    public required string Disease { get; set; }
    /// <summary>ICD-10 code, e.g. I10, E11.9.</summary>
    public required string DiagnosisCode { get; set; }
    public required string DiagnosisName { get; set; }
    /// <summary>病情稳定 confirmed by the doctor (always true: check constraint).</summary>
    public bool ConditionStable { get; set; }
    public DateOnly StartOn { get; set; }
    public int ValidityDays { get; set; }
    /// <summary>Last day of validity (inclusive) = start + validity − 1.</summary>
    public DateOnly ValidUntil { get; set; }
    /// <summary>Days of supply per dispensing: the smallest of the items' (when the first drug runs out).</summary>
    public int SupplyDays { get; set; }
    /// <summary>The largest of the items' days per dispensing; above the default limit needs the assessment and the confirmation.</summary>
    public int MaxSupplyDays { get; set; }
    /// <summary>Doctor's assessment for a supply above 4 weeks (规范: 严格评估 and 健康教育).</summary>
    public string? ExtendedAssessment { get; set; }
    /// <summary>The patient signed / confirmed the longer supply.</summary>
    public bool PatientConfirmed { get; set; }
    public PrescriptionStatus Status { get; set; }
    public string? StopReason { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    public string? StoppedBy { get; set; }
    public long? OrganizationId { get; set; }
    public required string PrescribedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }
    public List<LongTermPrescriptionItem> Items { get; set; } = [];
    public List<PrescriptionDispensing> Dispensings { get; set; } = [];
}

public sealed class LongTermPrescriptionItem
{
    public long Id { get; set; }
    public long PrescriptionId { get; set; }
    public int Seq { get; set; }
    public required string DrugName { get; set; }
    public required string Spec { get; set; }
    public required string Dose { get; set; }
    public required string Frequency { get; set; }
    public required string Route { get; set; }
    /// <summary>Drug category code (<see cref="PrescriptionRules.Categories"/>); only general drugs, and antimicrobials for chronic infections.</summary>
    public required string Category { get; set; }
    public decimal Quantity { get; set; }
    public required string Unit { get; set; }
    public int DaysPerDispensing { get; set; }
}

/// <summary>调配/取药: one dispensing of a prescription, with the days of supply given.</summary>
public sealed class PrescriptionDispensing
{
    public long Id { get; set; }
    public long PrescriptionId { get; set; }
    public DateOnly DispensedOn { get; set; }
    public int SupplyDays { get; set; }
    public required string DispensedBy { get; set; }
    public long? OrganizationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class LongTermPrescriptionConfiguration : IEntityTypeConfiguration<LongTermPrescription>
{
    public void Configure(EntityTypeBuilder<LongTermPrescription> b)
    {
        b.ToTable("healthmgmt_ltp", t =>
        {
            t.HasCheckConstraint("ck_healthmgmt_ltp_status", "status IN (1, 2, 3)");
            t.HasCheckConstraint("ck_healthmgmt_ltp_region", "county_code = substr(township_code, 1, 6)");
            t.HasCheckConstraint("ck_healthmgmt_ltp_stable", "condition_stable = TRUE");
            t.HasCheckConstraint("ck_healthmgmt_ltp_validity", "validity_days BETWEEN 1 AND 84");
            t.HasCheckConstraint("ck_healthmgmt_ltp_supply", "supply_days >= 1 AND supply_days <= max_supply_days AND max_supply_days <= validity_days");
            t.HasCheckConstraint("ck_healthmgmt_ltp_extended", "max_supply_days <= 28 OR (extended_assessment IS NOT NULL AND patient_confirmed = TRUE)");
            t.HasCheckConstraint("ck_healthmgmt_ltp_stopped", "status <> 2 OR (stop_reason IS NOT NULL AND stopped_at IS NOT NULL)");
        });
        b.Property(x => x.Disease).HasMaxLength(32);
        b.Property(x => x.DiagnosisCode).HasMaxLength(10);
        b.Property(x => x.DiagnosisName).HasMaxLength(50);
        b.Property(x => x.ExtendedAssessment).HasMaxLength(500);
        b.Property(x => x.StopReason).HasMaxLength(200);
        b.Property(x => x.StoppedBy).HasMaxLength(64);
        b.Property(x => x.PrescribedBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        // at most one active long-term prescription per elder and disease
        b.HasIndex(x => new { x.ElderId, x.Disease }).IsUnique().HasFilter("status = 1").HasDatabaseName("ux_healthmgmt_ltp_active_elder_disease");
        b.HasIndex(x => new { x.Status, x.ValidUntil });
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.PrescriptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Dispensings).WithOne().HasForeignKey(x => x.PrescriptionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class LongTermPrescriptionItemConfiguration : IEntityTypeConfiguration<LongTermPrescriptionItem>
{
    public void Configure(EntityTypeBuilder<LongTermPrescriptionItem> b)
    {
        b.ToTable("healthmgmt_ltp_item", t =>
        {
            t.HasCheckConstraint("ck_healthmgmt_ltp_item_category", "category IN ('general', 'antimicrobial')");
            t.HasCheckConstraint("ck_healthmgmt_ltp_item_days", "days_per_dispensing BETWEEN 1 AND 84");
            t.HasCheckConstraint("ck_healthmgmt_ltp_item_quantity", "quantity > 0");
        });
        b.Property(x => x.DrugName).HasMaxLength(50);
        b.Property(x => x.Spec).HasMaxLength(50);
        b.Property(x => x.Dose).HasMaxLength(30);
        b.Property(x => x.Frequency).HasMaxLength(30);
        b.Property(x => x.Route).HasMaxLength(20);
        b.Property(x => x.Category).HasMaxLength(24);
        b.Property(x => x.Quantity).HasPrecision(8, 2);
        b.Property(x => x.Unit).HasMaxLength(10);
        b.HasIndex(x => new { x.PrescriptionId, x.Seq }).IsUnique();
    }
}

public sealed class PrescriptionDispensingConfiguration : IEntityTypeConfiguration<PrescriptionDispensing>
{
    public void Configure(EntityTypeBuilder<PrescriptionDispensing> b)
    {
        b.ToTable("healthmgmt_ltp_dispensing", t => t.HasCheckConstraint("ck_healthmgmt_ltp_dispensing_days", "supply_days BETWEEN 1 AND 84"));
        b.Property(x => x.DispensedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.PrescriptionId, x.DispensedOn }).IsUnique();
    }
}
