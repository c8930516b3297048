using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Institutions;

/// <summary>外出返回: records the actual return from the open leave of a stay.</summary>
public sealed class ReturnFromLeave(YiyangDb db, InstitutionAccess access, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/stays/{id:long}/leaves/return", async Task<Ok<LeaveDto>> (long id, LeaveReturnInput input, ReturnFromLeave handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input, ct)))
            .ProducesProblems(400, 404, 409)
            .WithSummary("外出返回：登记实际返回日期");

    public async Task<LeaveDto> HandleAsync(long stayId, LeaveReturnInput input, CancellationToken ct)
    {
        var stay = await access.OpenStayAsync(stayId, ct);
        var leave = await db.Set<InstitutionLeave>().FirstOrDefaultAsync(l => l.StayId == stay.Id && l.ReturnedOn == null, ct)
                    ?? throw new ConflictException("no-open-leave", "该老人当前没有外出记录。");
        var today = clock.ChinaToday();
        var on = input.ReturnedOn ?? today;
        if (on < leave.StartOn) throw ValidationFailedException.For("returnedOn", "返回日期不能早于外出日期。");
        if (on > today.AddDays(1)) throw ValidationFailedException.For("returnedOn", "返回日期不能晚于今天。");
        leave.ReturnedOn = on;
        leave.UpdatedAt = clock.GetUtcNow();
        leave.Version++;
        db.TimelineEvents.Add(TimelineEvent.Create(stay.ElderId, leave.UpdatedAt, "institutions.leave.returned", InstitutionAccess.TimelineModule,
            $"外出返回（{LeaveRules.KindName(leave.Kind)}）：{on:yyyy-MM-dd}，外出 {on.DayNumber - leave.StartOn.DayNumber} 天", access.Actor));
        await access.SaveAsync("该外出记录已被他人修改。", ct);
        await audit.RecordAsync("institutions.leave.return", "stay", stay.Id.ToString(), stay.ElderId);
        return InstitutionMapping.ToDto(leave, today);
    }
}
