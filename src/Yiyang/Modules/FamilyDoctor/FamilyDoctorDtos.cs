namespace Yiyang.Modules.FamilyDoctor;

public sealed record TeamMemberInput
{
    public string? Name { get; init; }
    /// <summary>Code or Chinese name of <see cref="TeamRoles"/>.</summary>
    public string? Role { get; init; }
    public bool IsLeader { get; init; }
    public long? UserId { get; init; }
}

public sealed record TeamInput
{
    public string? Name { get; init; }
    /// <summary>Required for city operators; institution staff always create teams of their own organization.</summary>
    public long? OrganizationId { get; init; }
    public List<TeamMemberInput>? Members { get; init; }
    public int? Version { get; init; }
}

public sealed record TeamMemberDto(long Id, string Name, string Role, string RoleName, bool IsLeader, long? UserId);

public sealed record TeamDto(long Id, string Name, long OrganizationId, string? OrganizationName, string TownshipCode,
    IReadOnlyList<TeamMemberDto> Members, int Version) : IVersioned;

public sealed record PackageItemInput
{
    public string? ServiceCode { get; init; }
    public string? ServiceName { get; init; }
    public int? Quantity { get; init; }
    /// <summary>year / quarter / month (or 年 / 季度 / 月); default year.</summary>
    public string? Period { get; init; }
}

/// <summary>A service package; all money in yuan per year.</summary>
public sealed record PackageInput
{
    public string? Name { get; init; }
    public long? OrganizationId { get; init; }
    public decimal? AnnualFee { get; init; }
    public decimal? InsuranceFund { get; init; }
    public decimal? PublicHealthFund { get; init; }
    public decimal? ElderPays { get; init; }
    public List<PackageItemInput>? Items { get; init; }
    /// <summary>Default true; an inactive package cannot be signed.</summary>
    public bool? Active { get; init; }
    public int? Version { get; init; }
}

public sealed record PackageItemDto(string ServiceCode, string ServiceName, int Quantity, string Period, string PeriodName, int PerYear, string Label);

public sealed record PackageDto(long Id, string Name, long OrganizationId, string? OrganizationName, decimal AnnualFee,
    decimal InsuranceFund, decimal PublicHealthFund, decimal ElderPays, string FeeUnit, IReadOnlyList<PackageItemDto> Items,
    bool Active, int Version) : IVersioned;

public sealed record ContractInput
{
    public long? ElderId { get; init; }
    public long? TeamId { get; init; }
    public long? PackageId { get; init; }
    /// <summary>Default: today.</summary>
    public DateOnly? StartDate { get; init; }
    /// <summary>Default 1, at most 3.</summary>
    public int? TermYears { get; init; }
    /// <summary>self (本人) or proxy (家属代签); default self.</summary>
    public string? SignedBy { get; init; }
    public string? ProxyName { get; init; }
    public string? ProxyRelation { get; init; }
}

public sealed record TerminateInput
{
    public string? Reason { get; init; }
    public int? Version { get; init; }
}

public sealed record RenewInput
{
    /// <summary>Default: the previous contract's team and package.</summary>
    public long? TeamId { get; init; }
    public long? PackageId { get; init; }
    public int? TermYears { get; init; }
    public string? SignedBy { get; init; }
    public string? ProxyName { get; init; }
    public string? ProxyRelation { get; init; }
    public int? Version { get; init; }
}

public sealed record ContractDto(long Id, long ElderId, string ElderName, long TeamId, string TeamName, long PackageId,
    string PackageName, long OrganizationId, string? OrganizationName, string TownshipCode, string TownshipName,
    DateOnly StartDate, DateOnly EndDate, string Status, string StatusName, string SignedBy, string SignedByName,
    string? ProxyName, string? ProxyRelation, decimal AnnualFee, decimal ElderPays, string FeeUnit,
    long? PreviousContractId, long? RenewedById, DateOnly? TerminatedOn, string? TerminationReason, string SignedByUser,
    DateTimeOffset CreatedAt, int Version) : IVersioned;

public sealed record ContractQuery(long? ElderId, long? TeamId, string? Status, string? RegionCode, int? Page, int? PageSize);

public sealed record CoverageRow(string TownshipCode, string TownshipName, int ContractedElders, int Residents65,
    int Contracted65, decimal? Rate65Percent, int LedgerElders, int ContractedLedger, decimal? RateLedgerPercent);

/// <summary>Coverage of a region in a year; <c>Basis</c> says in words how the figures were counted.</summary>
public sealed record CoverageReport(string RegionCode, string RegionName, int Year, IReadOnlyList<CoverageRow> Townships, CoverageRow Total,
    int CoverageAge, string Basis);
