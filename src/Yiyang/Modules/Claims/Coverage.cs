using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Claims;

/// <summary>Who pays for an elder's care over a period (待遇期 / 支付方类别).</summary>
public enum PayerClass
{
    LtcInstitution = 1,   // 长护险机构
    LtcHome = 2,          // 长护险居家
    MedicalInpatient = 3, // 医保住院
    Sickbed = 4,          // 家庭病床
    CareSelfPay = 5,      // 养老机构自费
    CivilSubsidy = 6,     // 民政补贴
}

/// <summary>
/// The exclusion matrix of payer classes, expressed as exclusion groups: two classes may not overlap for one elder
/// exactly when they share a group. Every class shares a group with itself (no two periods of one class overlap).
/// <code>
///                 LI  LH  MI  SB  CS  CV      groups
///  LI 长护险机构    ×   ×   ×   ×   ·   ·      {1}
///  LH 长护险居家    ×   ×   ×   ×   ×   ·      {1, 2}
///  MI 医保住院      ×   ×   ×   ×   ·   ·      {1}
///  SB 家庭病床      ×   ×   ×   ×   ·   ·      {1}
///  CS 养老机构自费  ·   ×   ·   ·   ×   ·      {2}
///  CV 民政补贴      ·   ·   ·   ·   ·   ×      {3}
/// </code>
/// Group 1 (医保/长护险 care funding): one of institutional LTC, home LTC, in-patient insurance, family sickbed at a time
/// (长护险待遇期间不同时享受住院医疗和家庭病床待遇; 机构与居家长护险不可同时享受). Group 2 (居住地): a care-home self-pay
/// stay and home LTC exclude each other (the elder is either in the home or at home). Self-pay board and lodging combine
/// with institutional LTC (LTC pays the care part), with an in-patient stay (bed kept) and with a sickbed set up in the
/// care home. Civil-affairs subsidies (group 3) combine with everything. The database stores one slot row per (period,
/// group) and excludes overlapping slots of one elder in one group.
/// </summary>
public static class CoverageRules
{
    public static readonly IReadOnlyList<PayerClass> All = Enum.GetValues<PayerClass>();

    public static IReadOnlyList<int> Groups(PayerClass c) => c switch
    {
        PayerClass.LtcInstitution => [1],
        PayerClass.LtcHome => [1, 2],
        PayerClass.MedicalInpatient => [1],
        PayerClass.Sickbed => [1],
        PayerClass.CareSelfPay => [2],
        _ => [3],
    };

    public static bool Conflicts(PayerClass a, PayerClass b) => Groups(a).Intersect(Groups(b)).Any();

    /// <summary>Inclusive date ranges; a null end is open.</summary>
    public static bool Overlaps(DateOnly aStart, DateOnly? aEnd, DateOnly bStart, DateOnly? bEnd) =>
        aStart <= (bEnd ?? DateOnly.MaxValue) && bStart <= (aEnd ?? DateOnly.MaxValue);

    public static PayerClass? Parse(string? code) => code?.Trim() switch
    {
        "ltc-institution" or "长护险机构" => PayerClass.LtcInstitution,
        "ltc-home" or "长护险居家" => PayerClass.LtcHome,
        "medical-inpatient" or "医保住院" => PayerClass.MedicalInpatient,
        "sickbed" or "家庭病床" => PayerClass.Sickbed,
        "care-self-pay" or "养老机构自费" => PayerClass.CareSelfPay,
        "civil-subsidy" or "民政补贴" => PayerClass.CivilSubsidy,
        _ => null,
    };

    public static string Code(PayerClass c) => c switch
    {
        PayerClass.LtcInstitution => "ltc-institution",
        PayerClass.LtcHome => "ltc-home",
        PayerClass.MedicalInpatient => "medical-inpatient",
        PayerClass.Sickbed => "sickbed",
        PayerClass.CareSelfPay => "care-self-pay",
        _ => "civil-subsidy",
    };

    public static string Name(PayerClass c) => c switch
    {
        PayerClass.LtcInstitution => "长护险（机构）",
        PayerClass.LtcHome => "长护险（居家）",
        PayerClass.MedicalInpatient => "医保住院",
        PayerClass.Sickbed => "家庭病床",
        PayerClass.CareSelfPay => "养老机构自费",
        _ => "民政补贴",
    };

    public static string Range(DateOnly start, DateOnly? end) => $"{start:yyyy-MM-dd} 至 {(end is { } e ? e.ToString("yyyy-MM-dd") : "长期")}";

    /// <summary>The refusal, naming the class and dates it overlaps (no personal data).</summary>
    public static string OverlapMessage(PayerClass wanted, PayerClass existing, DateOnly start, DateOnly? end) =>
        $"与已有的{Name(existing)}待遇期（{Range(start, end)}）重叠：{Name(wanted)}与{Name(existing)}不能同时享受。";
}

/// <summary>A coverage period (待遇期) of an elder with one payer class; dates inclusive, a null end is open.</summary>
public sealed class CoveragePeriod
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public long OrganizationId { get; set; }
    public PayerClass PayerClass { get; set; }
    public DateOnly StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    public string? Note { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }
    public List<CoverageSlot> Slots { get; set; } = [];
}

/// <summary>One exclusion group a period occupies (see <see cref="CoverageRules"/>): overlapping slots of one elder in one group are refused by the database.</summary>
public sealed class CoverageSlot
{
    public long Id { get; set; }
    public long PeriodId { get; set; }
    public long ElderId { get; set; }
    public int ExclusionGroup { get; set; }
    public DateOnly StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
}

internal sealed class CoveragePeriodConfiguration : IEntityTypeConfiguration<CoveragePeriod>
{
    public void Configure(EntityTypeBuilder<CoveragePeriod> b)
    {
        b.ToTable("claims_coverage_period", t =>
        {
            t.HasCheckConstraint("ck_claims_coverage_period_class", "payer_class IN (1, 2, 3, 4, 5, 6)");
            t.HasCheckConstraint("ck_claims_coverage_period_dates", "end_on IS NULL OR end_on >= start_on");
        });
        b.Property(x => x.Note).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ElderId, x.StartOn });
        b.HasMany(x => x.Slots).WithOne().HasForeignKey(x => x.PeriodId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CoverageSlotConfiguration : IEntityTypeConfiguration<CoverageSlot>
{
    public void Configure(EntityTypeBuilder<CoverageSlot> b)
    {
        // PostgreSQL: EXCLUDE USING gist (elder_id WITH =, exclusion_group WITH =, daterange(start_on, end_on, '[]') WITH &&);
        // SQLite: BEFORE INSERT/UPDATE triggers (both in the migration scripts only: EF has no model for them)
        b.ToTable("claims_coverage_slot", t =>
        {
            t.HasCheckConstraint("ck_claims_coverage_slot_group", "exclusion_group IN (1, 2, 3)");
            t.HasCheckConstraint("ck_claims_coverage_slot_dates", "end_on IS NULL OR end_on >= start_on");
        });
        b.HasIndex(x => new { x.ElderId, x.ExclusionGroup });
        b.HasIndex(x => new { x.PeriodId, x.ExclusionGroup }).IsUnique();
    }
}
