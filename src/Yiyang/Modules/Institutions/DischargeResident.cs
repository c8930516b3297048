using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Institutions;

/// <summary>离院: a stay ends (出院 / 离院 / 死亡) and the bed is free again; not while the resident is on leave.</summary>
public sealed class DischargeResident(YiyangDb db, InstitutionAccess access, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/stays/{id:long}/discharge", async Task<Ok<StayDto>> (long id, DischargeInput input, DischargeResident handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input, ct)))
            .ProducesProblems(400, 404, 409)
            .WithSummary("离院：discharged 出院 / left 离院 / died 死亡；床位随即空出");

    public async Task<StayDto> HandleAsync(long id, DischargeInput input, CancellationToken ct)
    {
        var reason = BedRules.ParseReason(input.Reason)
                     ?? throw ValidationFailedException.For("reason", "离院原因只能是出院（discharged）、离院（left）或死亡（died）。");
        var stay = await access.OpenStayAsync(id, ct);
        if (await db.Set<InstitutionLeave>().AnyAsync(l => l.StayId == stay.Id && l.ReturnedOn == null, ct))
            throw new ConflictException("on-leave", "该老人外出（请假/住院）尚未返回，请先登记返回再办理离院。");
        var today = clock.ChinaToday();
        var on = input.DischargedOn ?? today;
        if (on < stay.AdmittedOn) throw ValidationFailedException.For("dischargedOn", "离院日期不能早于入住日期。");
        if (on > today.AddDays(1)) throw ValidationFailedException.For("dischargedOn", "离院日期不能晚于今天。");
        var bed = await access.BedAsync(stay.OrganizationId, stay.BedId, ct);
        stay.DischargedOn = on;
        stay.DischargeReason = reason;
        stay.UpdatedAt = clock.GetUtcNow();
        stay.Version++;
        db.TimelineEvents.Add(TimelineEvent.Create(stay.ElderId, stay.UpdatedAt, "institutions.stay.discharged", InstitutionAccess.TimelineModule,
            $"离院（{BedRules.ReasonName(reason)}）：{on:yyyy-MM-dd}，腾出{InstitutionMapping.Label(bed)}", access.Actor));
        await access.SaveAsync("该入住记录已被他人修改。", ct);
        await audit.RecordAsync("institutions.stay.discharge", "stay", stay.Id.ToString(), stay.ElderId, BedRules.ReasonCode(reason));
        return await access.StayAsync(stay.Id, ct);
    }
}
