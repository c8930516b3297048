namespace Yiyang.Modules.FamilyDoctor;

/// <summary>解约: ends an active contract with a reason (optimistic concurrency on version).</summary>
public sealed class TerminateContract(YiyangDb db, FamilyDoctorAccess access, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/contracts/{id:long}/terminate", async Task<Ok<ContractDto>> (long id, TerminateInput input, IfMatch ifMatch,
                TerminateContract handler, GetContract getContract, CancellationToken ct) =>
            {
                await handler.HandleAsync(id, input, ifMatch.Version, ct);
                return TypedResults.Ok(await getContract.HandleAsync(id, ct));
            })
            .RequireAuthorization(FamilyDoctorPolicies.Write)
            .ProducesProblems(400, 404, 409, 412)
            .WithSummary("解约（需填写原因，需 version 或 If-Match）");

    public async Task<FamilyDoctorContract> HandleAsync(long id, TerminateInput input, int? ifMatchVersion, CancellationToken ct)
    {
        access.DemandWriter();
        var c = await access.LoadContractForWriteAsync(id, ct);
        Etags.CheckVersion(c.Version, ifMatchVersion, input.Version);
        var reason = Masking.Scrub((input.Reason ?? "").Trim()); // stored and put on the timeline: no ID or mobile numbers
        if (reason.Length < 2) throw ValidationFailedException.For("reason", "请填写解约原因（至少 2 个字）。");
        if (reason.Length > 200) throw ValidationFailedException.For("reason", "解约原因最多 200 个字。");
        var today = clock.ChinaToday();
        var status = ContractRules.StatusOn(c.Status, c.EndDate, today);
        if (status != ContractStatus.Active)
            throw new ConflictException("not-active", status == ContractStatus.Terminated ? "该签约已解约。" : "该签约已到期，无需解约。");
        c.Status = ContractStatus.Terminated;
        c.TerminatedOn = today < c.StartDate ? c.StartDate : today;
        c.TerminationReason = reason;
        c.UpdatedAt = clock.GetUtcNow();
        c.Version++;
        access.AddEvent(c.ElderId, "familydoctor.terminated", $"解约家庭医生签约，原因：{reason}");
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("familydoctor.contract.terminate", "familydoctor-contract", c.Id.ToString(), c.ElderId);
        return c;
    }
}
