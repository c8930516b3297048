namespace Yiyang.Platform.Regions;

/// <summary>The region catalogue's API (/api/regions).</summary>
public sealed class RegionsModule : YiyangModule
{
    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapRegions();
    }
}
