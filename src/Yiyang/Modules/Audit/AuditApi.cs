using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Audit;

public sealed record AuditEntryDto(long Id, DateTimeOffset At, string UserName, string Role, string Action, string SubjectType,
    string? SubjectId, long? ElderId, string? Detail, string? RemoteIp, string Hash, string PrevHash);

public sealed record AuditQuery(string? SubjectId, string? SubjectType, long? ElderId, string? Action, string? UserName, int? Page, int? PageSize);

/// <summary>The audit admin's reading and verification of the trail; each read and each verification is itself audited.</summary>
public sealed class AuditReader(YiyangDb db, AuditLog log, AuditVerifier verifier, AuditTrail audit,
    Microsoft.Extensions.Options.IOptions<ListOptions> lists)
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
        await audit.RecordAsync("audit.read", "audit", null, query.ElderId, ReadDetail(query, page, rows), wait: false);
        return new PagedList<AuditEntryDto>(rows, total, page, size, capped);
    }

    /// <summary>Which page of which filter the auditor read, and the range of entries shown.</summary>
    private static string ReadDetail(AuditQuery q, int page, List<AuditEntryDto> rows)
    {
        var parts = new List<string> { $"page={page}", $"rows={rows.Count}" };
        if (rows.Count > 0) parts.Add($"ids={rows[^1].Id}-{rows[0].Id}");
        if (!string.IsNullOrWhiteSpace(q.SubjectType)) parts.Add($"subjectType={q.SubjectType.Trim()}");
        if (!string.IsNullOrWhiteSpace(q.SubjectId)) parts.Add($"subjectId={q.SubjectId.Trim()}");
        if (!string.IsNullOrWhiteSpace(q.Action)) parts.Add($"action={q.Action.Trim()}");
        if (!string.IsNullOrWhiteSpace(q.UserName)) parts.Add($"user={q.UserName.Trim()}");
        return string.Join("; ", parts);
    }

    /// <summary>
    /// Checks the chain — all of it, or only the newest <paramref name="latest"/> entries — against its hashes, its keyed MACs
    /// and the checkpoints kept outside the database (<see cref="AuditVerifier"/>); the verification is audited with its result.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct, int? latest = null)
    {
        await log.FlushAsync();
        var result = await verifier.VerifyAsync(db, ct, latest);
        await audit.RecordAsync("audit.verify", "audit", null, detail:
            $"scope={(latest is > 0 ? $"latest {latest}" : "all")}; intact={(result.Intact ? "yes" : "no")}; checked={result.Checked}; checkpoints={result.Checkpoints}"
            + (result.FirstBrokenId is { } b ? $"; broken={b}" : ""), wait: false);
        return result;
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
        "user.list" => "查看用户列表",
        "logout" => "退出登录",
        "audit.read" => "查阅审计日志",
        "audit.verify" => "校验审计链",
        AuditMac.KeyedAction => "审计链启用密钥",
        "access.denied" => "访问被拒绝",
        "access.not-found" => "访问不存在或无权查看的记录",
        "elder.list" => "查看服务对象列表",
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
        }).WithSummary("校验审计链（全部，或最近 latest 条）：哈希与密钥校验码逐条相连，并与库外的签名检查点比对")
            .WithDescription("发现末尾被截断、记录缺失、链被重新链接或记录被改动时 intact 为 false，problem 用中文说明在哪里断开。");
    }
}
