using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yiyang.Modules.Organizations;

/// <summary>医疗卫生机构, 养老机构 or 医养结合机构 (holding both licences).</summary>
public enum OrganizationKind
{
    Medical = 1,
    ElderlyCare = 2,
    Integrated = 3,
}

public sealed class Organization
{
    /// <summary>docs/domain/institutions.md#medical-room-at-100-beds: a care home with this many beds or more must have its own 医务室/卫生所.</summary>
    public const int MedicalRoomBedThreshold = 100;

    public long Id { get; set; }
    public required string Name { get; set; }
    public OrganizationKind Kind { get; set; }
    /// <summary>医院 / 社区卫生服务中心 / 乡镇卫生院 / 村卫生室 / 护理院 / 康复医院 / 安宁疗护中心 / 中医院 / 门诊部…</summary>
    public string? MedicalType { get; set; }
    /// <summary>护理型 / 助养型 / 综合型 / 日间照料…</summary>
    public string? CareType { get; set; }
    /// <summary>一级 / 二级 / 三级 / 未定级.</summary>
    public string? Level { get; set; }
    public required string CreditCode { get; set; }
    /// <summary>医疗机构执业许可证登记号.</summary>
    public string? MedicalLicenceNo { get; set; }
    /// <summary>养老机构设立许可 / 备案号.</summary>
    public string? CareLicenceNo { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public bool InsuranceDesignated { get; set; }
    public bool HasGeriatricsDept { get; set; }
    public bool HasTcmHall { get; set; }
    public bool HasMedicalRoom { get; set; }
    public int ElderCareBeds { get; set; }
    public int NursingBeds { get; set; }
    public int MedicalBeds { get; set; }
    public int HospiceBeds { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public int TotalBeds => ElderCareBeds + NursingBeds + MedicalBeds + HospiceBeds;

    /// <summary>A care home with ≥ 100 beds and no medical room of its own breaks the 医务室 rule (docs/domain/institutions.md#medical-room-at-100-beds).</summary>
    public bool LacksRequiredMedicalRoom =>
        Kind == OrganizationKind.ElderlyCare && TotalBeds >= MedicalRoomBedThreshold && !HasMedicalRoom;

    public static string KindName(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Medical => "医疗卫生机构",
        OrganizationKind.ElderlyCare => "养老机构",
        OrganizationKind.Integrated => "医养结合机构",
        _ => kind.ToString(),
    };
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.ToTable("org_organization", t =>
        {
            t.HasCheckConstraint("ck_org_organization_beds",
                "elder_care_beds >= 0 AND nursing_beds >= 0 AND medical_beds >= 0 AND hospice_beds >= 0");
            t.HasCheckConstraint("ck_org_organization_kind", "kind IN (1, 2, 3)");
        });
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.MedicalType).HasMaxLength(32);
        b.Property(x => x.CareType).HasMaxLength(32);
        b.Property(x => x.Level).HasMaxLength(16);
        b.Property(x => x.CreditCode).HasMaxLength(18);
        b.Property(x => x.MedicalLicenceNo).HasMaxLength(64);
        b.Property(x => x.CareLicenceNo).HasMaxLength(64);
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.TotalBeds);
        b.Ignore(x => x.LacksRequiredMedicalRoom);
        b.HasIndex(x => x.CreditCode).IsUnique();
        b.HasIndex(x => x.TownshipCode);
        b.HasIndex(x => x.Name);
    }
}
