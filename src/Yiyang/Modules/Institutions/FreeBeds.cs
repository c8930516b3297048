using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Agreements;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Institutions;

/// <summary>Free beds of one actual use (养老 / 护理型 / 医疗 / 安宁疗护) in an institution.</summary>
public sealed record FreeBedLine(string Kind, string KindName, int Beds, int Free);

/// <summary>
/// One institution of the public free-beds list. Only public facts about the institution: no resident, no stay, no
/// occupant count per room — just bed totals and free beds by actual use.
/// </summary>
public sealed record FreeBedsInstitutionDto(long Id, string Name, string KindName, string? Address, string? Phone, string TownshipCode,
    string RegionName, int TotalBeds, int FreeBeds, IReadOnlyList<FreeBedLine> ByUse, bool HasMedicalRoom, bool HasAgreement,
    IReadOnlyList<string> PartnerNames);

/// <summary>
/// Public list of care institutions with free beds (docs/domain/institutions.md#free-beds-list). Anonymous; answers are kept in memory for
/// <see cref="CacheSeconds"/> seconds per (region, kind) so the endpoint cannot be used to hammer the database.
/// A bed is free when no open stay holds it (a resident on leave still holds the bed); a converted bed is counted in its
/// actual use (<see cref="InstitutionBed.UseKind"/>). Only institutions that have registered their beds on the bed board
/// are listed. The list covers the platform's city (<see cref="PlatformOptions.CityCode"/>): without a region, the whole city;
/// a region outside it is refused.
/// </summary>
public sealed class FreeBedsService(StaleReads reads, RegionCatalog regions, IMemoryCache cache, TimeProvider clock, IOptions<PlatformOptions> platform)
{
    public const int CacheSeconds = 60;

    /// <summary>The platform's city (setting <c>Platform:CityCode</c>, default 6102 铜川市).</summary>
    public Region City => regions.Find(platform.Value.CityCode) is { Level: RegionLevel.City } c
        ? c
        : throw new InvalidOperationException("Platform:CityCode must be a 4-digit city code of the region catalogue.");

    /// <summary>The districts and counties of the city, in code order.</summary>
    public IReadOnlyList<Region> Districts => regions.ChildrenOf(City.Code);

    /// <summary>True when <paramref name="code"/> is a district or county of the platform's city.</summary>
    public bool IsDistrict(string? code) => regions.Find(code) is { Level: RegionLevel.County } r && r.ParentCode == City.Code;

    /// <summary>
    /// Checks the filters: region is a known division code (county, township…) inside the platform's city, kind a bed
    /// kind; no region = the whole city, no kind = all kinds.
    /// </summary>
    public (string Region, BedKind? Kind) Validate(string? regionCode, string? kind)
    {
        var errors = new FieldErrors();
        var city = City;
        var region = string.IsNullOrWhiteSpace(regionCode) ? city.Code : regionCode.Trim();
        if (region.Length > 12 || !region.All(char.IsAsciiDigit) || regions.Find(region) is null)
            errors.Add("regionCode", "请选择有效的地区（区县或乡镇、街道）。");
        else if (!RegionCatalog.IsWithin(region, city.Code))
            errors.Add("regionCode", $"只能查询{city.Name}的养老机构，请选择{city.Name}的区县或乡镇、街道。");
        BedKind? k = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            k = BedRules.ParseKind(kind);
            if (k is null) errors.Add("kind", "床位类型只能是养老（elder-care）、护理型（nursing）、医疗（medical）或安宁疗护（hospice）。");
        }
        errors.ThrowIfAny();
        return (region, k);
    }

    public async Task<IReadOnlyList<FreeBedsInstitutionDto>> ListAsync(string? regionCode, string? kind, CancellationToken ct)
    {
        var (region, k) = Validate(regionCode, kind);
        var key = $"free-beds:{region}:{k}";
        if (cache.TryGetValue(key, out IReadOnlyList<FreeBedsInstitutionDto>? hit) && hit is not null) return hit;
        var list = await LoadAsync(region, k, ct);
        cache.Set(key, list, TimeSpan.FromSeconds(CacheSeconds));
        return list;
    }

    private async Task<IReadOnlyList<FreeBedsInstitutionDto>> LoadAsync(string region, BedKind? kind, CancellationToken ct)
    {
        var db = await reads.WithinAsync(Staleness.PublicLists, ct);
        var orgs = db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.ElderlyCare || o.Kind == OrganizationKind.Integrated)
            .Where(o => o.TownshipCode.StartsWith(region)); // a district includes every township below it
        var orgList = await orgs.ToListAsync(ct);
        if (orgList.Count == 0) return [];
        var ids = orgList.Select(o => o.Id).ToList();
        var beds = await (from b in db.Set<InstitutionBed>().AsNoTracking()
                          where ids.Contains(b.OrganizationId)
                          select new
                          {
                              b.OrganizationId,
                              Use = b.UseKind ?? b.Kind,
                              Occupied = db.Set<InstitutionStay>().Any(s => s.BedId == b.Id && s.DischargedOn == null),
                          }).ToListAsync(ct);
        var today = clock.ChinaToday();
        var partners = await (from a in db.Set<Agreement>().AsNoTracking()
                              join m in db.Organizations.AsNoTracking() on a.MedicalOrganizationId equals m.Id
                              where ids.Contains(a.CareOrganizationId) && a.Status == AgreementStatus.Effective && a.StartOn <= today && a.EndOn >= today
                              select new { a.CareOrganizationId, m.Name }).ToListAsync(ct);

        var result = new List<FreeBedsInstitutionDto>();
        foreach (var o in orgList)
        {
            var own = beds.Where(b => b.OrganizationId == o.Id).ToList();
            if (own.Count == 0) continue;
            var lines = Enum.GetValues<BedKind>()
                .Select(k => new FreeBedLine(BedRules.KindCode(k), BedRules.KindName(k), own.Count(b => b.Use == k), own.Count(b => b.Use == k && !b.Occupied)))
                .Where(l => l.Beds > 0).ToList();
            var free = own.Count(b => !b.Occupied);
            if (kind is { } wanted && !own.Any(b => b.Use == wanted && !b.Occupied)) continue;
            var names = partners.Where(p => p.CareOrganizationId == o.Id).Select(p => p.Name).Distinct().Order(StringComparer.Ordinal).ToList();
            result.Add(new FreeBedsInstitutionDto(o.Id, o.Name, Organization.KindName(o.Kind), o.Address, o.Phone, o.TownshipCode,
                regions.FullName(o.TownshipCode), own.Count, free, lines, o.HasMedicalRoom, names.Count > 0, names));
        }
        return result.OrderByDescending(r => r.FreeBeds).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }
}

public static class FreeBedsApi
{
    public static void MapFreeBeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/institutions/free-beds",
                async Task<Ok<IReadOnlyList<FreeBedsInstitutionDto>>> (string? regionCode, string? kind, FreeBedsService svc, HttpContext http, CancellationToken ct) =>
                {
                    var list = await svc.ListAsync(regionCode, kind, ct);
                    http.Response.Headers.CacheControl = $"public, max-age={FreeBedsService.CacheSeconds}";
                    return TypedResults.Ok(list);
                })
            .AllowAnonymous()
            .RequireRateLimiting(PublicRateLimit.Policy)
            .WithTags("Institutions")
            .ProducesProblems(400, 429)
            .WithSummary("公开：本市有空余床位的养老机构 / 医养结合机构（不含任何住户信息；按本市区县或乡镇、街道及床位类型筛选；结果缓存 60 秒；每个 IP 限流，超出 429）");
    }
}
