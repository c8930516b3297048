using Yiyang.Modules.Organizations;
using R4 = Hl7.Fhir.Model;

namespace Yiyang.Modules.Fhir;

/// <summary>Organization read and search over the organization registry (readable by every role, as its own API).</summary>
public sealed class OrganizationHandler(YiyangDb db, RegionCatalog regions) : IFhirResourceHandler
{
    public string ResourceType => "Organization";
    public string Policy => OrganizationPolicies.Read;
    public IReadOnlyList<string> Includes { get; } = [];

    public IReadOnlyList<FhirSearchParam> SearchParams { get; } =
    [
        new("identifier", FhirParamType.Token, "统一社会信用代码、医疗机构执业许可证登记号或养老机构许可/备案号"),
        new("name", FhirParamType.String, "机构名称前缀"),
        new("type", FhirParamType.Token, "medical | elderly-care | integrated"),
        new("address-city", FhirParamType.String, "所在城市名称（前缀）"),
        new("region", FhirParamType.Token, "行政区划代码：省、市、区县或乡镇街道（前缀）"),
    ];

    private static NotFoundException NotFound() => new("未找到该机构。");

    public async Task<R4.Resource> ReadAsync(string id, CancellationToken ct)
    {
        var orgId = FhirMapping.ParseId(id) ?? throw NotFound();
        var o = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == orgId, ct) ?? throw NotFound();
        return Map(o);
    }

    public async Task<FhirPage> SearchAsync(FhirSearch search, CancellationToken ct)
    {
        var q = db.Organizations.AsNoTracking();
        if (search.Ids() is { } ids) q = q.Where(o => ids.Contains(o.Id));
        var identifiers = search.Tokens("identifier");
        if (identifiers.Count > 1) throw FhirErrors.Invalid("identifier", "一次只能按一个标识查找。");
        if (identifiers.Count == 1)
        {
            var t = identifiers[0];
            var value = t.Code.Trim().ToUpperInvariant();
            q = t.System switch
            {
                FhirMapping.CreditCodeSystem => q.Where(o => o.CreditCode == value),
                FhirMapping.MedicalLicenceSystem => q.Where(o => o.MedicalLicenceNo == t.Code),
                FhirMapping.CareLicenceSystem => q.Where(o => o.CareLicenceNo == t.Code),
                null when !t.SystemGiven => q.Where(o => o.CreditCode == value || o.MedicalLicenceNo == t.Code || o.CareLicenceNo == t.Code),
                _ => q.Where(o => false),
            };
        }
        foreach (var name in search.Values("name").Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            if (name.Length > 100) throw FhirErrors.Invalid("name", "名称过长。");
            q = q.Where(o => o.Name.StartsWith(name));
        }
        var types = search.Tokens("type");
        if (types.Count > 0)
        {
            var kinds = types.Select(t => KindOf(t.Code) ?? throw FhirErrors.Invalid("type", "机构类型应为 medical、elderly-care 或 integrated。")).ToList();
            q = q.Where(o => kinds.Contains(o.Kind));
        }
        q = q.WhereRegion(RegionMatch.From(search, regions), o => o.TownshipCode, o => o.CountyCode)
            .WhereInstant(o => o.UpdatedAt, search.Dates("_lastUpdated"));

        var page = await KeysetPage<Organization>.ReadAsync(q, o => o.Id, search, ct);
        return new FhirPage(page.Rows.Select(Map).ToList<R4.Resource>(), page.Total, page.Next(o => o.Id), []);
    }

    public static string KindCode(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Medical => "medical",
        OrganizationKind.ElderlyCare => "elderly-care",
        _ => "integrated",
    };

    private static OrganizationKind? KindOf(string code) => code switch
    {
        "medical" => OrganizationKind.Medical,
        "elderly-care" => OrganizationKind.ElderlyCare,
        "integrated" => OrganizationKind.Integrated,
        _ => null,
    };

    public R4.Organization Map(Organization o)
    {
        var r = new R4.Organization
        {
            Id = FhirMapping.Id(o.Id),
            Meta = FhirMapping.Meta(o.Version, o.UpdatedAt),
            Active = true,
            Name = o.Name,
        };
        r.Identifier.Add(FhirMapping.Identifier(FhirMapping.CreditCodeSystem, o.CreditCode, "统一社会信用代码", R4.Identifier.IdentifierUse.Official));
        if (o.MedicalLicenceNo is { Length: > 0 } medical)
            r.Identifier.Add(FhirMapping.Identifier(FhirMapping.MedicalLicenceSystem, medical, "医疗机构执业许可证登记号"));
        if (o.CareLicenceNo is { Length: > 0 } care)
            r.Identifier.Add(FhirMapping.Identifier(FhirMapping.CareLicenceSystem, care, "养老机构设立许可/备案号"));
        var type = new R4.CodeableConcept(FhirMapping.OrganizationKindSystem, KindCode(o.Kind), Organization.KindName(o.Kind));
        type.Text = string.Join("，", new[] { Organization.KindName(o.Kind), o.MedicalType, o.CareType }.Where(t => !string.IsNullOrEmpty(t)));
        r.Type.Add(type);
        if (o.Phone is { Length: > 0 } phone)
            r.Telecom.Add(new R4.ContactPoint(R4.ContactPoint.ContactPointSystem.Phone, R4.ContactPoint.ContactPointUse.Work, phone));
        r.Address.Add(FhirMapping.Address(regions, o.TownshipCode, o.Address));
        r.Address[0].Use = R4.Address.AddressUse.Work;
        return r;
    }
}
