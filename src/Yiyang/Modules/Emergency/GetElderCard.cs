using System.Globalization;
using Yiyang.Modules.Assessments.CarePlans;
using Yiyang.Modules.Elders;
using Yiyang.Modules.HealthManagement.Prescriptions;

namespace Yiyang.Modules.Emergency;

public sealed record CardContact(string? Name, string? Relation, string? Phone, string? PhoneMasked);

public sealed record CardMedication(string Disease, string DrugName, string Dose, string Frequency, DateOnly ValidUntil);

public sealed record CardReading(DateTimeOffset MeasuredAt, string Text);

public sealed record CardIncident(long Id, string KindName, string StatusName, DateTimeOffset OpenedAt);

/// <summary>The elder card beside an incident; <see cref="Revealed"/> says whether address and phones are shown in full.</summary>
public sealed record ElderCard(long ElderId, string Name, string Sex, int Age, bool Revealed, string? Address, string? Phone,
    IReadOnlyList<CardContact> Contacts, IReadOnlyList<string> Flags, string? CareLevel, string? FamilyDoctorTeam, string? CareHome,
    IReadOnlyList<CardMedication> Medications, IReadOnlyList<CardReading> RecentReadings, IReadOnlyList<CardIncident> RecentIncidents,
    IReadOnlyList<string> NotRecorded);

/// <summary>
/// 老人信息卡 (docs/domain/emergency.md#elder-card): what the operator needs while an incident is open — who, where, whom
/// to call, care level, conditions, long-term medication, responsible team and home, recent readings and incidents.
/// Address and phones are shown in full to those who work incidents while the incident is open (one audit entry per view,
/// naming the incident); otherwise masked.
/// </summary>
public sealed class GetElderCard(YiyangDb db, EmergencyAccess access, PiiProtector pii, CareLevels levels, ResponderDirectory responders,
    AuditTrail audit, TimeProvider clock)
{
    public const int Recent = 5;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/incidents/{id:long}/elder-card", async Task<Ok<ElderCard>> (long id, GetElderCard handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(403, 404)
            .WithSummary("事件老人信息卡：地址、电话（事件未结时对坐席完整显示并留痕）、联系人、照护等级、风险标识、长期用药、签约团队、所在机构、近期读数和事件");

    public async Task<ElderCard> HandleAsync(long incidentId, CancellationToken ct)
    {
        var incident = await access.Incidents().AsNoTracking().Where(i => i.Id == incidentId)
            .Select(i => new { i.ElderId, i.Status }).FirstOrDefaultAsync(ct) ?? throw EmergencyAccess.NoIncident();
        var e = await db.Elders.AsNoTracking().FirstAsync(x => x.Id == incident.ElderId, ct);
        var reveal = incident.Status < IncidentStatus.Resolved && access.User.Can(EmergencyPolicies.HandleIncidents);
        var today = clock.ChinaToday();
        var contacts = e.ContactsCipher is null ? [] : ElderRecord.ReadContacts(e.ContactsCipher, pii);
        var phone = reveal ? pii.DecryptOrNull(e.PhoneCipher) : null;
        var options = await responders.ForElderAsync(e.Id, ct);
        var card = new ElderCard(e.Id, e.Name, CodeLists.SexName(e.Sex), e.AgeOn(today), reveal,
            reveal ? pii.DecryptOrNull(e.AddressCipher) : e.AddressMasked, phone ?? e.PhoneMasked,
            [.. contacts.Select(c => new CardContact(reveal ? c.Name : c.Name is { Length: > 0 } n ? Masking.Name(n) : null, c.Relation,
                reveal ? c.Phone : null, c.Phone is { Length: > 0 } p ? Masking.Phone(p) : null))],
            [.. RiskFlagCatalog.All.Where(f => e.Flags.HasFlag(f.Flag)).Select(f => f.Name)],
            await levels.CareLevelNameUnscopedAsync(e.Id, ct),
            options.FirstOrDefault(o => o.Kind == IncidentRules.ResponderCode(ResponderKind.FamilyDoctorTeam))?.Name,
            options.FirstOrDefault(o => o.Kind == IncidentRules.ResponderCode(ResponderKind.CareHome))?.Name,
            await MedicationsAsync(e.Id, today, ct), await ReadingsAsync(e.Id, ct), await IncidentsAsync(e.Id, incidentId, ct),
            ["过敏史", "照护意愿（如安宁疗护）"]);
        await audit.RecordAsync(reveal ? "emergency.elder-card.reveal" : "emergency.elder-card.view", "emergency-incident",
            incidentId.ToString(CultureInfo.InvariantCulture), e.Id, reveal ? "address,phone,contacts" : null, wait: false);
        return card;
    }

    private async Task<IReadOnlyList<CardMedication>> MedicationsAsync(long elderId, DateOnly today, CancellationToken ct) =>
        await db.Set<LongTermPrescription>().AsNoTracking()
            .Where(p => p.ElderId == elderId && p.Status == PrescriptionStatus.Active && p.ValidUntil >= today)
            .Join(db.Set<LongTermPrescriptionItem>(), p => p.Id, i => i.PrescriptionId,
                (p, i) => new CardMedication(p.Disease, i.DrugName, i.Dose, i.Frequency, p.ValidUntil))
            .Take(20).ToListAsync(ct);

    private async Task<IReadOnlyList<CardReading>> ReadingsAsync(long elderId, CancellationToken ct) =>
        [.. (await db.Set<EmergencyReading>().AsNoTracking().Where(r => r.ElderId == elderId).OrderByDescending(r => r.MeasuredAt).Take(Recent)
            .ToListAsync(ct)).Select(r => new CardReading(r.MeasuredAt, ReadingText(r)))];

    private async Task<IReadOnlyList<CardIncident>> IncidentsAsync(long elderId, long except, CancellationToken ct) =>
        [.. (await db.Set<EmergencyIncident>().AsNoTracking().Where(i => i.ElderId == elderId && i.Id != except)
            .OrderByDescending(i => i.OpenedAt).Take(Recent).ToListAsync(ct))
            .Select(i => new CardIncident(i.Id, IncidentRules.KindName(i.Kind), IncidentRules.StatusName(i.Status), i.OpenedAt))];

    /// <summary>A reading in words: only the values it holds.</summary>
    public static string ReadingText(EmergencyReading r)
    {
        var parts = new List<string>();
        if (r.SystolicMmHg is { } s && r.DiastolicMmHg is { } d) parts.Add($"血压 {s}/{d} mmHg");
        if (r.PulsePerMin is { } p) parts.Add($"脉搏 {p} 次/分");
        if (r.Spo2Percent is { } o) parts.Add($"血氧 {o}%");
        if (r.TemperatureC is { } t) parts.Add($"体温 {t.ToString("0.0", CultureInfo.InvariantCulture)} ℃");
        if (r.GlucoseMmolL is { } g) parts.Add($"血糖 {g.ToString("0.0", CultureInfo.InvariantCulture)} mmol/L");
        if (r.WeightKg is { } w) parts.Add($"体重 {w.ToString("0.0", CultureInfo.InvariantCulture)} kg");
        return parts.Count == 0 ? "—" : string.Join("，", parts);
    }
}
