namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary><c>/api/care-levels</c> (mapping, an elder's care level), <c>/api/ltc-tables</c> and <c>/api/care-plans</c> (分级照护计划).</summary>
public static class CarePlansApi
{
    public static void MapCarePlans(this IEndpointRouteBuilder app)
    {
        var levels = app.MapGroup("/api/care-levels").WithTags("CarePlans").RequireAuthorization(AssessmentPolicies.Tables).WithETags();
        GetCareLevelMapping.Map(levels);
        ListCareLevelMappingHistory.Map(levels);
        UpdateCareLevelMapping.Map(levels);
        GetElderCareLevel.Map(levels);

        var ltc = app.MapGroup("/api/ltc-tables").WithTags("CarePlans").RequireAuthorization(AssessmentPolicies.Tables).WithETags();
        GetLtcTables.Map(ltc);
        ListLtcTablesHistory.Map(ltc);
        UpdateLtcTables.Map(ltc);

        var plans = app.MapGroup("/api/care-plans").WithTags("CarePlans").RequireAuthorization(AssessmentPolicies.Score).WithETags();
        ListCarePlans.Map(plans);
        GetCarePlan.Map(plans);
        DraftCarePlan.Map(plans);
        EditCarePlan.Map(plans);
        ConfirmCarePlan.Map(plans);
        EndCarePlan.Map(plans);
        ReviseCarePlan.Map(plans);
    }
}
