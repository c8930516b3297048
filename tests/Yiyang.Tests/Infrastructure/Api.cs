using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Yiyang.Tests.Infrastructure;

/// <summary>Small HTTP helpers: JSON in, JsonNode out, and ProblemDetails assertions.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<JsonNode> ReadJson(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty body");
    }

    public static async Task<JsonNode> GetJson(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var r = await client.GetAsync(url);
        await r.ShouldBe(expected);
        return await r.ReadJson();
    }

    public static async Task<JsonNode> PostJson(this HttpClient client, string url, object body, HttpStatusCode expected)
    {
        using var r = await client.PostAsJsonAsync(url, body, Json);
        await r.ShouldBe(expected);
        return await r.ReadJson();
    }

    public static async Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body, string? ifMatch = null)
    {
        using var req = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body, options: Json) };
        if (ifMatch is not null) req.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(req);
    }

    /// <summary>Asserts the status, showing the body when it differs.</summary>
    public static async Task ShouldBe(this HttpResponseMessage r, HttpStatusCode expected)
    {
        if (r.StatusCode != expected)
        {
            var body = r.Content is null ? "" : await r.Content.ReadAsStringAsync();
            Assert.Fail($"{r.RequestMessage?.Method} {r.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected} {expected}, got {(int)r.StatusCode} {r.StatusCode}: {body}");
        }
    }

    /// <summary>Asserts an RFC 9457 problem response with the given status; returns its body.</summary>
    public static async Task<JsonNode> ShouldBeProblem(this HttpResponseMessage r, HttpStatusCode expected)
    {
        await r.ShouldBe(expected);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var p = await r.ReadJson();
        Assert.Equal((int)expected, (int)p["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)p["title"]));
        return p;
    }

    /// <summary>The messages of one field in a validation problem; fails when absent.</summary>
    public static IReadOnlyList<string> FieldErrors(this JsonNode problem, string field)
    {
        var errors = problem["errors"] as JsonObject ?? throw new Xunit.Sdk.XunitException($"no errors in {problem.ToJsonString()}");
        var list = errors[field] as JsonArray ?? throw new Xunit.Sdk.XunitException($"no errors.{field} in {problem.ToJsonString()}");
        return list.Select(x => (string)x!).ToList();
    }

    public static bool IsChinese(string s) => s.Any(c => c >= '\u4e00' && c <= '\u9fff');

    public static long Id(this JsonNode node) => (long)node["id"]!;
}
