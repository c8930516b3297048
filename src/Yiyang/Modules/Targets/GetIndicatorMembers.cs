using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Targets;

/// <summary>A page of the people or organizations behind an indicator: counted, or in the denominator and not counted.</summary>
public sealed record IndicatorMembers(string Code, string Name, string RegionCode, int Year, bool Counted, PagedList<IndicatorMember> Members);

/// <summary>
/// 指标明细 (GET /api/indicators/{code}/members): the members counted in the numerator (<c>counted=true</c>) or the
/// denominator's members not counted (<c>counted=false</c>), names masked as elsewhere, every read audited.
/// </summary>
public sealed class GetIndicatorMembers(IndicatorEvaluator evaluator, AuditTrail audit)
{
    public const int MaxPageSize = 100;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{code}/members", async Task<Ok<IndicatorMembers>> (string code, [FromQuery] string? regionCode, [FromQuery] int? year,
                [FromQuery] bool? counted, [FromQuery] int? page, [FromQuery] int? pageSize, GetIndicatorMembers handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(code, regionCode, year, counted ?? true, page, pageSize, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("指标明细：计入分子的对象（counted=true）或分母中未计入的对象（counted=false），姓名脱敏，分页");

    public async Task<IndicatorMembers> HandleAsync(string code, string? regionCode, int? year, bool counted, int? page, int? pageSize,
        CancellationToken ct)
    {
        var indicator = evaluator.Find(code);
        var p = page ?? 1;
        var size = pageSize ?? 20;
        var errors = new FieldErrors();
        if (p < 1) errors.Add("page", "页码从 1 开始。");
        if (size is < 1 or > MaxPageSize) errors.Add("pageSize", $"每页条数应在 1–{MaxPageSize} 之间。");
        errors.ThrowIfAny();
        var period = evaluator.Period(regionCode, year);
        var counts = await indicator.CountAsync(period, ct);
        if (!counts.HasData) throw new BusinessRuleException("no-data", $"该指标暂无数据：{counts.NoDataReason}");
        var num = IndicatorCounts.SumWithin(counts.Numerator, period.RegionCode);
        var total = counted ? num : counts.Denominator is { } den ? IndicatorCounts.SumWithin(den, period.RegionCode) - num : 0;
        var items = total == 0 ? [] : await indicator.MembersAsync(period, counted, (p - 1) * size, size, ct) ?? [];
        await audit.RecordAsync("targets.indicator.members", "region", period.RegionCode, null,
            $"{indicator.Definition.Code}; year={period.Year}; counted={counted}; page={p}", wait: false);
        return new IndicatorMembers(indicator.Definition.Code, indicator.Definition.Name, period.RegionCode, period.Year, counted,
            new PagedList<IndicatorMember>(items, total, p, size));
    }
}
