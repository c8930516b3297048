using Yiyang.Modules.Elders;
using Yiyang.Platform.Identifiers;
using R4 = Hl7.Fhir.Model;

namespace Yiyang.Modules.Fhir;

/// <summary>
/// Patient read and search over the elder registry, in the caller's elder scope (<see cref="ElderScope"/>) and audited as
/// the elder API audits; an exact identifier search takes the same per-user quota (<see cref="ExactSearchThrottle"/>).
/// </summary>
public sealed class PatientHandler(YiyangDb db, CurrentUser user, PatientMapping mapping, ElderAccess access, AuditTrail audit,
    ExactSearchThrottle throttle, RegionCatalog regions, TimeProvider clock) : IFhirResourceHandler
{
    public string ResourceType => "Patient";
    public string Policy => ElderPolicies.Read;
    public IReadOnlyList<string> Includes { get; } = [];

    public IReadOnlyList<FhirSearchParam> SearchParams { get; } =
    [
        new("identifier", FhirParamType.Token, "身份证号（urn:oid:2.16.156.10011.1.3|完整号码，精确查找，限次并审计）或一人一档编号"),
        new("name", FhirParamType.String, "姓名前缀"),
        new("birthdate", FhirParamType.Date, "出生日期（仅对可见出生日期的角色有效）"),
        new("gender", FhirParamType.Token, "male | female | unknown"),
        new("address-city", FhirParamType.String, "所在城市名称（前缀）"),
        new("region", FhirParamType.Token, "行政区划代码：省、市、区县或乡镇街道（前缀）"),
    ];

    public async Task<R4.Resource> ReadAsync(string id, CancellationToken ct)
    {
        var elderId = FhirMapping.ParseId(id) ?? throw ElderAccess.NotFound();
        var e = await ElderScope.Apply(db.Elders.AsNoTracking(), user).FirstOrDefaultAsync(x => x.Id == elderId, ct) ?? throw ElderAccess.NotFound();
        await audit.RecordAsync("elder.view", "elder", FhirMapping.Id(e.Id), e.Id, "via=fhir", wait: false);
        return mapping.Map(e);
    }

    public async Task<FhirPage> SearchAsync(FhirSearch search, CancellationToken ct)
    {
        var q = ElderScope.Apply(db.Elders.AsNoTracking(), user);
        string? exactHash = null;
        var identifiers = search.Tokens("identifier");
        if (identifiers.Count > 1) throw FhirErrors.Invalid("identifier", "一次只能按一个标识查找。");
        if (identifiers.Count == 1) (q, exactHash) = await ByIdentifierAsync(q, identifiers[0], ct);
        return await PageAsync(Filter(q, search), search, exactHash, ct);
    }

    /// <summary>
    /// By identifier: a full ID number is an exact search by keyed hash (quota and audit as the elder API's exact search);
    /// the internal id matches the record; a 居民健康卡 number is not searchable (stored only encrypted).
    /// </summary>
    private async Task<(IQueryable<Elder>, string?)> ByIdentifierAsync(IQueryable<Elder> q, FhirToken token, CancellationToken ct)
    {
        if (token.System == FhirMapping.ElderIdSystem)
        {
            var id = FhirMapping.ParseId(token.Code) ?? 0;
            return (q.Where(e => e.Id == id), null);
        }
        if (token.System == FhirMapping.HealthCardSystem)
            throw FhirErrors.Invalid("identifier", "暂不支持按居民健康卡号查找，请按身份证号查找。");
        if (!token.Accepts(FhirMapping.CitizenIdSystem) || ChineseIdNumber.TryParse(token.Code, clock.ChinaToday(), out _) is not { } number)
            return (q.Where(e => false), null);
        await throttle.TakeAsync(user.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? user.UserName, ct);
        var hash = access.IdHash(number.Normalized);
        return (q.Where(e => e.IdNumberHash == hash), Convert.ToHexStringLower(hash));
    }

    private IQueryable<Elder> Filter(IQueryable<Elder> q, FhirSearch search)
    {
        if (search.Ids() is { } ids) q = q.Where(e => ids.Contains(e.Id));
        foreach (var name in search.Values("name").Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            if (name.Length > 50) throw FhirErrors.Invalid("name", "姓名过长。");
            q = q.Where(e => e.Name.StartsWith(name));
        }
        var births = search.Dates("birthdate");
        if (births.Count > 0)
        {
            // a role that sees the age only must not find the date by bisection
            if (Masking.BirthDate(DateOnly.MinValue, user) is null) throw new ForbiddenException("您的角色不能查看出生日期，也不能按出生日期查找。");
            q = q.WhereDay(e => e.BirthDate, births);
        }
        var genders = search.Tokens("gender");
        if (genders.Count > 0)
        {
            var sexes = genders.Select(g => g.Code switch
            {
                "male" => Sex.Male,
                "female" => Sex.Female,
                "unknown" => Sex.Unknown,
                _ => throw FhirErrors.Invalid("gender", "性别应为 male、female 或 unknown。"),
            }).ToList();
            if (sexes.Contains(Sex.Unknown)) sexes.Add(Sex.Unspecified);
            q = q.Where(e => sexes.Contains(e.Sex));
        }
        q = q.WhereRegion(RegionMatch.From(search, regions), e => e.TownshipCode, e => e.CountyCode);
        return q.WhereInstant(e => e.UpdatedAt, search.Dates("_lastUpdated"));
    }

    /// <summary>Patients by id for <c>_include</c> (already within scope through the including resource), audited as a list.</summary>
    public async Task<IReadOnlyList<R4.Resource>> IncludedAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var elders = await ElderScope.Apply(db.Elders.AsNoTracking(), user).Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(ct);
        await audit.RecordListAsync("elder.list", "elder", null, 0, elders.Select(e => e.Id), "via=fhir; include");
        return elders.Select(mapping.Map).ToList();
    }

    private async Task<FhirPage> PageAsync(IQueryable<Elder> q, FhirSearch search, string? exactHash, CancellationToken ct)
    {
        var page = await KeysetPage<Elder>.ReadAsync(q, e => e.Id, search, ct);
        var (rows, total) = (page.Rows, page.Total);
        var ids = rows.Select(e => e.Id).ToList();
        if (exactHash is not null)
            await audit.RecordAsync("elder.search.exact", "elder", null, ids.Count == 1 ? ids[0] : null,
                $"kind=id; hash={exactHash}; results={search.ResultsText(total)}; matched={string.Join(",", ids.Take(40))}; via=fhir", wait: false);
        else
            await audit.RecordListAsync("elder.list", "elder", search.One("region"), search.After is null ? 1 : 0, ids, $"via=fhir; results={search.ResultsText(total)}");
        return new FhirPage(rows.Select(mapping.Map).ToList<R4.Resource>(), total, page.Next(e => e.Id), ids);
    }
}
