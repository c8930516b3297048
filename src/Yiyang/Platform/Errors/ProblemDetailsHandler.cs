using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Platform.Errors;

/// <summary>
/// The one place where exceptions become RFC 9457 ProblemDetails (Chinese title/detail, a stable code, field
/// errors). Never echoes input or personal data; unexpected errors get a trace id only.
/// </summary>
public sealed class ProblemDetailsHandler(ILogger<ProblemDetailsHandler> log) : IExceptionHandler
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = CreateJson();

    private static System.Text.Json.JsonSerializerOptions CreateJson()
    {
        var o = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        PlatformSetup.ConfigureJson(o);
        return o;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // pages have their own error page; the API gets ProblemDetails
        // (the middleware has already rewritten Request.Path to the error page: use the original path)
        var path = new PathString(http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value);
        var (status, problem) = Map(exception);
        // logged here for pages too (the middleware's own log is switched off in UsePlatform): the request as sent, not /Error
        if (status >= 500)
            log.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, path.Value);
        else
            log.LogInformation("Request refused with {Status} ({Code}) on {Method} {Path}", status,
                problem.Extensions.TryGetValue("code", out var c) ? c : null, http.Request.Method, path.Value);
        if (ProblemFormats.For(http, path) is not null && !http.Response.HasStarted)
        {
            http.Response.Clear();
            if (exception is TooManyRequestsException limited)
                http.Response.Headers.RetryAfter = limited.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await ProblemFormats.TryWriteAsync(http, status, problem.Detail ?? problem.Title ?? "", problem.Extensions.TryGetValue("code", out var fc) ? fc?.ToString() ?? "error" : "error", path);
        }
        if (!path.StartsWithSegments("/api") && !path.StartsWithSegments("/openapi")) return false;

        problem.Extensions["traceId"] = http.TraceIdentifier;
        if (http.Response.HasStarted) return false;
        http.Response.Clear();
        http.Response.StatusCode = status;
        if (exception is TooManyRequestsException tooMany)
            http.Response.Headers.RetryAfter = tooMany.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        else if (status == 503)
            http.Response.Headers.RetryAfter = UnavailableRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await http.Response.WriteAsJsonAsync(problem, problem.GetType(), Json, "application/problem+json", ct);
        return true;
    }

    /// <summary>The Retry-After of a 503 while the database is unreachable (seconds).</summary>
    public const int UnavailableRetryAfterSeconds = 5;

    public static (int Status, ProblemDetails Problem) Map(Exception exception)
    {
        if (DbErrors.IsUnavailable(exception))
        {
            var p = new ProblemDetails { Status = 503, Title = "服务暂不可用", Detail = "数据库暂时无法访问，请稍后重试。" };
            p.Extensions["code"] = "unavailable";
            return (503, p);
        }
        switch (exception)
        {
            case ValidationFailedException v:
                {
                    var p = new HttpValidationProblemDetails(v.Errors.ToDictionary(k => k.Key, k => k.Value))
                    {
                        Status = 400,
                        Title = "提交的信息有误",
                        Detail = v.Message,
                    };
                    p.Extensions["code"] = v.Code;
                    return (400, p);
                }
            case AppException a:
                {
                    var p = new ProblemDetails { Status = a.Status, Title = TitleFor(a.Status), Detail = a.Message };
                    p.Extensions["code"] = a.Code;
                    foreach (var (k, val) in a.Extensions) p.Extensions[k] = val;
                    return (a.Status, p);
                }
            case BadHttpRequestException { InnerException: JsonException { Path: { } at } j }:
                {
                    // a field refused at binding (JsonInputRules) or of the wrong type: name it as the API does
                    var field = JsonField(at, (j as JsonFieldException)?.Field);
                    var message = j is JsonFieldException f ? f.Reason : "格式或类型不正确。";
                    var p = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [message] })
                    {
                        Status = 400,
                        Title = "请求格式不正确",
                        Detail = j is JsonFieldException ? "提交的信息有误，请按提示修改。" : "请求内容不是有效的 JSON，或字段类型不正确。",
                    };
                    p.Extensions["code"] = "bad-request";
                    return (400, p);
                }
            case BadHttpRequestException b:
                {
                    var p = new ProblemDetails
                    {
                        Status = 400,
                        Title = "请求格式不正确",
                        Detail = b.InnerException is System.Text.Json.JsonException
                            ? "请求内容不是有效的 JSON，或字段类型不正确。"
                            : "请求参数不正确，请检查后重试。",
                    };
                    p.Extensions["code"] = "bad-request";
                    return (400, p);
                }
            case var storage when MapStorage(storage) is { } stored:
                return stored;
            case OperationCanceledException:
                {
                    var p = new ProblemDetails { Status = 499, Title = "请求已取消" };
                    p.Extensions["code"] = "cancelled";
                    return (499, p);
                }
            default:
                {
                    var p = new ProblemDetails { Status = 500, Title = "服务器内部错误", Detail = "系统出现意外错误，请稍后再试或联系管理员。" };
                    p.Extensions["code"] = "internal";
                    return (500, p);
                }
        }
    }

    /// <summary>What a refused write means to the user (text the database cannot store, a lost race, a constraint), or null.</summary>
    private static (int Status, ProblemDetails Problem)? MapStorage(Exception exception)
    {
        switch (exception)
        {
            case UnstorableTextException or DbUpdateException { InnerException: UnstorableTextException }:
            case DbException when DbErrors.IsUnstorableText(exception):
            case DbUpdateException { InnerException: DbException } when DbErrors.IsUnstorableText(exception.InnerException!):
                {
                    var p = new ProblemDetails { Status = 400, Title = "提交的信息有误", Detail = InputRules.UnsafeTextMessage };
                    p.Extensions["code"] = "unsafe-text";
                    return (400, p);
                }
            case DbUpdateConcurrencyException:
                {
                    var p = new ProblemDetails { Status = 409, Title = "数据冲突", Detail = "记录已被他人修改，请刷新后再试。" };
                    p.Extensions["code"] = "concurrency";
                    return (409, p);
                }
            case DbUpdateException d when DbErrors.IsUniqueViolation(d):
                {
                    var p = new ProblemDetails { Status = 409, Title = "数据冲突", Detail = "该记录已存在（唯一性约束）。" };
                    p.Extensions["code"] = "duplicate";
                    return (409, p);
                }
            case DbUpdateException d when DbErrors.IsRegionMoved(d):
                {
                    // a yearly record written while its elder moved to another township (the database keeps a record's
                    // region equal to the elder's: fk_healthmgmt_*_elder_region)
                    var p = new ProblemDetails { Status = 409, Title = "数据冲突", Detail = "该老年人的居住地刚刚变更，请刷新后再试。" };
                    p.Extensions["code"] = "elder-moved";
                    return (409, p);
                }
            case DbUpdateException d when DbErrors.IsCheckViolation(d):
                {
                    var p = new ProblemDetails { Status = 400, Title = "提交的信息有误", Detail = "数据不符合规则（数据库约束）。" };
                    p.Extensions["code"] = "constraint";
                    return (400, p);
                }
            default:
                return null;
        }
    }

    /// <summary><c>$.items[0]</c> + <c>services[1]</c> → <c>items[0].services[1]</c> (the API's field names).</summary>
    private static string JsonField(string path, string? member)
    {
        var at = path.StartsWith('$') ? path[1..].TrimStart('.') : path;
        if (string.IsNullOrEmpty(member)) return at;
        return at.Length == 0 ? member : $"{at}.{member}";
    }

    private static string TitleFor(int status) => status switch
    {
        400 => "提交的信息有误",
        401 => "请先登录",
        403 => "没有权限",
        404 => "未找到",
        409 => "数据冲突",
        412 => "数据已变更",
        422 => "不符合业务规则",
        429 => "请求过于频繁",
        _ => "请求失败",
    };
}
