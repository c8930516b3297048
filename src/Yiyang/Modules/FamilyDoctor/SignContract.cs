using Yiyang.Modules.Elders;

namespace Yiyang.Modules.FamilyDoctor;

/// <summary>签约: elder + team + package + term (default one year); an elder has one active contract at most (409).</summary>
public sealed class SignContract(
    YiyangDb db, CurrentUser user, FamilyDoctorAccess access, ContractSigning signing, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/contracts", async Task<Created<ContractDto>> (ContractInput input, SignContract handler, GetContract getContract, CancellationToken ct) =>
            {
                var c = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/family-doctor/contracts/{c.Id}", await getContract.HandleAsync(c.Id, ct));
            })
            .RequireAuthorization(FamilyDoctorPolicies.Write)
            .ProducesProblems(400, 404, 409)
            .WithSummary("签约：老人 + 团队 + 服务包 + 期限（默认 1 年）；每位老人只能有一份生效签约（否则 409）");

    public async Task<FamilyDoctorContract> HandleAsync(ContractInput input, CancellationToken ct)
    {
        access.DemandWriter();
        var errors = new FieldErrors();
        if (input.ElderId is null) errors.Add("elderId", "请选择签约的老年人。");
        var years = ContractSigning.ValidateTerm(input.TermYears, errors);
        var today = clock.ChinaToday();
        var start = input.StartDate ?? today;
        if (start < today.AddDays(-ContractRules.MaxBackdateDays) || start > today.AddDays(ContractRules.MaxForwardDays))
            errors.Add("startDate", $"起始日期应在今天前 {ContractRules.MaxBackdateDays} 天至后 {ContractRules.MaxForwardDays} 天之内。");
        var by = ContractSigning.ValidateSigning(input.SignedBy, input.ProxyName, input.ProxyRelation, errors);
        var (team, package) = await signing.ResolveTeamAndPackageAsync(input.TeamId, input.PackageId, errors, ct); // throws all field errors
        var elder = await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite: true).FirstOrDefaultAsync(e => e.Id == input.ElderId, ct)
                    ?? throw new NotFoundException("未找到该服务对象，或您无权查看。");

        await using var tx = await db.BeginUseCaseTransactionAsync(ct);
        await ExpireEndedAsync(elder.Id, today, ct);
        var contract = signing.NewContract(elder, team, package, start, ContractRules.EndOf(start, years), by, null);
        db.Add(contract);
        await signing.SaveGuardedAsync(tx, elder.Id, ct);
        access.AddEvent(elder.Id, "familydoctor.signed",
            $"签约家庭医生：{team.Name}，服务包“{package.Name}”，{contract.StartDate:yyyy-MM-dd} 至 {contract.EndDate:yyyy-MM-dd}" +
            (by.By == SignedBy.Proxy ? $"（家属代签，{by.ProxyRelation}）" : "（本人签约）"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await audit.RecordAsync("familydoctor.contract.create", "familydoctor-contract", contract.Id.ToString(), elder.Id);
        return contract;
    }

    /// <summary>
    /// The elder's contract still marked active: a 409 while in effect; once its term has ended it is recorded as 到期
    /// before the new contract takes the elder's one active place.
    /// </summary>
    private async Task ExpireEndedAsync(long elderId, DateOnly today, CancellationToken ct)
    {
        var current = await db.Set<FamilyDoctorContract>().FirstOrDefaultAsync(c => c.ElderId == elderId && c.Status == ContractStatus.Active, ct);
        if (current is null) return;
        if (ContractRules.StatusOn(current.Status, current.EndDate, today) == ContractStatus.Active) throw ContractSigning.ActiveExists(current.Id);
        current.Status = ContractStatus.Expired;
        current.UpdatedAt = clock.GetUtcNow();
        current.Version++;
    }
}
