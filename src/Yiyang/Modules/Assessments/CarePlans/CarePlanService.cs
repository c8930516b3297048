using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>
/// 分级照护 (issue 4, must-have 3): the care-level mapping (versioned, editable by an authorised user), an elder's care level
/// from the latest signed unexpired assessment, and care plans — proposed from the care level, edited as drafts,
/// confirmed by staff (at most one confirmed plan per elder, enforced by the database), ended, revised as a new linked
/// plan. Reads and writes are limited to the elders in the user's scope (404 otherwise).
/// </summary>
public sealed class CarePlanService(
    YiyangDb db, CurrentUser user, InstrumentCatalog catalog, AuditTrail audit, TimeProvider clock, IOptions<CarePlanOptions> options)
{
    private const string Module = "assessments";
    private const int MaxItems = 30;
    private const int MaxGoals = 10;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
    private string Actor => user.IsAuthenticated ? user.UserName : "system";

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    private static NotFoundException NoPlan() => new("未找到该照护计划，或您无权查看。");

    private void RequireWriter()
    {
        if (!Policies.Map[Policies.CarePlansWrite].Contains(user.Role)) throw new ForbiddenException();
    }

    // ---------------------------------------------------------------- care-level mapping

    /// <summary>The mapping in force: the newest version, or the built-in default (version 0).</summary>
    public async Task<CareLevelMappingDto> MappingAsync(CancellationToken ct)
    {
        var row = await db.Set<CareLevelMapping>().AsNoTracking().OrderByDescending(m => m.MappingVersion).FirstOrDefaultAsync(ct);
        return row is null ? new CareLevelMappingDto(0, CareLevelMap.Default, null, null, null, true) : ToDto(row);
    }

    private static CareLevelMappingDto ToDto(CareLevelMapping row) =>
        new(row.MappingVersion, JsonSerializer.Deserialize<CareLevelMap>(row.MapJson, Json)!, row.Note, row.CreatedBy, row.CreatedAt, false);

    /// <summary>Every saved version, newest first, then the built-in default.</summary>
    public async Task<IReadOnlyList<CareLevelMappingDto>> MappingHistoryAsync(CancellationToken ct)
    {
        var rows = await db.Set<CareLevelMapping>().AsNoTracking().OrderByDescending(m => m.MappingVersion).Take(200).ToListAsync(ct);
        return [.. rows.Select(ToDto), new CareLevelMappingDto(0, CareLevelMap.Default, "内置默认值", null, null, true)];
    }

    /// <summary>
    /// Saves an edited mapping as the next version. Platform admins, and regulators of the health or civil-affairs bureau.
    /// The version read (body or If-Match) must be the current one (409/412 otherwise); two concurrent saves of the same
    /// version: the unique index refuses the second (409).
    /// </summary>
    public async Task<CareLevelMappingDto> UpdateMappingAsync(CareLevelMappingInput input, int? ifMatchVersion, CancellationToken ct)
    {
        if (!Policies.Map[Policies.CareLevelsManage].Contains(user.Role)
            || (user.Role == Roles.Regulator && user.Bureau is not (Bureaus.Health or Bureaus.CivilAffairs)))
            throw new ForbiddenException("只有平台管理员或卫健、民政部门的监管人员可以修改照护等级对应关系。");
        var map = new CareLevelMap(input.Levels ?? [], input.Gbt42195 ?? [], input.Ltc2021 ?? []);
        var errors = CareLevelRules.Validate(input.Levels is null ? null : map);
        var note = Masking.Scrub((input.Note ?? "").Trim());
        if (note.Length > 200) errors.Add("note", "修改说明最多 200 个字。");
        errors.ThrowIfAny();
        var current = await MappingAsync(ct);
        Etags.CheckVersion(current.Version, ifMatchVersion, input.Version);
        var row = new CareLevelMapping
        {
            MappingVersion = current.Version + 1,
            MapJson = JsonSerializer.Serialize(CareLevelRules.Normalize(map), Json),
            Note = note.Length == 0 ? null : note,
            CreatedBy = Actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("concurrency", "对应关系已被他人修改，请刷新后再试。");
        }
        await audit.RecordAsync("assessments.care-level-mapping.update", "care-level-mapping", row.MappingVersion.ToString(CultureInfo.InvariantCulture));
        return ToDto(row);
    }

    // ---------------------------------------------------------------- care level of an elder

    private async Task<Elder> ScopedElderAsync(long? elderId, CancellationToken ct, bool forWrite = false)
    {
        if (elderId is not { } id) throw Invalid("elderId", "请选择老年人。");
        return await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite).FirstOrDefaultAsync(e => e.Id == id, ct)
               ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
    }

    /// <summary>
    /// Signed GB/T 42195 / 长护险 assessments in force: signed ones, and superseded ones whose correction is still a draft.
    /// </summary>
    private IQueryable<Assessment> Effective()
    {
        var all = db.Set<Assessment>();
        var periodic = ReassessmentRules.Periodic.ToList();
        return all.AsNoTracking().Where(a => periodic.Contains(a.InstrumentCode)
            && (a.Status == AssessmentStatus.Signed
                || (a.Status == AssessmentStatus.Superseded && !all.Any(n => n.PreviousId == a.Id && n.Status != AssessmentStatus.Draft))));
    }

    private BasisDto Basis(Assessment a, DateOnly today) =>
        new(a.Id, a.InstrumentCode, catalog.Find(a.InstrumentCode)?.Name ?? a.InstrumentCode, a.AssessedOn, a.LevelCode, a.LevelName, a.NextDue,
            !CareLevelRules.ValidOn(a.NextDue, today));

    private sealed record Level(CareLevelDef? CareLevel, int MappingVersion, Assessment? Valid, Assessment? Latest);

    private async Task<Level> LevelAsync(long elderId, CancellationToken ct)
    {
        var today = Today;
        var mapping = await MappingAsync(ct);
        var latest = await Effective().Where(a => a.ElderId == elderId)
            .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        var valid = latest is null || CareLevelRules.ValidOn(latest.NextDue, today)
            ? latest
            : await Effective().Where(a => a.ElderId == elderId && (a.NextDue == null || a.NextDue >= today))
                .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        var level = valid is null ? null : CareLevelRules.Apply(mapping.Map, valid.InstrumentCode, valid.LevelCode);
        return new Level(level, mapping.Version, valid, latest);
    }

    /// <summary>The elder's care level: the mapping applied to the latest signed assessment that has not expired.</summary>
    public async Task<ElderCareLevelDto> ElderCareLevelAsync(long elderId, CancellationToken ct)
    {
        var elder = await ScopedElderAsync(elderId, ct);
        var today = Today;
        var l = await LevelAsync(elder.Id, ct);
        var expired = l.Latest is not null && l.Latest.Id != l.Valid?.Id ? Basis(l.Latest, today) : null;
        await audit.RecordAsync("assessments.care-level.view", "elder", elder.Id.ToString(CultureInfo.InvariantCulture), elder.Id, wait: false);
        return new ElderCareLevelDto(elder.Id, l.CareLevel, l.MappingVersion, l.Valid is null ? null : Basis(l.Valid, today), expired);
    }

    /// <summary>
    /// The name of the elder's current care level, without the elder scope: for a caller that has already established the
    /// right to act for this elder (admission by ID card of an elder registered elsewhere, issue 5).
    /// </summary>
    public async Task<string?> CareLevelNameUnscopedAsync(long elderId, CancellationToken ct) =>
        (await LevelAsync(elderId, ct)).CareLevel?.Name;

    // ---------------------------------------------------------------- plans: validation

    private sealed record ValidPlan(List<string> Goals, List<CarePlanItem> Items, DateOnly StartOn, string? Note);

    private async Task<ValidPlan> ValidateAsync(CarePlanInput input, DateOnly? defaultStart, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = Today;
        var startOn = input.StartOn ?? defaultStart ?? today;
        if (startOn < today.AddYears(-1) || startOn > today.AddYears(1)) errors.Add("startOn", "计划开始日期应在一年前至一年后之间。");
        var goals = new List<string>();
        var rawGoals = input.Goals ?? [];
        if (rawGoals.Count(g => !string.IsNullOrWhiteSpace(g)) == 0) errors.Add("goals", "请至少填写一个照护目标。");
        else if (rawGoals.Count > MaxGoals) errors.Add("goals", $"照护目标最多 {MaxGoals} 个。");
        for (var i = 0; i < Math.Min(rawGoals.Count, MaxGoals); i++)
        {
            var g = Masking.Scrub((rawGoals[i] ?? "").Trim());
            if (g.Length == 0) continue;
            if (g.Length > 100) errors.Add($"goals[{i}]", "每个照护目标最多 100 个字。");
            else goals.Add(g);
        }
        var note = Masking.Scrub((input.Note ?? "").Trim());
        if (note.Length > 200) errors.Add("note", "备注最多 200 个字。");

        var inputs = input.Items ?? [];
        if (inputs.Count == 0) errors.Add("items", "请至少填写一个服务项目。");
        else if (inputs.Count > MaxItems) errors.Add("items", $"服务项目最多 {MaxItems} 个。");
        var orgIds = inputs.Select(i => i?.ResponsibleOrganizationId).OfType<long>().Distinct().ToList();
        var teamIds = inputs.Select(i => i?.ResponsibleTeamId).OfType<long>().Distinct().ToList();
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
        var teams = await db.Set<FamilyDoctorTeam>().AsNoTracking().Where(t => teamIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct);
        var items = new List<CarePlanItem>();
        for (var i = 0; i < Math.Min(inputs.Count, MaxItems); i++)
        {
            var it = inputs[i];
            var f = $"items[{i}]";
            if (it is null)
            {
                errors.Add(f, "服务项目不能为空。");
                continue;
            }
            var code = (it.ServiceCode ?? "").Trim();
            if (!CarePlanRules.ServiceCode().IsMatch(code)) errors.Add($"{f}.serviceCode", "请填写服务项目代码（字母、数字、-、_、.，最多 32 位）。");
            else if (items.Any(x => x.ServiceCode == code)) errors.Add($"{f}.serviceCode", "同一服务项目在计划中只能出现一次。");
            var name = Masking.Scrub((it.ServiceName ?? "").Trim());
            if (name.Length is < 2 or > 50) errors.Add($"{f}.serviceName", "请填写服务项目名称（2–50 个字）。");
            var unit = FrequencyUnits.Parse(it.FrequencyUnit);
            if (unit is null) errors.Add($"{f}.frequencyUnit", "频次单位只能是每周（week）或每月（month）。");
            if (it.FrequencyCount is not { } count || count < 1 || (unit is not null && count > FrequencyUnits.Max(unit)))
                errors.Add($"{f}.frequencyCount", unit is null ? "请填写频次（次数）。" : $"频次应为每{FrequencyUnits.Name(unit)} 1–{FrequencyUnits.Max(unit)} 次。");
            string? kind = null;
            if (it.ResponsibleOrganizationId is not null && it.ResponsibleTeamId is not null)
                errors.Add($"{f}.responsible", "责任方只能是一个机构或一个家庭医生团队，不能同时填写。");
            else if (it.ResponsibleOrganizationId is { } org)
            {
                if (!orgs.Contains(org)) errors.Add($"{f}.responsible", "责任机构不存在。");
                kind = Responsible.Organization;
            }
            else if (it.ResponsibleTeamId is { } team)
            {
                if (!teams.Contains(team)) errors.Add($"{f}.responsible", "家庭医生团队不存在。");
                kind = Responsible.Team;
            }
            else errors.Add($"{f}.responsible", "请选择责任机构或家庭医生团队。");
            var itemStart = it.StartOn ?? startOn;
            if (it.EndOn is { } end && end < itemStart) errors.Add($"{f}.endOn", "结束日期不能早于开始日期。");
            if (itemStart < startOn) errors.Add($"{f}.startOn", "服务开始日期不能早于计划开始日期。");
            items.Add(new CarePlanItem
            {
                LineNo = i + 1,
                ServiceCode = code,
                ServiceName = name,
                FrequencyCount = it.FrequencyCount ?? 0,
                FrequencyUnit = unit ?? "",
                ResponsibleKind = kind ?? "",
                ResponsibleOrganizationId = it.ResponsibleOrganizationId,
                ResponsibleTeamId = kind == Responsible.Team ? it.ResponsibleTeamId : null,
                StartOn = itemStart,
                EndOn = it.EndOn,
                LtcCovered = it.LtcCovered ?? false,
            });
        }
        errors.ThrowIfAny();
        return new ValidPlan(goals, items, startOn, note.Length == 0 ? null : note);
    }

    /// <summary>The elder's contracted family-doctor team (active contract), if any.</summary>
    private Task<long?> TeamOfAsync(long elderId, CancellationToken ct) =>
        db.Set<FamilyDoctorContract>().AsNoTracking().Where(c => c.ElderId == elderId && c.Status == ContractStatus.Active)
            .Select(c => (long?)c.TeamId).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The proposal for an elder as request items: template of the care level, responsible party resolved (team → the
    /// elder's contracted family-doctor team, else the responsible organization; organization → the elder's responsible
    /// organization, else the user's), dates from the plan start to the assessment's reassessment date.
    /// </summary>
    public async Task<(List<string> Goals, List<CarePlanItemInput> Items)> ProposalAsync(Elder elder, CareLevelDef level, Assessment basis,
        DateOnly startOn, CancellationToken ct)
    {
        var valid = CareLevelRules.ValidOn(basis.NextDue, startOn);
        var (goals, proposed) = CarePlanRules.Propose(options.Value, level.Code, valid);
        var team = await TeamOfAsync(elder.Id, ct);
        var org = elder.ResponsibleOrganizationId ?? user.OrganizationId;
        var end = valid ? basis.NextDue : null;
        var items = new List<CarePlanItemInput>();
        foreach (var p in proposed)
        {
            long? teamId = p.Responsible == Responsible.Team ? team : null;
            long? orgId = teamId is null ? org : null;
            if (teamId is null && orgId is null)
                throw new BusinessRuleException("no-responsible", "该老年人没有签约的家庭医生团队或责任机构，无法生成建议计划；请先登记责任机构。", 409);
            items.Add(new CarePlanItemInput(p.ServiceCode, p.ServiceName, p.Count, p.Unit, orgId, teamId, startOn, end, p.LtcCovered));
        }
        return ([.. goals], items);
    }

    // ---------------------------------------------------------------- plans: writes

    private TimelineEvent Event(long elderId, string kind, string summary) =>
        TimelineEvent.Create(elderId, clock.GetUtcNow(), kind, Module, summary, Actor);

    private static string Summary(CarePlan p) =>
        $"{p.CareLevelName}，{p.Items.Count} 个服务项目" + (p.Items.Any(i => i.LtcCovered) ? $"（长护险支付 {p.Items.Count(i => i.LtcCovered)} 项）" : "");

    /// <summary>
    /// A new draft for an elder: the care level of the latest signed unexpired assessment (or, when all have expired, of
    /// the latest one: the plan is flagged). Without items the goals and items are proposed from the care level.
    /// </summary>
    public async Task<CarePlanDto> CreateAsync(CarePlanInput input, CancellationToken ct)
    {
        RequireWriter();
        var elder = await ScopedElderAsync(input.ElderId, ct, forWrite: true);
        var (plan, _) = await NewDraftAsync(elder, input, null, ct);
        db.Add(plan);
        db.TimelineEvents.Add(Event(elder.Id, "assessments.care-plan.drafted", "拟定照护计划（草稿）：" + Summary(plan)));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("assessments.care-plan.create", "care-plan", plan.Id.ToString(CultureInfo.InvariantCulture), elder.Id);
        return await GetAsync(plan.Id, ct, audited: false);
    }

    private async Task<(CarePlan Plan, Assessment Basis)> NewDraftAsync(Elder elder, CarePlanInput input, CarePlan? previous, CancellationToken ct)
    {
        var l = await LevelAsync(elder.Id, ct);
        var basis = l.Valid ?? l.Latest
            ?? throw new BusinessRuleException("no-assessment", "该老年人尚无已签署的老年人能力评估或长护险失能评估，请先完成评估。", 409);
        var mapping = await MappingAsync(ct);
        var level = CareLevelRules.Apply(mapping.Map, basis.InstrumentCode, basis.LevelCode)
            ?? throw new BusinessRuleException("no-care-level", "评估结果没有对应的照护等级，请检查照护等级对应关系。", 409);
        var startOn = input.StartOn ?? Today;
        if (input.Items is null)
        {
            var (goals, items) = await ProposalAsync(elder, level, basis, startOn, ct);
            input = input with { Goals = input.Goals ?? goals, Items = items };
        }
        var v = await ValidateAsync(input, startOn, ct);
        var now = clock.GetUtcNow();
        var plan = new CarePlan
        {
            ElderId = elder.Id,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            OrganizationId = user.OrganizationId,
            Status = CarePlanStatus.Draft,
            AssessmentId = basis.Id,
            CareLevelCode = level.Code,
            CareLevelName = level.Name,
            MappingVersion = mapping.Version,
            GoalsJson = JsonSerializer.Serialize(v.Goals, Json),
            StartOn = v.StartOn,
            Note = v.Note,
            PreviousId = previous?.Id,
            CreatedBy = Actor,
            CreatedAt = now,
            UpdatedAt = now,
            Items = v.Items,
        };
        return (plan, basis);
    }

    private async Task<CarePlan> LoadForWriteAsync(long id, CancellationToken ct)
    {
        RequireWriter();
        var elders = ElderScope.Apply(db.Elders, user, forWrite: true);
        return await db.Set<CarePlan>().AsTracking().Include(p => p.Items).Where(p => elders.Any(e => e.Id == p.ElderId))
                   .FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw NoPlan();
    }

    private static ConflictException NotDraft(CarePlan p) => p.Status == CarePlanStatus.Confirmed
        ? new ConflictException("confirmed", "该照护计划已确认，不能修改；如需调整，请修订（生成新计划）或结束计划。")
        : new ConflictException("ended", "该照护计划已结束，不能修改。");

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrency", "记录已被他人修改，请刷新后再试。");
        }
    }

    /// <summary>Edits a draft (goals, items, start, note); version or If-Match. Confirmed and ended plans → 409.</summary>
    public async Task<CarePlanDto> UpdateAsync(long id, CarePlanInput input, int? ifMatchVersion, CancellationToken ct)
    {
        var plan = await LoadForWriteAsync(id, ct);
        if (plan.Status != CarePlanStatus.Draft) throw NotDraft(plan);
        Etags.CheckVersion(plan.Version, ifMatchVersion, input.Version);
        var v = await ValidateAsync(input with { Goals = input.Goals, StartOn = input.StartOn ?? plan.StartOn }, plan.StartOn, ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            plan.GoalsJson = JsonSerializer.Serialize(v.Goals, Json);
            plan.StartOn = v.StartOn;
            plan.Note = v.Note;
            plan.UpdatedAt = clock.GetUtcNow();
            plan.Version++;
            db.RemoveRange(plan.Items);
            await SaveAsync(ct); // old lines go first: (plan, line) and (plan, service code) are unique
            plan.Items.AddRange(v.Items);
            await SaveAsync(ct);
            await tx.CommitAsync(ct);
        }
        await audit.RecordAsync("assessments.care-plan.update", "care-plan", plan.Id.ToString(CultureInfo.InvariantCulture), plan.ElderId);
        return await GetAsync(plan.Id, ct, audited: false);
    }

    /// <summary>
    /// Confirms a draft: it becomes the elder's current plan. A revision ends the plan it replaces in the same
    /// transaction; any other confirmed plan → 409 (also when a concurrent confirmation wins: the partial unique index).
    /// With an expired assessment behind the plan, items covered by 长护险 cannot be confirmed (409).
    /// </summary>
    public async Task<CarePlanDto> ConfirmAsync(long id, int? ifMatchVersion, CancellationToken ct)
    {
        var plan = await LoadForWriteAsync(id, ct);
        if (plan.Status != CarePlanStatus.Draft) throw NotDraft(plan);
        if (ifMatchVersion is not null) Etags.CheckVersion(plan.Version, ifMatchVersion, null);
        if (plan.Items.Count == 0) throw new ConflictException("no-items", "照护计划没有服务项目，不能确认。");
        var today = Today;
        var basis = await db.Set<Assessment>().AsNoTracking().FirstAsync(a => a.Id == plan.AssessmentId, ct);
        if (!CareLevelRules.ValidOn(basis.NextDue, today) && plan.Items.Any(i => i.LtcCovered))
            throw new ConflictException("assessment-expired",
                $"计划依据的评估已过期（应于 {basis.NextDue:yyyy年M月d日} 复评），不能确认长护险支付的服务项目；请先完成复评，或取消这些项目的长护险支付。");
        var current = await db.Set<CarePlan>().AsTracking()
            .FirstOrDefaultAsync(p => p.ElderId == plan.ElderId && p.Status == CarePlanStatus.Confirmed, ct);
        if (current is not null && current.Id != plan.PreviousId)
            throw new ConflictException("plan-exists", "该老年人已有生效的照护计划；请修订现有计划，或先结束它。");

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (current is not null)
            {
                var end = plan.StartOn.AddDays(-1);
                if (end > today) end = today;
                if (end < current.StartOn) end = current.StartOn;
                current.Status = CarePlanStatus.Ended;
                current.EndedOn = end;
                current.EndReason = "已修订为新计划";
                current.UpdatedAt = now;
                current.Version++;
                db.TimelineEvents.Add(Event(current.ElderId, "assessments.care-plan.ended", $"照护计划结束（已修订）：{current.CareLevelName}"));
                await db.SaveChangesAsync(ct);
            }
            plan.Status = CarePlanStatus.Confirmed;
            plan.ConfirmedAt = now;
            plan.ConfirmedBy = Actor;
            plan.UpdatedAt = now;
            plan.Version++;
            db.TimelineEvents.Add(Event(plan.ElderId, "assessments.care-plan.confirmed", "确认照护计划：" + Summary(plan)));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrency", "记录已被他人修改，请刷新后再试。");
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("plan-exists", "该老年人已有生效的照护计划；请修订现有计划，或先结束它。");
        }
        await audit.RecordAsync("assessments.care-plan.confirm", "care-plan", plan.Id.ToString(CultureInfo.InvariantCulture), plan.ElderId,
            current is null ? null : $"ended={current.Id}");
        return await GetAsync(plan.Id, ct, audited: false);
    }

    /// <summary>Ends a confirmed plan on a date (default today; not before its start, not in the future) with a reason.</summary>
    public async Task<CarePlanDto> EndAsync(long id, EndPlanInput input, CancellationToken ct)
    {
        var plan = await LoadForWriteAsync(id, ct);
        if (plan.Status != CarePlanStatus.Confirmed)
            throw plan.Status == CarePlanStatus.Draft
                ? new ConflictException("draft", "草稿尚未生效，无需结束。")
                : new ConflictException("ended", "该照护计划已结束。");
        var errors = new FieldErrors();
        var today = Today;
        var on = input.EndedOn ?? today;
        if (on > today) errors.Add("endedOn", "结束日期不能晚于今天。");
        else if (on < plan.StartOn) errors.Add("endedOn", "结束日期不能早于计划开始日期。");
        var reason = Masking.Scrub((input.Reason ?? "").Trim());
        if (reason.Length is < 2 or > 200) errors.Add("reason", "请填写结束原因（2–200 个字）。");
        errors.ThrowIfAny();
        plan.Status = CarePlanStatus.Ended;
        plan.EndedOn = on;
        plan.EndReason = reason;
        plan.UpdatedAt = clock.GetUtcNow();
        plan.Version++;
        db.TimelineEvents.Add(Event(plan.ElderId, "assessments.care-plan.ended", $"照护计划结束：{plan.CareLevelName}，{on:yyyy-MM-dd}，{reason}"));
        await SaveAsync(ct);
        await audit.RecordAsync("assessments.care-plan.end", "care-plan", plan.Id.ToString(CultureInfo.InvariantCulture), plan.ElderId);
        return await GetAsync(plan.Id, ct, audited: false);
    }

    /// <summary>
    /// Revises a confirmed plan: a new draft linked to it, with the care level of the latest assessment and a copy of the
    /// goals and items (to edit). The confirmed plan stays in force until the revision is confirmed. One revision per plan.
    /// </summary>
    public async Task<CarePlanDto> ReviseAsync(long id, CancellationToken ct)
    {
        var previous = await LoadForWriteAsync(id, ct);
        if (previous.Status != CarePlanStatus.Confirmed)
            throw new ConflictException("not-confirmed", "只有生效中的照护计划可以修订。");
        if (await db.Set<CarePlan>().AnyAsync(p => p.PreviousId == id, ct))
            throw new ConflictException("already-revised", "该照护计划已有修订稿，请编辑修订稿。");
        var elder = await db.Elders.AsNoTracking().FirstAsync(e => e.Id == previous.ElderId, ct);
        var today = Today;
        var input = new CarePlanInput(elder.Id, JsonSerializer.Deserialize<List<string>>(previous.GoalsJson, Json),
            previous.Items.OrderBy(i => i.LineNo).Select(i => new CarePlanItemInput(i.ServiceCode, i.ServiceName, i.FrequencyCount, i.FrequencyUnit,
                i.ResponsibleOrganizationId, i.ResponsibleTeamId, i.StartOn < today ? today : i.StartOn, i.EndOn is { } e && e < today ? today : i.EndOn,
                i.LtcCovered)).ToList(), today, previous.Note, null);
        var (plan, _) = await NewDraftAsync(elder, input, previous, ct);
        db.Add(plan);
        db.TimelineEvents.Add(Event(elder.Id, "assessments.care-plan.drafted", "修订照护计划（草稿）：" + Summary(plan)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("already-revised", "该照护计划已有修订稿，请编辑修订稿。");
        }
        await audit.RecordAsync("assessments.care-plan.revise", "care-plan", plan.Id.ToString(CultureInfo.InvariantCulture), elder.Id,
            $"previous={previous.Id}");
        return await GetAsync(plan.Id, ct, audited: false);
    }

    // ---------------------------------------------------------------- plans: reads

    public async Task<CarePlanDto> GetAsync(long id, CancellationToken ct, bool audited = true)
    {
        var elders = ElderScope.Apply(db.Elders, user);
        var plan = await db.Set<CarePlan>().AsNoTracking().Include(p => p.Items).Where(p => elders.Any(e => e.Id == p.ElderId))
            .FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw NoPlan();
        var dto = (await ToDtosAsync([plan], ct))[0];
        if (audited)
            await audit.RecordAsync("assessments.care-plan.view", "care-plan", plan.Id.ToString(CultureInfo.InvariantCulture), plan.ElderId, wait: false);
        return dto;
    }

    /// <summary>An elder's plans, newest first.</summary>
    public async Task<IReadOnlyList<CarePlanDto>> ListAsync(long? elderId, CancellationToken ct)
    {
        var elder = await ScopedElderAsync(elderId, ct);
        var plans = await db.Set<CarePlan>().AsNoTracking().Include(p => p.Items).Where(p => p.ElderId == elder.Id)
            .OrderByDescending(p => p.Id).Take(200).ToListAsync(ct);
        await audit.RecordAsync("assessments.care-plan.list", "elder", elder.Id.ToString(CultureInfo.InvariantCulture), elder.Id, wait: false);
        return await ToDtosAsync(plans, ct);
    }

    /// <summary>The organizations and teams a plan item can name (the elder's team, responsible organization, the user's).</summary>
    public async Task<IReadOnlyList<ResponsibleOption>> ResponsibleOptionsAsync(long elderId, CancellationToken ct)
    {
        var elder = await ScopedElderAsync(elderId, ct);
        var options = new List<ResponsibleOption>();
        if (await TeamOfAsync(elder.Id, ct) is { } teamId)
        {
            var team = await db.Set<FamilyDoctorTeam>().AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).FirstAsync(ct);
            options.Add(new(Responsible.Team, teamId, "家庭医生团队：" + team));
        }
        var orgIds = new[] { elder.ResponsibleOrganizationId, user.OrganizationId }.OfType<long>().Distinct().ToList();
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        options.AddRange(orgs.Select(o => new ResponsibleOption(Responsible.Organization, o.Id, o.Name)));
        return options;
    }

    private async Task<List<CarePlanDto>> ToDtosAsync(List<CarePlan> plans, CancellationToken ct)
    {
        var today = Today;
        var ids = plans.Select(p => p.Id).ToList();
        var elderIds = plans.Select(p => p.ElderId).Distinct().ToList();
        var assessmentIds = plans.Select(p => p.AssessmentId).Distinct().ToList();
        var names = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var assessments = await db.Set<Assessment>().AsNoTracking().Where(a => assessmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var successors = await db.Set<CarePlan>().AsNoTracking().Where(p => p.PreviousId != null && ids.Contains(p.PreviousId.Value))
            .Select(p => new { p.Id, Previous = p.PreviousId!.Value }).ToListAsync(ct);
        var orgIds = plans.SelectMany(p => p.Items).Select(i => i.ResponsibleOrganizationId).OfType<long>().Distinct().ToList();
        var teamIds = plans.SelectMany(p => p.Items).Select(i => i.ResponsibleTeamId).OfType<long>().Distinct().ToList();
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var teams = await db.Set<FamilyDoctorTeam>().AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return plans.Select(p =>
        {
            var basis = Basis(assessments[p.AssessmentId], today);
            return new CarePlanDto(p.Id, p.ElderId, names.GetValueOrDefault(p.ElderId) ?? "", StatusCode(p.Status), StatusName(p.Status),
                new CareLevelDef(p.CareLevelCode, p.CareLevelName), p.MappingVersion, basis, p.Status != CarePlanStatus.Ended && basis.Expired,
                JsonSerializer.Deserialize<List<string>>(p.GoalsJson, Json) ?? [],
                p.Items.OrderBy(i => i.LineNo).Select(i => new CarePlanItemDto(i.Id, i.LineNo, i.ServiceCode, i.ServiceName, i.FrequencyCount,
                    i.FrequencyUnit, FrequencyUnits.Describe(i.FrequencyCount, i.FrequencyUnit), i.ResponsibleKind, i.ResponsibleOrganizationId,
                    i.ResponsibleTeamId,
                    i.ResponsibleTeamId is { } t ? "家庭医生团队：" + teams.GetValueOrDefault(t) : orgs.GetValueOrDefault(i.ResponsibleOrganizationId ?? 0) ?? "",
                    i.StartOn, i.EndOn, i.LtcCovered)).ToList(),
                p.StartOn, p.Note, p.PreviousId, successors.FirstOrDefault(s => s.Previous == p.Id)?.Id, p.EndedOn, p.EndReason, p.CreatedBy,
                p.CreatedAt, p.ConfirmedBy, p.ConfirmedAt, p.Version);
        }).ToList();
    }

    public static string StatusCode(CarePlanStatus s) => s switch
    {
        CarePlanStatus.Draft => "draft",
        CarePlanStatus.Confirmed => "confirmed",
        _ => "ended",
    };

    public static string StatusName(CarePlanStatus s) => s switch
    {
        CarePlanStatus.Draft => "草稿",
        CarePlanStatus.Confirmed => "生效中",
        _ => "已结束",
    };
}
