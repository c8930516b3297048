namespace Yiyang.Modules.Agreements;

/// <summary>协议详情: one agreement the user may read, with its attachments and the steps the user may take now.</summary>
public sealed class GetAgreement(AgreementAccess access, AgreementMapping mapping)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}", async Task<Ok<AgreementDto>> (long id, GetAgreement handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404);

    public async Task<AgreementDto> HandleAsync(long id, CancellationToken ct)
    {
        var a = await access.Visible().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw AgreementAccess.Missing();
        return (await mapping.ToDtosAsync([a], ct))[0];
    }
}
