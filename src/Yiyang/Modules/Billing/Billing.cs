using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Modules.HomeVisits;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Billing;

/// <summary>医疗服务价格: one priced item of a medical institution's catalog (price in yuan per unit).</summary>
public sealed class BillingPriceItem
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    /// <summary>Item code; a visit's service code matches it.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>计价单位, e.g. 次, 项.</summary>
    public required string Unit { get; set; }
    /// <summary>Yuan per unit.</summary>
    public decimal PriceYuan { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One distance band of an institution's 上门服务费: from ≤ distance &lt; to (the last band may be open: to = null).</summary>
public sealed class BillingServiceFeeBand
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public decimal FromKm { get; set; }
    public decimal? ToKm { get; set; }
    /// <summary>Yuan per visit.</summary>
    public decimal FeeYuan { get; set; }
}

/// <summary>Per-institution setting: who pays the 上门服务费 (<see cref="Payers.ServiceFeePayers"/>).</summary>
public sealed class BillingServiceFeeSetting
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public required string Payer { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

public enum ChargeKind
{
    Item = 1,       // 医疗服务项目
    ServiceFee = 2, // 上门服务费
}

/// <summary>
/// One charge line of a completed visit: the list price, who it is attributed to and what the elder pays. Exactly one
/// of <see cref="PatientAmountYuan"/> / <see cref="CoveredAmountYuan"/> equals the list price, the other is 0. An item
/// of a visit is charged at most once (unique visit + item code).
/// </summary>
public sealed class BillingCharge : Elders.IElderOwned
{
    public long Id { get; set; }
    public long VisitId { get; set; }
    public long ElderId { get; set; }
    public long OrganizationId { get; set; }
    /// <summary>Local date of the service (the visit's completion day); statements are by its month.</summary>
    public DateOnly ServiceDate { get; set; }
    public required string ItemCode { get; set; }
    public required string ItemName { get; set; }
    public ChargeKind Kind { get; set; }
    public required string Unit { get; set; }
    public decimal ListPriceYuan { get; set; }
    /// <summary>What the elder pays (个人自付), yuan.</summary>
    public decimal PatientAmountYuan { get; set; }
    /// <summary>What the payer covers, yuan.</summary>
    public decimal CoveredAmountYuan { get; set; }
    /// <summary>Payer code (<see cref="Payers"/>): elder, family-doctor, ltc.</summary>
    public required string Payer { get; set; }
    /// <summary>Chinese description of the cover (package and contract, or care plan item); null when the elder pays.</summary>
    public string? CoveredBy { get; set; }
    public long? ContractId { get; set; }
    public long? QuotaUseId { get; set; }
    public long? CarePlanId { get; set; }
    public long? CarePlanItemId { get; set; }
    /// <summary>For the 上门服务费 line: the distance it was priced on.</summary>
    public decimal? DistanceKm { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public required string CreatedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One use of a package item's quota: slot <see cref="Ordinal"/> (1..<see cref="Quantity"/>) of the item in one quota
/// period of one contract. Unique per slot, so two racing visits cannot take the same slot.
/// </summary>
public sealed class BillingQuotaUse
{
    public long Id { get; set; }
    public long ContractId { get; set; }
    public required string ServiceCode { get; set; }
    public DateOnly PeriodStart { get; set; }
    public int Ordinal { get; set; }
    public int Quantity { get; set; }
    public long VisitId { get; set; }
    public long ElderId { get; set; }
    public required string CountyCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class BillingPriceItemConfiguration : IEntityTypeConfiguration<BillingPriceItem>
{
    public void Configure(EntityTypeBuilder<BillingPriceItem> b)
    {
        b.ToTable("billing_price_item", t => t.HasCheckConstraint("ck_billing_price_item_price", "CAST(price_yuan AS REAL) >= 0"));
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(50);
        b.Property(x => x.Unit).HasMaxLength(16);
        b.Property(x => x.PriceYuan).HasPrecision(12, 2);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.OrganizationId, x.Code }).IsUnique().HasDatabaseName("ux_billing_price_item_org_code");
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BillingServiceFeeBandConfiguration : IEntityTypeConfiguration<BillingServiceFeeBand>
{
    public void Configure(EntityTypeBuilder<BillingServiceFeeBand> b)
    {
        b.ToTable("billing_service_fee_band", t =>
        {
            t.HasCheckConstraint("ck_billing_service_fee_band_range",
                "CAST(from_km AS REAL) >= 0 AND (to_km IS NULL OR CAST(to_km AS REAL) > CAST(from_km AS REAL))");
            t.HasCheckConstraint("ck_billing_service_fee_band_fee", "CAST(fee_yuan AS REAL) >= 0");
        });
        b.Property(x => x.FromKm).HasPrecision(6, 2);
        b.Property(x => x.ToKm).HasPrecision(6, 2);
        b.Property(x => x.FeeYuan).HasPrecision(12, 2);
        b.HasIndex(x => new { x.OrganizationId, x.FromKm }).IsUnique().HasDatabaseName("ux_billing_service_fee_band_org_from");
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BillingServiceFeeSettingConfiguration : IEntityTypeConfiguration<BillingServiceFeeSetting>
{
    public void Configure(EntityTypeBuilder<BillingServiceFeeSetting> b)
    {
        b.ToTable("billing_service_fee_setting", t =>
            t.HasCheckConstraint("ck_billing_service_fee_setting_payer", "payer IN ('elder', 'family-doctor')"));
        b.Property(x => x.Payer).HasMaxLength(32);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.OrganizationId).IsUnique().HasDatabaseName("ux_billing_service_fee_setting_org");
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BillingChargeConfiguration : IEntityTypeConfiguration<BillingCharge>
{
    public void Configure(EntityTypeBuilder<BillingCharge> b)
    {
        b.ToTable("billing_charge", t =>
        {
            t.HasCheckConstraint("ck_billing_charge_kind", "kind IN (1, 2)");
            t.HasCheckConstraint("ck_billing_charge_region", "county_code = substr(township_code, 1, 6)");
            // the elder pays the list price, or a payer covers all of it and the elder pays 0
            t.HasCheckConstraint("ck_billing_charge_amounts",
                "CAST(list_price_yuan AS REAL) >= 0 AND ((payer = 'elder' AND CAST(patient_amount_yuan AS REAL) = CAST(list_price_yuan AS REAL) AND CAST(covered_amount_yuan AS REAL) = 0) " +
                "OR (payer <> 'elder' AND CAST(covered_amount_yuan AS REAL) = CAST(list_price_yuan AS REAL) AND CAST(patient_amount_yuan AS REAL) = 0 AND covered_by IS NOT NULL))");
        });
        b.Property(x => x.ItemCode).HasMaxLength(32);
        b.Property(x => x.ItemName).HasMaxLength(50);
        b.Property(x => x.Unit).HasMaxLength(16);
        b.Property(x => x.Payer).HasMaxLength(32);
        b.Property(x => x.CoveredBy).HasMaxLength(100);
        b.Property(x => x.ListPriceYuan).HasPrecision(12, 2);
        b.Property(x => x.PatientAmountYuan).HasPrecision(12, 2);
        b.Property(x => x.CoveredAmountYuan).HasPrecision(12, 2);
        b.Property(x => x.DistanceKm).HasPrecision(6, 2);
        // the same item of the same visit is never charged twice, to anyone
        b.HasIndex(x => new { x.VisitId, x.ItemCode }).IsUnique().HasDatabaseName("ux_billing_charge_visit_item");
        b.HasIndex(x => new { x.OrganizationId, x.ServiceDate });
        b.HasIndex(x => new { x.ElderId, x.ServiceDate });
        b.HasIndex(x => x.QuotaUseId).IsUnique();
        b.HasOne<HomeVisit>().WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<BillingQuotaUse>().WithMany().HasForeignKey(x => x.QuotaUseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BillingQuotaUseConfiguration : IEntityTypeConfiguration<BillingQuotaUse>
{
    public void Configure(EntityTypeBuilder<BillingQuotaUse> b)
    {
        b.ToTable("billing_quota_use", t => t.HasCheckConstraint("ck_billing_quota_use_ordinal", "ordinal >= 1 AND ordinal <= quantity"));
        b.Property(x => x.ServiceCode).HasMaxLength(32);
        // one slot of a package item's quota in one period is used once: a racing insert collides
        b.HasIndex(x => new { x.ContractId, x.ServiceCode, x.PeriodStart, x.Ordinal }).IsUnique().HasDatabaseName("ux_billing_quota_use_slot");
        b.HasIndex(x => new { x.VisitId, x.ServiceCode }).IsUnique().HasDatabaseName("ux_billing_quota_use_visit_service");
        b.HasOne<FamilyDoctorContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<HomeVisit>().WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Restrict);
    }
}
