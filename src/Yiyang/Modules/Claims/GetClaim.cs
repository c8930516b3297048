namespace Yiyang.Modules.Claims;

/// <summary>结算单: billed lines (bed-days, grade, daily rate, amount) and the residents left out with the reason; audited.</summary>
public sealed class GetClaim(YiyangDb db, AuditTrail audit, ClaimAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}", async Task<Ok<ClaimDto>> (long id, GetClaim handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .WithETags()
            .ProducesProblems(404)
            .WithSummary("结算单：结算明细（床日数、失能等级、日标准、金额，元）与未纳入的老人及原因");

    public static NotFoundException NotFound() => new("未找到该结算单，或您无权查看。");

    public async Task<ClaimDto> HandleAsync(long id, CancellationToken ct, bool audited = true)
    {
        var claim = await db.Set<Claim>().AsNoTracking().Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw NotFound();
        var org = await access.OrgAsync(claim.OrganizationId, write: false, ct);
        var ids = claim.Lines.Select(l => l.ElderId).ToList();
        var names = await db.Elders.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        ClaimLineDto Line(ClaimLine l) => new(l.ElderId, Masking.Name(names.GetValueOrDefault(l.ElderId, "")), l.BedDays, l.AssessmentId, l.InstrumentCode,
            l.GradeCode, l.GradeName, l.DailyRate, l.Amount, l.ExcludedReason);
        var lines = claim.Lines.OrderBy(l => l.ElderId).ToList();
        if (audited) await audit.RecordAsync("claims.claim.read", "claim", claim.Id.ToString(), null);
        return new ClaimDto(claim.Id, claim.OrganizationId, org.Name, CoverageRules.Code(claim.PayerClass), CoverageRules.Name(claim.PayerClass), claim.Month,
            ClaimRules.StatusCode(claim.Status), ClaimRules.StatusName(claim.Status), claim.BedDays, claim.Amount,
            lines.Where(l => l.ExcludedReason is null).Select(Line).ToList(), lines.Where(l => l.ExcludedReason is not null).Select(Line).ToList(), claim.Version);
    }
}
