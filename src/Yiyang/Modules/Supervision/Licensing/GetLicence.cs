namespace Yiyang.Modules.Supervision;

/// <summary>一张证照: number, kind, validity, licensed beds, issued by and from which application.</summary>
public sealed class GetLicence(LicensingAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}", async Task<Ok<LicenceDto>> (long id, GetLicence handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(403, 404)
            .WithSummary("证照详情");

    public async Task<LicenceDto> HandleAsync(long id, CancellationToken ct)
    {
        var l = await access.Licences().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("未找到该证照，或您无权查看。");
        return (await access.ToLicenceDtosAsync([l], ct))[0];
    }
}
