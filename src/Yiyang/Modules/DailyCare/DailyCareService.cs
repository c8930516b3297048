using Microsoft.EntityFrameworkCore;
using Yiyang.Modules.Assessments.CarePlans;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Institutions;
using Yiyang.Modules.Organizations;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.DailyCare;

/// <summary>
/// Daily care records (issue 5 item 3): for each resident of a care institution the items of the confirmed care plan that
/// the institution provides and that are due on a date (<see cref="DailyCareRules"/>), recorded done / not done with a
/// reason. Only the institution's own staff (and the platform admin) see and write them; the elder must be in the user's
/// write scope (<see cref="ElderScope"/> with <c>forWrite</c>), so a partner hospital never writes. Reads and writes are
/// audited; a not-done for 身体原因 goes to the elder's timeline (other records do not: one event per item and day would
/// drown the timeline).
/// </summary>
public sealed class DailyCareService(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock)
{
    private const string Module = "daily-care";
    private const int MaxBatch = 50;

    private DateOnly Today => DailyCareRules.ChinaDate(clock.GetUtcNow());
    private string Actor => user.IsAuthenticated ? user.UserName : "system";

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    private static NotFoundException NoInstitution() => new("未找到该养老机构，或您无权查看。");

    private static string Label(InstitutionBed b) => $"{b.Ward} {b.Room} {b.Number}床";

    /// <summary>The care institution, if the user works there (or is the platform admin) and the role may use <paramref name="policy"/>.</summary>
    private async Task<Organization> InstitutionAsync(long orgId, string policy, CancellationToken ct)
    {
        if (!Policies.Map[policy].Contains(user.Role)) throw new ForbiddenException();
        if (user.Role != Roles.PlatformAdmin && user.OrganizationId != orgId) throw NoInstitution();
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) ?? throw NoInstitution();
        if (org.Kind is not (OrganizationKind.ElderlyCare or OrganizationKind.Integrated)) throw NoInstitution();
        return org;
    }

    private Task<InstitutionStay> StayAsync(long stayId, bool forWrite, CancellationToken ct) =>
        ResidentAccess.StayAsync(db, user, stayId, forWrite, Policies.DailyCareRecord, ct);

    private sealed record DueItem(long PlanItemId, long ElderId, string ServiceCode, string ServiceName, int Count, string Unit, DateOnly StartOn, DateOnly? EndOn);

    /// <summary>
    /// Items of the elders' confirmed care plans that the institution provides (responsible organization = the institution);
    /// items of a family-doctor team or of another organization are recorded by their own modules.
    /// </summary>
    private async Task<ILookup<long, DueItem>> PlanItemsAsync(long orgId, IReadOnlyCollection<long> elderIds, CancellationToken ct)
    {
        var rows = await (from p in db.Set<CarePlan>().AsNoTracking()
                          join i in db.Set<CarePlanItem>().AsNoTracking() on p.Id equals i.PlanId
                          where p.Status == CarePlanStatus.Confirmed && elderIds.Contains(p.ElderId)
                                && i.ResponsibleKind == Responsible.Organization && i.ResponsibleOrganizationId == orgId
                          orderby i.LineNo
                          select new DueItem(i.Id, p.ElderId, i.ServiceCode, i.ServiceName, i.FrequencyCount, i.FrequencyUnit, i.StartOn, i.EndOn))
            .ToListAsync(ct);
        return rows.ToLookup(r => r.ElderId);
    }

    private static int DueOn(IEnumerable<DueItem> items, DateOnly date) =>
        items.Sum(i => DailyCareRules.DueOn(i.Count, i.Unit, i.StartOn, i.EndOn, date));

    private async Task<List<InstitutionLeave>> LeavesAsync(IReadOnlyCollection<long> stayIds, DateOnly from, DateOnly to, CancellationToken ct) =>
        await db.Set<InstitutionLeave>().AsNoTracking()
            .Where(l => stayIds.Contains(l.StayId) && l.StartOn <= to && (l.ReturnedOn == null || l.ReturnedOn > from)).ToListAsync(ct);

    private static InstitutionLeave? LeaveOn(IEnumerable<InstitutionLeave> leaves, long stayId, DateOnly date) =>
        leaves.FirstOrDefault(l => l.StayId == stayId && DailyCareRules.OnLeave(l.StartOn, l.ReturnedOn, date));

    private CareRecordDto ToDto(DailyCareRecord r, DateTimeOffset now) =>
        new(r.Id, r.StayId, r.PlanItemId, r.CareOn, r.Occurrence, DailyCareRules.StatusCode(r.Status), DailyCareRules.StatusName(r.Status),
            r.Reason is { } c ? DailyCareRules.ReasonCode(c) : null, r.Reason is { } n ? DailyCareRules.ReasonName(n) : null, r.Note,
            r.PerformedBy, r.PerformedAt, DailyCareRules.Correctable(r.CreatedAt, now), r.Version);

    private DateOnly CheckDate(DateOnly? date, string field = "date")
    {
        var today = Today;
        var d = date ?? today;
        if (d > today) throw Invalid(field, "不能登记或查看今天以后的照护记录。");
        if (d < today.AddDays(-DailyCareRules.BackfillDays)) throw Invalid(field, $"只能查看和补录最近 {DailyCareRules.BackfillDays} 天的照护记录。");
        return d;
    }

    // ---------------------------------------------------------------- checklists

    /// <summary>All residents of the institution on a date (today by default) with their due items and progress.</summary>
    public async Task<InstitutionChecklistDto> InstitutionChecklistAsync(long orgId, DateOnly? date, CancellationToken ct)
    {
        await InstitutionAsync(orgId, Policies.DailyCareRecord, ct);
        var d = CheckDate(date);
        var elders = ElderScope.Apply(db.Elders.AsNoTracking(), user);
        var stays = await (from s in db.Set<InstitutionStay>().AsNoTracking()
                           join e in elders on s.ElderId equals e.Id
                           join b in db.Set<InstitutionBed>().AsNoTracking() on s.BedId equals b.Id
                           where s.OrganizationId == orgId && s.AdmittedOn <= d && (s.DischargedOn == null || s.DischargedOn >= d)
                           select new { s.Id, s.ElderId, e.Name, Bed = b }).ToListAsync(ct);
        var stayIds = stays.Select(s => s.Id).ToList();
        var items = await PlanItemsAsync(orgId, stays.Select(s => s.ElderId).ToList(), ct);
        var leaves = await LeavesAsync(stayIds, d, d, ct);
        var counts = (await db.Set<DailyCareRecord>().AsNoTracking().Where(r => stayIds.Contains(r.StayId) && r.CareOn == d)
                .GroupBy(r => new { r.StayId, r.Status }).Select(g => new { g.Key.StayId, g.Key.Status, Count = g.Count() }).ToListAsync(ct))
            .ToLookup(x => x.StayId);
        var residents = stays.OrderBy(s => s.Bed.Ward).ThenBy(s => s.Bed.Room).ThenBy(s => s.Bed.Number).Select(s =>
        {
            var leave = LeaveOn(leaves, s.Id, d);
            var due = leave is null ? DueOn(items[s.ElderId], d) : 0;
            var done = counts[s.Id].Where(c => c.Status == CareStatus.Done).Sum(c => c.Count);
            var notDone = counts[s.Id].Where(c => c.Status == CareStatus.NotDone).Sum(c => c.Count);
            return new ResidentProgressDto(s.Id, s.ElderId, Masking.Name(s.Name), Label(s.Bed), leave is not null,
                leave is null ? null : LeaveRules.KindName(leave.Kind), due, done, notDone, Math.Max(0, due - done - notDone));
        }).ToList();
        await audit.RecordAsync("daily-care.checklist.institution", "organization", orgId.ToString(), null, d.ToString("yyyy-MM-dd"));
        return new InstitutionChecklistDto(orgId, d, residents.Sum(r => r.Due), residents.Sum(r => r.Done), residents.Sum(r => r.NotDone),
            residents.Sum(r => r.Pending), residents);
    }

    /// <summary>The checklist of one resident on a date: every due occurrence with its record.</summary>
    public async Task<StayChecklistDto> StayChecklistAsync(long stayId, DateOnly? date, CancellationToken ct)
    {
        var stay = await StayAsync(stayId, false, ct);
        var d = CheckDate(date);
        var dto = await BuildChecklistAsync(stay, d, ct);
        await audit.RecordAsync("daily-care.checklist.view", "stay", stay.Id.ToString(), stay.ElderId, d.ToString("yyyy-MM-dd"));
        return dto;
    }

    private async Task<StayChecklistDto> BuildChecklistAsync(InstitutionStay stay, DateOnly d, CancellationToken ct)
    {
        var name = await db.Elders.AsNoTracking().Where(e => e.Id == stay.ElderId).Select(e => e.Name).FirstAsync(ct);
        var bed = await db.Set<InstitutionBed>().AsNoTracking().FirstAsync(b => b.Id == stay.BedId, ct);
        var items = (await PlanItemsAsync(stay.OrganizationId, [stay.ElderId], ct))[stay.ElderId].ToList();
        var leave = LeaveOn(await LeavesAsync([stay.Id], d, d, ct), stay.Id, d);
        var inStay = stay.AdmittedOn <= d && (stay.DischargedOn is null || stay.DischargedOn >= d);
        var records = await db.Set<DailyCareRecord>().AsNoTracking().Where(r => r.StayId == stay.Id && r.CareOn == d).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var lines = new List<ChecklistItemDto>();
        if (leave is null && inStay)
            foreach (var i in items)
            {
                var n = DailyCareRules.DueOn(i.Count, i.Unit, i.StartOn, i.EndOn, d);
                for (var k = 1; k <= n; k++)
                {
                    var rec = records.FirstOrDefault(r => r.PlanItemId == i.PlanItemId && r.Occurrence == k);
                    lines.Add(new ChecklistItemDto(i.PlanItemId, i.ServiceCode, i.ServiceName, DailyCareRules.Describe(i.Count, i.Unit), k, n,
                        rec is null ? null : ToDto(rec, now)));
                }
            }
        var done = records.Count(r => r.Status == CareStatus.Done);
        var notDone = records.Count(r => r.Status == CareStatus.NotDone);
        return new StayChecklistDto(stay.Id, stay.OrganizationId, stay.ElderId, Masking.Name(name), Label(bed), d, leave is not null,
            leave is null ? null : LeaveRules.KindName(leave.Kind), items.Count > 0, lines.Count, done, notDone,
            Math.Max(0, lines.Count - lines.Count(l => l.Record is not null)), lines);
    }

    // ---------------------------------------------------------------- recording

    /// <summary>
    /// Records several due occurrences of one stay and date at once: all or nothing (one transaction). Each entry must be due
    /// on that date and not yet recorded (the unique index settles races: the loser gets 409).
    /// </summary>
    public async Task<StayChecklistDto> RecordAsync(long stayId, RecordBatchInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var entries = input.Records ?? [];
        if (entries.Count == 0) errors.Add("records", "请至少登记一个照护项目。");
        else if (entries.Count > MaxBatch) errors.Add("records", $"一次最多登记 {MaxBatch} 个项目。");
        var seen = new HashSet<(long, int)>();
        for (var i = 0; i < Math.Min(entries.Count, MaxBatch); i++)
        {
            var e = entries[i];
            var p = $"records[{i}].";
            if (e.PlanItemId is null) errors.Add(p + "planItemId", "请选择照护项目。");
            if (e.Occurrence is < 1 or > 3) errors.Add(p + "occurrence", "次序应为 1–3。");
            else if (e.PlanItemId is { } id && !seen.Add((id, e.Occurrence ?? 1))) errors.Add(p + "planItemId", "同一项目在本次提交中重复。");
            DailyCareRules.ValidateOutcome(p, e.Status, e.Reason, e.Note, errors);
        }
        errors.ThrowIfAny();
        var d = CheckDate(input.Date);
        var stay = await StayAsync(stayId, true, ct);
        if (d < stay.AdmittedOn) throw Invalid("date", "照护日期不能早于入住日期。");
        if (stay.DischargedOn is { } dischargedOn && d > dischargedOn) throw new ConflictException("stay-closed", "该老人已离院，不能登记离院后的照护记录。");
        var leave = LeaveOn(await LeavesAsync([stay.Id], d, d, ct), stay.Id, d);
        if (leave is not null)
            throw new ConflictException("on-leave", $"该老人当天外出（{LeaveRules.KindName(leave.Kind)}），无需登记照护记录。");

        var items = (await PlanItemsAsync(stay.OrganizationId, [stay.ElderId], ct))[stay.ElderId].ToDictionary(i => i.PlanItemId);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (!items.TryGetValue(e.PlanItemId!.Value, out var item) || DailyCareRules.DueOn(item.Count, item.Unit, item.StartOn, item.EndOn, d) == 0)
                errors.Add($"records[{i}].planItemId", "该项目当天不在照护计划的待办清单中。");
            else if ((e.Occurrence ?? 1) > DailyCareRules.DueOn(item.Count, item.Unit, item.StartOn, item.EndOn, d))
                errors.Add($"records[{i}].occurrence", "该项目当天没有这么多次。");
        }
        errors.ThrowIfAny();
        var keys = entries.Select(e => e.PlanItemId!.Value).ToList();
        var existing = await db.Set<DailyCareRecord>().AsNoTracking()
            .Where(r => r.StayId == stay.Id && r.CareOn == d && keys.Contains(r.PlanItemId)).Select(r => new { r.PlanItemId, r.Occurrence }).ToListAsync(ct);
        if (entries.Any(e => existing.Any(x => x.PlanItemId == e.PlanItemId && x.Occurrence == (e.Occurrence ?? 1))))
            throw new ConflictException("already-recorded", "部分项目已有人登记，请刷新后查看；如需修改请使用“更正”。");

        var now = clock.GetUtcNow();
        foreach (var e in entries)
        {
            var status = DailyCareRules.ParseStatus(e.Status)!.Value;
            var reason = status == CareStatus.NotDone ? DailyCareRules.ParseReason(e.Reason) : null;
            var note = string.IsNullOrWhiteSpace(e.Note) ? null : Masking.Scrub(e.Note.Trim());
            db.Add(new DailyCareRecord
            {
                StayId = stay.Id,
                ElderId = stay.ElderId,
                OrganizationId = stay.OrganizationId,
                PlanItemId = e.PlanItemId!.Value,
                CareOn = d,
                Occurrence = e.Occurrence ?? 1,
                Status = status,
                Reason = reason,
                Note = note,
                PerformedBy = Actor,
                PerformedAt = now,
                TownshipCode = stay.TownshipCode,
                CountyCode = stay.CountyCode,
                CreatedAt = now,
                UpdatedAt = now,
            });
            if (reason == NotDoneReason.Physical)
                db.TimelineEvents.Add(PhysicalEvent(stay.ElderId, now, items[e.PlanItemId.Value].ServiceName, d));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // a concurrent request recorded the same occurrence first: nothing of this batch is kept
            throw new ConflictException("already-recorded", "部分项目已有人登记，请刷新后查看；如需修改请使用“更正”。");
        }
        await audit.RecordAsync("daily-care.record.create", "stay", stay.Id.ToString(), stay.ElderId, $"{d:yyyy-MM-dd}; {entries.Count} items");
        return await BuildChecklistAsync(stay, d, ct);
    }

    private TimelineEvent PhysicalEvent(long elderId, DateTimeOffset now, string serviceName, DateOnly d) =>
        TimelineEvent.Create(elderId, now, "daily-care.not-done.physical", Module, $"照护项目未完成（身体原因）：{serviceName}，{d:yyyy-MM-dd}", Actor);

    /// <summary>Corrects a record on the day it was made (versioned: If-Match or version; audited).</summary>
    public async Task<CareRecordDto> CorrectAsync(long id, CorrectionInput input, int? ifMatchVersion, CancellationToken ct)
    {
        var record = await db.Set<DailyCareRecord>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("未找到该照护记录，或您无权查看。");
        var stay = await StayAsync(record.StayId, true, ct);
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
        record.CorrectedBy = Actor;
        record.UpdatedAt = now;
        record.Version++;
        if (reason == NotDoneReason.Physical && !wasPhysical)
        {
            var serviceName = await db.Set<CarePlanItem>().AsNoTracking().Where(i => i.Id == record.PlanItemId).Select(i => i.ServiceName).FirstAsync(ct);
            db.TimelineEvents.Add(PhysicalEvent(stay.ElderId, now, serviceName, record.CareOn));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PreconditionFailedException();
        }
        await audit.RecordAsync("daily-care.record.correct", "stay", stay.Id.ToString(), stay.ElderId, $"record {record.Id}");
        return ToDto(record, now);
    }

    // ---------------------------------------------------------------- completion

    /// <summary>
    /// Completion per resident over a month (yyyy-MM; this month by default) for the institution's manager: occurrences due
    /// on the days of the stay up to today, leave days excepted; done over due.
    /// </summary>
    public async Task<CompletionDto> CompletionAsync(long orgId, string? month, CancellationToken ct)
    {
        await InstitutionAsync(orgId, Policies.DailyCareStats, ct);
        var today = Today;
        DateOnly first;
        if (string.IsNullOrWhiteSpace(month)) first = new DateOnly(today.Year, today.Month, 1);
        else if (!DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", out first)) throw Invalid("month", "月份格式应为 yyyy-MM，例如 2026-11。");
        if (first > today) throw Invalid("month", "不能统计今天以后的月份。");
        var last = first.AddMonths(1).AddDays(-1);
        var until = last < today ? last : today;
        var elders = ElderScope.Apply(db.Elders.AsNoTracking(), user);
        var stays = await (from s in db.Set<InstitutionStay>().AsNoTracking()
                           join e in elders on s.ElderId equals e.Id
                           where s.OrganizationId == orgId && s.AdmittedOn <= until && (s.DischargedOn == null || s.DischargedOn >= first)
                           orderby s.Id
                           select new { Stay = s, e.Name }).ToListAsync(ct);
        var stayIds = stays.Select(s => s.Stay.Id).ToList();
        var items = await PlanItemsAsync(orgId, stays.Select(s => s.Stay.ElderId).ToList(), ct);
        var leaves = await LeavesAsync(stayIds, first, until, ct);
        var counts = (await db.Set<DailyCareRecord>().AsNoTracking().Where(r => stayIds.Contains(r.StayId) && r.CareOn >= first && r.CareOn <= until)
                .GroupBy(r => new { r.StayId, r.Status }).Select(g => new { g.Key.StayId, g.Key.Status, Count = g.Count() }).ToListAsync(ct))
            .ToLookup(x => x.StayId);
        var rows = stays.Select(x =>
        {
            var s = x.Stay;
            var due = 0;
            var from = s.AdmittedOn > first ? s.AdmittedOn : first;
            var to = s.DischargedOn is { } o && o < until ? o : until;
            for (var d = from; d <= to; d = d.AddDays(1))
                if (LeaveOn(leaves, s.Id, d) is null) due += DueOn(items[s.ElderId], d);
            var done = counts[s.Id].Where(c => c.Status == CareStatus.Done).Sum(c => c.Count);
            var notDone = counts[s.Id].Where(c => c.Status == CareStatus.NotDone).Sum(c => c.Count);
            return new ResidentCompletionDto(s.Id, s.ElderId, Masking.Name(x.Name), due, done, notDone, Math.Max(0, due - done - notDone),
                DailyCareRules.Rate(done, due));
        }).ToList();
        await audit.RecordAsync("daily-care.completion.view", "organization", orgId.ToString(), null, first.ToString("yyyy-MM"));
        var allDue = rows.Sum(r => r.Due);
        var allDone = rows.Sum(r => r.Done);
        return new CompletionDto(orgId, first.ToString("yyyy-MM"), allDue, allDone, rows.Sum(r => r.NotDone), rows.Sum(r => r.Pending),
            DailyCareRules.Rate(allDone, allDue), rows);
    }
}
