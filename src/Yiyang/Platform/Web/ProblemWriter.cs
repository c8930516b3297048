using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Platform.Web;

public static class ProblemWriter
{
    public static async Task WriteAsync(HttpContext http, int status, string title, string detail, string code)
    {
        if (await ProblemFormats.TryWriteAsync(http, status, detail, code)) return;
        http.Response.StatusCode = status;
        var p = new ProblemDetails { Status = status, Title = title, Detail = detail };
        p.Extensions["code"] = code;
        p.Extensions["traceId"] = http.TraceIdentifier;
        await http.Response.WriteAsJsonAsync(p, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}
