using Microsoft.EntityFrameworkCore;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;

namespace Yiyang.Modules.Institutions;

/// <summary>
/// Residents and beds (issue 5, must-have 1): the beds of a care institution, admission (入住), transfer between beds and
/// discharge (出院/离院/死亡). The platform admin and the institution's own staff work here; the elder must be visible
/// (<see cref="ElderScope"/>). One open stay per bed and per elder is enforced by the database; the checks here only
/// make the refusal friendly.
/// </summary>
public sealed class InstitutionService(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock)
{
    private const string Module = "institutions";
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(China).DateTime);
    private string Actor => user.IsAuthenticated ? user.UserName : "system";

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    private static NotFoundException NoInstitution() => new("未找到该养老机构，或您无权查看。");

    /// <summary>The institution, if it is a care institution and the user works there (or is the platform admin).</summary>
    private async Task<Organization> InstitutionAsync(long orgId, CancellationToken ct)
    {
        if (!Policies.Map[Policies.InstitutionsWrite].Contains(user.Role)) throw new ForbiddenException();
        if (user.Role != Roles.PlatformAdmin && user.OrganizationId != orgId) throw NoInstitution();
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) ?? throw NoInstitution();
        if (org.Kind is not (OrganizationKind.ElderlyCare or OrganizationKind.Integrated)) throw NoInstitution();
        return org;
    }

    private static string Label(InstitutionBed b) => $"{b.Ward} {b.Room} {b.Number}床";

    private async Task SaveAsync(string uniqueMessage, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrency", "记录已被他人修改，请刷新后再试。");
        }
        catch (DbUpdateException e) when (ProblemDetailsHandler.IsUniqueViolation(e))
        {
            // a concurrent request won the race: the partial unique index refused the second open stay
            throw new ConflictException("occupied", uniqueMessage);
        }
    }

    // ---------------------------------------------------------------- beds

    public async Task<BedDto> CreateBedAsync(long orgId, BedInput input, CancellationToken ct)
    {
        var org = await InstitutionAsync(orgId, ct);
        var errors = new FieldErrors();
        var ward = (input.Ward ?? "").Trim();
        var room = (input.Room ?? "").Trim();
        var number = (input.Number ?? "").Trim();
        if (ward.Length is 0 or > 50) errors.Add("ward", "请填写病区（最多 50 个字）。");
        if (room.Length is 0 or > 50) errors.Add("room", "请填写房间（最多 50 个字）。");
        if (number.Length is 0 or > 20) errors.Add("number", "请填写床号（最多 20 个字）。");
        var kind = BedRules.ParseKind(input.Kind);
        if (kind is null) errors.Add("kind", "床位类型只能是养老（elder-care）、护理型（nursing）、医疗（medical）或安宁疗护（hospice）。");
        errors.ThrowIfAny();
        if (await db.Set<InstitutionBed>().AnyAsync(b => b.OrganizationId == orgId && b.Ward == ward && b.Room == room && b.Number == number, ct))
            throw new ConflictException("bed-exists", $"{ward} {room} {number}床已存在。");
        var bed = new InstitutionBed
        {
            OrganizationId = orgId,
            Ward = ward,
            Room = room,
            Number = number,
            Kind = kind!.Value,
            TownshipCode = org.TownshipCode,
            CountyCode = org.CountyCode,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(bed);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ProblemDetailsHandler.IsUniqueViolation(e))
        {
            throw new ConflictException("bed-exists", $"{ward} {room} {number}床已存在。");
        }
        await audit.RecordAsync("institutions.bed.create", "bed", bed.Id.ToString(), null);
        return new BedDto(bed.Id, orgId, ward, room, number, BedRules.KindCode(bed.Kind), BedRules.KindName(bed.Kind), null);
    }

    public async Task<IReadOnlyList<BedDto>> ListBedsAsync(long orgId, CancellationToken ct)
    {
        await InstitutionAsync(orgId, ct);
        var beds = await db.Set<InstitutionBed>().AsNoTracking().Where(b => b.OrganizationId == orgId)
            .OrderBy(b => b.Ward).ThenBy(b => b.Room).ThenBy(b => b.Number).ToListAsync(ct);
        var occupants = await (from s in db.Set<InstitutionStay>().AsNoTracking()
                               join e in db.Elders.AsNoTracking() on s.ElderId equals e.Id
                               where s.OrganizationId == orgId && s.DischargedOn == null
                               select new { s.Id, s.BedId, s.ElderId, e.Name, s.AdmittedOn, s.CareLevel }).ToListAsync(ct);
        var byBed = occupants.ToDictionary(o => o.BedId);
        return beds.Select(b => new BedDto(b.Id, b.OrganizationId, b.Ward, b.Room, b.Number, BedRules.KindCode(b.Kind), BedRules.KindName(b.Kind),
            byBed.TryGetValue(b.Id, out var o) ? new OccupantDto(o.Id, o.ElderId, Masking.Name(o.Name), o.AdmittedOn, o.CareLevel) : null)).ToList();
    }

    public async Task<OccupancyDto> OccupancyAsync(long orgId, CancellationToken ct)
    {
        await InstitutionAsync(orgId, ct);
        var beds = await db.Set<InstitutionBed>().AsNoTracking().Where(b => b.OrganizationId == orgId)
            .GroupBy(b => b.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var occupied = await (from s in db.Set<InstitutionStay>().AsNoTracking()
                              join b in db.Set<InstitutionBed>().AsNoTracking() on s.BedId equals b.Id
                              where s.OrganizationId == orgId && s.DischargedOn == null
                              group s by b.Kind into g
                              select new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        static decimal Rate(int occ, int total) => total == 0 ? 0 : Math.Round((decimal)occ / total, 4);
        var lines = Enum.GetValues<BedKind>().Select(k =>
        {
            var total = beds.FirstOrDefault(x => x.Kind == k)?.Count ?? 0;
            var occ = occupied.FirstOrDefault(x => x.Kind == k)?.Count ?? 0;
            return new OccupancyLine(BedRules.KindCode(k), BedRules.KindName(k), total, occ, Rate(occ, total));
        }).ToList();
        var all = lines.Sum(l => l.Beds);
        var used = lines.Sum(l => l.Occupied);
        return new OccupancyDto(orgId, all, used, Rate(used, all), lines);
    }

    // ---------------------------------------------------------------- stays

    private async Task<InstitutionBed> BedAsync(long orgId, long? bedId, CancellationToken ct) =>
        await db.Set<InstitutionBed>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == bedId && b.OrganizationId == orgId, ct)
        ?? throw Invalid("bedId", "床位不存在或不属于本机构。");

    private async Task RequireBedFreeAsync(InstitutionBed bed, CancellationToken ct)
    {
        if (await db.Set<InstitutionStay>().AnyAsync(s => s.BedId == bed.Id && s.DischargedOn == null, ct))
            throw new ConflictException("bed-occupied", $"{Label(bed)}已有住户，一张床位同一时间只能住一位老人。");
    }

    public async Task<StayDto> AdmitAsync(long orgId, AdmissionInput input, CancellationToken ct)
    {
        var org = await InstitutionAsync(orgId, ct);
        var errors = new FieldErrors();
        if (input.ElderId is null) errors.Add("elderId", "请选择入住的老年人。");
        if (input.BedId is null) errors.Add("bedId", "请选择床位。");
        var today = Today;
        var admittedOn = input.AdmittedOn ?? today;
        if (admittedOn > today.AddDays(30) || admittedOn < today.AddYears(-5)) errors.Add("admittedOn", "入住日期应在 5 年前至 30 天后之间。");
        var careLevel = string.IsNullOrWhiteSpace(input.CareLevel) ? null : input.CareLevel.Trim();
        if (careLevel is { Length: > 20 }) errors.Add("careLevel", "护理等级最多 20 个字。");
        errors.ThrowIfAny();

        var elder = await ElderScope.Apply(db.Elders.AsNoTracking(), user).FirstOrDefaultAsync(e => e.Id == input.ElderId, ct)
                    ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
        var bed = await BedAsync(orgId, input.BedId, ct);
        await RequireBedFreeAsync(bed, ct);
        if (await db.Set<InstitutionStay>().AnyAsync(s => s.ElderId == elder.Id && s.DischargedOn == null, ct))
            throw new ConflictException("already-resident", "该老年人已在院（本机构或其他机构）入住，请先办理离院或转床。");

        var now = clock.GetUtcNow();
        var stay = new InstitutionStay
        {
            OrganizationId = orgId,
            ElderId = elder.Id,
            BedId = bed.Id,
            AdmittedOn = admittedOn,
            CareLevel = careLevel,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            CreatedByUser = Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(stay);
        db.TimelineEvents.Add(TimelineEvent.Create(elder.Id, now, "institutions.stay.admitted", Module,
            $"入住{org.Name}：{Label(bed)}（{BedRules.KindName(bed.Kind)}），{admittedOn:yyyy-MM-dd}" + (careLevel is null ? "" : $"，护理等级 {careLevel}"), Actor));
        await SaveAsync("该床位已有住户，或该老年人已在其他机构入住。", ct);
        await audit.RecordAsync("institutions.stay.admit", "stay", stay.Id.ToString(), elder.Id);
        return await GetAsync(stay.Id, ct);
    }

    private async Task<InstitutionStay> LoadOpenStayAsync(long id, CancellationToken ct)
    {
        if (!Policies.Map[Policies.InstitutionsWrite].Contains(user.Role)) throw new ForbiddenException();
        var elders = ElderScope.Apply(db.Elders, user);
        var stay = await db.Set<InstitutionStay>().Where(s => elders.Any(e => e.Id == s.ElderId)).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (stay is null || (user.Role != Roles.PlatformAdmin && user.OrganizationId != stay.OrganizationId))
            throw new NotFoundException("未找到该入住记录，或您无权查看。");
        if (stay.DischargedOn is not null) throw new ConflictException("stay-closed", "该入住记录已离院，不能再办理。");
        return stay;
    }

    public async Task<StayDto> TransferAsync(long id, TransferInput input, CancellationToken ct)
    {
        if (input.BedId is null) throw Invalid("bedId", "请选择转入的床位。");
        var stay = await LoadOpenStayAsync(id, ct);
        if (stay.BedId == input.BedId) throw Invalid("bedId", "转入床位与当前床位相同。");
        var from = await BedAsync(stay.OrganizationId, stay.BedId, ct);
        var to = await BedAsync(stay.OrganizationId, input.BedId, ct);
        await RequireBedFreeAsync(to, ct);
        stay.BedId = to.Id;
        stay.UpdatedAt = clock.GetUtcNow();
        stay.Version++;
        db.TimelineEvents.Add(TimelineEvent.Create(stay.ElderId, stay.UpdatedAt, "institutions.stay.transferred", Module,
            $"转床：{Label(from)} → {Label(to)}（{BedRules.KindName(to.Kind)}）", Actor));
        await SaveAsync("目标床位已有住户。", ct);
        await audit.RecordAsync("institutions.stay.transfer", "stay", stay.Id.ToString(), stay.ElderId, $"bed {from.Id}->{to.Id}");
        return await GetAsync(stay.Id, ct);
    }

    public async Task<StayDto> DischargeAsync(long id, DischargeInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var reason = BedRules.ParseReason(input.Reason);
        if (reason is null) errors.Add("reason", "离院原因只能是出院（discharged）、离院（left）或死亡（died）。");
        errors.ThrowIfAny();
        var stay = await LoadOpenStayAsync(id, ct);
        var on = input.DischargedOn ?? Today;
        if (on < stay.AdmittedOn) throw Invalid("dischargedOn", "离院日期不能早于入住日期。");
        if (on > Today.AddDays(1)) throw Invalid("dischargedOn", "离院日期不能晚于今天。");
        var bed = await BedAsync(stay.OrganizationId, stay.BedId, ct);
        stay.DischargedOn = on;
        stay.DischargeReason = reason;
        stay.UpdatedAt = clock.GetUtcNow();
        stay.Version++;
        db.TimelineEvents.Add(TimelineEvent.Create(stay.ElderId, stay.UpdatedAt, "institutions.stay.discharged", Module,
            $"离院（{BedRules.ReasonName(reason!.Value)}）：{on:yyyy-MM-dd}，腾出{Label(bed)}", Actor));
        await SaveAsync("该入住记录已被他人修改。", ct);
        await audit.RecordAsync("institutions.stay.discharge", "stay", stay.Id.ToString(), stay.ElderId, BedRules.ReasonCode(reason.Value));
        return await GetAsync(stay.Id, ct);
    }

    public async Task<StayDto> GetAsync(long id, CancellationToken ct)
    {
        var elders = ElderScope.Apply(db.Elders.AsNoTracking(), user);
        var row = await (from s in db.Set<InstitutionStay>().AsNoTracking()
                         join e in elders on s.ElderId equals e.Id
                         join b in db.Set<InstitutionBed>().AsNoTracking() on s.BedId equals b.Id
                         where s.Id == id
                         select new { s, e.Name, b }).FirstOrDefaultAsync(ct)
                  ?? throw new NotFoundException("未找到该入住记录，或您无权查看。");
        var st = row.s;
        return new StayDto(st.Id, st.OrganizationId, st.ElderId, row.Name, st.BedId, Label(row.b), BedRules.KindCode(row.b.Kind), st.AdmittedOn, st.CareLevel,
            st.DischargedOn, st.DischargeReason is { } r ? BedRules.ReasonCode(r) : null, st.DischargeReason is { } r2 ? BedRules.ReasonName(r2) : null,
            st.Version);
    }
}
