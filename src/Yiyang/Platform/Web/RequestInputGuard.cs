using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Yiyang.Platform.Web;

/// <summary>
/// Checks every request before routing, for the API and the pages alike: a body in a character set that cannot be
/// decoded is a 415 (GBK, GB2312 and GB18030 can: the code-page provider is registered at start-up); text in the path,
/// the query or a URL-encoded form that breaks <see cref="InputRules"/> is a 400 naming the parameter. JSON bodies are
/// checked field by field while binding (<see cref="JsonInputRules"/>); multipart bodies (file imports) are not read
/// here, so that they stream — the database guard (TextParameterGuard) stops what they could carry.
/// </summary>
public static class RequestInputGuard
{
    public static IApplicationBuilder UseRequestInputGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (request.ContentType is { Length: > 0 } contentType && MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.Charset.HasValue)
        {
            if (Decoder(media.Charset.Value!) is not { } encoding)
            {
                await Refuse(http, 415, "不支持的字符集", "请求内容的字符集无法识别，请以 UTF-8（或 GBK、GB18030）提交。", "unsupported-charset", null);
                return;
            }
            // the framework reads a charset only by its plain name: "UTF-8" in quotes, or an alias, is given as that name
            media.Charset = encoding.WebName;
            request.ContentType = media.ToString();
        }
        if (InputRules.IsUnsafeText(request.Path.Value))
        {
            await Refuse(http, 400, "请求格式不正确", "请求地址包含不允许的字符。", "bad-request", null);
            return;
        }
        if (FirstUnsafe(request.Query, "query") is { } queryField)
        {
            await Refuse(http, 400, "提交的信息有误", "查询参数" + InputRules.UnsafeTextMessage, "bad-request", queryField);
            return;
        }
        if (request.HasFormContentType && request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(http.RequestAborted);
            }
            catch (InvalidDataException)
            {
                await Refuse(http, 400, "请求格式不正确", "表单内容过大或格式不正确。", "bad-request", null);
                return;
            }
            if (FirstUnsafe(form, "form") is { } formField)
            {
                await Refuse(http, 400, "提交的信息有误", InputRules.UnsafeTextMessage, "validation", formField);
                return;
            }
        }
        await next(http);
    });

    private static Encoding? Decoder(string charset)
    {
        var name = charset.Trim().Trim('"').Trim();
        if (name.Length == 0) return null;
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The name of the first parameter whose value breaks the rules (<paramref name="whole"/> when a name does).</summary>
    private static string? FirstUnsafe(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> pairs, string whole)
    {
        foreach (var (key, values) in pairs)
        {
            if (InputRules.IsUnsafeText(key)) return whole;
            foreach (var v in values)
                if (InputRules.IsUnsafeText(v)) return key;
        }
        return null;
    }

    private static async Task Refuse(HttpContext http, int status, string title, string detail, string code, string? field)
    {
        if (await ProblemFormats.TryWriteAsync(http, status, detail, code)) return;
        http.Response.StatusCode = status;
        if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/openapi"))
        {
            ProblemDetails p = field is null
                ? new ProblemDetails()
                : new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [InputRules.UnsafeTextMessage] });
            p.Status = status;
            p.Title = title;
            p.Detail = detail;
            p.Extensions["code"] = code;
            p.Extensions["traceId"] = http.TraceIdentifier;
            await http.Response.WriteAsJsonAsync(p, p.GetType(), (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
            return;
        }
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync($"{title}：{detail}");
    }
}
