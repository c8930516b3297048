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

/// <summary>Rules of admission (入住): care level against the care-level list, the admission contract.</summary>
public static class AdmissionRules
{
    /// <summary>A contract is all or nothing: number, start and end, the end not before the start (database check too).</summary>
    public const string ContractCheck =
        "(contract_number IS NULL AND contract_start_on IS NULL AND contract_end_on IS NULL) OR " +
        "(contract_number IS NOT NULL AND contract_start_on IS NOT NULL AND contract_end_on IS NOT NULL AND contract_end_on >= contract_start_on)";

    /// <summary>
    /// The care level named by <paramref name="input"/>: its full name (二级照护（中度）) or the short form before 照护 (二级);
    /// null when none matches.
    /// </summary>
    public static string? MatchCareLevel(IEnumerable<string> levelNames, string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        foreach (var name in levelNames)
        {
            if (name == text) return name;
            var cut = name.IndexOf("照护", StringComparison.Ordinal);
            if (cut > 0 && name[..cut] == text) return name;
        }
        return null;
    }

    /// <summary>Checks the contract fields of an admission (keys as in the API body).</summary>
    public static Platform.Errors.FieldErrors ValidateContract(string? number, DateOnly? startOn, DateOnly? endOn, DateOnly admittedOn)
    {
        var errors = new Platform.Errors.FieldErrors();
        if (number is null && startOn is null && endOn is null) return errors;
        if (number is null) errors.Add("contractNumber", "请填写合同编号。");
        else if (number.Length > 32) errors.Add("contractNumber", "合同编号最多 32 个字符。");
        if (startOn is null) errors.Add("contractStartOn", "请填写合同开始日期。");
        else if (startOn > admittedOn) errors.Add("contractStartOn", "合同开始日期不能晚于入住日期。");
        if (endOn is null) errors.Add("contractEndOn", "请填写合同结束日期。");
        else if (startOn is not null && endOn < startOn) errors.Add("contractEndOn", "合同结束日期不能早于开始日期。");
        else if (endOn < admittedOn) errors.Add("contractEndOn", "合同结束日期不能早于入住日期。");
        return errors;
    }
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

    /// <summary>Actual use after an approved bed conversion (床位转换); null = used as licensed.</summary>
    public BedKind? UseKind { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A resident's stay (入住) in a bed: open while <see cref="DischargedOn"/> is null. The database holds at most one open
/// stay per bed and per elder (partial unique indexes). Carries the elder's region.
/// </summary>
public sealed class InstitutionStay : Elders.IElderOwned
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public long ElderId { get; set; }
    public long BedId { get; set; }
    public DateOnly AdmittedOn { get; set; }
    public string? CareLevel { get; set; }
    public string? ContractNumber { get; set; }
    public DateOnly? ContractStartOn { get; set; }
    public DateOnly? ContractEndOn { get; set; }
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
            t.HasCheckConstraint("ck_institutions_bed_use_kind", "use_kind IS NULL OR use_kind IN (1, 3)");
            t.HasCheckConstraint("ck_institutions_bed_region", "county_code = substr(township_code, 1, 6)");
        });
        b.Property(x => x.Ward).HasMaxLength(50);
        b.Property(x => x.Room).HasMaxLength(50);
        b.Property(x => x.Number).HasMaxLength(20);
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
            t.HasCheckConstraint("ck_institutions_stay_contract", AdmissionRules.ContractCheck);
        });
        b.Property(x => x.CareLevel).HasMaxLength(20);
        b.Property(x => x.ContractNumber).HasMaxLength(32);
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
