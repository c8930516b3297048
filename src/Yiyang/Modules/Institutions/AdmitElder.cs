using Yiyang.Modules.Assessments.CarePlans;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;
using Yiyang.Platform.Identifiers;

namespace Yiyang.Modules.Institutions;

/// <summary>
/// 入住: an elder is admitted to a free bed of the institution (docs/domain/institutions.md) — one of the institution's
/// elders, or at the admission desk by ID card (docs/domain/institutions.md#admission-by-id-card). One open stay per bed
/// and per elder is enforced by the database; the checks here only make the refusal friendly.
/// </summary>
public sealed class AdmitElder(YiyangDb db, CurrentUser user, InstitutionAccess access, AuditTrail audit, TimeProvider clock,
    CareLevels carePlans, PiiProtector pii, AdmissionMissLimit misses, AdmissionReviews reviews)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{orgId:long}/admissions", async Task<Created<StayDto>> (long orgId, AdmissionInput input, AdmitElder handler, CancellationToken ct) =>
            {
                var stay = await handler.HandleAsync(orgId, input, ct);
                return TypedResults.Created($"/api/institutions/stays/{stay.Id}", stay);
            })
            .ProducesProblems(400, 404, 409)
            .WithSummary("入住：elderId（本机构可见的老人），或 idNumber + name（凭身份证办理，在全市档案中查找，身份证号与姓名须相符）；一张床位同一时间只住一位老人，一位老人同一时间只在一家机构入住（否则 409）");

    /// <summary>The admission form once checked: the elder's ID card (when admitted by it), the date, care level and contract.</summary>
    private sealed record Checked(IdNumberInfo? IdNumber, DateOnly AdmittedOn, string? CareLevel, string? ContractNumber);

    public async Task<StayDto> HandleAsync(long orgId, AdmissionInput input, CancellationToken ct)
    {
        var org = await access.InstitutionAsync(orgId, ct);
        var form = await CheckAsync(input, ct);
        var byIdNumber = form.IdNumber is not null;
        var elder = byIdNumber
            ? await ElderByIdCardAsync(orgId, form.IdNumber!, input.Name!, ct)
            : await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite: true).FirstOrDefaultAsync(e => e.Id == input.ElderId, ct)
              ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
        // by ID card the elder is not (yet) in the user's scope: the care level is read without it
        var careLevel = form.CareLevel ?? (byIdNumber
            ? await carePlans.CareLevelNameUnscopedAsync(elder.Id, ct)
            : (await carePlans.ElderCareLevelAsync(elder.Id, ct)).CareLevel?.Name);
        var bed = await access.BedAsync(orgId, input.BedId, ct);
        await access.RequireBedFreeAsync(bed, ct);
        if (await db.Set<InstitutionStay>().AnyAsync(s => s.ElderId == elder.Id && s.DischargedOn == null, ct))
            throw new ConflictException("already-resident", "该老年人已在院（本机构或其他机构）入住，请先办理离院或转床。");

        var stay = Record(org, elder, bed, input, form with { CareLevel = careLevel });
        await access.SaveAsync("该床位已有住户，或该老年人已在其他机构入住。", ct);
        // an elder registered elsewhere: the registering organization is told, the regulator reviews, contact data waits for the check-in
        if (byIdNumber && elder.ResponsibleOrganizationId != org.Id)
        {
            reviews.Open(stay, elder, org);
            await access.SaveAsync("该入住已登记。", ct);
        }
        await audit.RecordAsync(byIdNumber ? "institutions.stay.admit-by-id" : "institutions.stay.admit", "stay", stay.Id.ToString(), elder.Id);
        return await access.StayAsync(stay.Id, ct);
    }

    /// <summary>Checks the form: all field errors at once (400).</summary>
    private async Task<Checked> CheckAsync(AdmissionInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = clock.ChinaToday();
        // the elder is one of ours (elderId), or — at the admission desk — named by ID card: ID number + name
        IdNumberInfo? idNumber = null;
        if (AdmissionByIdNumber.Applies(input.ElderId, input.IdNumber, input.Name))
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
        return new Checked(idNumber, admittedOn, careLevel, contractNumber);
    }

    /// <summary>Adds the stay and its timeline event (saved by the caller).</summary>
    private InstitutionStay Record(Organization org, Elder elder, InstitutionBed bed, AdmissionInput input, Checked form)
    {
        var now = clock.GetUtcNow();
        var contractNumber = form.ContractNumber;
        var stay = new InstitutionStay
        {
            OrganizationId = org.Id,
            ElderId = elder.Id,
            BedId = bed.Id,
            AdmittedOn = form.AdmittedOn,
            CareLevel = form.CareLevel,
            ContractNumber = contractNumber,
            ContractStartOn = contractNumber is null ? null : input.ContractStartOn,
            ContractEndOn = contractNumber is null ? null : input.ContractEndOn,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            CreatedByUser = access.Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(stay);
        db.TimelineEvents.Add(TimelineEvent.Create(elder.Id, now, "institutions.stay.admitted", InstitutionAccess.TimelineModule,
            $"入住{org.Name}：{InstitutionMapping.Label(bed)}（{BedRules.KindName(bed.Kind)}），{form.AdmittedOn:yyyy-MM-dd}" + (form.CareLevel is null ? "" : $"，护理等级 {form.CareLevel}")
            + (contractNumber is null ? "" : $"，合同 {input.ContractStartOn:yyyy-MM-dd} 至 {input.ContractEndOn:yyyy-MM-dd}"), access.Actor));
        return stay;
    }

    /// <summary>
    /// The elder with this ID number (keyed hash, unique index) — searched in the whole registry, not only the user's scope,
    /// because residents come from anywhere in the city — if the stored name matches the name on the card. No such ID
    /// number and a wrong name get the same 400 on <c>idNumber</c>; misses are limited (<see cref="AdmissionMissLimit"/>), so
    /// the desk cannot be used to try candidate ID numbers, and audited without the ID or name.
    /// </summary>
    private async Task<Elder> ElderByIdCardAsync(long orgId, IdNumberInfo idNumber, string name, CancellationToken ct)
    {
        await misses.CheckAsync(orgId, ct);
        var hash = pii.Hash(ElderRecord.IdHashPurpose, idNumber.Normalized);
        var elder = await db.Elders.AsNoTracking().FirstOrDefaultAsync(e => e.IdNumberHash == hash, ct);
        if (elder is not null && AdmissionByIdNumber.NameMatches(elder.Name, name)) return elder;
        await misses.RecordMissAsync(orgId, ct);
        throw ValidationFailedException.For("idNumber", AdmissionByIdNumber.NoMatchMessage);
    }
}
