namespace Yiyang.Modules.Targets;

/// <summary>The indicator and target routes, one use case each.</summary>
public static class TargetsApi
{
    public static void MapTargets(this IEndpointRouteBuilder app)
    {
        var indicators = app.MapGroup("/api/indicators").WithTags("Targets").RequireAuthorization(TargetsPolicies.Read);
        ListIndicators.Map(indicators);
        GetIndicatorDashboard.Map(indicators);
        GetEvaluationReport.Map(indicators);
        ExportIndicators.Map(indicators);
        GetIndicator.Map(indicators);
        GetIndicatorTrend.Map(indicators);
        GetIndicatorMembers.Map(indicators);
        var targets = app.MapGroup("/api/targets").WithTags("Targets").RequireAuthorization(TargetsPolicies.Read);
        ListTargets.Map(targets);
        SetTarget.Map(targets);
        var tasks = app.MapGroup("/api/policy-tasks").WithTags("Targets").RequireAuthorization(TargetsPolicies.Read);
        ListPolicyTasks.Map(tasks);
        GetPolicyTask.Map(tasks);
        FilePolicyTaskReport.Map(tasks);
    }
}
