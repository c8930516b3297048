using System.Security.Cryptography;

namespace Yiyang.Modules.Supervision;

public sealed record DrawInput(string? Seed, string? Reason);

/// <summary>
/// 随机抽取 (a regulator of the plan's lead bureau): snapshots the two lists and the conflicts, draws entities and
/// inspectors with the published algorithm from the seed (given, or 32 random bytes in hex), and keeps seed, operator,
/// time, lists and result (<see cref="DrawRecorder"/>). A redraw needs a reason and keeps the earlier draws
/// (docs/domain/supervision.md#the-draw).
/// </summary>
public sealed class DrawPlan(YiyangDb db, PlanAccess access, GetDraw reader, TimeProvider clock, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/plans/{id:long}/draw", async Task<Created<DrawDto>> (long id, DrawInput? input, DrawPlan handler, CancellationToken ct) =>
            {
                var d = await handler.HandleAsync(id, input ?? new DrawInput(null, null), ct);
                return TypedResults.Created($"/api/inspections/draws/{d.DrawId}", d);
            })
            .ProducesProblems(400, 403, 404, 409, 422)
            .WithSummary("按公开算法随机抽取检查对象和监督员（牵头部门监管人员）；可给定种子；重新抽取须填写原因，原抽取结果保留");

    public async Task<DrawDto> HandleAsync(long planId, DrawInput input, CancellationToken ct)
    {
        var plan = await access.LoadAsync(planId, ct);
        if (access.User.Bureau != plan.LeadBureau) throw new ForbiddenException("联合抽查由牵头部门的监管人员抽取。");
        var previous = await db.Set<InspectionDraw>().Where(d => d.PlanId == planId).MaxAsync(d => (int?)d.Sequence, ct) ?? 0;
        var (seed, reason) = Validate(input, previous);
        var draw = await DrawRecorder.RecordAsync(db, plan, previous + 1, seed, reason, access.User.UserName, clock.GetUtcNow(), access.Today, ct);
        await audit.RecordAsync(previous == 0 ? "supervision.draw" : "supervision.redraw", "inspection-plan",
            plan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            detail: $"draw={draw.Id}; sequence={draw.Sequence}; seed={seed}; entities={draw.EntityCount}; sample={draw.SampleSize}; sha256={draw.ResultSha256}");
        return await reader.HandleAsync(draw.Id, ct, withLists: false);
    }

    private static (string Seed, string? Reason) Validate(DrawInput input, int previous)
    {
        var errors = new FieldErrors();
        var seed = input.Seed?.Trim();
        if (string.IsNullOrEmpty(seed)) seed = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        else if (!System.Text.RegularExpressions.Regex.IsMatch(seed, "^[0-9A-Za-z._:-]{1,128}$"))
            errors.Add("seed", "种子为 1–128 位字母、数字或 . _ : -（不填则由系统随机生成）。");
        var reason = input.Reason?.Trim();
        if (previous == 0) reason = null;
        else if (string.IsNullOrEmpty(reason) || reason.Length > 500) errors.Add("reason", "该计划已抽取过，重新抽取须填写原因（最多 500 个字），原抽取结果将保留。");
        errors.ThrowIfAny();
        return (seed, reason);
    }
}
