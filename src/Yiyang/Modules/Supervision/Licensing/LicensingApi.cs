namespace Yiyang.Modules.Supervision;

/// <summary>The licensing routes (docs/domain/supervision.md#licensing), one use case each.</summary>
public static class LicensingApi
{
    public static void MapLicensing(this IEndpointRouteBuilder app)
    {
        var applications = app.MapGroup("/api/licensing/applications").WithTags("Licensing").RequireAuthorization(SupervisionPolicies.LicensingRead).WithETags();
        SubmitLicenceApplication.Map(applications);
        ListLicenceApplications.Map(applications);
        GetLicenceApplication.Map(applications);
        AddLicenceDocument.Map(applications);
        DownloadLicenceDocument.Map(applications);
        AcceptLicenceApplication.Map(applications);
        RequestLicenceDocuments.Map(applications);
        ReceiveLicenceDocuments.Map(applications);
        DecideLicenceApplication.Map(applications);
        WithdrawLicenceApplication.Map(applications);

        var licences = app.MapGroup("/api/licences").WithTags("Licensing").RequireAuthorization(SupervisionPolicies.LicensingRead);
        ListLicences.Map(licences);
        GetLicence.Map(licences);
    }

    public static void AddLicensing(this IServiceCollection services)
    {
        services.AddScoped<LicensingAccess>();
        services.AddScoped<LicensingTransitions>();
        services.AddScoped<SubmitLicenceApplication>();
        services.AddScoped<ListLicenceApplications>();
        services.AddScoped<GetLicenceApplication>();
        services.AddScoped<AddLicenceDocument>();
        services.AddScoped<DownloadLicenceDocument>();
        services.AddScoped<AcceptLicenceApplication>();
        services.AddScoped<RequestLicenceDocuments>();
        services.AddScoped<ReceiveLicenceDocuments>();
        services.AddScoped<DecideLicenceApplication>();
        services.AddScoped<WithdrawLicenceApplication>();
        services.AddScoped<ListLicences>();
        services.AddScoped<GetLicence>();
        services.AddScoped<Organizations.IOrganizationPageLink, LicencesLink>(); // 许可证照 on the organization's page
    }
}
