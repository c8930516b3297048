using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.HomeVisits;

/// <summary>Marks a service done or skipped (with a reason); a code not planned is an extra service and needs its name.</summary>
public sealed class RecordService(HomeVisitAccess access, GetVisit getVisit, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/services/{code}", async Task<Ok<VisitDto>> (long id, string code, ServiceRecordInput input, RecordService handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, code, input, ct)))
            .RequireAuthorization(FamilyDoctorPolicies.Write)
            .ProducesProblems(400, 404, 409)
            .WithSummary("服务项目：done 完成 / skipped 跳过（须填原因）；不在计划中的编码为加做服务（须填 serviceName）");

    public async Task<VisitDto> HandleAsync(long id, string code, ServiceRecordInput input, CancellationToken ct)
    {
        code = (code ?? "").Trim();
        var (status, reason) = Validate(code, input);
        var visit = await access.LoadForWriteAsync(id, ct);
        HomeVisitAccess.RequireCheckedIn(visit);
        var service = visit.Services.FirstOrDefault(s => s.ServiceCode == code);
        if (service is null)
        {
            var name = (input.ServiceName ?? "").Trim();
            if (name.Length is 0 or > 50)
                throw ValidationFailedException.For("serviceName", "该服务不在计划中；加做服务请填写服务名称（最多 50 个字）。");
            if (visit.Services.Count >= 50) throw ValidationFailedException.For("serviceCode", "一次上门服务最多记录 50 项服务。");
            service = new HomeVisitService { ServiceCode = code, ServiceName = name, Planned = false, CountyCode = visit.CountyCode };
            visit.Services.Add(service);
        }
        service.Status = status;
        service.SkipReason = status == ServiceStatus.Skipped ? reason : null;
        service.RecordedAt = clock.GetUtcNow();
        access.Touch(visit);
        await access.SaveAsync(ct);
        await audit.RecordAsync("homecare.visit.service", "home-visit", visit.Id.ToString(), visit.ElderId, $"{code}={VisitRules.ServiceStatusCode(status)}");
        return await getVisit.HandleAsync(id, ct);
    }

    private static (ServiceStatus Status, string? Reason) Validate(string code, ServiceRecordInput input)
    {
        var errors = new FieldErrors();
        if (code.Length is 0 or > 32) errors.Add("serviceCode", "服务项目编码最多 32 位。");
        var status = input.Status?.Trim() switch
        {
            "done" or "完成" or "已完成" => ServiceStatus.Done,
            "skipped" or "跳过" or "已跳过" => ServiceStatus.Skipped,
            _ => (ServiceStatus?)null,
        };
        if (status is null) errors.Add("status", "请选择“已完成”（done）或“跳过”（skipped）。");
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        if (status == ServiceStatus.Skipped && reason is null) errors.Add("reason", "跳过服务请填写原因（如：老人拒绝、设备故障）。");
        if (reason is { Length: > 200 }) errors.Add("reason", "原因最多 200 个字。");
        errors.ThrowIfAny();
        return (status!.Value, reason);
    }
}
