namespace Yiyang.Modules.Institutions;

/// <summary>新增床位: a bed of a care institution — ward, room, number (unique in the institution) and licensed kind.</summary>
public sealed class CreateBed(YiyangDb db, InstitutionAccess access, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{orgId:long}/beds", async Task<Created<BedDto>> (long orgId, BedInput input, CreateBed handler, CancellationToken ct) =>
            {
                var bed = await handler.HandleAsync(orgId, input, ct);
                return TypedResults.Created($"/api/institutions/{orgId}/beds/{bed.Id}", bed);
            })
            .ProducesProblems(400, 404, 409)
            .WithSummary("新增床位：病区、房间、床号（机构内唯一）与核定类型 elder-care 养老 / nursing 护理型 / medical 医疗 / hospice 安宁疗护");

    public async Task<BedDto> HandleAsync(long orgId, BedInput input, CancellationToken ct)
    {
        var org = await access.InstitutionAsync(orgId, ct);
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
        ConflictException Exists() => new("bed-exists", $"{ward} {room} {number}床已存在。");
        if (await db.Set<InstitutionBed>().AnyAsync(b => b.OrganizationId == orgId && b.Ward == ward && b.Room == room && b.Number == number, ct))
            throw Exists();
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
        await db.SaveOrConflictAsync(ct, onDuplicate: Exists);
        await audit.RecordAsync("institutions.bed.create", "bed", bed.Id.ToString(), null);
        return new BedDto(bed.Id, orgId, ward, room, number, BedRules.KindCode(bed.Kind), BedRules.KindName(bed.Kind), null, BedRules.KindCode(bed.Kind), BedRules.KindName(bed.Kind));
    }
}
