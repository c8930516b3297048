using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Platform.Fuzz;

/// <summary>
/// The bad-input corpus over every JSON operation of the OpenAPI document: every operation with a JSON body gets wrong
/// types, NUL and other control characters, unpaired surrogates, huge strings, extreme numbers and dates, lists of
/// nulls, malformed JSON, deep nesting, wrong content types and character sets; every GET gets bad values in each
/// query parameter. Each request is sent as a role that may call the operation. No answer may be a 5xx, and every
/// refusal of an API request is a problem document. Bounded: a fixed sample per operation (seeded by its name).
/// The fuzz owns its app and database (its own collection), so that what it writes disturbs no other test.
/// </summary>
public abstract class ApiFuzzTests(AppFixture fixture, ITestOutputHelper output) : ApiTestBase(fixture)
{
    private const int BodyCasesPerOperation = 24;
    private const int QueryCasesPerParameter = 6;
    private static readonly string[] Roles = ["city", "admin", "doctor", "orgadmin", "wjw", "nurse", "caregiver", "security", "auditor", "hospdoctor"];

    [DbFact]
    public async Task No_operation_answers_a_5xx_to_bad_input()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // the test's own GBK bodies
        var clock = Stopwatch.StartNew();
        var doc = await Factory.Anonymous().GetJson("/openapi/v1.json");
        var schemas = doc["components"]?["schemas"] as JsonObject ?? new JsonObject();
        var clients = new Dictionary<string, HttpClient> { [""] = Factory.Anonymous() };
        foreach (var r in Roles) clients[r] = await As(r);
        clients[DeviceRole] = await DeviceClient();
        var failures = new List<string>();
        int sent = 0, operations = 0;

        foreach (var (pathTemplate, pathItem) in doc["paths"]!.AsObject())
        {
            foreach (var (method, op) in pathItem!.AsObject())
            {
                if (op is not JsonObject operation || !IsFuzzed(pathTemplate, method)) continue;
                var hasJsonBody = operation["requestBody"]?["content"]?["application/json"] is not null;
                var query = (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>().Where(p => (string?)p["in"] == "query").ToList();
                if (!hasJsonBody && !(method == "get" && query.Count > 0)) continue;
                operations++;
                var url = FillPath(pathTemplate, operation);
                var rng = new Random(StableHash(method + " " + pathTemplate));
                var bodySchema = hasJsonBody ? Resolve(operation["requestBody"]!["content"]!["application/json"]!["schema"], schemas) : null;
                var baseBody = hasJsonBody ? Sample(bodySchema, schemas, 0) : null;
                if (baseBody is JsonObject named && named.ContainsKey("deviceId")) named["deviceId"] = _deviceId; // device bodies name the fuzz device
                var role = await RoleFor(clients, method, url, baseBody);
                var client = clients[role];

                var cases = new List<(string Name, Func<HttpRequestMessage> Request)>();
                if (hasJsonBody)
                {
                    var all = BodyCases(baseBody, bodySchema, schemas).ToList();
                    var take = all.Take(6).Concat(all.Skip(6).OrderBy(_ => rng.Next()).Take(BodyCasesPerOperation - 6));
                    cases.AddRange(take.Select(c => (c.Name, (Func<HttpRequestMessage>)(() => BodyRequest(method, url, c.Content, c.ContentType)))));
                }
                if (method == "get")
                    foreach (var p in query)
                        foreach (var (name, value) in QueryCases(p, schemas).OrderBy(_ => rng.Next()).Take(QueryCasesPerParameter))
                        {
                            var sep = url.Contains('?') ? '&' : '?';
                            var u = $"{url}{sep}{Uri.EscapeDataString((string)p["name"]!)}={value}";
                            cases.Add(($"query {p["name"]} {name}", () => new HttpRequestMessage(HttpMethod.Get, u)));
                        }

                foreach (var (name, request) in cases)
                {
                    using var req = request();
                    using var r = await client.SendAsync(req);
                    sent++;
                    var status = (int)r.StatusCode;
                    if (status >= 500)
                        failures.Add($"{method.ToUpperInvariant()} {pathTemplate} [{role}] {name}: {status} {Trim(await r.Content.ReadAsStringAsync())}");
                    else if (status >= 400 && r.Content.Headers.ContentLength != 0 && r.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        failures.Add($"{method.ToUpperInvariant()} {pathTemplate} [{role}] {name}: {status} is not a problem ({r.Content.Headers.ContentType})");
                }
            }
        }
        output.WriteLine($"{Provider}: {operations} operations, {sent} requests, {clock.Elapsed.TotalSeconds:0.0} s, {failures.Count} failures");
        foreach (var f in failures.Take(200)) output.WriteLine(f);
        Assert.True(operations > 50, $"only {operations} operations found in the OpenAPI document");
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers:\n" + string.Join("\n", failures.Take(60)));
    }

    /// <summary>The device endpoints' caller: a device secret (tried after every user role).</summary>
    private const string DeviceRole = "device";
    private long _deviceId;

    /// <summary>A client speaking with a device's secret; not device 1, which the fuzzed revoke route may revoke.</summary>
    private async Task<HttpClient> DeviceClient()
    {
        var elder = (await CreateElder()).Id();
        var city = await As("city");
        for (var i = 0; ; i++)
        {
            var d = await city.PostJson("/api/devices", new { elderId = elder, kind = "sos-button", serial = $"FUZZ-{i}-{Guid.NewGuid():N}"[..30] }, HttpStatusCode.Created);
            if (d.Id() == 1) continue;
            _deviceId = d.Id();
            var client = Factory.Anonymous();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)d["secret"]!);
            return client;
        }
    }

    /// <summary>Operations that would end the fuzzing roles' own sessions are left out.</summary>
    private static bool IsFuzzed(string path, string method) =>
        method is "get" or "post" or "put" or "patch" or "delete"
        && !(path.StartsWith("/api/auth", StringComparison.Ordinal) && path != "/api/auth/token")
        && !path.Contains("password", StringComparison.OrdinalIgnoreCase) && !path.Contains("revoke-sessions", StringComparison.OrdinalIgnoreCase)
        && !path.Contains("logout", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first role the operation does not refuse with 401/403 for a plausible body (the city operator when all do).</summary>
    private static async Task<string> RoleFor(Dictionary<string, HttpClient> clients, string method, string url, JsonNode? body)
    {
        if (url == "/api/auth/token") return "";
        foreach (var role in Roles.Append(DeviceRole))
        {
            using var req = method == "get" ? new HttpRequestMessage(HttpMethod.Get, url)
                : BodyRequest(method, url, Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "{}"), "application/json");
            if (method != "get" && method != "post") req.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            using var r = await clients[role].SendAsync(req);
            if (r.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)) return role;
        }
        return "city";
    }

    private static HttpRequestMessage BodyRequest(string method, string url, byte[] content, string contentType)
    {
        var req = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url) { Content = new ByteArrayContent(content) };
        req.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (method is "put" or "patch" or "delete") req.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        return req;
    }

    private const string Json = "application/json";

    private static IEnumerable<(string Name, byte[] Content, string ContentType)> BodyCases(JsonNode? body, JsonNode? schema, JsonObject schemas)
    {
        byte[] U(string s) => Encoding.UTF8.GetBytes(s);
        var text = body?.ToJsonString() ?? "{}";
        // always: the character-set, content-type and structure cases (cheap, and each hit every endpoint in the audit)
        yield return ("charset gbk", Encoding.GetEncoding("gbk").GetBytes(text), "application/json; charset=gbk");
        yield return ("unknown charset", U(text), "application/json; charset=x-no-such-charset");
        yield return ("NUL everywhere", U(MapStrings(body, _ => "a\u0000b")), Json);
        yield return ("nulls in every list", U(MapArrays(body, _ => new JsonArray((JsonNode?)null))), Json);
        yield return ("extreme dates 0001", U(MapDates(body, schema, schemas, "0001-01-01")), Json);
        yield return ("extreme dates 9999", U(MapDates(body, schema, schemas, "9999-12-31")), Json);
        // sampled
        yield return ("charset utf-16", Encoding.Unicode.GetBytes(text), "application/json; charset=utf-16");
        yield return ("quoted charset", U(text), "application/json; charset=\"utf-8\"");
        yield return ("empty charset", U(text), "application/json; charset=");
        yield return ("text/plain", U(text), "text/plain");
        yield return ("xml", U("<a/>"), "application/xml");
        yield return ("form", U("a=b"), "application/x-www-form-urlencoded");
        yield return ("malformed 1", U(text.Length > 2 ? text[..(text.Length / 2)] : "{"), Json);
        yield return ("malformed 2", U("{\"a\":}"), Json);
        yield return ("malformed 3", U("nul"), Json);
        yield return ("invalid utf-8", [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d], Json);
        yield return ("empty body", [], Json);
        yield return ("null body", U("null"), Json);
        yield return ("array body", U("[]"), Json);
        yield return ("string body", U("\"x\""), Json);
        yield return ("deep nesting 200", U(new string('[', 200) + new string(']', 200)), Json);
        yield return ("deep object 200", U(string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)), Json);
        yield return ("control characters", U(MapStrings(body, _ => "a\u0001\u001b\u007fb")), Json);
        yield return ("lone surrogate", U(MapStrings(body, _ => "\uFFFF").Replace("\uFFFF", "a\\ud800b", StringComparison.Ordinal)), Json);
        yield return ("lone low surrogate", U(MapStrings(body, _ => "\uFFFF").Replace("\uFFFF", "\\udc00", StringComparison.Ordinal)), Json);
        yield return ("huge strings", U(MapStrings(body, _ => new string('长', 100_000))), Json);
        yield return ("empty strings", U(MapStrings(body, _ => "")), Json);
        yield return ("whitespace strings", U(MapStrings(body, _ => " \t\r\n ")), Json);
        yield return ("newline and tab", U(MapStrings(body, s => s + "\n\t第二行")), Json);
        yield return ("numbers 1e308", U(MapNumbers(body, "1e308")), Json);
        yield return ("numbers -1", U(MapNumbers(body, "-1")), Json);
        yield return ("numbers 0", U(MapNumbers(body, "0")), Json);
        yield return ("numbers long.Max+1", U(MapNumbers(body, "9223372036854775808")), Json);
        yield return ("numbers int.Max", U(MapNumbers(body, "2147483647")), Json);
        yield return ("numbers -1e308", U(MapNumbers(body, "-1e308")), Json);
        yield return ("numbers fraction", U(MapNumbers(body, "0.000000001")), Json);
        yield return ("all nulls", U(MapAll(body, _ => null)), Json);
        yield return ("wrong types: strings as numbers", U(MapStrings(body, _ => "\uFFFE").Replace("\"\uFFFE\"", "12345", StringComparison.Ordinal)), Json);
        yield return ("wrong types: numbers as strings", U(MapNumbers(body, "\"abc\"")), Json);
        yield return ("wrong types: objects", U(MapAll(body, _ => new JsonObject { ["x"] = 1 })), Json);
        yield return ("wrong types: arrays", U(MapAll(body, _ => new JsonArray(1, 2))), Json);
        yield return ("wrong types: booleans", U(MapAll(body, _ => JsonValue.Create(true))), Json);
        yield return ("empty object", U("{}"), Json);
        yield return ("unknown fields", U(body is JsonObject ? text.Insert(1, "\"zzUnknown\":[1,{\"b\":null}],") : text), Json);
        yield return ("empty lists", U(MapArrays(body, _ => new JsonArray())), Json);
        yield return ("huge lists", U(MapArrays(body, a => new JsonArray(Enumerable.Range(0, 2000).Select(_ => a.Count > 0 ? a[0]?.DeepClone() : null).ToArray()))), Json);
        yield return ("dates as datetimes", U(MapDates(body, schema, schemas, "2025-01-01T00:00:00Z")), Json);
        yield return ("dates garbage", U(MapDates(body, schema, schemas, "2025-13-45")), Json);
        yield return ("dates 1899", U(MapDates(body, schema, schemas, "1899-12-31")), Json);
        yield return ("dates 2100", U(MapDates(body, schema, schemas, "2100-01-01")), Json);
    }

    private static IEnumerable<(string Name, string Value)> QueryCases(JsonObject parameter, JsonObject schemas)
    {
        var schema = Resolve(parameter["schema"], schemas);
        var type = TypeOf(schema);
        yield return ("NUL", "a%00b");
        yield return ("control", "%01%1B");
        yield return ("lone surrogate (invalid UTF-8)", "%ED%A0%80");
        yield return ("invalid UTF-8", "%FF%FE");
        yield return ("huge", new string('a', 10_000));
        yield return ("empty", "");
        yield return ("wrong type", type is "string" ? "123" : "abc");
        if (type is "integer" or "number")
        {
            yield return ("1e308", "1e308");
            yield return ("-1", "-1");
            yield return ("long.Max+1", "9223372036854775808");
            yield return ("int.Max", "2147483647");
            yield return ("0", "0");
        }
        if ((string?)schema?["format"] is "date" or "date-time")
        {
            yield return ("0001", "0001-01-01");
            yield return ("9999", "9999-12-31");
            yield return ("garbage date", "2025-02-30");
        }
        if (type == "boolean") yield return ("not a bool", "maybe");
    }

    // ---- building a plausible body from the schema and mutating it

    private static JsonNode? Resolve(JsonNode? schema, JsonObject schemas)
    {
        for (var i = 0; i < 10 && schema?["$ref"] is JsonValue r; i++)
            schema = schemas[((string)r!).Split('/')[^1]];
        return schema;
    }

    private static string? TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonValue v => (string?)v,
        JsonArray a => a.Select(x => (string?)x).FirstOrDefault(x => x != "null"),
        _ => schema?["properties"] is not null ? "object" : null,
    };

    private static JsonNode? Sample(JsonNode? schema, JsonObject schemas, int depth)
    {
        schema = Resolve(schema, schemas);
        if (schema is null || depth > 4) return null;
        if (schema["enum"] is JsonArray e && e.Count > 0) return e.FirstOrDefault(x => x is not null)?.DeepClone();
        if (schema["oneOf"] is JsonArray o1 && o1.Count > 0) return Sample(o1.FirstOrDefault(x => TypeOf(Resolve(x, schemas)) != "null"), schemas, depth);
        if (schema["anyOf"] is JsonArray o2 && o2.Count > 0) return Sample(o2.FirstOrDefault(x => TypeOf(Resolve(x, schemas)) != "null"), schemas, depth);
        return TypeOf(schema) switch
        {
            "object" => SampleObject(schema, schemas, depth),
            "array" => new JsonArray(Sample(schema["items"], schemas, depth + 1)),
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(1.5),
            "boolean" => JsonValue.Create(true),
            "string" => (string?)schema["format"] switch
            {
                "date" => JsonValue.Create("2025-06-01"),
                "date-time" => JsonValue.Create("2025-06-01T08:00:00Z"),
                _ => JsonValue.Create("测试"),
            },
            _ => null,
        };
    }

    private static JsonObject SampleObject(JsonNode schema, JsonObject schemas, int depth)
    {
        var o = new JsonObject();
        foreach (var (name, prop) in schema["properties"] as JsonObject ?? new JsonObject())
            o[name] = Sample(prop, schemas, depth + 1);
        return o;
    }

    private static string MapStrings(JsonNode? body, Func<string, string> f) => Map(body, n => n is JsonValue v && v.TryGetValue<string>(out var s) ? JsonValue.Create(f(s)) : n).ToJson();
    private static string MapNumbers(JsonNode? body, string raw) =>
        Map(body, n => n is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? JsonValue.Create("\uFFFD\uFFFD") : n).ToJson()
            .Replace("\"\uFFFD\uFFFD\"", raw, StringComparison.Ordinal);
    private static string MapArrays(JsonNode? body, Func<JsonArray, JsonNode> f) => Map(body, n => n is JsonArray a ? f(a) : n).ToJson();
    private static string MapAll(JsonNode? body, Func<JsonNode?, JsonNode?> f) =>
        body is JsonObject o ? new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, f(kv.Value)))).ToJsonString() : body.ToJson();

    private static string MapDates(JsonNode? body, JsonNode? schema, JsonObject schemas, string value)
    {
        // every string that the sample made a date (or date-time) becomes the value
        return Map(body, n => n is JsonValue v && v.TryGetValue<string>(out var s) && s.StartsWith("2025-06-01", StringComparison.Ordinal)
            ? JsonValue.Create(value) : n).ToJson();
    }

    /// <summary>A deep copy with every node passed through <paramref name="f"/> (arrays and objects after their children).</summary>
    private static JsonNode? Map(JsonNode? node, Func<JsonNode?, JsonNode?> f) => node switch
    {
        JsonObject o => f(new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, Map(kv.Value, f))))),
        JsonArray a => f(new JsonArray(a.Select(x => Map(x, f)).ToArray())),
        _ => f(node?.DeepClone()),
    };

    private static string FillPath(string template, JsonObject operation)
    {
        var url = template;
        foreach (var p in (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>().Where(p => (string?)p["in"] == "path"))
        {
            var t = TypeOf(p["schema"]);
            url = url.Replace("{" + (string)p["name"]! + "}", t is "integer" or "number" ? "1" : "x", StringComparison.Ordinal);
        }
        return url;
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var c in s) h = (h ^ c) * 16777619;
            return h;
        }
    }

    private static string Trim(string s) => s.Length > 300 ? s[..300] : s;
}

internal static class JsonNodeText
{
    public static string ToJson(this JsonNode? node) => node?.ToJsonString() ?? "null";
}

[CollectionDefinition(Name)]
public sealed class FuzzSqliteCollection : ICollectionFixture<SqliteAppFixture>
{
    public const string Name = "fuzz-sqlite";
}

[CollectionDefinition(Name)]
public sealed class FuzzPostgresCollection : ICollectionFixture<PostgresAppFixture>
{
    public const string Name = "fuzz-postgres";
}

[Collection(FuzzSqliteCollection.Name)]
public sealed class ApiFuzzTestsSqlite(SqliteAppFixture f, ITestOutputHelper o) : ApiFuzzTests(f, o);

[Collection(FuzzPostgresCollection.Name)]
public sealed class ApiFuzzTestsPostgres(PostgresAppFixture f, ITestOutputHelper o) : ApiFuzzTests(f, o), IPostgresTests;
