using Microsoft.Extensions.Options;

namespace Yiyang.Modules.FamilyDoctor;

/// <summary>续约: a new contract linked to this one, which becomes 到期.</summary>
public sealed class RenewContract(
    YiyangDb db, FamilyDoctorAccess access, ContractSigning signing, AuditTrail audit, TimeProvider clock, IOptions<FamilyDoctorOptions> options)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/contracts/{id:long}/renew", async Task<Created<ContractDto>> (long id, RenewInput input, IfMatch ifMatch,
                RenewContract handler, GetContract getContract, CancellationToken ct) =>
            {
                var c = await handler.HandleAsync(id, input, ifMatch.Version, ct);
                return TypedResults.Created($"/api/family-doctor/contracts/{c.Id}", await getContract.HandleAsync(c.Id, ct));
            })
            .RequireAuthorization(FamilyDoctorPolicies.Write)
            .ProducesProblems(400, 404, 409, 412)
            .WithSummary("续约：新签约关联原签约，原签约变为到期");

    public async Task<FamilyDoctorContract> HandleAsync(long id, RenewInput input, int? ifMatchVersion, CancellationToken ct)
    {
        access.DemandWriter();
        var previous = await access.LoadContractForWriteAsync(id, ct);
        Etags.CheckVersion(previous.Version, ifMatchVersion, input.Version);
        var errors = new FieldErrors();
        var years = ContractSigning.ValidateTerm(input.TermYears, errors);
        var by = ContractSigning.ValidateSigning(input.SignedBy, input.ProxyName, input.ProxyRelation, errors);
        var (team, package) = await signing.ResolveTeamAndPackageAsync(input.TeamId ?? previous.TeamId, input.PackageId ?? previous.PackageId, errors, ct);
        var today = clock.ChinaToday();
        var renewed = await db.Set<FamilyDoctorContract>().AnyAsync(c => c.PreviousContractId == id, ct);
        if (ContractRules.RenewalRefusal(previous.Status, previous.EndDate, today, renewed, options.Value.RenewalWindowDays) is { } refusal)
            throw new ConflictException("renewal-refused", refusal);
        var elder = await db.Elders.AsNoTracking().FirstAsync(e => e.Id == previous.ElderId, ct);

        await using var tx = await db.BeginUseCaseTransactionAsync(ct);
        if (previous.Status == ContractStatus.Active)
        {
            previous.Status = ContractStatus.Expired;
            previous.UpdatedAt = clock.GetUtcNow();
            previous.Version++;
            await signing.SaveGuardedAsync(tx, elder.Id, ct); // frees the elder's active place before the renewal takes it
        }
        var start = ContractRules.RenewalStart(previous.EndDate, today);
        var contract = signing.NewContract(elder, team, package, start, ContractRules.EndOf(start, years), by, previous.Id);
        db.Add(contract);
        await signing.SaveGuardedAsync(tx, elder.Id, ct);
        access.AddEvent(elder.Id, "familydoctor.renewed",
            $"续约家庭医生：{team.Name}，服务包“{package.Name}”，{contract.StartDate:yyyy-MM-dd} 至 {contract.EndDate:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await audit.RecordAsync("familydoctor.contract.renew", "familydoctor-contract", contract.Id.ToString(), elder.Id, $"previous={previous.Id}");
        return contract;
    }
}
