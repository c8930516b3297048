using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Institutions;

/// <summary>Licensed kind of a bed: 养老 / 护理型 / 医疗 / 安宁疗护.</summary>
public enum BedKind
{
    ElderCare = 1,
    Nursing = 2,
    Medical = 3,
    Hospice = 4,
}

/// <summary>How a stay ended: 出院 / 离院 / 死亡.</summary>
public enum DischargeReason
{
    Discharged = 1,
    Left = 2,
    Died = 3,
}

public static class BedRules
{
    public static BedKind? ParseKind(string? code) => code?.Trim() switch
    {
        "elder-care" or "养老" => BedKind.ElderCare,
        "nursing" or "护理型" => BedKind.Nursing,
        "medical" or "医疗" => BedKind.Medical,
        "hospice" or "安宁疗护" => BedKind.Hospice,
        _ => null,
    };

    public static string KindCode(BedKind k) => k switch
    {
        BedKind.ElderCare => "elder-care",
        BedKind.Nursing => "nursing",
        BedKind.Medical => "medical",
        _ => "hospice",
    };

    public static string KindName(BedKind k) => k switch
    {
        BedKind.ElderCare => "养老",
        BedKind.Nursing => "护理型",
        BedKind.Medical => "医疗",
        _ => "安宁疗护",
    };

    public static DischargeReason? ParseReason(string? code) => code?.Trim() switch
    {
        "discharged" or "出院" => DischargeReason.Discharged,
        "left" or "离院" => DischargeReason.Left,
        "died" or "死亡" => DischargeReason.Died,
        _ => null,
    };

    public static string ReasonCode(DischargeReason r) => r switch
    {
        DischargeReason.Discharged => "discharged",
        DischargeReason.Left => "left",
        _ => "died",
    };

    public static string ReasonName(DischargeReason r) => r switch
    {
        DischargeReason.Discharged => "出院",
        DischargeReason.Left => "离院",
        _ => "死亡",
    };
}

/// <summary>A bed of an institution (ward and room kept as text on the bed), with its licensed kind and the institution's region.</summary>
public sealed class InstitutionBed
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public required string Ward { get; set; }
    public required string Room { get; set; }
    public required string Number { get; set; }
    public BedKind Kind { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A resident's stay (入住) in a bed: open while <see cref="DischargedOn"/> is null. The database holds at most one open
/// stay per bed and per elder (partial unique indexes). Carries the elder's region.
/// </summary>
public sealed class InstitutionStay
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public long ElderId { get; set; }
    public long BedId { get; set; }
    public DateOnly AdmittedOn { get; set; }
    public string? CareLevel { get; set; }
    public DateOnly? DischargedOn { get; set; }
    public DischargeReason? DischargeReason { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class InstitutionBedConfiguration : IEntityTypeConfiguration<InstitutionBed>
{
    public void Configure(EntityTypeBuilder<InstitutionBed> b)
    {
        b.ToTable("institutions_bed", t =>
        {
            t.HasCheckConstraint("ck_institutions_bed_kind", "kind IN (1, 2, 3, 4)");
            t.HasCheckConstraint("ck_institutions_bed_region", "county_code = substr(township_code, 1, 6)");
        });
        b.Property(x => x.Ward).HasMaxLength(50);
        b.Property(x => x.Room).HasMaxLength(50);
        b.Property(x => x.Number).HasMaxLength(20);
        b.Property(x => x.TownshipCode).HasMaxLength(12);
        b.Property(x => x.CountyCode).HasMaxLength(6);
        b.HasIndex(x => new { x.OrganizationId, x.Ward, x.Room, x.Number }).IsUnique().HasDatabaseName("ux_institutions_bed_place");
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InstitutionStayConfiguration : IEntityTypeConfiguration<InstitutionStay>
{
    public void Configure(EntityTypeBuilder<InstitutionStay> b)
    {
        b.ToTable("institutions_stay", t =>
        {
            t.HasCheckConstraint("ck_institutions_stay_discharge",
                "(discharged_on IS NULL AND discharge_reason IS NULL) OR (discharged_on IS NOT NULL AND discharge_reason IN (1, 2, 3) AND discharged_on >= admitted_on)");
            t.HasCheckConstraint("ck_institutions_stay_region", "county_code = substr(township_code, 1, 6)");
        });
        b.Property(x => x.CareLevel).HasMaxLength(20);
        b.Property(x => x.TownshipCode).HasMaxLength(12);
        b.Property(x => x.CountyCode).HasMaxLength(6);
        b.Property(x => x.CreatedByUser).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        // a bed holds one resident at a time; an elder is resident in at most one institution at a time
        b.HasIndex(x => x.BedId).IsUnique().HasFilter("discharged_on IS NULL").HasDatabaseName("ux_institutions_stay_open_bed");
        b.HasIndex(x => x.ElderId).IsUnique().HasFilter("discharged_on IS NULL").HasDatabaseName("ux_institutions_stay_open_elder");
        b.HasIndex(x => new { x.OrganizationId, x.DischargedOn });
        b.HasIndex(x => new { x.ElderId, x.AdmittedOn });
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InstitutionBed>().WithMany().HasForeignKey(x => x.BedId).OnDelete(DeleteBehavior.Restrict);
    }
}
