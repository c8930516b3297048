using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.HomeVisits;

/// <summary>
/// Home visits (issue 3, must-have 2): plan or start a visit, check in at the door, record vitals and services, complete
/// with the elder's or family's confirmation. A visit is visible to whoever may see its elder (<see cref="ElderScope"/>);
/// the family-doctor writers record visits.
/// </summary>
public sealed class HomeCareService(
    YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock, IVisitHistory history,
    IOptions<ElderOptions> elderOptions, IOptions<HomeCareOptions> options, Billing.VisitCharging charging, IOptions<ListOptions> lists)
{
    private const string Module = "homecare";
    private const int MaxPageSize = 200;
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private DateOnly Today => LocalDate(clock.GetUtcNow());
    private static DateOnly LocalDate(DateTimeOffset t) => DateOnly.FromDateTime(t.ToOffset(China).DateTime);
    private string Actor => user.IsAuthenticated ? user.UserName : "system";

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    private void RequireWriter()
    {
        if (!Policies.Map[Policies.FamilyDoctorWrite].Contains(user.Role)) throw new ForbiddenException();
    }

    private bool IsStaff => Roles.InstitutionStaff.Contains(user.Role);

    /// <summary>The visits whose elder the user may see (no AsNoTracking: writers load through here).</summary>
    private IQueryable<HomeVisit> Scoped(bool forWrite = false)
    {
        var elders = ElderScope.Apply(db.Elders, user, forWrite);
        return db.Set<HomeVisit>().Where(v => elders.Any(e => e.Id == v.ElderId));
    }

    private TimelineEvent Event(long elderId, string kind, string summary) =>
        TimelineEvent.Create(elderId, clock.GetUtcNow(), kind, Module, summary, Actor);

    // ---------------------------------------------------------------- create (idempotent)

    public sealed record CreateResult(VisitDto Visit, bool Replayed);

    private sealed record ValidVisit(long ElderId, long? TeamId, DateOnly PlannedDate, VisitSource Source, List<(string Code, string Name)> Services);

    private ValidVisit Validate(VisitInput input)
    {
        var errors = new FieldErrors();
        if (input.ElderId is null) errors.Add("elderId", "请选择上门服务的老年人。");
        var source = VisitRules.ParseSource(input.Source);
        if (source is null) errors.Add("source", "来源只能是临时出诊（ad-hoc）、签约服务包（package）或台账（ledger）。");
        var today = Today;
        var date = input.PlannedDate ?? today;
        if (date < today.AddDays(-7) || date > today.AddDays(366)) errors.Add("plannedDate", "计划日期应在 7 天前至 1 年内。");
        var services = new List<(string, string)>();
        var list = input.Services ?? [];
        if (list.Count > 30) errors.Add("services", "计划服务最多 30 项。");
        for (var i = 0; i < list.Count; i++)
        {
            var code = (list[i].ServiceCode ?? "").Trim();
            var name = (list[i].ServiceName ?? "").Trim();
            if (code.Length == 0 || code.Length > 32) errors.Add($"services[{i}].serviceCode", "请填写服务项目编码（最多 32 位）。");
            else if (services.Any(s => s.Item1 == code)) errors.Add($"services[{i}].serviceCode", "服务项目编码重复。");
            if (name.Length == 0 || name.Length > 50) errors.Add($"services[{i}].serviceName", "请填写服务项目名称（最多 50 个字）。");
            services.Add((code, name));
        }
        errors.ThrowIfAny();
        return new ValidVisit(input.ElderId!.Value, input.TeamId, date, source!.Value, services);
    }

    private static string Hash(ValidVisit v)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            v.ElderId,
            v.TeamId,
            PlannedDate = v.PlannedDate.ToString("yyyy-MM-dd"),
            Source = (int)v.Source,
            Services = v.Services.Select(s => new[] { s.Code, s.Name }).ToArray(),
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static string? ValidKey(string? key)
    {
        if (key is null) return null;
        var k = key.Trim();
        if (k.Length is 0 or > 100 || k.Any(c => c < 0x21 || c > 0x7e))
            throw Invalid("Idempotency-Key", "Idempotency-Key 应为 1–100 位可见 ASCII 字符（建议使用 UUID）。");
        return k;
    }

    /// <summary>
    /// Plans a visit or starts an ad-hoc one. With an Idempotency-Key the same user retrying the same request gets the
    /// visit the first request created (<see cref="CreateResult.Replayed"/>); the same key with a different request is
    /// refused (422). Keys live in the database under a unique index, so retries landing on another node or racing
    /// each other still make one visit.
    /// </summary>
    public async Task<CreateResult> CreateAsync(VisitInput input, string? idempotencyKey, CancellationToken ct)
    {
        RequireWriter();
        var key = ValidKey(idempotencyKey);
        var v = Validate(input);
        var hash = Hash(v);
        if (key is not null && await ReplayAsync(key, hash, ct) is { } replay) return replay;

        var elder = await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite: true).FirstOrDefaultAsync(e => e.Id == v.ElderId, ct)
                    ?? throw new NotFoundException("未找到该服务对象，或您无权查看。");
        var services = v.Services;
        long? teamId = v.TeamId;
        if (v.Source == VisitSource.Package && (services.Count == 0 || teamId is null))
        {
            // a package visit: the elder's active contract gives the team and the services it promises
            var contract = await db.Set<FamilyDoctorContract>().AsNoTracking()
                .FirstOrDefaultAsync(c => c.ElderId == elder.Id && c.Status == ContractStatus.Active, ct);
            if (contract is null) throw Invalid("source", "该老年人没有生效的家庭医生签约，不能按服务包计划上门。");
            teamId ??= contract.TeamId;
            if (services.Count == 0)
                services = await db.Set<FamilyDoctorPackageItem>().AsNoTracking().Where(i => i.PackageId == contract.PackageId)
                    .OrderBy(i => i.Id).Select(i => new ValueTuple<string, string>(i.ServiceCode, i.ServiceName)).ToListAsync(ct);
        }
        long? orgId = IsStaff ? user.OrganizationId : elder.ResponsibleOrganizationId;
        if (teamId is { } t)
        {
            var team = await db.Set<FamilyDoctorTeam>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == t, ct);
            if (team is null || (IsStaff && team.OrganizationId != user.OrganizationId)) throw Invalid("teamId", "团队不存在或不属于本机构。");
            orgId = team.OrganizationId;
        }

        var now = clock.GetUtcNow();
        var visit = new HomeVisit
        {
            ElderId = elder.Id,
            TeamId = teamId,
            OrganizationId = orgId,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            PlannedDate = v.PlannedDate,
            Source = v.Source,
            Status = VisitStatus.Planned,
            CreatedByUser = Actor,
            CreatedAt = now,
            UpdatedAt = now,
            Services = services.Select(s => new HomeVisitService
            {
                ServiceCode = s.Item1,
                ServiceName = s.Item2,
                Planned = true,
                Status = ServiceStatus.Open,
                CountyCode = elder.CountyCode,
            }).ToList(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(visit);
        await db.SaveChangesAsync(ct);
        if (key is not null)
            db.Add(new HomeVisitIdempotency { UserName = Actor, Key = key, RequestHash = hash, VisitId = visit.Id, CountyCode = elder.CountyCode, CreatedAt = now });
        var kind = VisitRules.Kind(v.Source);
        db.TimelineEvents.Add(Event(elder.Id, "homecare.visit.planned",
            v.PlannedDate == Today && v.Source == VisitSource.AdHoc
                ? $"开始{kind}，计划服务 {visit.Services.Count} 项"
                : $"计划{kind}：{v.PlannedDate:yyyy-MM-dd}，计划服务 {visit.Services.Count} 项"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (key is not null && DbErrors.IsUniqueViolation(e))
        {
            // a concurrent request with the same key won: answer with its visit
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await ReplayAsync(key, hash, ct) ?? throw new ConflictException("idempotency", "请求正在处理中，请稍后重试。");
        }
        await tx.CommitAsync(ct);
        await audit.RecordAsync("homecare.visit.create", "home-visit", visit.Id.ToString(), elder.Id);
        return new CreateResult(await GetAsync(visit.Id, ct), false);
    }

    private async Task<CreateResult?> ReplayAsync(string key, string hash, CancellationToken ct)
    {
        var userName = Actor;
        var row = await db.Set<HomeVisitIdempotency>().AsNoTracking().FirstOrDefaultAsync(x => x.UserName == userName && x.Key == key, ct);
        if (row is null) return null;
        if (row.RequestHash != hash)
            throw new BusinessRuleException("idempotency-key-reused", "该 Idempotency-Key 已用于另一项不同内容的请求，请为新的上门服务使用新的键。");
        return new CreateResult(await GetAsync(row.VisitId, ct), true);
    }

    // ---------------------------------------------------------------- steps at the door

    private async Task<HomeVisit> LoadForWriteAsync(long id, CancellationToken ct)
    {
        RequireWriter();
        var visit = await Scoped(forWrite: true).Include(v => v.Services).Include(v => v.Vital).FirstOrDefaultAsync(v => v.Id == id, ct)
                    ?? throw new NotFoundException("未找到该上门服务记录，或您无权查看。");
        return visit;
    }

    /// <summary>
    /// The visit for writing, with the elder's and the team's names read in the same statement (the completion answers
    /// with them: one round trip fewer than reading them after the commit).
    /// </summary>
    private async Task<(HomeVisit Visit, string ElderName, string? TeamName)> LoadWithNamesForWriteAsync(long id, CancellationToken ct)
    {
        RequireWriter();
        var row = await Scoped(forWrite: true).Where(v => v.Id == id)
                      .Select(v => new
                      {
                          Visit = v,
                          v.Services,
                          v.Vital,
                          Elder = db.Elders.Where(e => e.Id == v.ElderId).Select(e => e.Name).FirstOrDefault(),
                          Team = db.Set<FamilyDoctorTeam>().Where(t => t.Id == v.TeamId).Select(t => t.Name).FirstOrDefault(),
                      })
                      .FirstOrDefaultAsync(ct)
                  ?? throw new NotFoundException("未找到该上门服务记录，或您无权查看。");
        return (row.Visit, row.Elder ?? "", row.Team);
    }

    private static void RequireOpen(HomeVisit visit)
    {
        if (visit.Status == VisitStatus.Completed) throw new ConflictException("visit-completed", "该次上门服务已完成，不能再修改。");
    }

    private static void RequireCheckedIn(HomeVisit visit)
    {
        RequireOpen(visit);
        if (visit.Status != VisitStatus.CheckedIn) throw new ConflictException("not-checked-in", "尚未签到，请先在老人家中签到。");
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
    }

    private void Touch(HomeVisit v)
    {
        v.UpdatedAt = clock.GetUtcNow();
        v.Version++;
    }

    /// <summary>签到: the time (server time when absent) and the phone's position if it gave one. Repeating it changes nothing.</summary>
    public async Task<VisitDto> CheckInAsync(long id, CheckInInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var now = clock.GetUtcNow();
        if (input.Latitude is { } lat && (double.IsNaN(lat) || lat < -90 || lat > 90)) errors.Add("latitude", "纬度应在 -90 至 90 之间。");
        if (input.Longitude is { } lon && (double.IsNaN(lon) || lon < -180 || lon > 180)) errors.Add("longitude", "经度应在 -180 至 180 之间。");
        if ((input.Latitude is null) != (input.Longitude is null)) errors.Add(input.Latitude is null ? "latitude" : "longitude", "经度和纬度应同时提供。");
        if (input.AccuracyMeters is { } acc && (double.IsNaN(acc) || acc < 0 || acc > 100_000)) errors.Add("accuracyMeters", "定位精度应为 0 至 100000 米。");
        if (input.At is { } at && (at > now.AddMinutes(5) || at < now.AddDays(-7))) errors.Add("at", "签到时间不能晚于当前时间，也不能早于 7 天前。");
        errors.ThrowIfAny();

        var visit = await LoadForWriteAsync(id, ct);
        RequireOpen(visit);
        if (visit.Status == VisitStatus.CheckedIn)
        {
            var (elder, team) = await NamesAsync(visit.ElderId, visit.TeamId, ct);
            return ToDto(visit, elder, team);
        }
        visit.Status = VisitStatus.CheckedIn;
        visit.CheckedInAt = (input.At ?? now).ToUniversalTime(); // PostgreSQL timestamptz takes UTC only; a phone sends +08:00
        visit.Latitude = input.Latitude;
        visit.Longitude = input.Longitude;
        visit.AccuracyMeters = input.Latitude is null ? null : input.AccuracyMeters;
        visit.StaffUser = Actor;
        Touch(visit);
        db.TimelineEvents.Add(Event(visit.ElderId, "homecare.visit.checked-in",
            $"{VisitRules.Kind(visit.Source)}签到：{visit.CheckedInAt.Value.ToOffset(China):yyyy-MM-dd HH:mm}" + (visit.Latitude is null ? "" : "（已定位）")));
        await SaveAsync(ct);
        await audit.RecordAsync("homecare.visit.check-in", "home-visit", visit.Id.ToString(), visit.ElderId);
        return await GetAsync(id, ct);
    }

    /// <summary>Records (replaces) the visit's vitals; an implausible value is a 400 naming the field, and nothing is stored.</summary>
    public async Task<VisitDto> RecordVitalsAsync(long id, VitalsInput input, CancellationToken ct)
    {
        VisitRules.ValidateVitals(input).ThrowIfAny();
        var visit = await LoadForWriteAsync(id, ct);
        RequireCheckedIn(visit);
        var vital = visit.Vital ??= new HomeVisitVital { VisitId = visit.Id, CountyCode = visit.CountyCode };
        vital.SystolicMmHg = input.Systolic;
        vital.DiastolicMmHg = input.Diastolic;
        vital.PulsePerMin = input.Pulse;
        vital.TemperatureC = input.Temperature;
        vital.GlucoseMmolL = input.Glucose;
        vital.Spo2Percent = input.Spo2;
        vital.WeightKg = input.Weight;
        vital.RecordedAt = clock.GetUtcNow();
        Touch(visit);
        await SaveAsync(ct);
        await audit.RecordAsync("homecare.visit.vitals", "home-visit", visit.Id.ToString(), visit.ElderId);
        return await GetAsync(id, ct);
    }

    /// <summary>Marks a service done or skipped (with a reason); a code not planned is an extra service and needs its name.</summary>
    public async Task<VisitDto> RecordServiceAsync(long id, string code, ServiceRecordInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        code = (code ?? "").Trim();
        if (code.Length is 0 or > 32) errors.Add("serviceCode", "服务项目编码最多 32 位。");
        var status = input.Status?.Trim() switch
        {
            "done" or "完成" or "已完成" => ServiceStatus.Done,
            "skipped" or "跳过" or "已跳过" => ServiceStatus.Skipped,
            _ => (ServiceStatus?)null,
        };
        if (status is null) errors.Add("status", "请选择“已完成”（done）或“跳过”（skipped）。");
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        if (status == ServiceStatus.Skipped && reason is null) errors.Add("reason", "跳过服务请填写原因（如：老人拒绝、设备故障）。");
        if (reason is { Length: > 200 }) errors.Add("reason", "原因最多 200 个字。");
        errors.ThrowIfAny();

        var visit = await LoadForWriteAsync(id, ct);
        RequireCheckedIn(visit);
        var service = visit.Services.FirstOrDefault(s => s.ServiceCode == code);
        if (service is null)
        {
            var name = (input.ServiceName ?? "").Trim();
            if (name.Length is 0 or > 50) throw Invalid("serviceName", "该服务不在计划中；加做服务请填写服务名称（最多 50 个字）。");
            if (visit.Services.Count >= 50) throw Invalid("serviceCode", "一次上门服务最多记录 50 项服务。");
            service = new HomeVisitService { ServiceCode = code, ServiceName = name, Planned = false, CountyCode = visit.CountyCode };
            visit.Services.Add(service);
        }
        service.Status = status!.Value;
        service.SkipReason = status == ServiceStatus.Skipped ? reason : null;
        service.RecordedAt = clock.GetUtcNow();
        Touch(visit);
        await SaveAsync(ct);
        await audit.RecordAsync("homecare.visit.service", "home-visit", visit.Id.ToString(), visit.ElderId, $"{code}={VisitRules.ServiceStatusCode(status.Value)}");
        return await GetAsync(id, ct);
    }

    /// <summary>签退: refused while a planned service is open or before check-in; records notes and the confirmation.</summary>
    public async Task<VisitDto> CompleteAsync(long id, CompleteInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var by = input.Confirmation?.By?.Trim() switch
        {
            "self" or "本人" => ConfirmedBy.Self,
            "family" or "家属" => ConfirmedBy.Family,
            _ => (ConfirmedBy?)null,
        };
        if (by is null) errors.Add("confirmation.by", "请选择由老人本人（self）还是家属（family）确认。");
        var name = string.IsNullOrWhiteSpace(input.Confirmation?.Name) ? null : input.Confirmation.Name.Trim();
        var relation = string.IsNullOrWhiteSpace(input.Confirmation?.Relation) ? null : input.Confirmation.Relation.Trim();
        if (by == ConfirmedBy.Family && relation is null) errors.Add("confirmation.relation", "家属确认请填写与老人的关系。");
        if (name is { Length: > 50 }) errors.Add("confirmation.name", "确认人姓名最多 50 个字。");
        if (relation is { Length: > 20 }) errors.Add("confirmation.relation", "关系最多 20 个字。");
        var notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        if (notes is { Length: > 500 }) errors.Add("notes", "服务记录最多 500 个字。");
        errors.ThrowIfAny();

        var (visit, elderName, teamName) = await LoadWithNamesForWriteAsync(id, ct);
        if (VisitRules.CompletionBlocker(visit.Status, visit.Services) is { } blocker)
        {
            var code = visit.Status == VisitStatus.Completed ? "visit-completed"
                : visit.Status != VisitStatus.CheckedIn ? "not-checked-in" : "open-services";
            var e = new ConflictException(code, blocker);
            e.Extensions["openServices"] = VisitRules.OpenServices(visit.Services).Select(s => s.ServiceCode).ToArray();
            throw e;
        }
        // the distance prices the 上门服务费: checked before anything is written
        await charging.CheckDistanceAsync(visit.OrganizationId, input.DistanceKm, ct);

        // completion and its charge lines in one transaction: the visit row's version lets one completion through;
        // the charge lines' unique (visit, item) index is the last line of defence against a second set
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // every failure below undoes the whole completion, so the saves need no savepoints of their own (two round trips
        // each); the quota slots take their own savepoint where a collision is expected
        db.Database.AutoSavepointsEnabled = false;
        var now = AuditLog.Truncate(clock.GetUtcNow()); // whole milliseconds: the answer below equals what is stored
        visit.Status = VisitStatus.Completed;
        visit.CheckedOutAt = now;
        visit.CompletedOn = LocalDate(now);
        visit.Notes = notes;
        visit.ConfirmedBy = by;
        visit.ConfirmerName = by == ConfirmedBy.Family ? name : null;
        visit.ConfirmerRelation = by == ConfirmedBy.Family ? relation : null;
        visit.DistanceKm = input.DistanceKm;
        Touch(visit);
        var done = visit.Services.Count(s => s.Status == ServiceStatus.Done);
        var skipped = visit.Services.Count(s => s.Status == ServiceStatus.Skipped);
        db.TimelineEvents.Add(Event(visit.ElderId, "homecare.visit.completed",
            $"完成{VisitRules.Kind(visit.Source)}：完成服务 {done} 项" + (skipped > 0 ? $"、跳过 {skipped} 项" : "") +
            (visit.Vital is null ? "" : "，已测体征") + (by == ConfirmedBy.Self ? "；本人确认" : $"；家属确认（{relation}）")));
        IReadOnlyList<Billing.ChargeDto> charges;
        try
        {
            await SaveAsync(ct);
            charges = await charging.ChargeAsync(new Billing.VisitToCharge(visit.Id, visit.ElderId, visit.OrganizationId, visit.TownshipCode,
                visit.CountyCode, visit.CompletedOn!.Value, visit.DistanceKm,
                visit.Services.Where(s => s.Status == ServiceStatus.Done).Select(s => (s.ServiceCode, s.ServiceName)).ToList(), Actor), ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("visit-completed", "该次上门服务已完成并已计费，不能重复计费。");
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }
        await tx.CommitAsync(ct);
        // both entries queued before waiting: one audit commit instead of two in a row
        var audited = new List<Task> { audit.RecordAsync("homecare.visit.complete", "home-visit", visit.Id.ToString(), visit.ElderId) };
        if (charges.Count > 0)
            audited.Add(audit.RecordAsync("billing.charges.create", "home-visit", visit.Id.ToString(), visit.ElderId,
                $"lines={charges.Count};patientTotal={charges.Sum(c => c.PatientAmount):0.00}"));
        await Task.WhenAll(audited);
        // the answer from what was just written (no second read of the visit, its names and its charges)
        var ordered = charges.OrderBy(c => c.Kind == "service-fee").ThenBy(c => c.ItemCode, StringComparer.Ordinal).ToList();
        return ToDto(visit, elderName, teamName) with { Charges = ordered, PatientTotal = ordered.Sum(c => c.PatientAmount) };
    }

    /// <summary>The elder's and the team's names in one query.</summary>
    private async Task<(string Elder, string? Team)> NamesAsync(long elderId, long? teamId, CancellationToken ct)
    {
        var row = await db.Elders.AsNoTracking().Where(e => e.Id == elderId)
            .Select(e => new { e.Name, Team = db.Set<FamilyDoctorTeam>().Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        return (row?.Name ?? "", row?.Team);
    }

    // ---------------------------------------------------------------- reads

    public async Task<VisitDto> GetAsync(long id, CancellationToken ct)
    {
        var visit = await Scoped().AsNoTracking().Include(v => v.Services).Include(v => v.Vital).FirstOrDefaultAsync(v => v.Id == id, ct)
                    ?? throw new NotFoundException("未找到该上门服务记录，或您无权查看。");
        var (elderName, teamName) = await NamesAsync(visit.ElderId, visit.TeamId, ct);
        var dto = ToDto(visit, elderName, teamName);
        if (visit.Status != VisitStatus.Completed) return dto;
        var charges = await charging.ForVisitAsync(visit.Id, ct);
        return dto with { Charges = charges, PatientTotal = charges.Sum(c => c.PatientAmount) };
    }

    private static VisitDto ToDto(HomeVisit v, string elderName, string? teamName) => new(
        v.Id, v.ElderId, elderName, v.TownshipCode, v.TeamId, teamName, v.OrganizationId, v.PlannedDate,
        VisitRules.SourceCode(v.Source), VisitRules.Kind(v.Source), VisitRules.StatusCode(v.Status), VisitRules.StatusName(v.Status),
        v.CheckedInAt, v.Latitude, v.Longitude, v.AccuracyMeters, v.CheckedOutAt, v.Notes,
        v.ConfirmedBy is { } by
            ? new ConfirmationDto(by == ConfirmedBy.Self ? "self" : "family", by == ConfirmedBy.Self ? "本人确认" : "家属确认", v.ConfirmerName, v.ConfirmerRelation)
            : null,
        v.StaffUser,
        v.Services.OrderByDescending(s => s.Planned).ThenBy(s => s.Id)
            .Select(s => new VisitServiceDto(s.ServiceCode, s.ServiceName, s.Planned, VisitRules.ServiceStatusCode(s.Status),
                VisitRules.ServiceStatusName(s.Status), s.SkipReason, s.RecordedAt)).ToList(),
        v.Vital is { } x
            ? new VitalsDto(x.SystolicMmHg, x.DiastolicMmHg, x.PulsePerMin, x.TemperatureC, x.GlucoseMmolL, x.Spo2Percent, x.WeightKg, x.RecordedAt)
            : null,
        VisitRules.OpenServices(v.Services).Select(s => s.ServiceCode).ToList(),
        v.Version, v.DistanceKm, []);

    public async Task<PagedList<VisitListItem>> ListAsync(VisitQuery q, CancellationToken ct)
    {
        var query = Scoped().AsNoTracking();
        if (q.ElderId is { } e) query = query.Where(v => v.ElderId == e);
        if (q.TeamId is { } t) query = query.Where(v => v.TeamId == t);
        if (q.Date is { } d) query = query.Where(v => v.PlannedDate == d);
        if (!string.IsNullOrWhiteSpace(q.Status))
        {
            var s = VisitRules.ParseStatus(q.Status) ?? throw Invalid("status", "状态只能是 planned、checked-in 或 completed。");
            query = query.Where(v => v.Status == s);
        }
        var page = Math.Max(1, q.Page ?? 1);
        var size = Math.Clamp(q.PageSize ?? 50, 1, MaxPageSize);
        var items = await Items(query.OrderByDescending(v => v.PlannedDate).ThenByDescending(v => v.Id).Skip((page - 1) * size).Take(size), ct);
        var (total, capped) = await Paging.TotalAsync(query, page, size, items.Count, lists.Value.MaxCountedResults, ct);
        return new PagedList<VisitListItem>(items, total, page, size, capped);
    }

    private async Task<List<VisitListItem>> Items(IQueryable<HomeVisit> query, CancellationToken ct)
    {
        var rows = await (from v in query
                          join e in db.Elders on v.ElderId equals e.Id
                          select new { v, e.Name }).ToListAsync(ct);
        return rows.Select(r => new VisitListItem(r.v.Id, r.v.ElderId, r.Name, r.v.PlannedDate, VisitRules.SourceCode(r.v.Source),
            VisitRules.Kind(r.v.Source), VisitRules.StatusCode(r.v.Status), VisitRules.StatusName(r.v.Status), r.v.CheckedInAt,
            r.v.CheckedOutAt, r.v.TeamId)).ToList();
    }

    /// <summary>
    /// The work list of a day for the user's organization (the platform admin names one, or sees all in scope): the visits
    /// planned for that day, and the 台账 elders the organization is responsible for whose last completed visit is older
    /// than <see cref="HomeCareOptions.LedgerIntervalDays"/> or who were never visited (overdue).
    /// </summary>
    public async Task<WorkList> WorkListAsync(DateOnly? date, long? organizationId, CancellationToken ct)
    {
        var day = date ?? Today;
        long? org = IsStaff ? user.OrganizationId : organizationId;
        var visits = Scoped().AsNoTracking().Where(v => v.PlannedDate == day);
        if (org is { } o) visits = visits.Where(v => v.OrganizationId == o);
        var items = (await Items(visits.OrderBy(v => v.Status).ThenBy(v => v.Id).Take(500), ct))
            .OrderBy(i => i.Status == "completed").ThenBy(i => i.Id).ToList();

        var bits = elderOptions.Value.LedgerFlags.Select(c => RiskFlagCatalog.Parse(c) ?? RiskFlags.None).Aggregate(RiskFlags.None, (a, b) => a | b);
        var mask = (int)bits;
        var cutoff80 = Today.AddYears(-80);
        var includeAge = bits.HasFlag(RiskFlags.OldestOld);
        var elders = ElderScope.Apply(db.Elders.AsNoTracking(), user)
            .Where(e => ((int)e.Flags & mask) != 0 || (includeAge && e.BirthDate <= cutoff80));
        if (org is { } o2) elders = elders.Where(e => e.ResponsibleOrganizationId == o2);
        var ledger = await elders.OrderBy(e => e.TownshipCode).ThenBy(e => e.Name).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Name, e.TownshipCode }).Take(5000).ToListAsync(ct);
        var last = await history.LastVisitDatesAsync(ledger.Select(e => e.Id).ToList(), ct);
        var interval = Math.Max(1, options.Value.LedgerIntervalDays);
        var today = Today;
        var overdue = ledger
            .Select(e => (e, lv: last.TryGetValue(e.Id, out var d) ? d : (DateOnly?)null))
            .Where(x => VisitRules.IsOverdue(x.lv, today, interval))
            .Select(x => new OverdueElder(x.e.Id, x.e.Name, x.e.TownshipCode, x.lv, x.lv is { } l ? today.DayNumber - l.DayNumber : null))
            .OrderBy(x => x.LastVisit.HasValue).ThenBy(x => x.LastVisit).Take(500).ToList();
        await audit.RecordAsync("homecare.worklist.view", "organization", org?.ToString(), null, $"visits={items.Count};overdue={overdue.Count}", wait: false);
        return new WorkList(day, org, interval, items, overdue);
    }
}

/// <summary>The 台账's last visit per elder: the local date of their last completed home visit.</summary>
public sealed class HomeVisitHistory(YiyangDb db) : IVisitHistory
{
    public async Task<IReadOnlyDictionary<long, DateOnly>> LastVisitDatesAsync(IReadOnlyCollection<long> elderIds, CancellationToken ct)
    {
        var result = new Dictionary<long, DateOnly>();
        foreach (var chunk in elderIds.Distinct().Chunk(1000))
        {
            var rows = await db.Set<HomeVisit>().AsNoTracking()
                .Where(v => chunk.Contains(v.ElderId) && v.Status == VisitStatus.Completed && v.CompletedOn != null)
                .GroupBy(v => v.ElderId)
                .Select(g => new { ElderId = g.Key, Last = g.Max(v => v.CompletedOn) })
                .ToListAsync(ct);
            foreach (var r in rows)
                if (r.Last is { } d) result[r.ElderId] = d;
        }
        return result;
    }
}
