namespace Yiyang.Modules.Agreements;

/// <summary>The cooperation-agreement routes, one use case each.</summary>
public static class AgreementsApi
{
    public static void MapAgreements(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/agreements").WithTags("Agreements").RequireAuthorization(AgreementPolicies.Use).WithETags();
        CreateAgreement.Map(api);
        ListAgreements.Map(api);
        ListUncoveredCareHomes.Map(api);
        GetAgreement.Map(api);
        GetAgreementPerformance.Map(api);
        AddAgreementAttachment.Map(api);
        ActivateAgreement.Map(api);
        TerminateAgreement.Map(api);
    }
}
