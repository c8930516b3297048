using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Sickbeds;

/// <summary>申请家庭病床: an elder, the applying medical institution (staff: their own), the reason and the diagnosis.</summary>
public sealed class ApplyForSickbed(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock, SickbedAccess access, GetSickbed get)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/", async Task<Created<SickbedDto>> (ApplicationInput input, ApplyForSickbed handler, CancellationToken ct) =>
            {
                var s = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/sickbeds/{s.Id}", s);
            })
            .RequireAuthorization(SickbedPolicies.Write)
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("申请家庭病床：老年人、申请医疗机构（机构人员为本机构）、申请理由、诊断（ICD-10 编码与名称）；已有未撤床的家庭病床或正在养老/医养结合机构入住时 409");

    public async Task<SickbedDto> HandleAsync(ApplicationInput input, CancellationToken ct)
    {
        access.DemandWriter();
        var (orgId, reason, code, name, appliedOn) = Validate(input);
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct);
        if (org is null || org.Kind is not (OrganizationKind.Medical or OrganizationKind.Integrated))
            throw ValidationFailedException.For("organizationId", "家庭病床须由医疗机构（含医养结合机构）申请和开设。");
        var elder = await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite: true).FirstOrDefaultAsync(e => e.Id == input.ElderId, ct)
                    ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
        await access.CheckConflictsAsync(elder.Id, ct);
        var open = await db.Set<Sickbed>().AsNoTracking()
            .Where(s => s.ElderId == elder.Id && (s.Status == SickbedStatus.Applied || s.Status == SickbedStatus.Approved || s.Status == SickbedStatus.Opened))
            .Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
        if (open is not null) throw SickbedAccess.OpenExists(open);

        var now = clock.GetUtcNow();
        var bed = new Sickbed
        {
            ElderId = elder.Id,
            OrganizationId = org.Id,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            Status = SickbedStatus.Applied,
            ApplicationReason = reason,
            DiagnosisCode = code,
            DiagnosisName = name,
            AppliedOn = appliedOn,
            AppliedByUser = access.Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(bed);
        db.TimelineEvents.Add(access.Event(elder.Id, "sickbeds.applied", $"申请家庭病床（{org.Name}）：{code} {name}"));
        await access.SaveAsync(ct);
        await audit.RecordAsync("sickbeds.apply", "sickbed", bed.Id.ToString(), elder.Id);
        return await get.HandleAsync(bed.Id, ct, audited: false);
    }

    private (long OrgId, string Reason, string Code, string Name, DateOnly AppliedOn) Validate(ApplicationInput input)
    {
        var errors = new FieldErrors();
        if (input.ElderId is null) errors.Add("elderId", "请选择申请家庭病床的老年人。");
        var reason = SickbedAccess.Text(input.Reason);
        if (reason is null || reason.Length > 500) errors.Add("reason", "请填写申请理由（最多 500 个字）。");
        var (code, name) = SickbedAccess.Diagnosis(errors, input.DiagnosisCode, input.DiagnosisName, required: true);
        var today = clock.ChinaToday();
        var appliedOn = input.AppliedOn ?? today;
        access.CheckDate(errors, "appliedOn", appliedOn, today.AddDays(-30), "30 天前");
        long? orgId = access.IsStaff ? user.OrganizationId : input.OrganizationId;
        if (access.IsStaff && input.OrganizationId is { } given && given != user.OrganizationId)
            errors.Add("organizationId", "只能以本机构名义申请家庭病床。");
        if (orgId is null) errors.Add("organizationId", "请选择申请家庭病床的医疗机构。");
        errors.ThrowIfAny();
        return (orgId!.Value, reason!, code!, name!, appliedOn);
    }
}
