using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;
using Yiyang.Modules.HomeVisits;
using Yiyang.Modules.Organizations;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Sickbeds;

/// <summary>
/// Family sickbeds (家庭病床, issue 3 must-have 3): application by a medical institution, assessment (approve or reject),
/// opening (建床) with plan, responsible doctor and nurse, round frequency and cycle; rounds (查床) as home visits made
/// through <see cref="CreateVisit"/>; orders and nursing records; renewal after reassessment; closing (撤床).
/// Reads follow <see cref="ElderScope"/> (out of scope → 404); staff write only the sickbeds of their own organization.
/// At most one open sickbed per elder is the partial unique index ux_sickbed_open_elder.
/// </summary>
public sealed class SickbedService(
    YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock, CreateVisit createVisit,
    IEnumerable<ISickbedConflicts> conflicts, IOptions<SickbedOptions> options)
{
    private const string Module = "sickbeds";
    private const int MaxPageSize = 200;
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private DateOnly Today => LocalDate(clock.GetUtcNow());
    private static DateOnly LocalDate(DateTimeOffset t) => DateOnly.FromDateTime(t.ToOffset(China).DateTime);
    private string Actor => user.IsAuthenticated ? user.UserName : "system";
    private int MaxCycleDays => Math.Clamp(options.Value.MaxCycleDays, 1, 366);
    private bool IsStaff => Roles.InstitutionStaff.Contains(user.Role);

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    private static NotFoundException NotFound() => new("未找到该家庭病床，或您无权查看。");

    /// <summary>Medical staff and the platform admin run sickbeds (rounds, nursing records).</summary>
    private void RequireWriter()
    {
        if (!Policies.Map[Policies.SickbedsWrite].Contains(user.Role)) throw new ForbiddenException();
    }

    /// <summary>Assessment, opening, orders, renewal and closing are a physician's decisions (domain rules §5).</summary>
    private void RequireDoctor()
    {
        if (user.Role is not (Roles.Doctor or Roles.PlatformAdmin))
            throw new ForbiddenException("评估审批、建床、医嘱、续床和撤床须由医生办理。");
    }

    private IQueryable<Sickbed> Scoped(bool forWrite = false)
    {
        var elders = ElderScope.Apply(db.Elders, user, forWrite);
        return db.Set<Sickbed>().Where(s => elders.Any(e => e.Id == s.ElderId));
    }

    private TimelineEvent Event(long elderId, string kind, string summary) =>
        TimelineEvent.Create(elderId, clock.GetUtcNow(), kind, Module, summary, Actor);

    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : Masking.Scrub(s.Trim());

    private void Touch(Sickbed s)
    {
        s.UpdatedAt = clock.GetUtcNow();
        s.Version++;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrency", "记录已被他人修改，请刷新后再试。");
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // a concurrent application for the same elder won: ux_sickbed_open_elder refused the second open sickbed
            throw OpenExists(null);
        }
    }

    private static ConflictException OpenExists(long? existingId)
    {
        var e = new ConflictException("open-sickbed", "该老年人已有未撤床的家庭病床（申请中、待建床或在床），同一时间只能有一张家庭病床。");
        if (existingId is not null) e.Extensions["existingId"] = existingId;
        return e;
    }

    private async Task CheckConflictsAsync(long elderId, CancellationToken ct)
    {
        foreach (var c in conflicts)
            if (await c.FindAsync(elderId, ct) is { } conflict)
                throw new ConflictException(conflict.Code, conflict.Message);
    }

    private static void Allow(Sickbed s, SickbedAction action)
    {
        if (SickbedRules.Blocker(s.Status, action) is { } why) throw new ConflictException("invalid-state", why);
    }

    /// <summary>Loads a sickbed the user may write: visible elder and (staff) their own organization; otherwise 404.</summary>
    private async Task<Sickbed> LoadForWriteAsync(long id, CancellationToken ct)
    {
        var s = await Scoped(forWrite: true).Include(x => x.Services).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound();
        if (IsStaff && user.OrganizationId != s.OrganizationId) throw NotFound();
        return s;
    }

    private void CheckDate(FieldErrors errors, string field, DateOnly day, DateOnly notBefore, string notBeforeText)
    {
        if (day > Today) errors.Add(field, "日期不能晚于今天。");
        else if (day < notBefore) errors.Add(field, $"日期不能早于{notBeforeText}（{notBefore:yyyy-MM-dd}）。");
    }

    private static (string? Code, string? Name) Diagnosis(FieldErrors errors, string? code, string? name, bool required)
    {
        string? c = null, n = null;
        if (required || !string.IsNullOrWhiteSpace(code) || !string.IsNullOrWhiteSpace(name))
        {
            c = SickbedRules.NormalizeIcd10(code);
            if (c is null) errors.Add("diagnosisCode", "请填写有效的 ICD-10 诊断编码（如 I69.3、I63.900）。");
            n = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
            if (n is null || n.Length > 100) errors.Add("diagnosisName", "请填写诊断名称（最多 100 个字）。");
        }
        return (c, n);
    }

    // ---------------------------------------------------------------- application and assessment

    /// <summary>申请: an elder, the applying medical institution (staff: their own), the reason and the diagnosis.</summary>
    public async Task<SickbedDto> ApplyAsync(ApplicationInput input, CancellationToken ct)
    {
        RequireWriter();
        var errors = new FieldErrors();
        if (input.ElderId is null) errors.Add("elderId", "请选择申请家庭病床的老年人。");
        var reason = Text(input.Reason);
        if (reason is null || reason.Length > 500) errors.Add("reason", "请填写申请理由（最多 500 个字）。");
        var (code, name) = Diagnosis(errors, input.DiagnosisCode, input.DiagnosisName, required: true);
        var appliedOn = input.AppliedOn ?? Today;
        CheckDate(errors, "appliedOn", appliedOn, Today.AddDays(-30), "30 天前");
        long? orgId = IsStaff ? user.OrganizationId : input.OrganizationId;
        if (IsStaff && input.OrganizationId is { } given && given != user.OrganizationId)
            errors.Add("organizationId", "只能以本机构名义申请家庭病床。");
        if (orgId is null) errors.Add("organizationId", "请选择申请家庭病床的医疗机构。");
        errors.ThrowIfAny();

        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct);
        if (org is null || org.Kind is not (OrganizationKind.Medical or OrganizationKind.Integrated))
            throw Invalid("organizationId", "家庭病床须由医疗机构（含医养结合机构）申请和开设。");
        var elder = await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite: true).FirstOrDefaultAsync(e => e.Id == input.ElderId, ct)
                    ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
        await CheckConflictsAsync(elder.Id, ct);
        var open = await db.Set<Sickbed>().AsNoTracking()
            .Where(s => s.ElderId == elder.Id && (s.Status == SickbedStatus.Applied || s.Status == SickbedStatus.Approved || s.Status == SickbedStatus.Opened))
            .Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
        if (open is not null) throw OpenExists(open);

        var now = clock.GetUtcNow();
        var bed = new Sickbed
        {
            ElderId = elder.Id,
            OrganizationId = org.Id,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            Status = SickbedStatus.Applied,
            ApplicationReason = reason!,
            DiagnosisCode = code!,
            DiagnosisName = name!,
            AppliedOn = appliedOn,
            AppliedByUser = Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(bed);
        db.TimelineEvents.Add(Event(elder.Id, "sickbeds.applied", $"申请家庭病床（{org.Name}）：{code} {name}"));
        await SaveAsync(ct);
        await audit.RecordAsync("sickbeds.apply", "sickbed", bed.Id.ToString(), elder.Id);
        return await GetAsync(bed.Id, ct, audited: false);
    }

    /// <summary>评估通过: the physician's home assessment found the elder suitable.</summary>
    public async Task<SickbedDto> ApproveAsync(long id, ApproveInput input, int? ifMatch, CancellationToken ct)
    {
        RequireDoctor();
        var s = await LoadForWriteAsync(id, ct);
        Etags.CheckVersion(s.Version, ifMatch, input.Version);
        Allow(s, SickbedAction.Approve);
        var errors = new FieldErrors();
        var on = input.AssessedOn ?? Today;
        CheckDate(errors, "assessedOn", on, s.AppliedOn, "申请日期");
        var note = Text(input.Note);
        if (note is null || note.Length > 500) errors.Add("note", "请填写评估意见（最多 500 个字）。");
        errors.ThrowIfAny();
        s.Status = SickbedStatus.Approved;
        s.AssessedOn = on;
        s.AssessmentNote = note;
        s.AssessedByUser = Actor;
        Touch(s);
        db.TimelineEvents.Add(Event(s.ElderId, "sickbeds.approved", $"家庭病床评估通过：{on:yyyy-MM-dd}"));
        await SaveAsync(ct);
        await audit.RecordAsync("sickbeds.approve", "sickbed", s.Id.ToString(), s.ElderId);
        return await GetAsync(s.Id, ct, audited: false);
    }

    /// <summary>评估未通过, with the reason (e.g. acute condition needing in-patient care).</summary>
    public async Task<SickbedDto> RejectAsync(long id, RejectInput input, int? ifMatch, CancellationToken ct)
    {
        RequireDoctor();
        var s = await LoadForWriteAsync(id, ct);
        Etags.CheckVersion(s.Version, ifMatch, input.Version);
        Allow(s, SickbedAction.Reject);
        var errors = new FieldErrors();
        var on = input.AssessedOn ?? Today;
        CheckDate(errors, "assessedOn", on, s.AppliedOn, "申请日期");
        var reason = Text(input.Reason);
        if (reason is null || reason.Length > 500) errors.Add("reason", "请填写评估未通过的原因（最多 500 个字）。");
        errors.ThrowIfAny();
        s.Status = SickbedStatus.Rejected;
        s.AssessedOn = on;
        s.RejectionReason = reason;
        s.AssessedByUser = Actor;
        Touch(s);
        db.TimelineEvents.Add(Event(s.ElderId, "sickbeds.rejected", $"家庭病床评估未通过：{on:yyyy-MM-dd}"));
        await SaveAsync(ct);
        await audit.RecordAsync("sickbeds.reject", "sickbed", s.Id.ToString(), s.ElderId);
        return await GetAsync(s.Id, ct, audited: false);
    }

    // ---------------------------------------------------------------- opening, renewal, closing

    /// <summary>建床: plan, services of a round, responsible doctor and nurse, rounds per week and the first cycle.</summary>
    public async Task<SickbedDto> OpenAsync(long id, OpenInput input, int? ifMatch, CancellationToken ct)
    {
        RequireDoctor();
        var s = await LoadForWriteAsync(id, ct);
        Etags.CheckVersion(s.Version, ifMatch, input.Version);
        Allow(s, SickbedAction.Open);
        var errors = new FieldErrors();
        var openedOn = input.OpenedOn ?? Today;
        CheckDate(errors, "openedOn", openedOn, s.AssessedOn ?? s.AppliedOn, "评估日期");
        var (code, name) = Diagnosis(errors, input.DiagnosisCode, input.DiagnosisName, required: false);
        var plan = Text(input.Plan);
        if (plan is null || plan.Length > 2000) errors.Add("plan", "请填写治疗与护理计划（最多 2000 个字）。");
        var doctor = string.IsNullOrWhiteSpace(input.ResponsibleDoctor) ? null : input.ResponsibleDoctor.Trim();
        if (doctor is null || doctor.Length > 50) errors.Add("responsibleDoctor", "请填写责任医生（最多 50 个字）。");
        var nurse = string.IsNullOrWhiteSpace(input.ResponsibleNurse) ? null : input.ResponsibleNurse.Trim();
        if (nurse is null || nurse.Length > 50) errors.Add("responsibleNurse", "请填写责任护士（最多 50 个字）。");
        var perWeek = input.RoundsPerWeek ?? Math.Clamp(options.Value.DefaultRoundsPerWeek, 1, 7);
        if (perWeek is < 1 or > 7) errors.Add("roundsPerWeek", "查床频次应为每周 1 至 7 次。");
        var endsOn = input.CycleEndsOn ?? SickbedRules.DefaultCycleEnd(openedOn, MaxCycleDays);
        if (SickbedRules.CycleProblem(openedOn, endsOn, MaxCycleDays) is { } cycleProblem) errors.Add("cycleEndsOn", cycleProblem);
        var services = new List<SickbedPlanService>();
        var list = input.Services ?? [];
        if (list.Count > 30) errors.Add("services", "计划服务最多 30 项。");
        for (var i = 0; i < list.Count; i++)
        {
            var sc = (list[i].ServiceCode ?? "").Trim();
            var sn = (list[i].ServiceName ?? "").Trim();
            if (sc.Length is 0 or > 32) errors.Add($"services[{i}].serviceCode", "请填写服务项目编码（最多 32 位）。");
            else if (services.Any(x => x.ServiceCode == sc)) errors.Add($"services[{i}].serviceCode", "服务项目编码重复。");
            if (sn.Length is 0 or > 50) errors.Add($"services[{i}].serviceName", "请填写服务项目名称（最多 50 个字）。");
            services.Add(new SickbedPlanService { ServiceCode = sc, ServiceName = sn, CountyCode = s.CountyCode });
        }
        errors.ThrowIfAny();
        await CheckConflictsAsync(s.ElderId, ct);
        if (services.Count == 0)
            services.Add(new SickbedPlanService { ServiceCode = SickbedRules.DefaultServiceCode, ServiceName = SickbedRules.DefaultServiceName, CountyCode = s.CountyCode });

        s.Status = SickbedStatus.Opened;
        s.OpenedOn = openedOn;
        if (code is not null) (s.DiagnosisCode, s.DiagnosisName) = (code, name!);
        s.Plan = plan;
        s.ResponsibleDoctor = doctor;
        s.ResponsibleNurse = nurse;
        s.RoundsPerWeek = perWeek;
        s.CycleEndsOn = endsOn;
        s.Services.Clear();
        s.Services.AddRange(services);
        Touch(s);
        db.Add(new SickbedCycle
        {
            SickbedId = s.Id,
            Number = 1,
            StartsOn = openedOn,
            EndsOn = endsOn,
            RoundsPerWeek = perWeek,
            CreatedByUser = Actor,
            CreatedAt = s.UpdatedAt,
            CountyCode = s.CountyCode,
        });
        db.TimelineEvents.Add(Event(s.ElderId, "sickbeds.opened",
            $"建立家庭病床：{openedOn:yyyy-MM-dd} 至 {endsOn:yyyy-MM-dd}，诊断 {s.DiagnosisCode} {s.DiagnosisName}，查床每周至少 {perWeek} 次"));
        await SaveAsync(ct);
        await audit.RecordAsync("sickbeds.open", "sickbed", s.Id.ToString(), s.ElderId);
        return await GetAsync(s.Id, ct, audited: false);
    }

    /// <summary>续床 after reassessment: a new cycle from the day after the current one ends (history kept in sickbed_cycle).</summary>
    public async Task<SickbedDto> RenewAsync(long id, RenewInput input, int? ifMatch, CancellationToken ct)
    {
        RequireDoctor();
        var s = await LoadForWriteAsync(id, ct);
        Etags.CheckVersion(s.Version, ifMatch, input.Version);
        Allow(s, SickbedAction.Renew);
        var errors = new FieldErrors();
        var reassessment = Text(input.Reassessment);
        if (reassessment is null || reassessment.Length > 500) errors.Add("reassessment", "续床须填写再评估结论（最多 500 个字）。");
        var startsOn = s.CycleEndsOn!.Value.AddDays(1);
        var endsOn = input.CycleEndsOn ?? SickbedRules.DefaultCycleEnd(startsOn, MaxCycleDays);
        if (SickbedRules.CycleProblem(startsOn, endsOn, MaxCycleDays) is { } cycleProblem) errors.Add("cycleEndsOn", cycleProblem);
        var perWeek = input.RoundsPerWeek ?? s.RoundsPerWeek!.Value;
        if (perWeek is < 1 or > 7) errors.Add("roundsPerWeek", "查床频次应为每周 1 至 7 次。");
        errors.ThrowIfAny();
        var number = await db.Set<SickbedCycle>().Where(c => c.SickbedId == s.Id).MaxAsync(c => (int?)c.Number, ct) ?? 0;
        s.CycleEndsOn = endsOn;
        s.RoundsPerWeek = perWeek;
        Touch(s);
        db.Add(new SickbedCycle
        {
            SickbedId = s.Id,
            Number = number + 1,
            StartsOn = startsOn,
            EndsOn = endsOn,
            RoundsPerWeek = perWeek,
            Reassessment = reassessment,
            CreatedByUser = Actor,
            CreatedAt = s.UpdatedAt,
            CountyCode = s.CountyCode,
        });
        db.TimelineEvents.Add(Event(s.ElderId, "sickbeds.renewed", $"家庭病床续床（第 {number + 1} 周期）：{startsOn:yyyy-MM-dd} 至 {endsOn:yyyy-MM-dd}"));
        await SaveAsync(ct);
        await audit.RecordAsync("sickbeds.renew", "sickbed", s.Id.ToString(), s.ElderId, $"cycle={number + 1}");
        return await GetAsync(s.Id, ct, audited: false);
    }

    /// <summary>撤床 with a reason from the discharge list and a summary (撤床小结); orders still running are stopped.</summary>
    public async Task<SickbedDto> CloseAsync(long id, CloseInput input, int? ifMatch, CancellationToken ct)
    {
        RequireDoctor();
        var s = await LoadForWriteAsync(id, ct);
        Etags.CheckVersion(s.Version, ifMatch, input.Version);
        Allow(s, SickbedAction.Close);
        var errors = new FieldErrors();
        var reason = SickbedRules.ParseCloseReason(input.Reason);
        if (reason is null)
            errors.Add("reason", "撤床原因只能是：" + string.Join("、", SickbedRules.CloseReasons.Select(r => $"{r.Name}（{r.Code}）")) + "。");
        var summary = Text(input.Summary);
        if (summary is null || summary.Length > 2000) errors.Add("summary", "请填写撤床小结（最多 2000 个字）。");
        var on = input.ClosedOn ?? Today;
        CheckDate(errors, "closedOn", on, s.OpenedOn ?? s.AssessedOn ?? s.AppliedOn, s.OpenedOn is null ? "评估日期" : "建床日期");
        errors.ThrowIfAny();
        var now = clock.GetUtcNow();
        s.Status = SickbedStatus.Closed;
        s.ClosedOn = on;
        s.CloseReason = reason;
        s.CloseSummary = summary;
        Touch(s);
        var running = await db.Set<SickbedOrder>().Where(o => o.SickbedId == s.Id && o.StoppedAt == null).ToListAsync(ct);
        foreach (var o in running)
        {
            o.StoppedAt = now < o.StartsAt ? o.StartsAt : now;
            o.StoppedByUser = Actor;
        }
        db.TimelineEvents.Add(Event(s.ElderId, "sickbeds.closed", $"家庭病床撤床（{SickbedRules.CloseReasonName(reason!.Value)}）：{on:yyyy-MM-dd}"));
        await SaveAsync(ct);
        await audit.RecordAsync("sickbeds.close", "sickbed", s.Id.ToString(), s.ElderId, SickbedRules.CloseReasonCode(reason.Value));
        return await GetAsync(s.Id, ct, audited: false);
    }

    // ---------------------------------------------------------------- rounds, orders, nursing records

    /// <summary>
    /// 查床: creates a home visit through <see cref="CreateVisit.HandleAsync"/> (source ad hoc, the plan's services) and links it
    /// in sickbed_round (a visit is the round of one sickbed at most). With an Idempotency-Key a retry answers with the same round.
    /// </summary>
    public async Task<RoundResult> AddRoundAsync(long id, RoundInput input, string? idempotencyKey, CancellationToken ct)
    {
        RequireWriter();
        var s = await LoadForWriteAsync(id, ct);
        Allow(s, SickbedAction.Round);
        var date = input.PlannedDate ?? Today;
        if (date < s.OpenedOn) throw Invalid("plannedDate", $"查床日期不能早于建床日期（{s.OpenedOn:yyyy-MM-dd}）。");
        if (date > s.CycleEndsOn)
            throw Invalid("plannedDate", $"查床日期超出本周期（至 {s.CycleEndsOn:yyyy-MM-dd}），请先续床或撤床。");
        var services = s.Services.OrderBy(x => x.Id).Select(x => new PlannedServiceInput(x.ServiceCode, x.ServiceName)).ToList();
        var created = await createVisit.HandleAsync(new VisitInput(s.ElderId, null, date, "ad-hoc", services), idempotencyKey, ct);
        var visitId = created.Visit.Id;
        var existing = await db.Set<SickbedRound>().AsNoTracking().FirstOrDefaultAsync(r => r.VisitId == visitId, ct);
        if (existing is not null)
        {
            if (existing.SickbedId != s.Id) throw new ConflictException("visit-linked", "该上门服务已是另一张家庭病床的查床记录。");
            return new RoundResult(await RoundAsync(existing.Id, ct), s.Id, true);
        }
        var round = new SickbedRound { SickbedId = s.Id, VisitId = visitId, CreatedByUser = Actor, CreatedAt = clock.GetUtcNow(), CountyCode = s.CountyCode };
        db.Add(round);
        db.TimelineEvents.Add(Event(s.ElderId, "sickbeds.round.planned", $"家庭病床查床：计划 {date:yyyy-MM-dd}"));
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
        return new RoundDto(row.r.Id, row.r.VisitId, row.PlannedDate, VisitRules.StatusCode(row.Status), VisitRules.StatusName(row.Status), row.CompletedOn,
            row.r.CreatedByUser);
    }

    /// <summary>医嘱 (长期/临时) by the physician, starting now or at the given time.</summary>
    public async Task<OrderDto> AddOrderAsync(long id, OrderInput input, CancellationToken ct)
    {
        RequireDoctor();
        var s = await LoadForWriteAsync(id, ct);
        Allow(s, SickbedAction.Order);
        var errors = new FieldErrors();
        var kind = SickbedRules.ParseOrderKind(input.Kind);
        if (kind is null) errors.Add("kind", "医嘱类型只能是长期医嘱（long-term）或临时医嘱（temporary）。");
        var text = Text(input.Text);
        if (text is null || text.Length > 500) errors.Add("text", "请填写医嘱内容（最多 500 个字）。");
        var now = clock.GetUtcNow();
        var startsAt = (input.StartsAt ?? now).ToUniversalTime(); // PostgreSQL stores UTC instants only
        if (LocalDate(startsAt) < s.OpenedOn || startsAt > now.AddDays(30))
            errors.Add("startsAt", "医嘱开始时间应在建床日期之后、30 天之内。");
        errors.ThrowIfAny();
        var order = new SickbedOrder
        {
            SickbedId = s.Id,
            Kind = kind!.Value,
            Text = text!,
            StartsAt = startsAt,
            OrderedByUser = Actor,
            CountyCode = s.CountyCode,
        };
        db.Add(order);
        db.TimelineEvents.Add(Event(s.ElderId, "sickbeds.order.added", $"家庭病床{SickbedRules.OrderKindName(order.Kind)}：开始 {startsAt.ToOffset(China):yyyy-MM-dd HH:mm}"));
        await SaveAsync(ct);
        await audit.RecordAsync("sickbeds.order.add", "sickbed", s.Id.ToString(), s.ElderId, $"order={order.Id}");
        return ToDto(order);
    }

    /// <summary>停止医嘱 (now or at the given time, not before it started).</summary>
    public async Task<OrderDto> StopOrderAsync(long id, long orderId, StopOrderInput input, CancellationToken ct)
    {
        RequireDoctor();
        var s = await LoadForWriteAsync(id, ct);
        Allow(s, SickbedAction.Order);
        var order = await db.Set<SickbedOrder>().FirstOrDefaultAsync(o => o.Id == orderId && o.SickbedId == s.Id, ct)
                    ?? throw new NotFoundException("未找到该医嘱。");
        if (order.StoppedAt is not null) throw new ConflictException("order-stopped", "该医嘱已停止。");
        var now = clock.GetUtcNow();
        var at = (input.StoppedAt ?? (now < order.StartsAt ? order.StartsAt : now)).ToUniversalTime();
        if (at < order.StartsAt || at > now.AddDays(30)) throw Invalid("stoppedAt", "停止时间不能早于医嘱开始时间，也不能晚于 30 天后。");
        order.StoppedAt = at;
        order.StoppedByUser = Actor;
        db.TimelineEvents.Add(Event(s.ElderId, "sickbeds.order.stopped", $"停止家庭病床{SickbedRules.OrderKindName(order.Kind)}：{at.ToOffset(China):yyyy-MM-dd HH:mm}"));
        await SaveAsync(ct);
        await audit.RecordAsync("sickbeds.order.stop", "sickbed", s.Id.ToString(), s.ElderId, $"order={order.Id}");
        return ToDto(order);
    }

    /// <summary>护理记录 by a nurse or doctor.</summary>
    public async Task<NursingRecordDto> AddNursingRecordAsync(long id, NursingRecordInput input, CancellationToken ct)
    {
        RequireWriter();
        var s = await LoadForWriteAsync(id, ct);
        Allow(s, SickbedAction.NursingRecord);
        var errors = new FieldErrors();
        var text = Text(input.Text);
        if (text is null || text.Length > 1000) errors.Add("text", "请填写护理记录（最多 1000 个字）。");
        var now = clock.GetUtcNow();
        var at = (input.RecordedAt ?? now).ToUniversalTime();
        if (at > now.AddMinutes(5) || LocalDate(at) < s.OpenedOn) errors.Add("recordedAt", "记录时间不能晚于当前时间，也不能早于建床日期。");
        errors.ThrowIfAny();
        var record = new SickbedNursingRecord { SickbedId = s.Id, RecordedAt = at, Text = text!, RecordedByUser = Actor, CountyCode = s.CountyCode };
        db.Add(record);
        db.TimelineEvents.Add(Event(s.ElderId, "sickbeds.nursing.recorded", $"家庭病床护理记录：{at.ToOffset(China):yyyy-MM-dd HH:mm}"));
        await SaveAsync(ct);
        await audit.RecordAsync("sickbeds.nursing.add", "sickbed", s.Id.ToString(), s.ElderId, $"record={record.Id}");
        return new NursingRecordDto(record.Id, record.RecordedAt, record.Text, record.RecordedByUser);
    }

    private static OrderDto ToDto(SickbedOrder o) => new(o.Id, SickbedRules.OrderKindCode(o.Kind), SickbedRules.OrderKindName(o.Kind), o.Text, o.StartsAt,
        o.StoppedAt, o.OrderedByUser, o.StoppedByUser);

    // ---------------------------------------------------------------- reads

    /// <summary>The sickbed with its plan, cycles, rounds, orders and nursing records; a read of a person's record, audited.</summary>
    public async Task<SickbedDto> GetAsync(long id, CancellationToken ct, bool audited = true)
    {
        var s = await Scoped().AsNoTracking().Include(x => x.Services).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound();
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
            ? RoundStatus(s, cycles.Select(c => (c.StartsOn, c.RoundsPerWeek)).ToList(), rounds.Where(r => r.CompletedOn != null).Select(r => r.CompletedOn!.Value))
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
                .Select(r => new RoundDto(r.r.Id, r.r.VisitId, r.PlannedDate, VisitRules.StatusCode(r.Status), VisitRules.StatusName(r.Status), r.CompletedOn,
                    r.r.CreatedByUser)).ToList(),
            orders.Select(ToDto).ToList(),
            nursing.Select(n => new NursingRecordDto(n.Id, n.RecordedAt, n.Text, n.RecordedByUser)).ToList(),
            status, s.Version);
    }

    private static WindowDto? W(RoundWindow? w) => w is null ? null : new WindowDto(w.StartsOn, w.EndsOn, w.Required, w.Done);

    private RoundStatusDto RoundStatus(Sickbed s, IReadOnlyList<(DateOnly, int)> cycles, IEnumerable<DateOnly> completed)
    {
        var today = Today;
        var c = SickbedRules.Evaluate(s.OpenedOn!.Value, cycles, today, completed);
        var last = c.LastComplete;
        return new RoundStatusDto(s.RoundsPerWeek ?? 1, c.Alert,
            c.Alert ? $"查床不足：{last!.StartsOn:M月d日}–{last.EndsOn:M月d日} 应至少 {last.Required} 次，实际完成 {last.Done} 次。" : null,
            W(last), W(c.Current), c.ShortWindows, SickbedRules.CycleEnded(s.CycleEndsOn!.Value, today));
    }

    /// <summary>Completed round dates and cycles of the given open sickbeds, for the frequency rule.</summary>
    private async Task<Dictionary<long, RoundStatusDto>> RoundStatusesAsync(IReadOnlyList<Sickbed> open, CancellationToken ct)
    {
        var result = new Dictionary<long, RoundStatusDto>();
        foreach (var chunk in open.Chunk(500))
        {
            var ids = chunk.Select(s => s.Id).ToList();
            var done = (await (from r in db.Set<SickbedRound>().AsNoTracking()
                               join v in db.Set<HomeVisit>().AsNoTracking() on r.VisitId equals v.Id
                               where ids.Contains(r.SickbedId) && v.Status == VisitStatus.Completed && v.CompletedOn != null
                               select new { r.SickbedId, v.CompletedOn }).ToListAsync(ct))
                .ToLookup(x => x.SickbedId, x => x.CompletedOn!.Value);
            var cycles = (await db.Set<SickbedCycle>().AsNoTracking().Where(c => ids.Contains(c.SickbedId)).ToListAsync(ct))
                .ToLookup(c => c.SickbedId, c => (c.StartsOn, c.RoundsPerWeek));
            foreach (var s in chunk) result[s.Id] = RoundStatus(s, cycles[s.Id].ToList(), done[s.Id]);
        }
        return result;
    }

    public async Task<PagedList<SickbedListItem>> ListAsync(SickbedQuery q, CancellationToken ct)
    {
        var query = Scoped().AsNoTracking();
        if (q.ElderId is { } e) query = query.Where(s => s.ElderId == e);
        if (!string.IsNullOrWhiteSpace(q.Status))
        {
            if (q.Status.Trim() == "open")
                query = query.Where(s => s.Status == SickbedStatus.Applied || s.Status == SickbedStatus.Approved || s.Status == SickbedStatus.Opened);
            else
            {
                var st = SickbedRules.ParseStatus(q.Status) ?? throw Invalid("status", "状态只能是 open、applied、approved、opened、rejected 或 closed。");
                query = query.Where(s => s.Status == st);
            }
        }
        if (IsStaff) query = query.Where(s => s.OrganizationId == user.OrganizationId);
        var page = Math.Max(1, q.Page ?? 1);
        var size = Math.Clamp(q.PageSize ?? 50, 1, MaxPageSize);
        var total = await query.CountAsync(ct);
        var rows = (await (from s in query.OrderBy(s => s.Status == SickbedStatus.Closed || s.Status == SickbedStatus.Rejected)
                               .ThenByDescending(s => s.AppliedOn).ThenByDescending(s => s.Id).Skip((page - 1) * size).Take(size)
                           join el in db.Elders on s.ElderId equals el.Id
                           select new { s, el.Name }).ToListAsync(ct))
            .OrderBy(r => !SickbedRules.IsOpen(r.s.Status)).ThenByDescending(r => r.s.AppliedOn).ThenByDescending(r => r.s.Id).ToList();
        var statuses = await RoundStatusesAsync(rows.Where(r => r.s.Status == SickbedStatus.Opened).Select(r => r.s).ToList(), ct);
        var items = rows.Select(r => new SickbedListItem(r.s.Id, r.s.ElderId, r.Name, r.s.OrganizationId, SickbedRules.StatusCode(r.s.Status),
            SickbedRules.StatusName(r.s.Status), r.s.DiagnosisCode, r.s.DiagnosisName, r.s.AppliedOn, r.s.OpenedOn, r.s.CycleEndsOn, r.s.RoundsPerWeek,
            statuses.TryGetValue(r.s.Id, out var st2) && (st2.Alert || st2.CycleEnded))).ToList();
        await audit.RecordAsync("sickbeds.list", "sickbed", null, q.ElderId, $"results={total}", wait: false);
        return new PagedList<SickbedListItem>(items, total, page, size);
    }

    /// <summary>
    /// Alerts of the open sickbeds in scope (staff: their organization's): rounds-below-frequency when the last complete 7-day
    /// window holds fewer completed rounds than required, cycle-ended when the cycle has ended without renewal or closing.
    /// </summary>
    public async Task<IReadOnlyList<SickbedAlert>> AlertsAsync(CancellationToken ct)
    {
        var query = Scoped().AsNoTracking().Where(s => s.Status == SickbedStatus.Opened);
        if (IsStaff) query = query.Where(s => s.OrganizationId == user.OrganizationId);
        var open = await query.OrderBy(s => s.Id).Take(5000).ToListAsync(ct);
        var statuses = await RoundStatusesAsync(open, ct);
        var ids = open.Select(s => s.ElderId).Distinct().ToList();
        var names = new Dictionary<long, string>();
        foreach (var chunk in ids.Chunk(1000))
            foreach (var e in await db.Elders.AsNoTracking().Where(e => chunk.Contains(e.Id)).Select(e => new { e.Id, e.Name }).ToListAsync(ct))
                names[e.Id] = e.Name;
        var alerts = new List<SickbedAlert>();
        foreach (var s in open)
        {
            var st = statuses[s.Id];
            var name = names.GetValueOrDefault(s.ElderId, "");
            if (st.Alert)
                alerts.Add(new SickbedAlert(s.Id, s.ElderId, name, "rounds-below-frequency", st.AlertMessage!, st.LastComplete, s.CycleEndsOn));
            if (st.CycleEnded)
                alerts.Add(new SickbedAlert(s.Id, s.ElderId, name, "cycle-ended",
                    $"家庭病床周期已于 {s.CycleEndsOn:yyyy-MM-dd} 结束，请再评估后续床或撤床。", null, s.CycleEndsOn));
        }
        await audit.RecordAsync("sickbeds.alerts.view", "sickbed", null, null, $"alerts={alerts.Count}", wait: false);
        return alerts;
    }
}
