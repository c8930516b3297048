namespace Yiyang.Modules.Supervision;

/// <summary>The supervision routes, one use case each.</summary>
public static class SupervisionApi
{
    public static void MapSupervision(this IEndpointRouteBuilder app)
    {
        var workingDays = app.MapGroup("/api/working-days").WithTags("WorkingDays").RequireAuthorization(SupervisionPolicies.WorkingDays).WithETags();
        AddWorkingDays.Map(workingDays);
        ListCalendars.Map(workingDays);
        GetCalendar.Map(workingDays);
        SaveCalendar.Map(workingDays);

        var inspectors = app.MapGroup("/api/inspectors").WithTags("Inspectors").RequireAuthorization(SupervisionPolicies.ManageInspectors).WithETags();
        ListInspectors.Map(inspectors);
        SetInspectorCertificate.Map(inspectors);
        RecordConflict.Map(inspectors);
        ListConflicts.Map(inspectors);

        var inspections = app.MapGroup("/api/inspections").WithTags("Inspections").RequireAuthorization(SupervisionPolicies.Plan).WithETags();
        CreatePlan.Map(inspections);
        ListPlans.Map(inspections);
        GetPlan.Map(inspections);
        DrawPlan.Map(inspections);
        GetDraw.Map(inspections);
        SaveChecklist.Map(inspections);
        PublishResult.Map(inspections);
        ListResults.Map(inspections);

        var inspecting = app.MapGroup("/api/inspections").WithTags("Inspections").WithETags();
        ListChecklists.Map(inspecting);
        GetChecklist.Map(inspecting);
        ListMyAssignments.Map(inspecting);
        StartInspection.Map(inspecting);
        GetInspection.Map(inspecting);
        RecordResults.Map(inspecting);
        AddInspectionPhoto.Map(inspecting);
        DownloadInspectionPhoto.Map(inspecting);
        SignInspection.Map(inspecting);
        FinishInspection.Map(inspecting);
        CreateFinding.Map(inspecting);
        InspectionHistory.Map(inspecting);

        var findings = app.MapGroup("/api/findings").WithTags("Findings").RequireAuthorization(SupervisionPolicies.ReadInspections).WithETags();
        ListFindings.Map(findings);
        GetFinding.Map(findings);
        RespondToFinding.Map(findings);
        AddFindingEvidence.Map(findings);
        DownloadFindingEvidence.Map(findings);
        RecheckFinding.Map(findings);

        PublicInspectionResults.Map(app); // anonymous, rate-limited
    }
}
