namespace Yiyang.Modules.Claims;

/// <summary>提交结算单: draft → submitted, with If-Match.</summary>
public sealed class SubmitClaim(YiyangDb db, AuditTrail audit, TimeProvider clock, ClaimAccess access, GetClaim get)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/submit", async Task<Ok<ClaimDto>> (long id, IfMatch ifMatch, SubmitClaim handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ifMatch.Version, ct)))
            .RequireAuthorization(ClaimPolicies.Write)
            .ProducesProblems(404, 409, 412)
            .WithSummary("提交结算单（草稿 → 已提交，须 If-Match）");

    public async Task<ClaimDto> HandleAsync(long id, int? expectedVersion, CancellationToken ct)
    {
        access.DemandWriter();
        var claim = await db.Set<Claim>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw GetClaim.NotFound();
        await access.OrgAsync(claim.OrganizationId, write: true, ct);
        Etags.CheckVersion(claim.Version, expectedVersion, null);
        if (claim.Status != ClaimStatus.Draft) throw new ConflictException("claim-submitted", "该结算单已提交，不能再次提交。");
        claim.Status = ClaimStatus.Submitted;
        claim.SubmittedAt = clock.GetUtcNow();
        claim.Version++;
        await db.SaveOrConflictAsync(ct, onConcurrency: () => new ConflictException("concurrency", "结算单已被他人修改，请刷新后再试。"));
        await audit.RecordAsync("claims.claim.submit", "claim", claim.Id.ToString(), null);
        return await get.HandleAsync(id, ct, audited: false);
    }
}
