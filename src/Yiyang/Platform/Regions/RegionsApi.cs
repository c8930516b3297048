namespace Yiyang.Platform.Regions;

public sealed record RegionDto(string Code, string Name, string Level);

public static class RegionsApi
{
    public static string LevelCode(RegionLevel level) => level switch
    {
        RegionLevel.Province => "province",
        RegionLevel.City => "city",
        RegionLevel.County => "county",
        _ => "township",
    };

    public static void MapRegions(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/regions").WithTags("Regions").RequireAuthorization(Policies.AnyUser);
        g.MapGet("/", (RegionCatalog catalog) =>
            TypedResults.Ok(catalog.Provinces.Select(r => new RegionDto(r.Code, r.Name, LevelCode(r.Level)))));
        g.MapGet("/{code}", Results<Ok<RegionDto>, NotFound> (string code, RegionCatalog catalog) =>
            catalog.Find(code) is { } r ? TypedResults.Ok(new RegionDto(r.Code, r.Name, LevelCode(r.Level))) : throw new NotFoundException("未找到该行政区划代码。"));
        g.MapGet("/{code}/children", Ok<IEnumerable<RegionDto>> (string code, RegionCatalog catalog) =>
        {
            if (catalog.Find(code) is null) throw new NotFoundException("未找到该行政区划代码。");
            return TypedResults.Ok(catalog.ChildrenOf(code).Select(r => new RegionDto(r.Code, r.Name, LevelCode(r.Level))));
        });
    }
}
