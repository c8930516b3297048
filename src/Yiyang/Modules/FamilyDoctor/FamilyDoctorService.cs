using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Regions;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.FamilyDoctor;

/// <summary>
/// Family-doctor teams, service packages and contracts (issue 3, must-have 1). Institution staff manage the teams,
/// packages and contracts of their own organization; a contract's elder must be in the user's elder scope.
/// </summary>
public sealed class FamilyDoctorService(
    YiyangDb db, CurrentUser user, RegionCatalog regions, AuditTrail audit, TimeProvider clock, IOptions<ElderOptions> elderOptions,
    IOptions<FamilyDoctorOptions> options)
{
    private const string Module = "familydoctor";
    private const string FeeUnit = "元/年";
    private const int MaxPageSize = 200;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    private void RequireWriter()
    {
        if (!Policies.Map[Policies.FamilyDoctorWrite].Contains(user.Role)) throw new ForbiddenException();
    }

    private bool IsStaff => Roles.InstitutionStaff.Contains(user.Role);

    /// <summary>Staff act for their own organization; the platform admin names one. It must be a medical one.</summary>
    private async Task<Organization> ResolveOrganizationAsync(long? requested, CancellationToken ct)
    {
        long orgId;
        if (IsStaff)
        {
            if (user.OrganizationId is not { } own) throw new ForbiddenException("您的账号未关联机构。");
            if (requested is { } r && r != own) throw Invalid("organizationId", "只能为本机构办理。");
            orgId = own;
        }
        else
        {
            if (requested is not { } r) throw Invalid("organizationId", "请选择所属医疗卫生机构。");
            orgId = r;
        }
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct)
                  ?? throw Invalid("organizationId", "机构不存在。");
        if (org.Kind == OrganizationKind.ElderlyCare)
            throw Invalid("organizationId", "家庭医生团队和服务包只能属于医疗卫生机构或医养结合机构。");
        return org;
    }

    private static string ValidName(string? input, string label, FieldErrors errors)
    {
        var name = (input ?? "").Trim();
        if (name.Length < 2) errors.Add("name", $"请填写{label}（至少 2 个字）。");
        else if (name.Length > 50) errors.Add("name", $"{label}最多 50 个字。");
        return name;
    }

    /// <summary>Saves a team or package: a name taken in the organization is a field error, a lost update a 409.</summary>
    private async Task SaveUniqueNameAsync(string duplicateMessage, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrency", "记录已被他人修改，请刷新后再试。");
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw Invalid("name", duplicateMessage);
        }
    }

    private async Task<Dictionary<long, string>> OrganizationNamesAsync(IEnumerable<long> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(x => list.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
    }

    // ---------------------------------------------------------------- teams

    public async Task<TeamDto> CreateTeamAsync(TeamInput input, CancellationToken ct)
    {
        RequireWriter();
        var errors = new FieldErrors();
        var name = ValidName(input.Name, "团队名称", errors);
        var members = ValidateMembers(input.Members, errors);
        errors.ThrowIfAny();
        var org = await ResolveOrganizationAsync(input.OrganizationId, ct);
        if (await db.Set<FamilyDoctorTeam>().AnyAsync(t => t.OrganizationId == org.Id && t.Name == name, ct))
            throw Invalid("name", "本机构已有同名团队。");

        var now = clock.GetUtcNow();
        var team = new FamilyDoctorTeam
        {
            Name = name,
            OrganizationId = org.Id,
            TownshipCode = org.TownshipCode,
            CountyCode = org.CountyCode,
            CreatedAt = now,
            UpdatedAt = now,
            Members = members.Select(m => new FamilyDoctorTeamMember
            {
                Name = m.Name,
                Role = m.Role,
                IsLeader = m.IsLeader,
                UserId = m.UserId,
                CountyCode = org.CountyCode,
            }).ToList(),
        };
        db.Add(team);
        await SaveUniqueNameAsync("本机构已有同名团队。", ct);
        await audit.RecordAsync("familydoctor.team.create", "familydoctor-team", team.Id.ToString(), null);
        return await GetTeamAsync(team.Id, ct);
    }

    /// <summary>Replaces the name and members of a team (optimistic concurrency on version).</summary>
    public async Task<TeamDto> UpdateTeamAsync(long id, TeamInput input, int? ifMatchVersion, CancellationToken ct)
    {
        RequireWriter();
        var team = await db.Set<FamilyDoctorTeam>().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct)
                   ?? throw new NotFoundException("未找到该团队。");
        if (IsStaff && team.OrganizationId != user.OrganizationId) throw new NotFoundException("未找到该团队。");
        Etags.CheckVersion(team.Version, ifMatchVersion, input.Version);
        var errors = new FieldErrors();
        var name = ValidName(input.Name, "团队名称", errors);
        var members = ValidateMembers(input.Members, errors);
        errors.ThrowIfAny();
        team.Name = name;
        team.Members.Clear();
        foreach (var m in members)
            team.Members.Add(new FamilyDoctorTeamMember { Name = m.Name, Role = m.Role, IsLeader = m.IsLeader, UserId = m.UserId, CountyCode = team.CountyCode });
        team.UpdatedAt = clock.GetUtcNow();
        team.Version++;
        await SaveUniqueNameAsync("本机构已有同名团队。", ct);
        await audit.RecordAsync("familydoctor.team.update", "familydoctor-team", team.Id.ToString(), null);
        return await GetTeamAsync(team.Id, ct);
    }

    private static List<(string Name, string Role, bool IsLeader, long? UserId)> ValidateMembers(List<TeamMemberInput>? input, FieldErrors errors)
    {
        var result = new List<(string, string, bool, long?)>();
        if (input is null || input.Count == 0)
        {
            errors.Add("members", "团队至少要有一名成员。");
            return result;
        }
        if (input.Count > 30) errors.Add("members", "团队成员最多 30 人。");
        for (var i = 0; i < input.Count; i++)
        {
            var m = input[i];
            var name = (m.Name ?? "").Trim();
            if (name.Length < 2 || name.Length > 50) errors.Add($"members[{i}].name", "请填写成员姓名（2–50 个字）。");
            var role = TeamRoles.Parse(m.Role);
            if (role is null) errors.Add($"members[{i}].role", "请选择成员角色（全科医生、护士、公共卫生人员等）。");
            result.Add((name, role ?? "", m.IsLeader, m.UserId));
        }
        if (result.Count > 0 && !result.Any(r => r.Item2 is "general-practitioner" or "village-doctor" or "specialist"))
            errors.Add("members", "团队至少要有一名医生（全科医生、专科医生或乡村医生）。");
        if (result.Count(r => r.Item3) > 1) errors.Add("members", "团队只能有一名团队长。");
        return result;
    }

    public async Task<TeamDto> GetTeamAsync(long id, CancellationToken ct)
    {
        var t = await db.Set<FamilyDoctorTeam>().AsNoTracking().Include(x => x.Members).FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException("未找到该团队。");
        var orgName = await db.Organizations.AsNoTracking().Where(o => o.Id == t.OrganizationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        return ToDto(t, orgName);
    }

    private static TeamDto ToDto(FamilyDoctorTeam t, string? orgName) => new(t.Id, t.Name, t.OrganizationId, orgName, t.TownshipCode,
        t.Members.OrderByDescending(m => m.IsLeader).ThenBy(m => m.Id)
            .Select(m => new TeamMemberDto(m.Id, m.Name, m.Role, TeamRoles.Name(m.Role), m.IsLeader, m.UserId)).ToList(), t.Version);

    /// <summary>Teams are not personal data: every reader sees them; staff by default their own organization's.</summary>
    public async Task<IReadOnlyList<TeamDto>> ListTeamsAsync(long? organizationId, CancellationToken ct)
    {
        var q = db.Set<FamilyDoctorTeam>().AsNoTracking().Include(x => x.Members).AsQueryable();
        var org = organizationId ?? (IsStaff ? user.OrganizationId : null);
        if (org is { } o) q = q.Where(t => t.OrganizationId == o);
        var teams = await q.OrderBy(t => t.OrganizationId).ThenBy(t => t.Name).Take(500).ToListAsync(ct);
        var names = await OrganizationNamesAsync(teams.Select(t => t.OrganizationId), ct);
        return teams.Select(t => ToDto(t, names.GetValueOrDefault(t.OrganizationId))).ToList();
    }

    // ---------------------------------------------------------------- packages

    private sealed record ValidPackage(string Name, decimal Fee, decimal Insurance, decimal PublicHealth, decimal Elder,
        List<FamilyDoctorPackageItem> Items, bool Active);

    private static ValidPackage ValidatePackage(PackageInput input)
    {
        var errors = new FieldErrors();
        var name = ValidName(input.Name, "服务包名称", errors);
        var fee = Money(input.AnnualFee, "annualFee", "年服务费", errors, required: true);
        var insurance = Money(input.InsuranceFund, "insuranceFund", "医保基金支付", errors);
        var publicHealth = Money(input.PublicHealthFund, "publicHealthFund", "基本公共卫生经费支付", errors);
        var elder = Money(input.ElderPays, "elderPays", "个人自付", errors);
        if (!errors.Any && !ContractRules.SplitAddsUp(fee, insurance, publicHealth, elder))
            errors.Add("elderPays", $"医保基金、公卫经费与个人自付之和（{insurance + publicHealth + elder:0.00} 元）应等于年服务费（{fee:0.00} 元）。");
        var items = new List<FamilyDoctorPackageItem>();
        if (input.Items is null || input.Items.Count == 0) errors.Add("items", "服务包至少要有一个服务项目。");
        else
        {
            for (var i = 0; i < input.Items.Count; i++)
            {
                var it = input.Items[i];
                var code = (it.ServiceCode ?? "").Trim();
                var itemName = (it.ServiceName ?? "").Trim();
                if (code.Length == 0 || code.Length > 32) errors.Add($"items[{i}].serviceCode", "请填写服务项目编码（最多 32 位）。");
                else if (items.Any(x => x.ServiceCode == code)) errors.Add($"items[{i}].serviceCode", "服务项目编码重复。");
                if (itemName.Length == 0 || itemName.Length > 50) errors.Add($"items[{i}].serviceName", "请填写服务项目名称（最多 50 个字）。");
                if (it.Quantity is not (>= 1 and <= 366)) errors.Add($"items[{i}].quantity", "次数应为 1–366 之间的整数。");
                var period = it.Period is null ? "year" : ServicePeriods.Parse(it.Period);
                if (period is null) errors.Add($"items[{i}].period", "周期只能是年、季度或月。");
                items.Add(new FamilyDoctorPackageItem { ServiceCode = code, ServiceName = itemName, Quantity = it.Quantity ?? 0, Period = period ?? "year", CountyCode = "" });
            }
        }
        errors.ThrowIfAny();
        return new ValidPackage(name, fee, insurance, publicHealth, elder, items, input.Active ?? true);
    }

    private static void Apply(FamilyDoctorPackage p, ValidPackage v)
    {
        p.Name = v.Name;
        p.AnnualFeeYuan = v.Fee;
        p.InsuranceFundYuan = v.Insurance;
        p.PublicHealthFundYuan = v.PublicHealth;
        p.ElderPaysYuan = v.Elder;
        p.Active = v.Active;
        p.Items.Clear();
        foreach (var it in v.Items)
        {
            it.CountyCode = p.CountyCode;
            p.Items.Add(it);
        }
    }

    public async Task<PackageDto> CreatePackageAsync(PackageInput input, CancellationToken ct)
    {
        RequireWriter();
        var v = ValidatePackage(input);
        var org = await ResolveOrganizationAsync(input.OrganizationId, ct);
        var now = clock.GetUtcNow();
        var p = new FamilyDoctorPackage
        {
            Name = v.Name,
            OrganizationId = org.Id,
            TownshipCode = org.TownshipCode,
            CountyCode = org.CountyCode,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Apply(p, v);
        db.Add(p);
        await SaveUniqueNameAsync("本机构已有同名服务包。", ct);
        await audit.RecordAsync("familydoctor.package.create", "familydoctor-package", p.Id.ToString(), null);
        return await GetPackageAsync(p.Id, ct);
    }

    /// <summary>
    /// Replaces a package's name, fee, items and active flag (optimistic concurrency on version). Signed contracts
    /// keep the fee they were signed with.
    /// </summary>
    public async Task<PackageDto> UpdatePackageAsync(long id, PackageInput input, int? ifMatchVersion, CancellationToken ct)
    {
        RequireWriter();
        var p = await db.Set<FamilyDoctorPackage>().Include(x => x.Items).FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException("未找到该服务包。");
        if (IsStaff && p.OrganizationId != user.OrganizationId) throw new NotFoundException("未找到该服务包。");
        Etags.CheckVersion(p.Version, ifMatchVersion, input.Version);
        var v = ValidatePackage(input);
        Apply(p, v);
        p.UpdatedAt = clock.GetUtcNow();
        p.Version++;
        await SaveUniqueNameAsync("本机构已有同名服务包。", ct);
        await audit.RecordAsync("familydoctor.package.update", "familydoctor-package", p.Id.ToString(), null);
        return await GetPackageAsync(p.Id, ct);
    }

    private static decimal Money(decimal? value, string field, string label, FieldErrors errors, bool required = false)
    {
        if (value is not { } v)
        {
            if (required) errors.Add(field, $"请填写{label}（元/年）。");
            return 0m;
        }
        if (v < 0 || v > 100_000m) errors.Add(field, $"{label}应在 0–100000 元/年之间。");
        else if (decimal.Round(v, 2) != v) errors.Add(field, $"{label}最多保留两位小数（精确到分）。");
        return v;
    }

    public async Task<PackageDto> GetPackageAsync(long id, CancellationToken ct)
    {
        var p = await db.Set<FamilyDoctorPackage>().AsNoTracking().Include(x => x.Items).FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException("未找到该服务包。");
        var orgName = await db.Organizations.AsNoTracking().Where(o => o.Id == p.OrganizationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        return ToDto(p, orgName);
    }

    private static PackageDto ToDto(FamilyDoctorPackage p, string? orgName) => new(p.Id, p.Name, p.OrganizationId, orgName,
        p.AnnualFeeYuan, p.InsuranceFundYuan, p.PublicHealthFundYuan, p.ElderPaysYuan, FeeUnit,
        p.Items.OrderBy(i => i.Id).Select(i => new PackageItemDto(i.ServiceCode, i.ServiceName, i.Quantity, i.Period,
            ServicePeriods.Name(i.Period), ServicePeriods.PerYear(i.Period, i.Quantity), $"{i.Quantity}/{ServicePeriods.Name(i.Period)}")).ToList(),
        p.Active, p.Version);

    public async Task<IReadOnlyList<PackageDto>> ListPackagesAsync(long? organizationId, CancellationToken ct)
    {
        var q = db.Set<FamilyDoctorPackage>().AsNoTracking().Include(x => x.Items).AsQueryable();
        var org = organizationId ?? (IsStaff ? user.OrganizationId : null);
        if (org is { } o) q = q.Where(p => p.OrganizationId == o);
        var list = await q.OrderBy(p => p.OrganizationId).ThenBy(p => p.Name).Take(500).ToListAsync(ct);
        var names = await OrganizationNamesAsync(list.Select(p => p.OrganizationId), ct);
        return list.Select(p => ToDto(p, names.GetValueOrDefault(p.OrganizationId))).ToList();
    }

    // ---------------------------------------------------------------- contracts

    private sealed record Signing(SignedBy By, string? ProxyName, string? ProxyRelation);

    private static Signing ValidateSigning(string? signedBy, string? proxyName, string? proxyRelation, FieldErrors errors)
    {
        var by = (signedBy ?? "self").Trim() switch
        {
            "self" or "本人" => (SignedBy?)SignedBy.Self,
            "proxy" or "家属代签" => SignedBy.Proxy,
            _ => null,
        };
        if (by is null)
        {
            errors.Add("signedBy", "签约方式只能是本人签约（self）或家属代签（proxy）。");
            return new Signing(SignedBy.Self, null, null);
        }
        if (by == SignedBy.Self) return new Signing(SignedBy.Self, null, null);
        var name = (proxyName ?? "").Trim();
        var relation = Masking.Scrub((proxyRelation ?? "").Trim()); // it goes on the timeline
        if (name.Length < 2 || name.Length > 50) errors.Add("proxyName", "家属代签时请填写代签人姓名（2–50 个字）。");
        if (relation.Length == 0 || relation.Length > 20) errors.Add("proxyRelation", "家属代签时请填写代签人与老人的关系（如儿子、女儿）。");
        return new Signing(SignedBy.Proxy, name, relation);
    }

    private static int ValidateTerm(int? termYears, FieldErrors errors)
    {
        var years = termYears ?? ContractRules.DefaultTermYears;
        if (years < 1 || years > ContractRules.MaxTermYears) errors.Add("termYears", $"签约期限应为 1–{ContractRules.MaxTermYears} 年。");
        return years;
    }

    private async Task<(FamilyDoctorTeam Team, FamilyDoctorPackage Package)> ResolveTeamAndPackageAsync(long? teamId, long? packageId, FieldErrors errors, CancellationToken ct)
    {
        FamilyDoctorTeam? team = null;
        FamilyDoctorPackage? package = null;
        if (teamId is null) errors.Add("teamId", "请选择家庭医生团队。");
        else
        {
            team = await db.Set<FamilyDoctorTeam>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct);
            if (team is null) errors.Add("teamId", "家庭医生团队不存在。");
            else if (IsStaff && team.OrganizationId != user.OrganizationId) errors.Add("teamId", "只能选择本机构的家庭医生团队。");
        }
        if (packageId is null) errors.Add("packageId", "请选择签约服务包。");
        else
        {
            package = await db.Set<FamilyDoctorPackage>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == packageId, ct);
            if (package is null || !package.Active) errors.Add("packageId", "服务包不存在或已停用。");
            else if (team is not null && package.OrganizationId != team.OrganizationId) errors.Add("packageId", "服务包不属于该团队所在的机构。");
        }
        errors.ThrowIfAny();
        return (team!, package!);
    }

    private static ConflictException ActiveExists(long? existingId)
    {
        var e = new ConflictException("active-contract", "该老年人已有生效的家庭医生签约，请先解约或办理续约。");
        if (existingId is { } id) e.Extensions["existingId"] = id;
        return e;
    }

    public async Task<FamilyDoctorContract> SignAsync(ContractInput input, CancellationToken ct)
    {
        RequireWriter();
        var errors = new FieldErrors();
        if (input.ElderId is null) errors.Add("elderId", "请选择签约的老年人。");
        var years = ValidateTerm(input.TermYears, errors);
        var today = Today;
        var start = input.StartDate ?? today;
        if (start < today.AddDays(-ContractRules.MaxBackdateDays) || start > today.AddDays(ContractRules.MaxForwardDays))
            errors.Add("startDate", $"起始日期应在今天前 {ContractRules.MaxBackdateDays} 天至后 {ContractRules.MaxForwardDays} 天之内。");
        var signing = ValidateSigning(input.SignedBy, input.ProxyName, input.ProxyRelation, errors);
        var (team, package) = await ResolveTeamAndPackageAsync(input.TeamId, input.PackageId, errors, ct); // throws all field errors
        var elder = await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite: true).FirstOrDefaultAsync(e => e.Id == input.ElderId, ct)
                    ?? throw new NotFoundException("未找到该服务对象，或您无权查看。");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await db.Set<FamilyDoctorContract>().FirstOrDefaultAsync(c => c.ElderId == elder.Id && c.Status == ContractStatus.Active, ct);
        if (current is not null)
        {
            if (ContractRules.StatusOn(current.Status, current.EndDate, today) == ContractStatus.Active) throw ActiveExists(current.Id);
            // its term has ended: record it as 到期 before the new contract takes the elder's one active place
            current.Status = ContractStatus.Expired;
            current.UpdatedAt = clock.GetUtcNow();
            current.Version++;
        }
        var contract = NewContract(elder, team, package, start, ContractRules.EndOf(start, years), signing, null);
        db.Add(contract);
        await SaveGuardedAsync(tx, elder.Id, ct);
        db.TimelineEvents.Add(Event(elder.Id, "familydoctor.signed",
            $"签约家庭医生：{team.Name}，服务包“{package.Name}”，{contract.StartDate:yyyy-MM-dd} 至 {contract.EndDate:yyyy-MM-dd}" +
            (signing.By == SignedBy.Proxy ? $"（家属代签，{signing.ProxyRelation}）" : "（本人签约）")));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await audit.RecordAsync("familydoctor.contract.create", "familydoctor-contract", contract.Id.ToString(), elder.Id);
        return contract;
    }

    /// <summary>Saves; a lost race for the elder's one active contract (unique index or version) is a 409.</summary>
    private async Task SaveGuardedAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, long elderId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(e))
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var winner = await db.Set<FamilyDoctorContract>().AsNoTracking()
                .Where(c => c.ElderId == elderId && c.Status == ContractStatus.Active).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
            throw winner is null && e is DbUpdateConcurrencyException
                ? new ConflictException("concurrency", "记录已被他人修改，请刷新后再试。")
                : ActiveExists(winner);
        }
    }

    private FamilyDoctorContract NewContract(Elder elder, FamilyDoctorTeam team, FamilyDoctorPackage package, DateOnly start, DateOnly end,
        Signing signing, long? previousId)
    {
        var now = clock.GetUtcNow();
        return new FamilyDoctorContract
        {
            ElderId = elder.Id,
            TeamId = team.Id,
            PackageId = package.Id,
            OrganizationId = team.OrganizationId,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            StartDate = start,
            EndDate = end,
            Status = ContractStatus.Active,
            SignedBy = signing.By,
            ProxyName = signing.ProxyName,
            ProxyRelation = signing.ProxyRelation,
            AnnualFeeYuan = package.AnnualFeeYuan,
            ElderPaysYuan = package.ElderPaysYuan,
            PreviousContractId = previousId,
            SignedByUser = user.IsAuthenticated ? user.UserName : "system",
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private TimelineEvent Event(long elderId, string kind, string summary) =>
        TimelineEvent.Create(elderId, clock.GetUtcNow(), kind, Module, summary, user.IsAuthenticated ? user.UserName : "system");

    /// <summary>The contracts whose elder the user may see.</summary>
    private IQueryable<FamilyDoctorContract> ScopedContracts(bool forWrite = false)
    {
        // no AsNoTracking inside: EF applies it to the whole query, and writers load through here
        var elders = ElderScope.Apply(db.Elders, user, forWrite);
        return db.Set<FamilyDoctorContract>().Where(c => elders.Any(e => e.Id == c.ElderId));
    }

    private async Task<FamilyDoctorContract> LoadForWriteAsync(long id, CancellationToken ct)
    {
        var c = await ScopedContracts(forWrite: true).AsTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("未找到该签约，或您无权查看。");
        if (IsStaff && c.OrganizationId != user.OrganizationId) throw new ForbiddenException("只能办理本机构团队的签约。");
        return c;
    }

    public async Task<FamilyDoctorContract> TerminateAsync(long id, TerminateInput input, int? ifMatchVersion, CancellationToken ct)
    {
        RequireWriter();
        var c = await LoadForWriteAsync(id, ct);
        Etags.CheckVersion(c.Version, ifMatchVersion, input.Version);
        var reason = Masking.Scrub((input.Reason ?? "").Trim()); // stored and put on the timeline: no ID or mobile numbers
        if (reason.Length < 2) throw Invalid("reason", "请填写解约原因（至少 2 个字）。");
        if (reason.Length > 200) throw Invalid("reason", "解约原因最多 200 个字。");
        var today = Today;
        var status = ContractRules.StatusOn(c.Status, c.EndDate, today);
        if (status != ContractStatus.Active)
            throw new ConflictException("not-active", status == ContractStatus.Terminated ? "该签约已解约。" : "该签约已到期，无需解约。");
        c.Status = ContractStatus.Terminated;
        c.TerminatedOn = today < c.StartDate ? c.StartDate : today;
        c.TerminationReason = reason;
        c.UpdatedAt = clock.GetUtcNow();
        c.Version++;
        db.TimelineEvents.Add(Event(c.ElderId, "familydoctor.terminated", $"解约家庭医生签约，原因：{reason}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrency", "记录已被他人修改，请刷新后再试。");
        }
        await audit.RecordAsync("familydoctor.contract.terminate", "familydoctor-contract", c.Id.ToString(), c.ElderId);
        return c;
    }

    /// <summary>续约: a new contract linked to this one, which becomes 到期.</summary>
    public async Task<FamilyDoctorContract> RenewAsync(long id, RenewInput input, int? ifMatchVersion, CancellationToken ct)
    {
        RequireWriter();
        var previous = await LoadForWriteAsync(id, ct);
        Etags.CheckVersion(previous.Version, ifMatchVersion, input.Version);
        var errors = new FieldErrors();
        var years = ValidateTerm(input.TermYears, errors);
        var signing = ValidateSigning(input.SignedBy, input.ProxyName, input.ProxyRelation, errors);
        var (team, package) = await ResolveTeamAndPackageAsync(input.TeamId ?? previous.TeamId, input.PackageId ?? previous.PackageId, errors, ct);
        var today = Today;
        var renewed = await db.Set<FamilyDoctorContract>().AnyAsync(c => c.PreviousContractId == id, ct);
        if (ContractRules.RenewalRefusal(previous.Status, previous.EndDate, today, renewed, options.Value.RenewalWindowDays) is { } refusal)
            throw new ConflictException("renewal-refused", refusal);
        var elder = await db.Elders.AsNoTracking().FirstAsync(e => e.Id == previous.ElderId, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (previous.Status == ContractStatus.Active)
        {
            previous.Status = ContractStatus.Expired;
            previous.UpdatedAt = clock.GetUtcNow();
            previous.Version++;
            await SaveGuardedAsync(tx, elder.Id, ct); // frees the elder's active place before the renewal takes it
        }
        var start = ContractRules.RenewalStart(previous.EndDate, today);
        var contract = NewContract(elder, team, package, start, ContractRules.EndOf(start, years), signing, previous.Id);
        db.Add(contract);
        await SaveGuardedAsync(tx, elder.Id, ct);
        db.TimelineEvents.Add(Event(elder.Id, "familydoctor.renewed",
            $"续约家庭医生：{team.Name}，服务包“{package.Name}”，{contract.StartDate:yyyy-MM-dd} 至 {contract.EndDate:yyyy-MM-dd}"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await audit.RecordAsync("familydoctor.contract.renew", "familydoctor-contract", contract.Id.ToString(), elder.Id, $"previous={previous.Id}");
        return contract;
    }

    public async Task<ContractDto> GetContractAsync(long id, CancellationToken ct)
    {
        var c = await ScopedContracts().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException("未找到该签约，或您无权查看。");
        var dto = (await ToDtosAsync([c], ct))[0];
        await audit.RecordAsync("familydoctor.contract.view", "familydoctor-contract", c.Id.ToString(), c.ElderId, wait: false);
        return dto;
    }

    public async Task<PagedList<ContractDto>> ListContractsAsync(ContractQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = query.Page ?? 1;
        var size = query.PageSize ?? 20;
        if (page < 1) errors.Add("page", "页码从 1 开始。");
        if (size < 1 || size > MaxPageSize) errors.Add("pageSize", $"每页条数应在 1–{MaxPageSize} 之间。");
        ContractStatus? status = null;
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            status = ContractRules.ParseStatus(query.Status);
            if (status is null) errors.Add("status", "状态只能是 active（生效）、expired（到期）或 terminated（解约）。");
        }
        var regionCode = query.RegionCode?.Trim();
        if (!string.IsNullOrEmpty(regionCode) && regions.Find(regionCode) is null) errors.Add("regionCode", "行政区划代码不存在。");
        errors.ThrowIfAny();

        var today = Today;
        var q = ScopedContracts().AsNoTracking();
        if (query.ElderId is { } elderId) q = q.Where(c => c.ElderId == elderId);
        if (query.TeamId is { } teamId) q = q.Where(c => c.TeamId == teamId);
        if (!string.IsNullOrEmpty(regionCode))
            q = regionCode.Length >= 9 ? q.Where(c => c.TownshipCode == regionCode) : q.Where(c => c.TownshipCode.StartsWith(regionCode));
        q = status switch
        {
            ContractStatus.Active => q.Where(c => c.Status == ContractStatus.Active && c.EndDate >= today),
            ContractStatus.Expired => q.Where(c => c.Status == ContractStatus.Expired || (c.Status == ContractStatus.Active && c.EndDate < today)),
            ContractStatus.Terminated => q.Where(c => c.Status == ContractStatus.Terminated),
            _ => q,
        };
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(c => c.StartDate).ThenByDescending(c => c.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedList<ContractDto>(await ToDtosAsync(rows, ct), total, page, size);
    }

    private async Task<List<ContractDto>> ToDtosAsync(List<FamilyDoctorContract> rows, CancellationToken ct)
    {
        var elderIds = rows.Select(r => r.ElderId).Distinct().ToList();
        var teamIds = rows.Select(r => r.TeamId).Distinct().ToList();
        var packageIds = rows.Select(r => r.PackageId).Distinct().ToList();
        var orgIds = rows.Select(r => r.OrganizationId).Distinct().ToList();
        var ids = rows.Select(r => r.Id).ToList();
        var elders = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var teams = await db.Set<FamilyDoctorTeam>().AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var packages = await db.Set<FamilyDoctorPackage>().AsNoTracking().Where(p => packageIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var orgs = await OrganizationNamesAsync(orgIds, ct);
        var successors = await db.Set<FamilyDoctorContract>().AsNoTracking()
            .Where(c => c.PreviousContractId != null && ids.Contains(c.PreviousContractId.Value))
            .Select(c => new { c.Id, Previous = c.PreviousContractId!.Value }).ToListAsync(ct);
        var today = Today;
        return rows.Select(c =>
        {
            var s = ContractRules.StatusOn(c.Status, c.EndDate, today);
            return new ContractDto(c.Id, c.ElderId, elders.GetValueOrDefault(c.ElderId) ?? "", c.TeamId, teams.GetValueOrDefault(c.TeamId) ?? "",
                c.PackageId, packages.GetValueOrDefault(c.PackageId) ?? "", c.OrganizationId, orgs.GetValueOrDefault(c.OrganizationId),
                c.TownshipCode, regions.Find(c.TownshipCode)?.Name ?? c.TownshipCode, c.StartDate, c.EndDate,
                ContractRules.StatusCode(s), ContractRules.StatusName(s), c.SignedBy == SignedBy.Proxy ? "proxy" : "self",
                c.SignedBy == SignedBy.Proxy ? "家属代签" : "本人签约", c.ProxyName, c.ProxyRelation, c.AnnualFeeYuan, c.ElderPaysYuan, FeeUnit,
                c.PreviousContractId, successors.FirstOrDefault(x => x.Previous == c.Id)?.Id, c.TerminatedOn, c.TerminationReason,
                c.SignedByUser, c.CreatedAt, c.Version);
        }).ToList();
    }

    // ---------------------------------------------------------------- coverage

    /// <summary>
    /// 签约覆盖 per township under <paramref name="regionCode"/> for a calendar year, within the user's elder scope.
    /// Contracted = elders with a contract in effect on at least one day of the year; 65+ = turning 65 or older in
    /// that year (decision 6, FamilyDoctorOptions); the population is the elders registered on the platform; home-bound = the ledger's flags (ElderOptions.LedgerFlags), 高龄 as of the year's end
    /// (or today for the current year).
    /// </summary>
    public async Task<CoverageReport> CoverageAsync(string? regionCode, int? year, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = Today;
        var y = year ?? today.Year;
        if (y < 2000 || y > today.Year) errors.Add("year", $"年份应在 2000–{today.Year} 之间。");
        var code = string.IsNullOrWhiteSpace(regionCode) ? user.RegionCode : regionCode.Trim();
        var region = regions.Find(code);
        if (string.IsNullOrEmpty(code)) errors.Add("regionCode", "请选择行政区划。");
        else if (region is null) errors.Add("regionCode", "行政区划代码不存在。");
        errors.ThrowIfAny();

        var townships = regions.TownshipsUnder(region!.Code).ToList();
        var elders = ElderScope.Apply(db.Elders.AsNoTracking(), user);
        elders = code!.Length >= 9 ? elders.Where(e => e.TownshipCode == code) : elders.Where(e => e.TownshipCode.StartsWith(code));

        var yearStart = new DateOnly(y, 1, 1);
        var yearEnd = new DateOnly(y, 12, 31);
        var contracted = db.Set<FamilyDoctorContract>().AsNoTracking()
            .Where(c => c.StartDate <= yearEnd && c.EndDate >= yearStart && (c.TerminatedOn == null || (c.TerminatedOn >= yearStart && c.TerminatedOn >= c.StartDate)))
            .Select(c => c.ElderId);
        var latest65 = ContractRules.LatestBirthFor65Plus(y, options.Value.CoverageAge, options.Value.CountAgeReachedDuringYear);
        var bits = elderOptions.Value.LedgerFlags.Select(c => RiskFlagCatalog.Parse(c) ?? RiskFlags.None).Aggregate(RiskFlags.None, (a, b) => a | b);
        var mask = (int)bits;
        var includeAge = bits.HasFlag(RiskFlags.OldestOld);
        var cutoff80 = (y == today.Year ? today : yearEnd).AddYears(-80);

        async Task<Dictionary<string, int>> Count(IQueryable<Elder> q) =>
            (await q.GroupBy(e => e.TownshipCode).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.N);

        var aged = elders.Where(e => e.BirthDate <= latest65);
        var ledger = elders.Where(e => ((int)e.Flags & mask) != 0 || (includeAge && e.BirthDate <= cutoff80));
        var nContracted = await Count(elders.Where(e => contracted.Contains(e.Id)));
        var n65 = await Count(aged);
        var nContracted65 = await Count(aged.Where(e => contracted.Contains(e.Id)));
        var nLedger = await Count(ledger);
        var nContractedLedger = await Count(ledger.Where(e => contracted.Contains(e.Id)));

        CoverageRow Row(string c, string name, Func<Dictionary<string, int>, int> get) =>
            new(c, name, get(nContracted), get(n65), get(nContracted65), ContractRules.RatePercent(get(nContracted65), get(n65)),
                get(nLedger), get(nContractedLedger), ContractRules.RatePercent(get(nContractedLedger), get(nLedger)));

        var rows = townships.Select(t => Row(t.Code, t.Name, d => d.GetValueOrDefault(t.Code))).ToList();
        var total = Row(region.Code, "合计", d => d.Values.Sum());
        await audit.RecordAsync("familydoctor.coverage.view", "region", region.Code, null, $"year={y}", wait: false);
        var o = options.Value;
        var basis = $"人数为平台登记的老年人（本人可查看范围内）；{o.CoverageAge} 岁及以上按" +
                    (o.CountAgeReachedDuringYear ? $"当年内年满 {o.CoverageAge} 周岁计" : $"当年 1 月 1 日已满 {o.CoverageAge} 周岁计") +
                    "；行动不便老年人按台账标准计；当年任一天有效的签约计入。";
        return new CoverageReport(region.Code, regions.FullName(region.Code), y, rows, total, o.CoverageAge, basis);
    }
}
