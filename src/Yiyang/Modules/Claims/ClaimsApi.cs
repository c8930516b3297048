namespace Yiyang.Modules.Claims;

/// <summary>
/// The routes of per-bed-day billing and long-term-care insurance (docs/domain/claims.md): coverage periods per elder and
/// monthly claims of an institution. Only the claim itself (generate, read) answers with its ETag.
/// </summary>
public static class ClaimsApi
{
    public static void MapClaims(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/claims").WithTags("Claims").RequireAuthorization(ClaimPolicies.Read);

        ListCoveragePeriods.Map(g);
        CreateCoveragePeriod.Map(g);

        GenerateClaim.Map(g);
        ListClaims.Map(g);
        GetClaim.Map(g);
        SubmitClaim.Map(g);
        ExportClaim.Map(g);
    }
}
