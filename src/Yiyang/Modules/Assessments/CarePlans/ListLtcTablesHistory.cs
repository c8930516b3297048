namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>分级表的历史版本: every saved version of the 长护险 tables, newest first, then the defaults.</summary>
public sealed class ListLtcTablesHistory(YiyangDb db, LtcTablesVersions versions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/history", async Task<Ok<IReadOnlyList<LtcTablesDto>>> (ListLtcTablesHistory handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithSummary("分级表与组合表的历史版本（最新在前，最后为默认值）");

    public async Task<IReadOnlyList<LtcTablesDto>> HandleAsync(CancellationToken ct)
    {
        var rows = await db.Set<LtcTablesVersion>().AsNoTracking().OrderByDescending(v => v.TablesVersion).Take(200).ToListAsync(ct);
        return [.. rows.Select(LtcTablesVersions.ToDto), versions.Default];
    }
}
