using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Sickbeds;

/// <summary>建床: plan, services of a round, responsible doctor and nurse, rounds per week and the first cycle.</summary>
public sealed class OpenSickbed(YiyangDb db, AuditTrail audit, TimeProvider clock, SickbedAccess access, GetSickbed get, IOptions<SickbedOptions> options)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/open", async Task<Ok<SickbedDto>> (long id, OpenInput input, IfMatch ifMatch, OpenSickbed handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(SickbedPolicies.Write)
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("建床（医生）：治疗与护理计划、查床服务项目、责任医生与护士、每周查床次数（1–7，默认 Sickbeds:DefaultRoundsPerWeek）、周期结束日期（最长 Sickbeds:MaxCycleDays 天，默认 90）");

    private sealed record Opening(DateOnly OpenedOn, string? Code, string? Name, string Plan, string Doctor, string Nurse, int PerWeek, DateOnly EndsOn,
        List<SickbedPlanService> Services);

    public async Task<SickbedDto> HandleAsync(long id, OpenInput input, int? ifMatch, CancellationToken ct)
    {
        var s = await access.LoadForDecisionAsync(id, SickbedAction.Open, ifMatch, input.Version, ct);
        var o = Validate(s, input);
        await access.CheckConflictsAsync(s.ElderId, ct);
        if (o.Services.Count == 0)
            o.Services.Add(new SickbedPlanService { ServiceCode = SickbedRules.DefaultServiceCode, ServiceName = SickbedRules.DefaultServiceName, CountyCode = s.CountyCode });

        s.Status = SickbedStatus.Opened;
        s.OpenedOn = o.OpenedOn;
        if (o.Code is not null) (s.DiagnosisCode, s.DiagnosisName) = (o.Code, o.Name!);
        s.Plan = o.Plan;
        s.ResponsibleDoctor = o.Doctor;
        s.ResponsibleNurse = o.Nurse;
        s.RoundsPerWeek = o.PerWeek;
        s.CycleEndsOn = o.EndsOn;
        s.Services.Clear();
        s.Services.AddRange(o.Services);
        access.Touch(s);
        db.Add(new SickbedCycle
        {
            SickbedId = s.Id,
            Number = 1,
            StartsOn = o.OpenedOn,
            EndsOn = o.EndsOn,
            RoundsPerWeek = o.PerWeek,
            CreatedByUser = access.Actor,
            CreatedAt = s.UpdatedAt,
            CountyCode = s.CountyCode,
        });
        db.TimelineEvents.Add(access.Event(s.ElderId, "sickbeds.opened",
            $"建立家庭病床：{o.OpenedOn:yyyy-MM-dd} 至 {o.EndsOn:yyyy-MM-dd}，诊断 {s.DiagnosisCode} {s.DiagnosisName}，查床每周至少 {o.PerWeek} 次"));
        await access.SaveAsync(ct);
        await audit.RecordAsync("sickbeds.open", "sickbed", s.Id.ToString(), s.ElderId);
        return await get.HandleAsync(s.Id, ct, audited: false);
    }

    private Opening Validate(Sickbed s, OpenInput input)
    {
        var maxCycleDays = Math.Clamp(options.Value.MaxCycleDays, 1, 366);
        var errors = new FieldErrors();
        var openedOn = input.OpenedOn ?? clock.ChinaToday();
        access.CheckDate(errors, "openedOn", openedOn, s.AssessedOn ?? s.AppliedOn, "评估日期");
        var (code, name) = SickbedAccess.Diagnosis(errors, input.DiagnosisCode, input.DiagnosisName, required: false);
        var plan = SickbedAccess.Text(input.Plan);
        if (plan is null || plan.Length > 2000) errors.Add("plan", "请填写治疗与护理计划（最多 2000 个字）。");
        var doctor = string.IsNullOrWhiteSpace(input.ResponsibleDoctor) ? null : input.ResponsibleDoctor.Trim();
        if (doctor is null || doctor.Length > 50) errors.Add("responsibleDoctor", "请填写责任医生（最多 50 个字）。");
        var nurse = string.IsNullOrWhiteSpace(input.ResponsibleNurse) ? null : input.ResponsibleNurse.Trim();
        if (nurse is null || nurse.Length > 50) errors.Add("responsibleNurse", "请填写责任护士（最多 50 个字）。");
        var perWeek = input.RoundsPerWeek ?? Math.Clamp(options.Value.DefaultRoundsPerWeek, 1, 7);
        if (perWeek is < 1 or > 7) errors.Add("roundsPerWeek", "查床频次应为每周 1 至 7 次。");
        var endsOn = input.CycleEndsOn ?? SickbedRules.DefaultCycleEnd(openedOn, maxCycleDays);
        if (SickbedRules.CycleProblem(openedOn, endsOn, maxCycleDays) is { } cycleProblem) errors.Add("cycleEndsOn", cycleProblem);
        var services = PlannedServices(errors, input.Services ?? [], s.CountyCode);
        errors.ThrowIfAny();
        return new Opening(openedOn, code, name, plan!, doctor!, nurse!, perWeek, endsOn, services);
    }

    /// <summary>The services of a round (at most 30, codes unique).</summary>
    private static List<SickbedPlanService> PlannedServices(FieldErrors errors, List<HomeVisits.PlannedServiceInput> list, string countyCode)
    {
        var services = new List<SickbedPlanService>();
        if (list.Count > 30) errors.Add("services", "计划服务最多 30 项。");
        for (var i = 0; i < list.Count; i++)
        {
            var sc = (list[i].ServiceCode ?? "").Trim();
            var sn = (list[i].ServiceName ?? "").Trim();
            if (sc.Length is 0 or > 32) errors.Add($"services[{i}].serviceCode", "请填写服务项目编码（最多 32 位）。");
            else if (services.Any(x => x.ServiceCode == sc)) errors.Add($"services[{i}].serviceCode", "服务项目编码重复。");
            if (sn.Length is 0 or > 50) errors.Add($"services[{i}].serviceName", "请填写服务项目名称（最多 50 个字）。");
            services.Add(new SickbedPlanService { ServiceCode = sc, ServiceName = sn, CountyCode = countyCode });
        }
        return services;
    }
}
