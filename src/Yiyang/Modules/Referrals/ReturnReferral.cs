using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Referrals;

/// <summary>回转单: the hospital sends an arrived up-referral back down to the organization that sent it.</summary>
public sealed record ReturnInput(
    string? Destination, string? Indication, string? Reason, string? Urgency, string? ToDepartment,
    string? Diagnosis, string? InpatientNo, string? MainResults, string? TreatmentCourse, string? NextStepAdvice, string? ReferringDoctor);

/// <summary>回转: the hospital sends an arrived up-referral back down with the 回转单; the up-referral becomes 回转.</summary>
public sealed class ReturnReferral(YiyangDb db, TimeProvider clock, AuditTrail audit, ReferralAccess access, GetReferral reader)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/return", async Task<Created<ReferralDto>> (long id, ReturnInput input, IfMatch ifMatch,
                ReturnReferral handler, CancellationToken ct) =>
            {
                var down = await handler.HandleAsync(id, input, ifMatch.Version, ct);
                return TypedResults.Created($"/api/referrals/{down.Id}", down);
            })
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("回转：医院为已到达的上转开具回转单（diagnosis 诊断结果、nextStepAdvice 下一步治疗方案及康复建议必填），生成发往原转出机构的下转；原上转变为已回转");

    /// <summary>The validated 回转单.</summary>
    private sealed record Form(
        ReferralRules.Indication Indication, string Destination, string Reason, ReferralUrgency Urgency, string? Department,
        string? Diagnosis, string? Inpatient, string? Results, string? Course, string? Advice, string? Doctor);

    public async Task<ReferralDto> HandleAsync(long id, ReturnInput input, int? ifMatch, CancellationToken ct)
    {
        var up = await access.LoadForUpdateAsync(id, ct);
        ReferralAccess.Enforce(ReferralRules.Decide(up.Status, up.Direction, ReferralAction.Return, access.SideOf(up)));
        if (ifMatch is not null) Etags.CheckVersion(up.Version, ifMatch, null);
        var from = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == up.FromOrganizationId, ct);
        var form = Validate(input, from);

        var now = clock.GetUtcNow();
        var down = Build(up, form, now);
        up.Status = ReferralStatus.Returned;
        up.ReturnedAt = now;
        up.UpdatedAt = now;
        up.Version++;
        db.Add(down);
        var hospital = await access.OrgNameAsync(up.ToOrganizationId, ct);
        db.TimelineEvents.Add(TimelineEvent.Create(up.ElderId, now, "referrals.returned", ReferralAccess.Module,
            $"回转：{hospital} → {from.Name}（{ReferralRules.DestinationName(form.Destination)}），指征：{form.Indication.Name}", access.Actor));
        await access.SaveAsync(ct);
        await audit.RecordAsync("referrals.return", "referral", up.Id.ToString(), up.ElderId, "down " + down.Id);
        await audit.RecordAsync("referrals.create", "referral", down.Id.ToString(), up.ElderId, "down; answers " + up.Id);
        return await reader.HandleAsync(down.Id, ct, audited: false);
    }

    /// <summary>The 回转单's fields; the destination defaults by the kind of organization it goes back to.</summary>
    private static Form Validate(ReturnInput input, Organization from)
    {
        var errors = new FieldErrors();
        var indication = ReferralRules.FindIndication(input.Indication);
        if (indication is not { Direction: ReferralDirection.Down }) errors.Add("indication", "请选择下转指征。");
        var destination = ReferralFields.Clean(input.Destination) ?? (from.Kind == OrganizationKind.ElderlyCare ? "care-home" : "community");
        if (ReferralRules.DestinationName(destination) is null) errors.Add("destination", ReferralFields.DestinationMessage);
        var reason = ReferralFields.Text(errors, "reason", "转诊原因", input.Reason, false, 500) ?? indication?.Name;
        var urgency = ReferralRules.ParseUrgency(input.Urgency);
        if (urgency is null) errors.Add("urgency", ReferralFields.UrgencyMessage);
        var department = ReferralFields.Text(errors, "toDepartment", "接收科室", input.ToDepartment, false, 50);
        var diagnosis = ReferralFields.Text(errors, "diagnosis", "诊断结果", input.Diagnosis, true);
        var inpatient = ReferralFields.Text(errors, "inpatientNo", "住院病案号", input.InpatientNo, false, 32);
        var results = ReferralFields.Text(errors, "mainResults", "主要检查结果", input.MainResults, false);
        var course = ReferralFields.Text(errors, "treatmentCourse", "治疗经过", input.TreatmentCourse, false);
        var advice = ReferralFields.Text(errors, "nextStepAdvice", "下一步治疗方案及康复建议", input.NextStepAdvice, true);
        var doctor = ReferralFields.Text(errors, "referringDoctor", "转诊医生", input.ReferringDoctor, false, 64);
        errors.ThrowIfAny();
        return new Form(indication!, destination, reason!, urgency!.Value, department, diagnosis, inpatient, results, course, advice, doctor);
    }

    private Referral Build(Referral up, Form f, DateTimeOffset now) => new()
    {
        Direction = ReferralDirection.Down,
        Status = ReferralStatus.Requested,
        ElderId = up.ElderId,
        FromOrganizationId = up.ToOrganizationId,
        ToOrganizationId = up.FromOrganizationId,
        ToDepartment = f.Department,
        Destination = f.Destination,
        ParentReferralId = up.Id,
        Indication = f.Indication.Code,
        Reason = f.Reason,
        Urgency = f.Urgency,
        Diagnosis = f.Diagnosis,
        InpatientNo = f.Inpatient,
        MainResults = f.Results,
        TreatmentCourse = f.Course,
        NextStepAdvice = f.Advice,
        ReferringDoctor = f.Doctor ?? access.Actor,
        RequestedAt = now,
        UpdatedAt = now,
        TownshipCode = up.TownshipCode,
        CountyCode = up.CountyCode,
        CreatedByUser = access.Actor,
    };
}
