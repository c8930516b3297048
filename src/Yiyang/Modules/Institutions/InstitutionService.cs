using Microsoft.EntityFrameworkCore;
using Yiyang.Modules.Assessments.CarePlans;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Identifiers;
using Yiyang.Platform.Security;

namespace Yiyang.Modules.Institutions;

/// <summary>
/// Residents and beds (issue 5, must-have 1): the beds of a care institution, admission (入住), transfer between beds and
/// discharge (出院/离院/死亡). The platform admin and the institution's own staff work here; the elder must be visible
/// (<see cref="ElderScope"/>). One open stay per bed and per elder is enforced by the database; the checks here only
/// make the refusal friendly.
/// </summary>
public sealed class InstitutionService(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock, CareLevels carePlans, PiiProtector pii)
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
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
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
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("bed-exists", $"{ward} {room} {number}床已存在。");
        }
        await audit.RecordAsync("institutions.bed.create", "bed", bed.Id.ToString(), null);
        return new BedDto(bed.Id, orgId, ward, room, number, BedRules.KindCode(bed.Kind), BedRules.KindName(bed.Kind), null, BedRules.KindCode(bed.Kind), BedRules.KindName(bed.Kind));
    }

    public async Task<IReadOnlyList<BedDto>> ListBedsAsync(long orgId, CancellationToken ct)
    {
        await InstitutionAsync(orgId, ct);
        var beds = await db.Set<InstitutionBed>().AsNoTracking().Where(b => b.OrganizationId == orgId)
            .OrderBy(b => b.Ward).ThenBy(b => b.Room).ThenBy(b => b.Number).ToListAsync(ct);
        var occupants = await (from s in db.Set<InstitutionStay>().AsNoTracking()
                               join e in db.Elders.AsNoTracking() on s.ElderId equals e.Id
                               where s.OrganizationId == orgId && s.DischargedOn == null
                               select new { s.Id, s.BedId, s.ElderId, e.Name, s.AdmittedOn, s.CareLevel, s.ContractNumber, s.ContractEndOn }).ToListAsync(ct);
        var byBed = occupants.ToDictionary(o => o.BedId);
        var leaves = (await db.Set<InstitutionLeave>().AsNoTracking()
                .Where(l => l.OrganizationId == orgId && l.ReturnedOn == null).ToListAsync(ct))
            .ToDictionary(l => l.StayId);
        var today = Today;
        OccupantLeaveDto? LeaveOf(long stayId) => leaves.TryGetValue(stayId, out var l)
            ? new OccupantLeaveDto(l.Id, LeaveRules.KindCode(l.Kind), LeaveRules.KindName(l.Kind), l.StartOn, l.ExpectedReturnOn,
                LeaveRules.Overdue(l.ExpectedReturnOn, today))
            : null;
        return beds.Select(b => new BedDto(b.Id, b.OrganizationId, b.Ward, b.Room, b.Number, BedRules.KindCode(b.Kind), BedRules.KindName(b.Kind),
            byBed.TryGetValue(b.Id, out var o) ? new OccupantDto(o.Id, o.ElderId, Masking.Name(o.Name), o.AdmittedOn, o.CareLevel, LeaveOf(o.Id), o.ContractNumber, o.ContractEndOn) : null,
            BedRules.KindCode(b.UseKind ?? b.Kind), BedRules.KindName(b.UseKind ?? b.Kind))).ToList();
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
        // actual use after bed conversion (床位转换): the licensed kind unless converted
        var useRows = await (from b in db.Set<InstitutionBed>().AsNoTracking()
                             where b.OrganizationId == orgId
                             select new { Use = b.UseKind ?? b.Kind, Occupied = db.Set<InstitutionStay>().Any(s => s.BedId == b.Id && s.DischargedOn == null) })
            .ToListAsync(ct);
        var byUse = Enum.GetValues<BedKind>().Select(k =>
        {
            var total = useRows.Count(x => x.Use == k);
            var occ = useRows.Count(x => x.Use == k && x.Occupied);
            return new OccupancyLine(BedRules.KindCode(k), BedRules.KindName(k), total, occ, Rate(occ, total));
        }).ToList();
        return new OccupancyDto(orgId, all, used, Rate(used, all), lines, byUse);
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
        var today = Today;
        // the elder is one of ours (elderId), or — at the admission desk — named by ID card: ID number + name
        var byIdNumber = AdmissionByIdNumber.Applies(input.ElderId, input.IdNumber, input.Name);
        IdNumberInfo? idNumber = null;
        if (byIdNumber)
        {
            idNumber = ChineseIdNumber.TryParse(input.IdNumber, today, out var idError);
            if (idNumber is null) errors.Add("idNumber", idError!);
            if (string.IsNullOrWhiteSpace(input.Name)) errors.Add("name", AdmissionByIdNumber.NameRequiredMessage);
        }
        else if (input.ElderId is null) errors.Add("elderId", "请选择入住的老年人。");
        if (input.BedId is null) errors.Add("bedId", "请选择床位。");
        var admittedOn = input.AdmittedOn ?? today;
        if (admittedOn > today.AddDays(30) || admittedOn < today.AddYears(-5)) errors.Add("admittedOn", "入住日期应在 5 年前至 30 天后之间。");
        // the care level is one of the care-level list of the care-plans module (分级照护); left empty, it is the elder's
        // current care level from a valid assessment, if any
        var levelNames = (await carePlans.MappingAsync(ct)).Map.Levels.Select(l => l.Name).ToList();
        var careLevel = AdmissionRules.MatchCareLevel(levelNames, input.CareLevel);
        if (!string.IsNullOrWhiteSpace(input.CareLevel) && careLevel is null)
            errors.Add("careLevel", "护理等级应为：" + string.Join("、", levelNames) + "。");
        var contractNumber = string.IsNullOrWhiteSpace(input.ContractNumber) ? null : input.ContractNumber.Trim();
        foreach (var (k, v) in AdmissionRules.ValidateContract(contractNumber, input.ContractStartOn, input.ContractEndOn, admittedOn).ToDictionary())
            foreach (var m in v) errors.Add(k, m);
        errors.ThrowIfAny();

        var elder = byIdNumber
            ? await ElderByIdCardAsync(orgId, idNumber!, input.Name!, ct)
            : await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite: true).FirstOrDefaultAsync(e => e.Id == input.ElderId, ct)
              ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
        // by ID card the elder is not (yet) in the user's scope: the care level is read without it
        careLevel ??= byIdNumber
            ? await carePlans.CareLevelNameUnscopedAsync(elder.Id, ct)
            : (await carePlans.ElderCareLevelAsync(elder.Id, ct)).CareLevel?.Name;
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
            ContractNumber = contractNumber,
            ContractStartOn = contractNumber is null ? null : input.ContractStartOn,
            ContractEndOn = contractNumber is null ? null : input.ContractEndOn,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            CreatedByUser = Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(stay);
        db.TimelineEvents.Add(TimelineEvent.Create(elder.Id, now, "institutions.stay.admitted", Module,
            $"入住{org.Name}：{Label(bed)}（{BedRules.KindName(bed.Kind)}），{admittedOn:yyyy-MM-dd}" + (careLevel is null ? "" : $"，护理等级 {careLevel}")
            + (contractNumber is null ? "" : $"，合同 {input.ContractStartOn:yyyy-MM-dd} 至 {input.ContractEndOn:yyyy-MM-dd}"), Actor));
        await SaveAsync("该床位已有住户，或该老年人已在其他机构入住。", ct);
        await audit.RecordAsync(byIdNumber ? "institutions.stay.admit-by-id" : "institutions.stay.admit", "stay", stay.Id.ToString(), elder.Id);
        return await StayDtoAsync(stay.Id, ct);
    }

    /// <summary>
    /// The elder with this ID number (keyed hash, unique index) — searched in the whole registry, not only the user's scope,
    /// because residents come from anywhere in the city — if the stored name matches the name on the card. No such ID
    /// number and a wrong name get the same 400 on <c>idNumber</c> (no oracle); the miss is audited without the ID or name.
    /// </summary>
    private async Task<Elder> ElderByIdCardAsync(long orgId, IdNumberInfo idNumber, string name, CancellationToken ct)
    {
        var hash = pii.Hash(ElderRecord.IdHashPurpose, idNumber.Normalized);
        var elder = await db.Elders.AsNoTracking().FirstOrDefaultAsync(e => e.IdNumberHash == hash, ct);
        if (elder is not null && AdmissionByIdNumber.NameMatches(elder.Name, name)) return elder;
        await audit.RecordAsync("institutions.stay.admit-by-id.no-match", "organization", orgId.ToString());
        throw Invalid("idNumber", AdmissionByIdNumber.NoMatchMessage);
    }

    private async Task<InstitutionStay> LoadOpenStayAsync(long id, CancellationToken ct)
    {
        if (!Policies.Map[Policies.InstitutionsWrite].Contains(user.Role)) throw new ForbiddenException();
        var elders = ElderScope.Apply(db.Elders, user, forWrite: true);
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
        return await StayDtoAsync(stay.Id, ct);
    }

    public async Task<StayDto> DischargeAsync(long id, DischargeInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var reason = BedRules.ParseReason(input.Reason);
        if (reason is null) errors.Add("reason", "离院原因只能是出院（discharged）、离院（left）或死亡（died）。");
        errors.ThrowIfAny();
        var stay = await LoadOpenStayAsync(id, ct);
        if (await db.Set<InstitutionLeave>().AnyAsync(l => l.StayId == stay.Id && l.ReturnedOn == null, ct))
            throw new ConflictException("on-leave", "该老人外出（请假/住院）尚未返回，请先登记返回再办理离院。");
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
        return await StayDtoAsync(stay.Id, ct);
    }

    // ---------------------------------------------------------------- leave (请假/住院外出)

    /// <summary>Starts a leave of a resident; the bed stays held. One open leave per stay (also a partial unique index).</summary>
    public async Task<LeaveDto> StartLeaveAsync(long stayId, LeaveInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var kind = LeaveRules.ParseKind(input.Kind);
        if (kind is null) errors.Add("kind", "外出类型只能是请假（personal）或住院（hospitalised）。");
        if (input.ExpectedReturnOn is null) errors.Add("expectedReturnOn", "请填写预计返回日期。");
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : Masking.Scrub(input.Note.Trim());
        if (note is { Length: > 200 }) errors.Add("note", "说明最多 200 个字。");
        errors.ThrowIfAny();
        var stay = await LoadOpenStayAsync(stayId, ct);
        var today = Today;
        var startOn = input.StartOn ?? today;
        LeaveRules.Validate(stay.AdmittedOn, startOn, input.ExpectedReturnOn!.Value, today).ThrowIfAny();
        if (await db.Set<InstitutionLeave>().AnyAsync(l => l.StayId == stay.Id && l.ReturnedOn == null, ct))
            throw new ConflictException("leave-open", "该老人已在外出中，请先登记返回。");
        var now = clock.GetUtcNow();
        var leave = new InstitutionLeave
        {
            StayId = stay.Id,
            ElderId = stay.ElderId,
            OrganizationId = stay.OrganizationId,
            Kind = kind!.Value,
            StartOn = startOn,
            ExpectedReturnOn = input.ExpectedReturnOn.Value,
            Note = note,
            CreatedByUser = Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(leave);
        db.TimelineEvents.Add(TimelineEvent.Create(stay.ElderId, now, "institutions.leave.started", Module,
            $"外出（{LeaveRules.KindName(leave.Kind)}）：{startOn:yyyy-MM-dd} 起，预计 {leave.ExpectedReturnOn:yyyy-MM-dd} 返回，床位保留", Actor));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("leave-open", "该老人已在外出中，请先登记返回。");
        }
        await audit.RecordAsync("institutions.leave.start", "stay", stay.Id.ToString(), stay.ElderId, LeaveRules.KindCode(leave.Kind));
        return ToDto(leave, today);
    }

    /// <summary>Records the actual return from the open leave of a stay.</summary>
    public async Task<LeaveDto> ReturnAsync(long stayId, LeaveReturnInput input, CancellationToken ct)
    {
        var stay = await LoadOpenStayAsync(stayId, ct);
        var leave = await db.Set<InstitutionLeave>().FirstOrDefaultAsync(l => l.StayId == stay.Id && l.ReturnedOn == null, ct)
                    ?? throw new ConflictException("no-open-leave", "该老人当前没有外出记录。");
        var today = Today;
        var on = input.ReturnedOn ?? today;
        if (on < leave.StartOn) throw Invalid("returnedOn", "返回日期不能早于外出日期。");
        if (on > today.AddDays(1)) throw Invalid("returnedOn", "返回日期不能晚于今天。");
        leave.ReturnedOn = on;
        leave.UpdatedAt = clock.GetUtcNow();
        leave.Version++;
        db.TimelineEvents.Add(TimelineEvent.Create(stay.ElderId, leave.UpdatedAt, "institutions.leave.returned", Module,
            $"外出返回（{LeaveRules.KindName(leave.Kind)}）：{on:yyyy-MM-dd}，外出 {on.DayNumber - leave.StartOn.DayNumber} 天", Actor));
        await SaveAsync("该外出记录已被他人修改。", ct);
        await audit.RecordAsync("institutions.leave.return", "stay", stay.Id.ToString(), stay.ElderId);
        return ToDto(leave, today);
    }

    /// <summary>The leaves of a stay, newest first.</summary>
    public async Task<IReadOnlyList<LeaveDto>> LeavesAsync(long stayId, CancellationToken ct)
    {
        var stay = await GetAsync(stayId, ct);
        if (user.Role != Roles.PlatformAdmin && user.OrganizationId != stay.OrganizationId) throw new NotFoundException("未找到该入住记录，或您无权查看。");
        var today = Today;
        var rows = await db.Set<InstitutionLeave>().AsNoTracking().Where(l => l.StayId == stayId)
            .OrderByDescending(l => l.StartOn).ThenByDescending(l => l.Id).ToListAsync(ct);
        await audit.RecordAsync("institutions.leave.list", "stay", stayId.ToString(), stay.ElderId);
        return rows.Select(l => ToDto(l, today)).ToList();
    }

    private static LeaveDto ToDto(InstitutionLeave l, DateOnly today) =>
        new(l.Id, l.StayId, l.ElderId, LeaveRules.KindCode(l.Kind), LeaveRules.KindName(l.Kind), l.StartOn, l.ExpectedReturnOn, l.ReturnedOn, l.Note,
            l.ReturnedOn is null && LeaveRules.Overdue(l.ExpectedReturnOn, today), l.Version);

    // ---------------------------------------------------------------- bed conversion (床位转换)

    /// <summary>An institution asks to switch a bed between 养老 and 医疗 use; one pending request per bed (also a partial unique index).</summary>
    public async Task<ConversionDto> RequestConversionAsync(long bedId, ConversionInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var to = BedRules.ParseKind(input.ToUse);
        if (to is null || !ConversionRules.Convertible(to.Value)) errors.Add("toUse", "只能在养老（elder-care）与医疗（medical）用途之间转换。");
        var reason = Masking.Scrub((input.Reason ?? "").Trim());
        if (reason.Length is < 2 or > 200) errors.Add("reason", "请填写转换理由（2–200 个字）。");
        errors.ThrowIfAny();
        var bed = await db.Set<InstitutionBed>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == bedId, ct) ?? throw new NotFoundException("未找到该床位，或您无权查看。");
        await InstitutionAsync(bed.OrganizationId, ct);
        var from = bed.UseKind ?? bed.Kind;
        if (!ConversionRules.Convertible(from)) throw Invalid("toUse", $"{BedRules.KindName(from)}床位不能转换用途，只有养老与医疗床位可以互转。");
        if (from == to) throw Invalid("toUse", $"该床位已按{BedRules.KindName(from)}用途使用。");
        if (await db.Set<BedConversion>().AnyAsync(c => c.BedId == bed.Id && c.Status == ConversionStatus.Pending, ct))
            throw new ConflictException("conversion-pending", "该床位已有待审批的转换申请。");
        var row = new BedConversion
        {
            BedId = bed.Id,
            OrganizationId = bed.OrganizationId,
            TownshipCode = bed.TownshipCode,
            CountyCode = bed.CountyCode,
            FromUse = from,
            ToUse = to!.Value,
            Reason = reason,
            Status = ConversionStatus.Pending,
            RequestedBy = Actor,
            RequestedAt = clock.GetUtcNow(),
        };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("conversion-pending", "该床位已有待审批的转换申请。");
        }
        await audit.RecordAsync("institutions.bed-conversion.request", "bed", bed.Id.ToString(), null, BedRules.KindCode(row.ToUse));
        return ToDto(row, bed);
    }

    /// <summary>
    /// A regulator of the right bureau approves or rejects a pending request (to 医疗 use: health bureau; to 养老 use:
    /// civil-affairs bureau; another bureau gets 403); the regulator's region must cover the institution (else 404).
    /// </summary>
    public async Task<ConversionDto> DecideConversionAsync(long id, bool approve, ConversionDecisionInput input, CancellationToken ct)
    {
        if (user.Role != Roles.Regulator) throw new ForbiddenException();
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : Masking.Scrub(input.Note.Trim());
        if (note is { Length: > 200 }) throw Invalid("note", "审批意见最多 200 个字。");
        if (!approve && note is null) throw Invalid("note", "驳回时请填写理由。");
        var region = user.RegionCode ?? "\0";
        var row = await db.Set<BedConversion>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (row is null || !row.TownshipCode.StartsWith(region, StringComparison.Ordinal)) throw new NotFoundException("未找到该床位转换申请，或您无权查看。");
        if (user.Bureau != ConversionRules.Bureau(row.ToUse)) throw new ForbiddenException();
        if (row.Status != ConversionStatus.Pending) throw new ConflictException("conversion-decided", "该申请已审批。");
        var bed = await db.Set<InstitutionBed>().FirstAsync(b => b.Id == row.BedId, ct);
        row.Status = approve ? ConversionStatus.Approved : ConversionStatus.Rejected;
        row.DecidedBy = Actor;
        row.DecidedBureau = user.Bureau;
        row.DecidedAt = clock.GetUtcNow();
        row.DecisionNote = note;
        row.Version++;
        if (approve) bed.UseKind = row.ToUse == bed.Kind ? null : row.ToUse;
        await SaveAsync("该申请已被他人审批。", ct);
        await audit.RecordAsync(approve ? "institutions.bed-conversion.approve" : "institutions.bed-conversion.reject", "bed", bed.Id.ToString(), null);
        return ToDto(row, bed);
    }

    /// <summary>Conversion requests: an institution's own, or for a regulator those of the region (pending first).</summary>
    public async Task<IReadOnlyList<ConversionDto>> ConversionsAsync(CancellationToken ct)
    {
        var q = db.Set<BedConversion>().AsNoTracking();
        if (user.Role == Roles.Regulator)
        {
            var region = user.RegionCode ?? "\0";
            q = q.Where(c => c.TownshipCode.StartsWith(region));
        }
        else if (user.Role != Roles.PlatformAdmin)
        {
            if (!Policies.Map[Policies.InstitutionsWrite].Contains(user.Role)) throw new ForbiddenException();
            q = q.Where(c => c.OrganizationId == user.OrganizationId);
        }
        var rows = await (from c in q
                          join b in db.Set<InstitutionBed>().AsNoTracking() on c.BedId equals b.Id
                          orderby c.Status, c.Id descending
                          select new { c, b }).Take(500).ToListAsync(ct);
        return rows.Select(r => ToDto(r.c, r.b)).ToList();
    }

    private static ConversionDto ToDto(BedConversion c, InstitutionBed b) =>
        new(c.Id, c.BedId, c.OrganizationId, Label(b), BedRules.KindCode(b.Kind), BedRules.KindCode(c.FromUse), BedRules.KindCode(c.ToUse),
            BedRules.KindName(c.ToUse), c.Reason, ConversionRules.StatusCode(c.Status), ConversionRules.StatusName(c.Status), ConversionRules.Bureau(c.ToUse),
            c.DecidedBy, c.DecisionNote, c.Version);

    /// <summary>
    /// A stay, if its elder is in the user's scope, or — for the institution's own staff — if it is a stay of their own
    /// institution, open or closed: after discharge the resident of another organization leaves the staff's elder scope,
    /// but the institution keeps reading its own stay record (not the elder's file).
    /// </summary>
    public async Task<StayDto> GetAsync(long id, CancellationToken ct)
    {
        var elders = ElderScope.Apply(db.Elders.AsNoTracking(), user);
        var ownOrg = user.Role != Roles.PlatformAdmin && Policies.Map[Policies.InstitutionsWrite].Contains(user.Role) && user.OrganizationId is { } o ? o : -1L;
        var visible = await db.Set<InstitutionStay>().AsNoTracking()
            .AnyAsync(s => s.Id == id && (s.OrganizationId == ownOrg || elders.Any(e => e.Id == s.ElderId)), ct);
        if (!visible) throw new NotFoundException("未找到该入住记录，或您无权查看。");
        return await StayDtoAsync(id, ct);
    }

    /// <summary>The stay as an answer; callers have checked that the user may see it.</summary>
    private async Task<StayDto> StayDtoAsync(long id, CancellationToken ct)
    {
        var row = await (from s in db.Set<InstitutionStay>().AsNoTracking()
                         join e in db.Elders.AsNoTracking() on s.ElderId equals e.Id
                         join b in db.Set<InstitutionBed>().AsNoTracking() on s.BedId equals b.Id
                         where s.Id == id
                         select new { s, e.Name, b }).FirstOrDefaultAsync(ct)
                  ?? throw new NotFoundException("未找到该入住记录，或您无权查看。");
        var st = row.s;
        return new StayDto(st.Id, st.OrganizationId, st.ElderId, row.Name, st.BedId, Label(row.b), BedRules.KindCode(row.b.Kind), st.AdmittedOn, st.CareLevel,
            st.DischargedOn, st.DischargeReason is { } r ? BedRules.ReasonCode(r) : null, st.DischargeReason is { } r2 ? BedRules.ReasonName(r2) : null,
            st.Version, st.ContractNumber, st.ContractStartOn, st.ContractEndOn);
    }
}
