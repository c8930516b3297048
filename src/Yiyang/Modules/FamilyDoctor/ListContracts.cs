using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.FamilyDoctor;

/// <summary>签约列表: the contracts of elders in the user's scope, filtered by elder, team, status and region.</summary>
public sealed class ListContracts(FamilyDoctorAccess access, ContractMapping mapping, RegionCatalog regions, TimeProvider clock)
{
    private const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/contracts", async Task<Ok<PagedList<ContractDto>>> (
                [FromQuery] long? elderId, [FromQuery] long? teamId, [FromQuery] string? status, [FromQuery] string? regionCode,
                [FromQuery] int? page, [FromQuery] int? pageSize, ListContracts handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(new ContractQuery(elderId, teamId, status, regionCode, page, pageSize), ct)))
            .WithSummary("签约列表（按老人、团队、状态 active/expired/terminated、区划筛选）");

    public async Task<PagedList<ContractDto>> HandleAsync(ContractQuery query, CancellationToken ct)
    {
        var (page, size, status, regionCode) = Validate(query);
        var today = clock.ChinaToday();
        var q = access.ScopedContracts().AsNoTracking();
        if (query.ElderId is { } elderId) q = q.Where(c => c.ElderId == elderId);
        if (query.TeamId is { } teamId) q = q.Where(c => c.TeamId == teamId);
        if (!string.IsNullOrEmpty(regionCode))
            q = regionCode.Length >= 9 ? q.Where(c => c.TownshipCode == regionCode) : q.Where(c => c.TownshipCode.StartsWith(regionCode));
        q = status switch
        {
            ContractStatus.Active => q.Where(c => c.Status == ContractStatus.Active && c.EndDate >= today),
            ContractStatus.Expired => q.Where(c => c.Status == ContractStatus.Expired || (c.Status == ContractStatus.Active && c.EndDate < today)),
            ContractStatus.Terminated => q.Where(c => c.Status == ContractStatus.Terminated),
            _ => q,
        };
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(c => c.StartDate).ThenByDescending(c => c.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedList<ContractDto>(await mapping.ToDtosAsync(rows, ct), total, page, size);
    }

    private (int Page, int Size, ContractStatus? Status, string? RegionCode) Validate(ContractQuery query)
    {
        var errors = new FieldErrors();
        var page = query.Page ?? 1;
        var size = query.PageSize ?? 20;
        if (page < 1) errors.Add("page", "页码从 1 开始。");
        if (size < 1 || size > MaxPageSize) errors.Add("pageSize", $"每页条数应在 1–{MaxPageSize} 之间。");
        ContractStatus? status = null;
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            status = ContractRules.ParseStatus(query.Status);
            if (status is null) errors.Add("status", "状态只能是 active（生效）、expired（到期）或 terminated（解约）。");
        }
        var regionCode = query.RegionCode?.Trim();
        if (!string.IsNullOrEmpty(regionCode) && regions.Find(regionCode) is null) errors.Add("regionCode", "行政区划代码不存在。");
        errors.ThrowIfAny();
        return (page, size, status, regionCode);
    }
}
