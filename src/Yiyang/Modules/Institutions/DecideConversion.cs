namespace Yiyang.Modules.Institutions;

/// <summary>
/// 审批床位转换: a regulator of the right bureau approves or rejects a pending request (to 医疗 use: health bureau; to 养老
/// use: civil-affairs bureau; another bureau gets 403); the regulator's region must cover the institution (else 404).
/// </summary>
public sealed class DecideConversion(YiyangDb db, CurrentUser user, InstitutionAccess access, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder conversions)
    {
        conversions.MapPost("/{id:long}/approve", async Task<Ok<ConversionDto>> (long id, ConversionDecisionInput input, DecideConversion handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, true, input, ct)))
            .RequireAuthorization(InstitutionPolicies.BedConversionDecide)
            .ProducesProblems(403, 404, 409)
            .WithSummary("批准床位转换：转为医疗用途由卫健局、转为养老用途由民政局审批（其他部门 403）");
        conversions.MapPost("/{id:long}/reject", async Task<Ok<ConversionDto>> (long id, ConversionDecisionInput input, DecideConversion handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, false, input, ct)))
            .RequireAuthorization(InstitutionPolicies.BedConversionDecide)
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("驳回床位转换（须填写理由）");
    }

    public async Task<ConversionDto> HandleAsync(long id, bool approve, ConversionDecisionInput input, CancellationToken ct)
    {
        user.Demand(InstitutionPolicies.BedConversionDecide);
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : Masking.Scrub(input.Note.Trim());
        if (note is { Length: > 200 }) throw ValidationFailedException.For("note", "审批意见最多 200 个字。");
        if (!approve && note is null) throw ValidationFailedException.For("note", "驳回时请填写理由。");
        var row = await db.Set<BedConversion>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (row is null || !user.Covers(row.TownshipCode)) throw new NotFoundException("未找到该床位转换申请，或您无权查看。");
        if (user.Bureau != ConversionRules.Bureau(row.ToUse)) throw new ForbiddenException();
        if (row.Status != ConversionStatus.Pending) throw new ConflictException("conversion-decided", "该申请已审批。");
        var bed = await db.Set<InstitutionBed>().FirstAsync(b => b.Id == row.BedId, ct);
        row.Status = approve ? ConversionStatus.Approved : ConversionStatus.Rejected;
        row.DecidedBy = access.Actor;
        row.DecidedBureau = user.Bureau;
        row.DecidedAt = clock.GetUtcNow();
        row.DecisionNote = note;
        row.Version++;
        if (approve) bed.UseKind = row.ToUse == bed.Kind ? null : row.ToUse;
        await access.SaveAsync("该申请已被他人审批。", ct);
        await audit.RecordAsync(approve ? "institutions.bed-conversion.approve" : "institutions.bed-conversion.reject", "bed", bed.Id.ToString(), null);
        return InstitutionMapping.ToDto(row, bed);
    }
}
