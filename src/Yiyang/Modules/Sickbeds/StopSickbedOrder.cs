namespace Yiyang.Modules.Sickbeds;

/// <summary>停止医嘱 (now or at the given time, not before it started).</summary>
public sealed class StopSickbedOrder(YiyangDb db, AuditTrail audit, TimeProvider clock, SickbedAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/orders/{orderId:long}/stop", async Task<Ok<OrderDto>> (long id, long orderId, StopOrderInput? input,
                StopSickbedOrder handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, orderId, input ?? new StopOrderInput(null), ct)))
            .RequireAuthorization(SickbedPolicies.Write)
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("停止医嘱（医生）");

    public async Task<OrderDto> HandleAsync(long id, long orderId, StopOrderInput input, CancellationToken ct)
    {
        access.DemandDoctor();
        var s = await access.LoadForWriteAsync(id, ct);
        SickbedAccess.Allow(s, SickbedAction.Order);
        var order = await db.Set<SickbedOrder>().FirstOrDefaultAsync(o => o.Id == orderId && o.SickbedId == s.Id, ct)
                    ?? throw new NotFoundException("未找到该医嘱。");
        if (order.StoppedAt is not null) throw new ConflictException("order-stopped", "该医嘱已停止。");
        var now = clock.GetUtcNow();
        var at = (input.StoppedAt ?? (now < order.StartsAt ? order.StartsAt : now)).ToUniversalTime();
        if (at < order.StartsAt || at > now.AddDays(30))
            throw ValidationFailedException.For("stoppedAt", "停止时间不能早于医嘱开始时间，也不能晚于 30 天后。");
        order.StoppedAt = at;
        order.StoppedByUser = access.Actor;
        db.TimelineEvents.Add(access.Event(s.ElderId, "sickbeds.order.stopped", $"停止家庭病床{SickbedRules.OrderKindName(order.Kind)}：{at.ChinaText()}"));
        await access.SaveAsync(ct);
        await audit.RecordAsync("sickbeds.order.stop", "sickbed", s.Id.ToString(), s.ElderId, $"order={order.Id}");
        return SickbedMapping.ToDto(order);
    }
}
