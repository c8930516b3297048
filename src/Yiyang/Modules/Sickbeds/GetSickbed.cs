using Yiyang.Modules.HomeVisits;

namespace Yiyang.Modules.Sickbeds;

/// <summary>家庭病床详情: the sickbed with its plan, cycles, rounds, orders and nursing records; a read of a person's record, audited.</summary>
public sealed class GetSickbed(YiyangDb db, SickbedAccess access, SickbedRoundStatuses roundStatuses, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}", async Task<Ok<SickbedDto>> (long id, GetSickbed handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404)
            .WithSummary("家庭病床详情：计划、周期（含续床历史）、查床（上门服务）、医嘱、护理记录与查床频次");

    public async Task<SickbedDto> HandleAsync(long id, CancellationToken ct, bool audited = true)
    {
        var s = await access.Scoped().AsNoTracking().Include(x => x.Services).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw SickbedAccess.NotFound();
        var elderName = await db.Elders.AsNoTracking().Where(e => e.Id == s.ElderId).Select(e => e.Name).FirstAsync(ct);
        var orgName = await db.Organizations.AsNoTracking().Where(o => o.Id == s.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        var cycles = await db.Set<SickbedCycle>().AsNoTracking().Where(c => c.SickbedId == id).OrderBy(c => c.Number).ToListAsync(ct);
        var rounds = await (from r in db.Set<SickbedRound>().AsNoTracking()
                            join v in db.Set<HomeVisit>().AsNoTracking() on r.VisitId equals v.Id
                            where r.SickbedId == id
                            select new { r, v.PlannedDate, v.Status, v.CompletedOn }).ToListAsync(ct);
        var orders = await db.Set<SickbedOrder>().AsNoTracking().Where(o => o.SickbedId == id).OrderByDescending(o => o.Id).ToListAsync(ct);
        var nursing = await db.Set<SickbedNursingRecord>().AsNoTracking().Where(n => n.SickbedId == id).OrderByDescending(n => n.Id).ToListAsync(ct);
        var status = s.Status == SickbedStatus.Opened
            ? roundStatuses.For(s, cycles.Select(c => (c.StartsOn, c.RoundsPerWeek)).ToList(),
                rounds.Where(r => r.CompletedOn != null).Select(r => r.CompletedOn!.Value))
            : null;
        if (audited) await audit.RecordAsync("sickbeds.view", "sickbed", s.Id.ToString(), s.ElderId, wait: false);
        return new SickbedDto(
            s.Id, s.ElderId, elderName, s.OrganizationId, orgName, s.TownshipCode, SickbedRules.StatusCode(s.Status), SickbedRules.StatusName(s.Status),
            s.ApplicationReason, s.DiagnosisCode, s.DiagnosisName, s.AppliedOn, s.AppliedByUser,
            s.AssessedOn, s.AssessmentNote, s.RejectionReason, s.AssessedByUser,
            s.OpenedOn, s.Plan, s.Services.OrderBy(x => x.Id).Select(x => new PlanServiceDto(x.ServiceCode, x.ServiceName)).ToList(),
            s.ResponsibleDoctor, s.ResponsibleNurse, s.RoundsPerWeek, s.CycleEndsOn,
            s.ClosedOn, s.CloseReason is { } cr ? SickbedRules.CloseReasonCode(cr) : null, s.CloseReason is { } cr2 ? SickbedRules.CloseReasonName(cr2) : null,
            s.CloseSummary,
            cycles.Select(c => new CycleDto(c.Number, c.StartsOn, c.EndsOn, c.RoundsPerWeek, c.Reassessment, c.CreatedByUser)).ToList(),
            rounds.OrderByDescending(r => r.PlannedDate).ThenByDescending(r => r.r.Id)
                .Select(r => SickbedMapping.ToDto(r.r, r.PlannedDate, r.Status, r.CompletedOn)).ToList(),
            orders.Select(SickbedMapping.ToDto).ToList(),
            nursing.Select(SickbedMapping.ToDto).ToList(),
            status, s.Version);
    }
}
