namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>照护等级对应关系的历史版本: every saved version, newest first, then the built-in default.</summary>
public sealed class ListCareLevelMappingHistory(YiyangDb db)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/mapping/history", async Task<Ok<IReadOnlyList<CareLevelMappingDto>>> (ListCareLevelMappingHistory handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithSummary("照护等级对应关系的历史版本（最新在前，最后为内置默认值）");

    public async Task<IReadOnlyList<CareLevelMappingDto>> HandleAsync(CancellationToken ct)
    {
        var rows = await db.Set<CareLevelMapping>().AsNoTracking().OrderByDescending(m => m.MappingVersion).Take(200).ToListAsync(ct);
        return [.. rows.Select(CareLevels.ToDto), new CareLevelMappingDto(0, CareLevelMap.Default, "内置默认值", null, null, true)];
    }
}
