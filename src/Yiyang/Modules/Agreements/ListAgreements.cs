using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Agreements;

/// <summary>协议一览: the agreements the user's organization is party to (regulators: their county; platform admin: all), newest first.</summary>
public sealed class ListAgreements(AgreementAccess access, AgreementMapping mapping)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/", async Task<Ok<IReadOnlyList<AgreementDto>>> ([FromQuery] string? status, ListAgreements handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(status, ct)))
            .WithSummary("本机构参与的协议（监管人员：本辖区；市级业务管理员：全部），可按状态筛选");

    public async Task<IReadOnlyList<AgreementDto>> HandleAsync(string? status, CancellationToken ct)
    {
        var rows = await access.Visible().OrderByDescending(a => a.Id).Take(500).ToListAsync(ct);
        var list = await mapping.ToDtosAsync(rows, ct);
        return string.IsNullOrEmpty(status) ? list : list.Where(d => d.Status == status).ToList();
    }
}
