using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.FamilyDoctor;

/// <summary>家庭医生团队 of a medical organization; carries the organization's region.</summary>
public sealed class FamilyDoctorTeam
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public long OrganizationId { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
    public List<FamilyDoctorTeamMember> Members { get; set; } = [];
}

/// <summary>One member of a team, with the role they play in it (全科医生, 护士, 公卫人员…).</summary>
public sealed class FamilyDoctorTeamMember
{
    public long Id { get; set; }
    public long TeamId { get; set; }
    public required string Name { get; set; }
    /// <summary>Code of <see cref="TeamRoles"/>.</summary>
    public required string Role { get; set; }
    public bool IsLeader { get; set; }
    /// <summary>The member's platform account, when they have one.</summary>
    public long? UserId { get; set; }
    public required string CountyCode { get; set; }
}

/// <summary>
/// 签约服务包: items with a quantity per period and a yearly fee (yuan per year) split between its payers
/// (医保基金, 基本公共卫生服务经费, 个人自付). Belongs to the medical organization that offers it.
/// </summary>
public sealed class FamilyDoctorPackage
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public long OrganizationId { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    /// <summary>Yearly fee in yuan per year.</summary>
    public decimal AnnualFeeYuan { get; set; }
    /// <summary>Part paid by the medical insurance fund, yuan per year.</summary>
    public decimal InsuranceFundYuan { get; set; }
    /// <summary>Part paid from the basic public-health service funds, yuan per year.</summary>
    public decimal PublicHealthFundYuan { get; set; }
    /// <summary>Part paid by the elder, yuan per year.</summary>
    public decimal ElderPaysYuan { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
    public List<FamilyDoctorPackageItem> Items { get; set; } = [];
}

public sealed class FamilyDoctorPackageItem
{
    public long Id { get; set; }
    public long PackageId { get; set; }
    /// <summary>Service code (the price catalog's item code where one exists).</summary>
    public required string ServiceCode { get; set; }
    public required string ServiceName { get; set; }
    public int Quantity { get; set; }
    /// <summary>year / quarter / month.</summary>
    public required string Period { get; set; }
    public required string CountyCode { get; set; }
}

public enum ContractStatus
{
    Active = 1,     // 生效
    Expired = 2,    // 到期
    Terminated = 3, // 解约
}

public enum SignedBy
{
    Self = 1,   // 本人签约
    Proxy = 2,  // 家属代签
}

/// <summary>
/// 签约: an elder, a team, a package and a term. At most one active contract per elder (partial unique index on
/// elder_id WHERE status = 1). A renewal is a new contract pointing at the previous one, which becomes 到期.
/// </summary>
public sealed class FamilyDoctorContract : Elders.IElderOwned
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public long TeamId { get; set; }
    public long PackageId { get; set; }
    public long OrganizationId { get; set; }
    /// <summary>The elder's township and county.</summary>
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public ContractStatus Status { get; set; }
    public SignedBy SignedBy { get; set; }
    public string? ProxyName { get; set; }
    public string? ProxyRelation { get; set; }
    /// <summary>Yearly fee and the elder's part at signing, yuan per year (the package may change later).</summary>
    public decimal AnnualFeeYuan { get; set; }
    public decimal ElderPaysYuan { get; set; }
    public long? PreviousContractId { get; set; }
    public DateOnly? TerminatedOn { get; set; }
    public string? TerminationReason { get; set; }
    public required string SignedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class FamilyDoctorTeamConfiguration : IEntityTypeConfiguration<FamilyDoctorTeam>
{
    public void Configure(EntityTypeBuilder<FamilyDoctorTeam> b)
    {
        b.ToTable("familydoctor_team", t => t.HasCheckConstraint("ck_familydoctor_team_region", "county_code = substr(township_code, 1, 6)"));
        b.Property(x => x.Name).HasMaxLength(50);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.OrganizationId, x.Name }).IsUnique();
        b.HasIndex(x => x.TownshipCode);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FamilyDoctorTeamMemberConfiguration : IEntityTypeConfiguration<FamilyDoctorTeamMember>
{
    public void Configure(EntityTypeBuilder<FamilyDoctorTeamMember> b)
    {
        b.ToTable("familydoctor_team_member");
        b.Property(x => x.Name).HasMaxLength(50);
        b.Property(x => x.Role).HasMaxLength(32);
        b.HasIndex(x => x.TeamId);
        b.HasIndex(x => x.UserId);
    }
}

internal sealed class FamilyDoctorPackageConfiguration : IEntityTypeConfiguration<FamilyDoctorPackage>
{
    public void Configure(EntityTypeBuilder<FamilyDoctorPackage> b)
    {
        b.ToTable("familydoctor_package", t => t.HasCheckConstraint("ck_familydoctor_package_region", "county_code = substr(township_code, 1, 6)"));
        b.Property(x => x.Name).HasMaxLength(50);
        b.Property(x => x.AnnualFeeYuan).HasPrecision(10, 2);
        b.Property(x => x.InsuranceFundYuan).HasPrecision(10, 2);
        b.Property(x => x.PublicHealthFundYuan).HasPrecision(10, 2);
        b.Property(x => x.ElderPaysYuan).HasPrecision(10, 2);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.OrganizationId, x.Name }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.PackageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FamilyDoctorPackageItemConfiguration : IEntityTypeConfiguration<FamilyDoctorPackageItem>
{
    public void Configure(EntityTypeBuilder<FamilyDoctorPackageItem> b)
    {
        b.ToTable("familydoctor_package_item", t => t.HasCheckConstraint("ck_familydoctor_package_item_quantity", "quantity > 0"));
        b.Property(x => x.ServiceCode).HasMaxLength(32);
        b.Property(x => x.ServiceName).HasMaxLength(50);
        b.Property(x => x.Period).HasMaxLength(16);
        b.HasIndex(x => new { x.PackageId, x.ServiceCode }).IsUnique();
    }
}

internal sealed class FamilyDoctorContractConfiguration : IEntityTypeConfiguration<FamilyDoctorContract>
{
    public void Configure(EntityTypeBuilder<FamilyDoctorContract> b)
    {
        b.ToTable("familydoctor_contract", t =>
        {
            t.HasCheckConstraint("ck_familydoctor_contract_status", "status IN (1, 2, 3)");
            t.HasCheckConstraint("ck_familydoctor_contract_signed_by", "signed_by IN (1, 2)");
            t.HasCheckConstraint("ck_familydoctor_contract_term", "end_date >= start_date");
            t.HasCheckConstraint("ck_familydoctor_contract_region", "county_code = substr(township_code, 1, 6)");
        });
        b.Property(x => x.ProxyName).HasMaxLength(50);
        b.Property(x => x.ProxyRelation).HasMaxLength(20);
        b.Property(x => x.TerminationReason).HasMaxLength(200);
        b.Property(x => x.SignedByUser).HasMaxLength(64);
        b.Property(x => x.AnnualFeeYuan).HasPrecision(10, 2);
        b.Property(x => x.ElderPaysYuan).HasPrecision(10, 2);
        b.Property(x => x.Version).IsConcurrencyToken();
        // the rule "one active contract per elder", in the database: a partial unique index (SQLite and PostgreSQL)
        b.HasIndex(x => x.ElderId).IsUnique().HasFilter("status = 1").HasDatabaseName("ux_familydoctor_contract_active_elder");
        b.HasIndex(x => new { x.ElderId, x.StartDate });
        b.HasIndex(x => new { x.TownshipCode, x.Status });
        b.HasIndex(x => x.TeamId);
        b.HasIndex(x => x.PackageId);
        b.HasIndex(x => x.PreviousContractId).IsUnique();
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FamilyDoctorTeam>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FamilyDoctorPackage>().WithMany().HasForeignKey(x => x.PackageId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FamilyDoctorContract>().WithMany().HasForeignKey(x => x.PreviousContractId).OnDelete(DeleteBehavior.Restrict);
    }
}
