using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// 工作日推算: the date N working days after a start date (the start day not counted; weekends and holidays skipped,
/// make-up working days counted). A year without a calendar on the way is a 422 (docs/domain/working-days.md).
/// </summary>
public sealed class AddWorkingDays(WorkingDays workingDays)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/add", async Task<Ok<WorkingDayDto>> ([FromQuery] DateOnly? from, [FromQuery] int? days, AddWorkingDays handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(from, days, ct)))
            .ProducesProblems(400, 422)
            .WithSummary("起算日之后第 N 个工作日（起算日不计；跳过周末和法定节假日，调休上班日计入）；所涉年份未录入节假日安排时 422");

    public async Task<WorkingDayDto> HandleAsync(DateOnly? from, int? days, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (from is null) errors.Add("from", "请填写起算日期（YYYY-MM-DD）。");
        if (days is not (>= 0 and <= WorkingDayRules.MaxDays)) errors.Add("days", $"工作日天数应为 0–{WorkingDayRules.MaxDays}。");
        errors.ThrowIfAny();
        return new WorkingDayDto(await workingDays.AddWorkingDaysAsync(from!.Value, days!.Value, ct));
    }
}
