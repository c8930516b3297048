using System.Text.Json;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>A validated plan: goals, items, start and note.</summary>
public sealed record ValidPlan(List<string> Goals, List<CarePlanItem> Items, DateOnly StartOn, string? Note);

/// <summary>Validation of plan drafts and new drafts from the care level (proposed goals and items) for draft, edit and revision.</summary>
public sealed class CarePlanDrafting(
    YiyangDb db, CurrentUser user, TimeProvider clock, IOptions<CarePlanOptions> options, CareLevels levels, CarePlanAccess access)
{
    private const int MaxItems = 30;
    private const int MaxGoals = 10;

    public async Task<ValidPlan> ValidateAsync(CarePlanInput input, DateOnly? defaultStart, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = clock.ChinaToday();
        var startOn = input.StartOn ?? defaultStart ?? today;
        if (startOn < today.AddYears(-1) || startOn > today.AddYears(1)) errors.Add("startOn", "计划开始日期应在一年前至一年后之间。");
        var goals = Goals(input.Goals ?? [], errors);
        var note = Masking.Scrub((input.Note ?? "").Trim());
        if (note.Length > 200) errors.Add("note", "备注最多 200 个字。");
        var items = await ItemsAsync(input.Items ?? [], startOn, errors, ct);
        errors.ThrowIfAny();
        return new ValidPlan(goals, items, startOn, note.Length == 0 ? null : note);
    }

    private static List<string> Goals(List<string> rawGoals, FieldErrors errors)
    {
        var goals = new List<string>();
        if (rawGoals.Count(g => !string.IsNullOrWhiteSpace(g)) == 0) errors.Add("goals", "请至少填写一个照护目标。");
        else if (rawGoals.Count > MaxGoals) errors.Add("goals", $"照护目标最多 {MaxGoals} 个。");
        for (var i = 0; i < Math.Min(rawGoals.Count, MaxGoals); i++)
        {
            var g = Masking.Scrub((rawGoals[i] ?? "").Trim());
            if (g.Length == 0) continue;
            if (g.Length > 100) errors.Add($"goals[{i}]", "每个照护目标最多 100 个字。");
            else goals.Add(g);
        }
        return goals;
    }

    private async Task<List<CarePlanItem>> ItemsAsync(List<CarePlanItemInput> inputs, DateOnly startOn, FieldErrors errors, CancellationToken ct)
    {
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
            items.Add(Item(i, it, f, startOn, items, orgs, teams, errors));
        }
        return items;
    }

    private static CarePlanItem Item(int i, CarePlanItemInput it, string f, DateOnly startOn, List<CarePlanItem> items, List<long> orgs, List<long> teams,
        FieldErrors errors)
    {
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
        return new CarePlanItem
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
        };
    }

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
        var team = await access.TeamOfAsync(elder.Id, ct);
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

    /// <summary>
    /// A new draft for an elder: the care level of the latest signed unexpired assessment (or, when all have expired, of
    /// the latest one: the plan is flagged). Without items the goals and items are proposed from the care level.
    /// </summary>
    public async Task<CarePlan> NewDraftAsync(Elder elder, CarePlanInput input, CarePlan? previous, CancellationToken ct)
    {
        var l = await levels.LevelAsync(elder.Id, ct);
        var basis = l.Valid ?? l.Latest
            ?? throw new BusinessRuleException("no-assessment", "该老年人尚无已签署的老年人能力评估或长护险失能评估，请先完成评估。", 409);
        var mapping = await levels.MappingAsync(ct);
        var level = CareLevelRules.Apply(mapping.Map, basis.InstrumentCode, basis.LevelCode)
            ?? throw new BusinessRuleException("no-care-level", "评估结果没有对应的照护等级，请检查照护等级对应关系。", 409);
        var startOn = input.StartOn ?? clock.ChinaToday();
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
            GoalsJson = JsonSerializer.Serialize(v.Goals, CareLevels.Json),
            StartOn = v.StartOn,
            Note = v.Note,
            PreviousId = previous?.Id,
            CreatedBy = access.Actor,
            CreatedAt = now,
            UpdatedAt = now,
            Items = v.Items,
        };
        return plan;
    }
}
