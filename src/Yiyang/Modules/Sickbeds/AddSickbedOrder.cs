namespace Yiyang.Modules.Sickbeds;

/// <summary>下达医嘱 (长期/临时) by the physician, starting now or at the given time.</summary>
public sealed class AddSickbedOrder(YiyangDb db, AuditTrail audit, TimeProvider clock, SickbedAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/orders", async Task<Created<OrderDto>> (long id, OrderInput input, AddSickbedOrder handler, CancellationToken ct) =>
            {
                var o = await handler.HandleAsync(id, input, ct);
                return TypedResults.Created($"/api/sickbeds/{id}", o);
            })
            .RequireAuthorization(SickbedPolicies.Write)
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("下达医嘱（医生）：long-term 长期医嘱 / temporary 临时医嘱、内容、开始时间");

    public async Task<OrderDto> HandleAsync(long id, OrderInput input, CancellationToken ct)
    {
        access.DemandDoctor();
        var s = await access.LoadForWriteAsync(id, ct);
        SickbedAccess.Allow(s, SickbedAction.Order);
        var errors = new FieldErrors();
        var kind = SickbedRules.ParseOrderKind(input.Kind);
        if (kind is null) errors.Add("kind", "医嘱类型只能是长期医嘱（long-term）或临时医嘱（temporary）。");
        var text = SickbedAccess.Text(input.Text);
        if (text is null || text.Length > 500) errors.Add("text", "请填写医嘱内容（最多 500 个字）。");
        var now = clock.GetUtcNow();
        var startsAt = (input.StartsAt ?? now).ToUniversalTime(); // PostgreSQL stores UTC instants only
        if (startsAt.ChinaDate() < s.OpenedOn || startsAt > now.AddDays(30))
            errors.Add("startsAt", "医嘱开始时间应在建床日期之后、30 天之内。");
        errors.ThrowIfAny();
        var order = new SickbedOrder
        {
            SickbedId = s.Id,
            Kind = kind!.Value,
            Text = text!,
            StartsAt = startsAt,
            OrderedByUser = access.Actor,
            CountyCode = s.CountyCode,
        };
        db.Add(order);
        db.TimelineEvents.Add(access.Event(s.ElderId, "sickbeds.order.added", $"家庭病床{SickbedRules.OrderKindName(order.Kind)}：开始 {startsAt.ChinaText()}"));
        await access.SaveAsync(ct);
        await audit.RecordAsync("sickbeds.order.add", "sickbed", s.Id.ToString(), s.ElderId, $"order={order.Id}");
        return SickbedMapping.ToDto(order);
    }
}
