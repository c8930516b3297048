namespace Yiyang.Modules.FamilyDoctor;

/// <summary>One contract of an elder in the user's scope (404 otherwise); every view is audited.</summary>
public sealed class GetContract(FamilyDoctorAccess access, ContractMapping mapping, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/contracts/{id:long}", async Task<Ok<ContractDto>> (long id, GetContract handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404);

    public async Task<ContractDto> HandleAsync(long id, CancellationToken ct)
    {
        var c = await access.ScopedContracts().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException("未找到该签约，或您无权查看。");
        var dto = (await mapping.ToDtosAsync([c], ct))[0];
        await audit.RecordAsync("familydoctor.contract.view", "familydoctor-contract", c.Id.ToString(), c.ElderId, wait: false);
        return dto;
    }
}
