using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Institutions;

/// <summary>转床: a resident moves to a free bed of the same institution.</summary>
public sealed class TransferBed(YiyangDb db, InstitutionAccess access, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/stays/{id:long}/transfer", async Task<Ok<StayDto>> (long id, TransferInput input, TransferBed handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input, ct)))
            .ProducesProblems(400, 404, 409)
            .WithSummary("转床：同一机构内转入空闲床位");

    public async Task<StayDto> HandleAsync(long id, TransferInput input, CancellationToken ct)
    {
        if (input.BedId is null) throw ValidationFailedException.For("bedId", "请选择转入的床位。");
        var stay = await access.OpenStayAsync(id, ct);
        if (stay.BedId == input.BedId) throw ValidationFailedException.For("bedId", "转入床位与当前床位相同。");
        var from = await access.BedAsync(stay.OrganizationId, stay.BedId, ct);
        var to = await access.BedAsync(stay.OrganizationId, input.BedId, ct);
        await access.RequireBedFreeAsync(to, ct);
        stay.BedId = to.Id;
        stay.UpdatedAt = clock.GetUtcNow();
        stay.Version++;
        db.TimelineEvents.Add(TimelineEvent.Create(stay.ElderId, stay.UpdatedAt, "institutions.stay.transferred", InstitutionAccess.TimelineModule,
            $"转床：{InstitutionMapping.Label(from)} → {InstitutionMapping.Label(to)}（{BedRules.KindName(to.Kind)}）", access.Actor));
        await access.SaveAsync("目标床位已有住户。", ct);
        await audit.RecordAsync("institutions.stay.transfer", "stay", stay.Id.ToString(), stay.ElderId, $"bed {from.Id}->{to.Id}");
        return await access.StayAsync(stay.Id, ct);
    }
}
