using Yiyang.Modules.Assessments.CarePlans;

namespace Yiyang.Modules.DailyCare;

/// <summary>更正照护记录 on the day it was made (versioned: If-Match or version; audited).</summary>
public sealed class CorrectCareRecord(YiyangDb db, AuditTrail audit, TimeProvider clock, DailyCareAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/records/{id:long}", async Task<Ok<CareRecordDto>> (long id, CorrectionInput input, IfMatch ifMatch, CorrectCareRecord handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 404, 409, 412)
            .WithSummary("更正照护记录：仅限登记当天；需 If-Match 或 version");

    public async Task<CareRecordDto> HandleAsync(long id, CorrectionInput input, int? ifMatchVersion, CancellationToken ct)
    {
        var record = await db.Set<DailyCareRecord>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("未找到该照护记录，或您无权查看。");
        var stay = await access.StayAsync(record.StayId, true, ct);
        var now = clock.GetUtcNow();
        if (!DailyCareRules.Correctable(record.CreatedAt, now))
            throw new ConflictException("correction-closed", "照护记录只能在登记当天更正。");
        Etags.CheckVersion(record.Version, ifMatchVersion, input.Version);
        DailyCareRules.ValidateOutcome("", input.Status, input.Reason, input.Note).ThrowIfAny();
        var status = DailyCareRules.ParseStatus(input.Status)!.Value;
        var reason = status == CareStatus.NotDone ? DailyCareRules.ParseReason(input.Reason) : null;
        var wasPhysical = record.Reason == NotDoneReason.Physical;
        record.Status = status;
        record.Reason = reason;
        record.Note = string.IsNullOrWhiteSpace(input.Note) ? null : Masking.Scrub(input.Note.Trim());
        record.CorrectedBy = access.Actor;
        record.UpdatedAt = now;
        record.Version++;
        if (reason == NotDoneReason.Physical && !wasPhysical)
        {
            var serviceName = await db.Set<CarePlanItem>().AsNoTracking().Where(i => i.Id == record.PlanItemId).Select(i => i.ServiceName).FirstAsync(ct);
            db.TimelineEvents.Add(access.PhysicalEvent(stay.ElderId, now, serviceName, record.CareOn));
        }
        await db.SaveOrConflictAsync(ct, onConcurrency: () => new PreconditionFailedException());
        await audit.RecordAsync("daily-care.record.correct", "stay", stay.Id.ToString(), stay.ElderId, $"record {record.Id}");
        return DailyCareAccess.ToDto(record, now);
    }
}
