namespace Yiyang.Modules.Elders;

/// <summary>The routes of the elder registry.</summary>
public static class EldersApi
{
    public static void MapElders(this IEndpointRouteBuilder app)
    {
        var elders = app.MapGroup("/api/elders").WithTags("Elders").RequireAuthorization(ElderPolicies.Read).WithETags();
        SearchElders.Map(elders);         // GET  /, POST /search
        RegisterElder.Map(elders);        // POST /
        GetElder.Map(elders);             // GET  /{id}
        UpdateElder.Map(elders);          // PUT  /{id}
        RevealPersonalField.Map(elders);  // POST /{id}/reveal
        GetTimeline.Map(elders);          // GET  /{id}/timeline
        GetLedger.Map(elders);            // GET  /ledger/{townshipCode}
        elders.MapGet("/risk-flags", () => TypedResults.Ok(RiskFlagCatalog.All.Select(f => new { f.Code, f.Name }))); // the flag catalogue
    }
}
