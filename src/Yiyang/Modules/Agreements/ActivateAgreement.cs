namespace Yiyang.Modules.Agreements;

/// <summary>
/// 生效 (docs/domain/collaboration.md#agreement-status): a party's administrator puts a draft in force within its term;
/// a pair of organizations has one effective agreement at a time (an earlier one whose term ran out becomes 到期 now).
/// </summary>
public sealed class ActivateAgreement(YiyangDb db, TimeProvider clock, AuditTrail audit, AgreementAccess access, GetAgreement reader)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/activate", async Task<Ok<AgreementDto>> (long id, AgreementTransitionInput? input, IfMatch ifMatch,
                ActivateAgreement handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input ?? new AgreementTransitionInput(null, null), ifMatch.Version, ct)))
            .ProducesProblems(403, 404, 409, 412)
            .WithSummary("生效（草拟 → 生效，仅在协议期限内；同一对机构同时只能有一份生效协议）");

    public async Task<AgreementDto> HandleAsync(long id, AgreementTransitionInput input, int? ifMatch, CancellationToken ct)
    {
        var a = await access.LoadForWriteAsync(id, input, ifMatch, ct);
        var today = access.Today;
        if (AgreementRules.ActivateRefusal(a.Status, a.StartOn, a.EndOn, today) is { } refusal) throw new ConflictException("illegal-transition", refusal);
        // an earlier agreement of the pair whose term has run out is 到期 now (frees the one-effective-per-pair index)
        var lapsed = await db.Set<Agreement>().Where(x => x.MedicalOrganizationId == a.MedicalOrganizationId && x.CareOrganizationId == a.CareOrganizationId
            && x.Status == AgreementStatus.Effective && x.EndOn < today).ToListAsync(ct);
        foreach (var x in lapsed)
        {
            x.Status = AgreementStatus.Expired;
            x.UpdatedAt = clock.GetUtcNow();
            x.Version++;
        }
        if (await db.Set<Agreement>().AnyAsync(x => x.Id != a.Id && x.MedicalOrganizationId == a.MedicalOrganizationId
                && x.CareOrganizationId == a.CareOrganizationId && x.Status == AgreementStatus.Effective && x.EndOn >= today, ct))
            throw new ConflictException("already-effective", "这两家机构之间已有一份生效中的协议，请先终止该协议。");
        a.Status = AgreementStatus.Effective;
        a.ActivatedAt = clock.GetUtcNow();
        await access.SaveAsync(a, ct);
        foreach (var x in lapsed) await audit.RecordAsync("agreements.expire", "agreement", x.Id.ToString());
        await audit.RecordAsync("agreements.activate", "agreement", a.Id.ToString());
        return await reader.HandleAsync(a.Id, ct);
    }
}
