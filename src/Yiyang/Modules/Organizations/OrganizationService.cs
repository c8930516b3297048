using Yiyang.Platform.Identifiers;

namespace Yiyang.Modules.Organizations;

public sealed record OrganizationInput
{
    public string? Name { get; init; }
    /// <summary>medical | elderly-care | integrated</summary>
    public string? Kind { get; init; }
    public string? MedicalType { get; init; }
    public string? CareType { get; init; }
    public string? Level { get; init; }
    public string? CreditCode { get; init; }
    public string? MedicalLicenceNo { get; init; }
    public string? CareLicenceNo { get; init; }
    public string? TownshipCode { get; init; }
    public string? Address { get; init; }
    public string? Phone { get; init; }
    public bool InsuranceDesignated { get; init; }
    public bool HasGeriatricsDept { get; init; }
    public bool HasTcmHall { get; init; }
    public bool HasMedicalRoom { get; init; }
    public int? ElderCareBeds { get; init; }
    public int? NursingBeds { get; init; }
    public int? MedicalBeds { get; init; }
    public int? HospiceBeds { get; init; }
    public int? Version { get; init; }
}

public sealed record OrganizationDto(
    long Id, string Name, string Kind, string KindName, string? MedicalType, string? CareType, string? Level,
    string CreditCode, string? MedicalLicenceNo, string? CareLicenceNo, string TownshipCode, string RegionName,
    string? Address, string? Phone, bool InsuranceDesignated, bool HasGeriatricsDept, bool HasTcmHall,
    bool HasMedicalRoom, OrganizationBeds Beds, bool NonCompliant, IReadOnlyList<string> ComplianceIssues, int Version) : IVersioned
{
    public static OrganizationDto From(Organization o, RegionCatalog regions)
    {
        var issues = new List<string>();
        if (o.LacksRequiredMedicalRoom)
            issues.Add($"床位 {o.TotalBeds} 张（≥{Organization.MedicalRoomBedThreshold}），未设置医务室或卫生所");
        return new OrganizationDto(o.Id, o.Name, OrganizationKinds.Code(o.Kind), Organization.KindName(o.Kind), o.MedicalType,
            o.CareType, o.Level, o.CreditCode, o.MedicalLicenceNo, o.CareLicenceNo, o.TownshipCode, regions.FullName(o.TownshipCode),
            o.Address, o.Phone, o.InsuranceDesignated, o.HasGeriatricsDept, o.HasTcmHall, o.HasMedicalRoom,
            new OrganizationBeds(o.ElderCareBeds, o.NursingBeds, o.MedicalBeds, o.HospiceBeds, o.TotalBeds),
            issues.Count > 0, issues, o.Version);
    }
}

public sealed record OrganizationBeds(int ElderCare, int Nursing, int Medical, int Hospice, int Total);

public static class OrganizationKinds
{
    public static string Code(OrganizationKind k) => k switch
    {
        OrganizationKind.Medical => "medical",
        OrganizationKind.ElderlyCare => "elderly-care",
        _ => "integrated",
    };

    public static OrganizationKind? Parse(string? code) => code?.Trim() switch
    {
        "medical" or "医疗卫生机构" => OrganizationKind.Medical,
        "elderly-care" or "养老机构" => OrganizationKind.ElderlyCare,
        "integrated" or "医养结合机构" => OrganizationKind.Integrated,
        _ => null,
    };

    public static readonly IReadOnlyList<string> MedicalTypes =
        ["医院", "中医院", "社区卫生服务中心", "社区卫生服务站", "乡镇卫生院", "村卫生室", "护理院", "康复医院", "安宁疗护中心", "门诊部", "医务室"];
    public static readonly IReadOnlyList<string> CareTypes = ["护理型", "助养型", "综合型", "日间照料中心", "农村幸福院"];
    public static readonly IReadOnlyList<string> Levels = ["三级", "二级", "一级", "未定级"];
}

public sealed record OrganizationQuery(string? Q, string? Kind, string? RegionCode, bool? NonCompliant, int? Page, int? PageSize);

public sealed class OrganizationService(YiyangDb db, CurrentUser user, RegionCatalog regions, AuditTrail audit, TimeProvider clock)
{
    public async Task<Organization> CreateAsync(OrganizationInput input, CancellationToken ct)
    {
        var v = Validate(input);
        RequireWriteScope(v, null);
        if (await db.Organizations.AnyAsync(o => o.CreditCode == v.CreditCode, ct))
            throw new ConflictException("duplicate-credit-code", "该统一社会信用代码已登记。");
        var now = clock.GetUtcNow();
        v.CreatedAt = now;
        v.UpdatedAt = now;
        db.Organizations.Add(v);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("organization.create", "organization", v.Id.ToString());
        return v;
    }

    public async Task<Organization> UpdateAsync(long id, OrganizationInput input, int? ifMatch, CancellationToken ct)
    {
        var o = await db.Organizations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("未找到该机构。");
        Etags.CheckVersion(o.Version, ifMatch, input.Version);
        var v = Validate(input);
        RequireWriteScope(v, o);
        if (v.CreditCode != o.CreditCode && await db.Organizations.AnyAsync(x => x.CreditCode == v.CreditCode && x.Id != id, ct))
            throw new ConflictException("duplicate-credit-code", "该统一社会信用代码已登记。");
        o.Name = v.Name; o.Kind = v.Kind; o.MedicalType = v.MedicalType; o.CareType = v.CareType; o.Level = v.Level;
        o.CreditCode = v.CreditCode; o.MedicalLicenceNo = v.MedicalLicenceNo; o.CareLicenceNo = v.CareLicenceNo;
        o.TownshipCode = v.TownshipCode; o.CountyCode = v.CountyCode; o.Address = v.Address; o.Phone = v.Phone;
        o.InsuranceDesignated = v.InsuranceDesignated; o.HasGeriatricsDept = v.HasGeriatricsDept; o.HasTcmHall = v.HasTcmHall;
        o.HasMedicalRoom = v.HasMedicalRoom; o.ElderCareBeds = v.ElderCareBeds; o.NursingBeds = v.NursingBeds;
        o.MedicalBeds = v.MedicalBeds; o.HospiceBeds = v.HospiceBeds;
        o.UpdatedAt = clock.GetUtcNow();
        o.Version++;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("organization.update", "organization", o.Id.ToString());
        return o;
    }

    /// <summary>
    /// Sets the licensed bed counts an issued licence states (null: a count the licence does not cover stays as it is),
    /// for Supervision's licensing (docs/domain/supervision.md#licensing). Saved by the caller, in its transaction; audited.
    /// </summary>
    public async Task ApplyLicensedBedsAsync(long id, int? elderCare, int? nursing, int? medical, string licenceNo, CancellationToken ct)
    {
        var o = await db.Organizations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("未找到该机构。");
        if (elderCare is null && nursing is null && medical is null) return;
        o.ElderCareBeds = elderCare ?? o.ElderCareBeds;
        o.NursingBeds = nursing ?? o.NursingBeds;
        o.MedicalBeds = medical ?? o.MedicalBeds;
        o.UpdatedAt = clock.GetUtcNow();
        o.Version++;
        await audit.RecordAsync("organization.licensed-beds", "organization", o.Id.ToString(), detail: $"licence {licenceNo}");
    }

    /// <summary>Whether the user may register new organizations at all (platform admin; regulators of a bureau that supervises some kind).</summary>
    public bool CanCreate() => user.Can(OrganizationPolicies.WriteAll)
        || (user.Can(OrganizationPolicies.WriteSupervised) && user.RegionCode is not null && OrganizationBureaus.Kinds(user.Bureau).Count > 0);

    /// <summary>Whether the user may edit this organization.</summary>
    public bool CanEdit(OrganizationDto o) =>
        user.Can(OrganizationPolicies.WriteAll)
        || (user.Can(OrganizationPolicies.WriteSupervised) && user.Covers(o.TownshipCode)
            && OrganizationKinds.Parse(o.Kind) is { } kind && OrganizationBureaus.Supervises(user.Bureau, kind))
        || (user.Can(OrganizationPolicies.WriteOwn) && user.OrganizationId == o.Id);

    /// <summary>
    /// The platform admin writes every organization; regulators those of their region whose kind (before and after the
    /// change) their bureau supervises; institution admins only their own organization (docs/domain/institutions.md#who-edits-the-registry).
    /// </summary>
    private void RequireWriteScope(Organization proposed, Organization? existing)
    {
        if (user.Can(OrganizationPolicies.WriteAll)) return;
        if (user.Can(OrganizationPolicies.WriteSupervised))
        {
            if (existing is not null && !user.Covers(existing.TownshipCode)) throw new NotFoundException("未找到该机构。");
            if (!user.Covers(proposed.TownshipCode)) throw new ForbiddenException("您只能登记或修改本辖区的机构信息。");
            if (!OrganizationBureaus.Supervises(user.Bureau, proposed.Kind) || (existing is not null && !OrganizationBureaus.Supervises(user.Bureau, existing.Kind)))
                throw new ForbiddenException(OrganizationBureaus.Refusal(user.Bureau));
            return;
        }
        if (user.Can(OrganizationPolicies.WriteOwn) && existing is not null)
        {
            if (existing.Id == user.OrganizationId) return;
            throw new NotFoundException("未找到该机构。");
        }
        throw new ForbiddenException("您只能登记或修改本辖区（本机构）的机构信息。");
    }

    public async Task<OrganizationDto> GetAsync(long id, CancellationToken ct)
    {
        var o = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("未找到该机构。");
        return OrganizationDto.From(o, regions);
    }

    public async Task<PagedList<OrganizationDto>> ListAsync(OrganizationQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = query.Page ?? 1;
        var size = query.PageSize ?? 20;
        if (page < 1) errors.Add("page", "页码从 1 开始。");
        if (size is < 1 or > 200) errors.Add("pageSize", "每页条数应在 1–200 之间。");
        OrganizationKind? kind = null;
        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            kind = OrganizationKinds.Parse(query.Kind);
            if (kind is null) errors.Add("kind", "机构类别只能是 medical、elderly-care 或 integrated。");
        }
        var region = query.RegionCode?.Trim();
        if (!string.IsNullOrEmpty(region) && regions.Find(region) is null) errors.Add("regionCode", "行政区划代码不存在。");
        errors.ThrowIfAny();

        var q = db.Organizations.AsNoTracking();
        if (kind is { } k) q = q.Where(o => o.Kind == k);
        if (!string.IsNullOrEmpty(region)) q = q.Where(o => o.TownshipCode.StartsWith(region));
        if (!string.IsNullOrWhiteSpace(query.Q)) q = q.Where(o => o.Name.Contains(query.Q.Trim()));
        if (query.NonCompliant is { } nc)
        {
            var threshold = Organization.MedicalRoomBedThreshold;
            q = nc
                ? q.Where(o => o.Kind == OrganizationKind.ElderlyCare && !o.HasMedicalRoom
                               && o.ElderCareBeds + o.NursingBeds + o.MedicalBeds + o.HospiceBeds >= threshold)
                : q.Where(o => !(o.Kind == OrganizationKind.ElderlyCare && !o.HasMedicalRoom
                                 && o.ElderCareBeds + o.NursingBeds + o.MedicalBeds + o.HospiceBeds >= threshold));
        }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(o => o.TownshipCode).ThenBy(o => o.Name).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedList<OrganizationDto>(rows.Select(o => OrganizationDto.From(o, regions)).ToList(), total, page, size);
    }

    private Organization Validate(OrganizationInput input)
    {
        var errors = new FieldErrors();
        var name = (input.Name ?? "").Trim();
        if (name.Length == 0) errors.Add("name", "请填写机构名称。");
        else if (name.Length > 100) errors.Add("name", "机构名称最多 100 个字。");
        var kind = OrganizationKinds.Parse(input.Kind);
        if (kind is null) errors.Add("kind", "请选择机构类别：医疗卫生机构、养老机构或医养结合机构。");
        var code = CreditCode.TryNormalize(input.CreditCode, out var codeError);
        if (code is null) errors.Add("creditCode", codeError!);
        var township = (input.TownshipCode ?? "").Trim();
        if (!regions.IsTownship(township)) errors.Add("townshipCode", "请选择机构所在的乡镇（街道）。");
        string? Opt(string? s, int max, string field, string label)
        {
            if (string.IsNullOrWhiteSpace(s)) return null;
            var t = s.Trim();
            if (t.Length > max) errors.Add(field, $"{label}最多 {max} 个字。");
            return t;
        }
        var medType = Opt(input.MedicalType, 32, "medicalType", "医疗机构类别");
        if (medType is not null && !OrganizationKinds.MedicalTypes.Contains(medType)) errors.Add("medicalType", "医疗机构类别不在列表中。");
        var careType = Opt(input.CareType, 32, "careType", "养老机构类型");
        if (careType is not null && !OrganizationKinds.CareTypes.Contains(careType)) errors.Add("careType", "养老机构类型不在列表中。");
        var level = Opt(input.Level, 16, "level", "等级");
        if (level is not null && !OrganizationKinds.Levels.Contains(level)) errors.Add("level", "等级只能是三级、二级、一级或未定级。");
        var medLicence = Opt(input.MedicalLicenceNo, 64, "medicalLicenceNo", "医疗机构执业许可证号");
        var careLicence = Opt(input.CareLicenceNo, 64, "careLicenceNo", "养老机构备案号");
        if (kind is OrganizationKind.Medical or OrganizationKind.Integrated && medLicence is null)
            errors.Add("medicalLicenceNo", "医疗卫生机构和医养结合机构须填写医疗机构执业许可证号。");
        if (kind is OrganizationKind.ElderlyCare or OrganizationKind.Integrated && careLicence is null)
            errors.Add("careLicenceNo", "养老机构和医养结合机构须填写养老机构设立许可或备案号。");
        var address = Opt(input.Address, 200, "address", "地址");
        var phone = Opt(input.Phone, 32, "phone", "电话");
        int Beds(int? n, string field)
        {
            if (n is null) return 0;
            if (n < 0 || n > 100_000) errors.Add(field, "床位数应为 0–100000 的整数。");
            return Math.Max(0, n.Value);
        }
        var o = new Organization
        {
            Name = name,
            Kind = kind ?? OrganizationKind.Medical,
            MedicalType = medType,
            CareType = careType,
            Level = level,
            CreditCode = code ?? "",
            MedicalLicenceNo = medLicence,
            CareLicenceNo = careLicence,
            TownshipCode = township,
            CountyCode = township.Length >= 6 ? township[..6] : township,
            Address = address,
            Phone = phone,
            InsuranceDesignated = input.InsuranceDesignated,
            HasGeriatricsDept = input.HasGeriatricsDept,
            HasTcmHall = input.HasTcmHall,
            HasMedicalRoom = input.HasMedicalRoom,
            ElderCareBeds = Beds(input.ElderCareBeds, "elderCareBeds"),
            NursingBeds = Beds(input.NursingBeds, "nursingBeds"),
            MedicalBeds = Beds(input.MedicalBeds, "medicalBeds"),
            HospiceBeds = Beds(input.HospiceBeds, "hospiceBeds"),
        };
        errors.ThrowIfAny();
        return o;
    }
}
