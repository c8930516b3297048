using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.HomeVisits;

namespace Yiyang.Modules.Sickbeds;

/// <summary>
/// 查床: creates a home visit through <see cref="CreateVisit"/> (source ad hoc, the plan's services) and links it
/// in sickbed_round (a visit is the round of one sickbed at most). With an Idempotency-Key a retry answers with the same round.
/// </summary>
public sealed class AddSickbedRound(YiyangDb db, AuditTrail audit, TimeProvider clock, SickbedAccess access, CreateVisit createVisit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/rounds", async Task<Results<Created<RoundDto>, Ok<RoundDto>>> (long id, RoundInput? input,
                [FromHeader(Name = HomeVisitsApi.IdempotencyKeyHeader)] string? key, AddSickbedRound handler, HttpContext http, CancellationToken ct) =>
            {
                var r = await handler.HandleAsync(id, input ?? new RoundInput(null), key, ct);
                var location = $"/api/home-visits/{r.Round.VisitId}";
                if (!r.Replayed) return TypedResults.Created(location, r.Round);
                http.Response.Headers.Location = location;
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Ok(r.Round);
            })
            .RequireAuthorization(SickbedPolicies.Write)
            .ProducesProblems(400, 403, 404, 409, 422)
            .WithSummary("查床：按计划服务项目创建一次上门服务（临时出诊）并记为本病床的查床；带 Idempotency-Key 时重试返回同一次查床");

    public async Task<RoundResult> HandleAsync(long id, RoundInput input, string? idempotencyKey, CancellationToken ct)
    {
        access.DemandWriter();
        var s = await access.LoadForWriteAsync(id, ct);
        SickbedAccess.Allow(s, SickbedAction.Round);
        var date = input.PlannedDate ?? clock.ChinaToday();
        if (date < s.OpenedOn) throw ValidationFailedException.For("plannedDate", $"查床日期不能早于建床日期（{s.OpenedOn:yyyy-MM-dd}）。");
        if (date > s.CycleEndsOn)
            throw ValidationFailedException.For("plannedDate", $"查床日期超出本周期（至 {s.CycleEndsOn:yyyy-MM-dd}），请先续床或撤床。");
        var services = s.Services.OrderBy(x => x.Id).Select(x => new PlannedServiceInput(x.ServiceCode, x.ServiceName)).ToList();
        var created = await createVisit.HandleAsync(new VisitInput(s.ElderId, null, date, "ad-hoc", services), idempotencyKey, ct);
        var visitId = created.Visit.Id;
        var existing = await db.Set<SickbedRound>().AsNoTracking().FirstOrDefaultAsync(r => r.VisitId == visitId, ct);
        if (existing is not null)
        {
            if (existing.SickbedId != s.Id) throw new ConflictException("visit-linked", "该上门服务已是另一张家庭病床的查床记录。");
            return new RoundResult(await RoundAsync(existing.Id, ct), s.Id, true);
        }
        var round = new SickbedRound { SickbedId = s.Id, VisitId = visitId, CreatedByUser = access.Actor, CreatedAt = clock.GetUtcNow(), CountyCode = s.CountyCode };
        db.Add(round);
        db.TimelineEvents.Add(access.Event(s.ElderId, "sickbeds.round.planned", $"家庭病床查床：计划 {date:yyyy-MM-dd}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // the same key raced: the other request linked the visit
            db.ChangeTracker.Clear();
            var other = await db.Set<SickbedRound>().AsNoTracking().FirstOrDefaultAsync(r => r.VisitId == visitId, ct)
                        ?? throw new ConflictException("round", "请求正在处理中，请稍后重试。");
            return new RoundResult(await RoundAsync(other.Id, ct), s.Id, true);
        }
        await audit.RecordAsync("sickbeds.round.create", "sickbed", s.Id.ToString(), s.ElderId, $"visit={visitId}");
        return new RoundResult(await RoundAsync(round.Id, ct), s.Id, created.Replayed);
    }

    private async Task<RoundDto> RoundAsync(long roundId, CancellationToken ct)
    {
        var row = await (from r in db.Set<SickbedRound>().AsNoTracking()
                         join v in db.Set<HomeVisit>().AsNoTracking() on r.VisitId equals v.Id
                         where r.Id == roundId
                         select new { r, v.PlannedDate, v.Status, v.CompletedOn }).FirstAsync(ct);
        return SickbedMapping.ToDto(row.r, row.PlannedDate, row.Status, row.CompletedOn);
    }
}
