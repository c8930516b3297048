using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Claims;

/// <summary>
/// 生成月度床日结算单: the monthly claim of an institution to an insurer, one line per resident
/// (<see cref="ClaimBuilder"/>); once per institution, payer and month.
/// </summary>
public sealed class GenerateClaim(YiyangDb db, AuditTrail audit, TimeProvider clock, ClaimAccess access, GetClaim get, IOptions<ClaimsOptions> options)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/", async Task<Created<ClaimDto>> (ClaimInput input, GenerateClaim handler, CancellationToken ct) =>
            {
                var c = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/claims/{c.Id}", c);
            })
            .WithETags()
            .RequireAuthorization(ClaimPolicies.Write)
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("生成月度床日结算单（organizationId、payerClass=ltc-institution、month=YYYY-MM）；同一机构、支付方、月份只能生成一次（409）");

    public async Task<ClaimDto> HandleAsync(ClaimInput input, CancellationToken ct)
    {
        access.DemandWriter();
        var today = clock.ChinaToday();
        var (payer, year, month) = Validate(input, today);
        var org = await access.OrgAsync(input.OrganizationId, write: true, ct);
        var monthText = input.Month!;
        ConflictException Exists() => new("claim-exists", $"{org.Name} {monthText} 的{CoverageRules.Name(payer)}结算单已生成。");
        if (await db.Set<Claim>().AnyAsync(c => c.OrganizationId == org.Id && c.PayerClass == payer && c.Month == monthText, ct))
            throw Exists();

        var claim = await ClaimBuilder.BuildAsync(db, org.Id, payer, year, month, today, options.Value, access.Actor, clock.GetUtcNow(), ct);
        db.Add(claim);
        foreach (var l in claim.Lines.Where(l => l.ExcludedReason is null))
            db.TimelineEvents.Add(TimelineEvent.Create(l.ElderId, claim.CreatedAt, "claims.line.created", ClaimAccess.Module,
                $"{CoverageRules.Name(payer)}结算 {monthText}：{l.BedDays} 床日 × {l.DailyRate:0.00} 元（{l.GradeName}）= {l.Amount:0.00} 元（{org.Name}）", access.Actor));
        await db.SaveOrConflictAsync(ct, onDuplicate: Exists);
        await audit.RecordAsync("claims.claim.generate", "claim", claim.Id.ToString(), null, $"{org.Id} {CoverageRules.Code(payer)} {monthText}");
        return await get.HandleAsync(claim.Id, ct, audited: false);
    }

    private static (PayerClass Payer, int Year, int Month) Validate(ClaimInput input, DateOnly today)
    {
        var errors = new FieldErrors();
        var cls = CoverageRules.Parse(input.PayerClass);
        if (cls is null) errors.Add("payerClass", "请选择支付方（保险）类别。");
        else if (cls != PayerClass.LtcInstitution) errors.Add("payerClass", "目前仅支持按床日向长护险（机构）结算。");
        if (!ClaimRules.TryParseMonth(input.Month, out var year, out var month)) errors.Add("month", "月份格式应为 YYYY-MM。");
        else if (new DateOnly(year, month, 1) > today) errors.Add("month", "不能结算尚未开始的月份。");
        errors.ThrowIfAny();
        return (cls!.Value, year, month);
    }
}
