using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Audit;

public sealed record AuditEntryDto(long Id, DateTimeOffset At, string UserName, string Role, string Action, string SubjectType,
    string? SubjectId, long? ElderId, string? Detail, string? RemoteIp, string Hash, string PrevHash);

public sealed record AuditQuery(string? SubjectId, string? SubjectType, long? ElderId, string? Action, string? UserName, int? Page, int? PageSize);

public sealed class AuditReader(YiyangDb db, AuditLog log, Microsoft.Extensions.Options.IOptions<ListOptions> lists)
{
    public async Task<PagedList<AuditEntryDto>> ListAsync(AuditQuery query, CancellationToken ct)
    {
        var page = query.Page ?? 1;
        var size = query.PageSize ?? 50;
        var errors = new FieldErrors();
        if (page < 1) errors.Add("page", "页码从 1 开始。");
        if (size is < 1 or > 500) errors.Add("pageSize", "每页条数应在 1–500 之间。");
        errors.ThrowIfAny();
        await log.FlushAsync(); // read-your-writes for entries queued by this node
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.SubjectId))
        {
            var s = query.SubjectId.Trim();
            q = long.TryParse(s, out var elderId) && string.IsNullOrWhiteSpace(query.SubjectType)
                ? q.Where(e => e.SubjectId == s || e.ElderId == elderId)
                : q.Where(e => e.SubjectId == s);
        }
        if (!string.IsNullOrWhiteSpace(query.SubjectType)) q = q.Where(e => e.SubjectType == query.SubjectType.Trim());
        if (query.ElderId is { } eid) q = q.Where(e => e.ElderId == eid);
        if (!string.IsNullOrWhiteSpace(query.Action)) q = q.Where(e => e.Action.StartsWith(query.Action.Trim()));
        if (!string.IsNullOrWhiteSpace(query.UserName)) q = q.Where(e => e.UserName == query.UserName.Trim());
        var rows = await q.OrderByDescending(e => e.Id).Skip((page - 1) * size).Take(size)
            .Select(e => new AuditEntryDto(e.Id, e.At, e.UserName, e.Role, e.Action, e.SubjectType, e.SubjectId, e.ElderId, e.Detail,
                e.RemoteIp, e.Hash, e.PrevHash))
            .ToListAsync(ct);
        var (total, capped) = await Paging.TotalAsync(q, page, size, rows.Count, lists.Value.MaxCountedResults, ct);
        return new PagedList<AuditEntryDto>(rows, total, page, size, capped);
    }

    /// <summary>Recomputes the chain: all of it, or only the newest <paramref name="latest"/> entries.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct, int? latest = null)
    {
        await log.FlushAsync();
        return await AuditLog.VerifyAsync(db, ct, latest);
    }

    public static string ActionName(string action) => action switch
    {
        "elder.create" => "登记服务对象",
        "elder.update" => "修改服务对象",
        "elder.view" => "查看档案",
        "elder.reveal" => "查看完整信息",
        "elder.reveal.denied" => "查看完整信息（被拒绝）",
        "elder.search" => "检索服务对象",
        "elder.timeline.view" => "查看时间线",
        "elder.ledger.view" => "查看台账",
        "elder.import" => "导入服务对象",
        "organization.create" => "登记机构",
        "organization.update" => "修改机构",
        "login" => "登录",
        "login.failed" => "登录失败",
        "login.lockout" => "登录失败并锁定",
        "login.locked" => "锁定期间尝试登录",
        "user.create" => "创建用户",
        "user.unlock" => "解锁用户",
        "export" => "导出",
        _ => action,
    };
}

public static class AuditApi
{
    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(AuditPolicies.Read);
        g.MapGet("/", async Task<Ok<PagedList<AuditEntryDto>>> ([FromQuery] string? subjectId, [FromQuery] string? subjectType,
                [FromQuery] long? elderId, [FromQuery] string? action, [FromQuery] string? userName, [FromQuery] int? page,
                [FromQuery] int? pageSize, AuditReader reader, CancellationToken ct) =>
            TypedResults.Ok(await reader.ListAsync(new AuditQuery(subjectId, subjectType, elderId, action, userName, page, pageSize), ct)));
        g.MapGet("/verify", async Task<Ok<AuditVerification>> ([FromQuery] int? latest, AuditReader reader, CancellationToken ct) =>
        {
            if (latest is <= 0) throw new ValidationFailedException(new Dictionary<string, string[]> { ["latest"] = ["latest 应为正整数。"] });
            return TypedResults.Ok(await reader.VerifyAsync(ct, latest));
        }).WithSummary("校验审计哈希链（全部，或最近 latest 条）");
    }
}
