using System.Globalization;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.HealthManagement.Prescriptions;

public sealed record PrescriptionItemDto(int Seq, string DrugName, string Spec, string Dose, string Frequency, string Route, string Category,
    string CategoryName, decimal Quantity, string Unit, int DaysPerDispensing);

public sealed record DispensingDto(long Id, DateOnly DispensedOn, int SupplyDays, DateOnly SuppliedUntil, string DispensedBy);

public sealed record PrescriptionDto(long Id, long ElderId, string ElderName, string Disease, string DiseaseName, string DiagnosisCode, string DiagnosisName,
    bool ConditionStable, DateOnly StartOn, int ValidityDays, DateOnly ValidUntil, int SupplyDays, int MaxSupplyDays, string? ExtendedAssessment,
    bool PatientConfirmed, string Status, string StatusName, string? StopReason, DateTimeOffset? StoppedAt, string PrescribedBy, DateTimeOffset CreatedAt,
    IReadOnlyList<PrescriptionItemDto> Items, IReadOnlyList<DispensingDto> Dispensings, DateOnly? NextRefillOn, int Version);

public sealed record DispenseInput(DateOnly? DispensedOn, int? Version);

public sealed record StopInput(string? Reason, int? Version);

public sealed record ExpiringPrescription(long Id, long ElderId, string ElderName, string DiagnosisCode, string DiagnosisName, DateOnly ValidUntil, int DaysLeft);

/// <summary>
/// 长期处方 (docs/domain/health-management.md#long-term-prescription-rules): prescribe, dispense, stop, list; the team's expiring list. Doctors of the
/// elder's organization prescribe and stop (ElderScope for writing), doctors and nurses record dispensings; every read
/// and change is audited, changes go to the elder's timeline in the same transaction.
/// </summary>
public sealed class PrescriptionService(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock, IOptions<LongTermPrescriptionOptions> options)
{
    private const string Module = "healthmgmt";
    private LongTermPrescriptionOptions O => options.Value;
    public DateOnly Today => clock.ChinaToday();
    private string Actor => user.IsAuthenticated ? user.UserName : "system";

    public bool CanPrescribe => user.Can(HealthManagementPolicies.PrescriptionsWrite);
    public bool CanDispense => user.Can(HealthManagementPolicies.Write);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<Elder> ElderAsync(long? elderId, bool forWrite, CancellationToken ct)
    {
        if (elderId is not { } id) throw new ValidationFailedException(new Dictionary<string, string[]> { ["elderId"] = ["请选择老年人。"] });
        return await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite).FirstOrDefaultAsync(e => e.Id == id, ct)
               ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
    }

    private static ConflictException ActiveExists(string diseaseName) =>
        new("active-prescription-exists", $"该老年人已有一张有效的{diseaseName}长期处方，请先停用原处方或待其到期。");

    public async Task<PrescriptionDto> CreateAsync(PrescriptionInput input, CancellationToken ct)
    {
        if (!CanPrescribe) throw new ForbiddenException("只有医生可以开具长期处方。");
        var errors = new FieldErrors();
        var v = PrescriptionRules.Validate(input, O, Today, errors);
        errors.ThrowIfAny();
        var elder = await ElderAsync(input.ElderId, forWrite: true, ct);
        var today = Today;
        var diseaseName = PrescriptionRules.DiseaseName(v!.Disease, O);
        // an active prescription past its last day is expired now (frees the unique index for the new one)
        var previous = await db.Set<LongTermPrescription>().AsTracking()
            .Where(p => p.ElderId == elder.Id && p.Disease == v.Disease && p.Status == PrescriptionStatus.Active).ToListAsync(ct);
        foreach (var p in previous)
        {
            if (p.ValidUntil >= today) throw ActiveExists(diseaseName);
            p.Status = PrescriptionStatus.Expired;
            p.Version++;
        }
        var now = clock.GetUtcNow();
        var rx = new LongTermPrescription
        {
            ElderId = elder.Id,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            Disease = v.Disease,
            DiagnosisCode = v.DiagnosisCode,
            DiagnosisName = v.DiagnosisName,
            ConditionStable = true,
            StartOn = v.StartOn,
            ValidityDays = v.ValidityDays,
            ValidUntil = v.ValidUntil,
            SupplyDays = v.SupplyDays,
            MaxSupplyDays = v.MaxSupplyDays,
            ExtendedAssessment = v.ExtendedAssessment is null ? null : Masking.Scrub(v.ExtendedAssessment),
            PatientConfirmed = v.PatientConfirmed,
            Status = PrescriptionStatus.Active,
            OrganizationId = user.OrganizationId,
            PrescribedBy = Actor,
            CreatedAt = now,
            Items = [.. v.Items],
        };
        db.Add(rx);
        db.TimelineEvents.Add(TimelineEvent.Create(elder.Id, now, "healthmgmt.ltp.prescribed", Module,
            $"开具长期处方：{rx.DiagnosisCode} {rx.DiagnosisName}，{rx.Items.Count} 种药品，{rx.StartOn:yyyy-MM-dd} 至 {rx.ValidUntil:yyyy-MM-dd}，每次取药 {rx.SupplyDays} 天用量",
            Actor));
        await SaveAsync(() => ActiveExists(diseaseName), ct);
        await audit.RecordAsync("healthmgmt.ltp.create", "long-term-prescription", Id(rx.Id), elder.Id);
        return ToDto(rx, elder.Name, today);
    }

    private async Task SaveAsync(Func<ConflictException> onUnique, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrency", "长期处方已被他人修改，请刷新后再试。");
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw onUnique();
        }
    }

    private async Task<(LongTermPrescription Rx, Elder Elder)> LoadAsync(long id, bool forWrite, CancellationToken ct)
    {
        var elders = ElderScope.Apply(db.Elders, user, forWrite);
        var q = db.Set<LongTermPrescription>().Include(p => p.Items).Include(p => p.Dispensings).Where(p => elders.Any(e => e.Id == p.ElderId));
        var rx = await (forWrite ? q.AsTracking() : q.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id, ct)
                 ?? throw new NotFoundException("未找到该长期处方，或您无权查看。");
        var elder = await db.Elders.AsNoTracking().FirstAsync(e => e.Id == rx.ElderId, ct);
        return (rx, elder);
    }

    public async Task<PrescriptionDto> GetAsync(long id, CancellationToken ct)
    {
        var (rx, elder) = await LoadAsync(id, forWrite: false, ct);
        await audit.RecordAsync("healthmgmt.ltp.view", "long-term-prescription", Id(rx.Id), rx.ElderId, wait: false);
        return ToDto(rx, elder.Name, Today);
    }

    public async Task<IReadOnlyList<PrescriptionDto>> ListAsync(long? elderId, CancellationToken ct)
    {
        var elder = await ElderAsync(elderId, forWrite: false, ct);
        var rows = await db.Set<LongTermPrescription>().AsNoTracking().Include(p => p.Items).Include(p => p.Dispensings)
            .Where(p => p.ElderId == elder.Id).OrderByDescending(p => p.StartOn).ThenByDescending(p => p.Id).ToListAsync(ct);
        await audit.RecordAsync("healthmgmt.ltp.list", "elder", Id(elder.Id), elder.Id, wait: false);
        var today = Today;
        return [.. rows.Select(r => ToDto(r, elder.Name, today))];
    }

    public async Task<PrescriptionDto> DispenseAsync(long id, DispenseInput input, int? ifMatch, CancellationToken ct)
    {
        if (!CanDispense) throw new ForbiddenException();
        var (rx, elder) = await LoadAsync(id, forWrite: true, ct);
        Etags.CheckVersion(rx.Version, ifMatch, input.Version);
        var today = Today;
        var day = input.DispensedOn ?? today;
        if (day > today) throw new ValidationFailedException(new Dictionary<string, string[]> { ["dispensedOn"] = ["取药日期不能晚于今天。"] });
        if (rx.Status == PrescriptionStatus.Stopped)
            throw new ConflictException("prescription-stopped", PrescriptionRules.RefuseDispensing(rx.Status, rx.StartOn, rx.ValidUntil, null, null, day, O.RefillWindowDays)!);
        var last = rx.Dispensings.OrderByDescending(d => d.DispensedOn).FirstOrDefault();
        if (last is not null && day <= last.DispensedOn)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["dispensedOn"] = [$"取药日期应晚于上次取药日期 {last.DispensedOn:yyyy-MM-dd}。"] });
        if (PrescriptionRules.RefuseDispensing(rx.Status, rx.StartOn, rx.ValidUntil, last?.DispensedOn, last?.SupplyDays, day, O.RefillWindowDays) is { } why)
            throw new ConflictException(rx.Status == PrescriptionStatus.Stopped ? "prescription-stopped" : day > rx.ValidUntil ? "prescription-expired" : "too-early", why);
        var supply = PrescriptionRules.SupplyOn(rx.SupplyDays, rx.ValidUntil, day);
        var now = clock.GetUtcNow();
        rx.Dispensings.Add(new PrescriptionDispensing { DispensedOn = day, SupplyDays = supply, DispensedBy = Actor, OrganizationId = user.OrganizationId, CreatedAt = now });
        rx.Version++;
        db.TimelineEvents.Add(TimelineEvent.Create(rx.ElderId, now, "healthmgmt.ltp.dispensed", Module,
            $"长期处方取药：{rx.DiagnosisCode} {rx.DiagnosisName}，{day:yyyy-MM-dd} 取 {supply} 天用量", Actor));
        await SaveAsync(() => new ConflictException("concurrency", "该处方当天已取药，请刷新后再试。"), ct);
        await audit.RecordAsync("healthmgmt.ltp.dispense", "long-term-prescription", Id(rx.Id), rx.ElderId, $"{day:yyyy-MM-dd} {supply}d");
        return ToDto(rx, elder.Name, today);
    }

    public async Task<PrescriptionDto> StopAsync(long id, StopInput input, int? ifMatch, CancellationToken ct)
    {
        if (!CanPrescribe) throw new ForbiddenException("只有医生可以停用长期处方。");
        var reason = Masking.Scrub((input.Reason ?? "").Trim());
        if (reason.Length == 0 || reason.Length > 200)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["reason"] = [reason.Length == 0 ? "请填写停用原因。" : "停用原因最多 200 个字。"] });
        var (rx, elder) = await LoadAsync(id, forWrite: true, ct);
        Etags.CheckVersion(rx.Version, ifMatch, input.Version);
        var today = Today;
        var status = PrescriptionRules.StatusOn(rx.Status, rx.ValidUntil, today);
        if (status != PrescriptionStatus.Active)
            throw new ConflictException("not-active", $"该长期处方{PrescriptionRules.StatusName(status)}，不能停用。");
        var now = clock.GetUtcNow();
        rx.Status = PrescriptionStatus.Stopped;
        rx.StopReason = reason;
        rx.StoppedAt = now;
        rx.StoppedBy = Actor;
        rx.Version++;
        db.TimelineEvents.Add(TimelineEvent.Create(rx.ElderId, now, "healthmgmt.ltp.stopped", Module,
            $"停用长期处方：{rx.DiagnosisCode} {rx.DiagnosisName}（{reason}）", Actor));
        await SaveAsync(() => new ConflictException("concurrency", "长期处方已被他人修改，请刷新后再试。"), ct);
        await audit.RecordAsync("healthmgmt.ltp.stop", "long-term-prescription", Id(rx.Id), rx.ElderId);
        return ToDto(rx, elder.Name, today);
    }

    /// <summary>Active prescriptions of the elders in scope whose validity ends within <paramref name="days"/> days (default the setting, 14).</summary>
    public async Task<IReadOnlyList<ExpiringPrescription>> ExpiringAsync(int? days, CancellationToken ct)
    {
        var d = days ?? O.ExpiringReminderDays;
        if (d < 0 || d > 84) throw new ValidationFailedException(new Dictionary<string, string[]> { ["days"] = ["天数应在 0–84 之间。"] });
        var today = Today;
        var until = today.AddDays(d);
        var elders = ElderScope.Apply(db.Elders.AsNoTracking(), user);
        var rows = await (from p in db.Set<LongTermPrescription>().AsNoTracking()
                          join e in elders on p.ElderId equals e.Id
                          where p.Status == PrescriptionStatus.Active && p.ValidUntil >= today && p.ValidUntil <= until
                          orderby p.ValidUntil, p.Id
                          select new { p.Id, p.ElderId, e.Name, p.DiagnosisCode, p.DiagnosisName, p.ValidUntil }).Take(500).ToListAsync(ct);
        var mask = user.Can(HealthManagementPolicies.MaskedNames);
        await audit.RecordAsync("healthmgmt.ltp.expiring", "list", null, null, $"days={d}", wait: false);
        return [.. rows.Select(r => new ExpiringPrescription(r.Id, r.ElderId, mask ? Masking.Name(r.Name) : r.Name, r.DiagnosisCode, r.DiagnosisName,
            r.ValidUntil, r.ValidUntil.DayNumber - today.DayNumber))];
    }

    private PrescriptionDto ToDto(LongTermPrescription p, string elderName, DateOnly today)
    {
        var status = PrescriptionRules.StatusOn(p.Status, p.ValidUntil, today);
        var last = p.Dispensings.OrderByDescending(d => d.DispensedOn).FirstOrDefault();
        DateOnly? next = status != PrescriptionStatus.Active ? null
            : last is null ? (p.StartOn > today ? p.StartOn : today)
            : PrescriptionRules.EarliestRefill(last.DispensedOn, last.SupplyDays, O.RefillWindowDays);
        if (next > p.ValidUntil) next = null;
        return new PrescriptionDto(p.Id, p.ElderId, elderName, p.Disease, PrescriptionRules.DiseaseName(p.Disease, O), p.DiagnosisCode, p.DiagnosisName,
            p.ConditionStable, p.StartOn, p.ValidityDays, p.ValidUntil, p.SupplyDays, p.MaxSupplyDays, p.ExtendedAssessment, p.PatientConfirmed,
            PrescriptionRules.StatusCode(status), PrescriptionRules.StatusName(status), p.StopReason, p.StoppedAt, p.PrescribedBy, p.CreatedAt,
            [.. p.Items.OrderBy(i => i.Seq).Select(i => new PrescriptionItemDto(i.Seq, i.DrugName, i.Spec, i.Dose, i.Frequency, i.Route, i.Category,
                PrescriptionRules.CategoryName(i.Category), i.Quantity, i.Unit, i.DaysPerDispensing))],
            [.. p.Dispensings.OrderBy(d => d.DispensedOn).Select(d => new DispensingDto(d.Id, d.DispensedOn, d.SupplyDays, d.DispensedOn.AddDays(d.SupplyDays - 1), d.DispensedBy))],
            next, p.Version);
    }
}
