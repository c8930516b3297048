namespace Yiyang.Modules.Institutions;

/// <summary>
/// 床位转换申请: an institution asks to switch a bed between 养老 and 医疗 use (docs/domain/institutions.md#bed-conversion);
/// one pending request per bed (also a partial unique index).
/// </summary>
public sealed class RequestConversion(YiyangDb db, InstitutionAccess access, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/beds/{bedId:long}/conversions", async Task<Created<ConversionDto>> (long bedId, ConversionInput input, RequestConversion handler, CancellationToken ct) =>
            {
                var c = await handler.HandleAsync(bedId, input, ct);
                return TypedResults.Created($"/api/institutions/conversions/{c.Id}", c);
            })
            .ProducesProblems(400, 404, 409)
            .WithSummary("床位转换申请：养老 ↔ 医疗用途（核定类型不变）；同一床位同时只能有一条待审批申请（否则 409）");

    public async Task<ConversionDto> HandleAsync(long bedId, ConversionInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var to = BedRules.ParseKind(input.ToUse);
        if (to is null || !ConversionRules.Convertible(to.Value)) errors.Add("toUse", "只能在养老（elder-care）与医疗（medical）用途之间转换。");
        var reason = Masking.Scrub((input.Reason ?? "").Trim());
        if (reason.Length is < 2 or > 200) errors.Add("reason", "请填写转换理由（2–200 个字）。");
        errors.ThrowIfAny();
        var bed = await db.Set<InstitutionBed>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == bedId, ct) ?? throw new NotFoundException("未找到该床位，或您无权查看。");
        await access.InstitutionAsync(bed.OrganizationId, ct);
        var from = bed.UseKind ?? bed.Kind;
        if (!ConversionRules.Convertible(from)) throw ValidationFailedException.For("toUse", $"{BedRules.KindName(from)}床位不能转换用途，只有养老与医疗床位可以互转。");
        if (from == to) throw ValidationFailedException.For("toUse", $"该床位已按{BedRules.KindName(from)}用途使用。");
        ConflictException Pending() => new("conversion-pending", "该床位已有待审批的转换申请。");
        if (await db.Set<BedConversion>().AnyAsync(c => c.BedId == bed.Id && c.Status == ConversionStatus.Pending, ct)) throw Pending();
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
            RequestedBy = access.Actor,
            RequestedAt = clock.GetUtcNow(),
        };
        db.Add(row);
        await db.SaveOrConflictAsync(ct, onDuplicate: Pending);
        await audit.RecordAsync("institutions.bed-conversion.request", "bed", bed.Id.ToString(), null, BedRules.KindCode(row.ToUse));
        return InstitutionMapping.ToDto(row, bed);
    }
}
