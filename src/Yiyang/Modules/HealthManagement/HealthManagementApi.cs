namespace Yiyang.Modules.HealthManagement;

/// <summary>
/// <c>/api/health-checks</c>, <c>/api/tcm-management</c>, <c>/api/chronic-followups</c>, <c>/api/vaccinations</c> and
/// <c>/api/indicators/health-management</c>.
/// </summary>
public static class HealthManagementApi
{
    public static void MapHealthManagement(this IEndpointRouteBuilder app)
    {
        var checks = app.MapGroup("/api/health-checks").WithTags("HealthManagement").RequireAuthorization(HealthManagementPolicies.Read).WithETags();
        ListHealthChecks.Map(checks);
        RecordHealthCheck.Map(checks);
        GetHealthCheck.Map(checks);
        EditHealthCheck.Map(checks);
        SignHealthCheck.Map(checks);

        var tcm = app.MapGroup("/api/tcm-management").WithTags("HealthManagement").RequireAuthorization(HealthManagementPolicies.Read).WithETags();
        ListTcmRecords.Map(tcm);
        RecordTcmRecord.Map(tcm);
        GetTcmRecord.Map(tcm);
        EditTcmRecord.Map(tcm);
        SignTcmRecord.Map(tcm);

        var followups = app.MapGroup("/api/chronic-followups").WithTags("HealthManagement").RequireAuthorization(HealthManagementPolicies.Read);
        ListFollowups.Map(followups);
        RecordFollowup.Map(followups);

        var vaccinations = app.MapGroup("/api/vaccinations").WithTags("HealthManagement").RequireAuthorization(HealthManagementPolicies.Read);
        ListVaccinations.Map(vaccinations);
        RecordVaccination.Map(vaccinations);

        GetHealthManagementIndicators.Map(app);
    }
}
