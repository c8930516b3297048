namespace Yiyang.Modules.Elders;

public sealed record ElderListItem(
    long Id, string Name, string Sex, int Age, string IdNumberMasked, string? PhoneMasked, string TownshipCode,
    string TownshipName, IReadOnlyList<string> Flags, long? ResponsibleOrganizationId);

public sealed record ContactView(string Name, string? Relation, string? Phone);

/// <param name="BirthDate">Only for roles that may reveal the ID number (<see cref="Masking.BirthDate"/>); null for the others, who see <paramref name="Age"/>.</param>
public sealed record ElderDetail(
    long Id, string Name, string Sex, DateOnly? BirthDate, int Age, string IdNumberMasked, string? PhoneMasked,
    string? AddressMasked, IReadOnlyList<ContactView> Contacts, string TownshipCode, string RegionName,
    string? InsuranceType, string? InsuranceTypeName, string? HealthCardNoMasked, IReadOnlyList<string> Flags,
    IReadOnlyList<string> FlagNames, long? ResponsibleOrganizationId, string? ResponsibleOrganizationName,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version) : IVersioned;

public sealed record TimelineItem(DateTimeOffset At, string Kind, string Module, string Summary, string Actor);

public sealed record RevealRequest(string? Field, string? Reason);

public sealed record RevealResult(string Field, string? Value, IReadOnlyList<ContactView>? Contacts);

public sealed record LedgerItem(
    long Id, string Name, string Sex, int Age, string? PhoneMasked, IReadOnlyList<string> FlagNames,
    DateOnly? LastVisitDate, int? DaysSinceLastVisit);

public sealed record ElderQuery(string? Q, string? RegionCode, string? Flag, int? Page, int? PageSize);

public sealed record ElderStats(int Total, int Aged80Plus, IReadOnlyList<(string Code, string Name, int Count)> ByTownship,
    IReadOnlyList<(string Code, string Name, int Count)> ByFlag);
