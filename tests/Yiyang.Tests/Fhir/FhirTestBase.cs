using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Fhir;

/// <summary>What the FHIR tests share: FHIR GETs, following next links, a home visit with vitals, audit lookups.</summary>
public abstract class FhirTestBase(AppFixture fixture) : ApiTestBase(fixture)
{
    public const string CitizenId = "urn:oid:2.16.156.10011.1.3";

    /// <summary>GETs a FHIR URL, checks the status and the media type, and returns the body.</summary>
    protected static async Task<JsonNode> Fhir(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK, string? prefer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/fhir+json");
        if (prefer is not null) request.Headers.Add("Prefer", prefer);
        using var r = await client.SendAsync(request);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(expected == r.StatusCode, $"GET {url}: expected {expected}, got {(int)r.StatusCode} {text[..Math.Min(text.Length, 400)]}");
        Assert.Equal("application/fhir+json", r.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(text)!;
        if ((int)expected >= 400) ShouldBeOutcome(body);
        return body;
    }

    /// <summary>An OperationOutcome with a Chinese diagnostics.</summary>
    protected static string ShouldBeOutcome(JsonNode body)
    {
        Assert.Equal("OperationOutcome", (string?)body["resourceType"]);
        var diagnostics = (string)body["issue"]![0]!["diagnostics"]!;
        Assert.True(Api.IsChinese(diagnostics), diagnostics);
        return diagnostics;
    }

    /// <summary>The resources of a bundle's entries in the given search mode.</summary>
    protected static List<JsonNode> Entries(JsonNode bundle, string mode = "match") =>
        (bundle["entry"] as JsonArray ?? []).Where(e => (string?)e!["search"]?["mode"] == mode).Select(e => e!["resource"]!).ToList();

    protected static string? Next(JsonNode bundle) =>
        (bundle["link"] as JsonArray ?? []).FirstOrDefault(l => (string?)l!["relation"] == "next")?["url"]?.GetValue<string>();

    /// <summary>Every page of a search, following next links; returns the ids in order and the totals seen.</summary>
    protected static async Task<(List<string> Ids, List<int?> Totals)> AllPages(HttpClient client, string url)
    {
        var ids = new List<string>();
        var totals = new List<int?>();
        for (string? next = url; next is not null;)
        {
            var page = await Fhir(client, next);
            totals.Add((int?)page["total"]);
            ids.AddRange(Entries(page).Select(r => (string)r["id"]!));
            next = Next(page);
            Assert.True(ids.Count < 2000, "paging does not end");
        }
        return (ids, totals);
    }

    /// <summary>A completed-enough home visit of a new 金华 elder by the demo doctor, with every vital recorded.</summary>
    protected async Task<(long ElderId, long VisitId)> VisitWithVitals()
    {
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        var visit = await doctor.PostJson("/api/home-visits", new
        {
            elderId,
            source = "ad-hoc",
            services = new object[] { new { serviceCode = "HV01", serviceName = "上门巡诊" } },
        }, HttpStatusCode.Created);
        var url = $"/api/home-visits/{visit.Id()}";
        await doctor.PostJson($"{url}/check-in", new { latitude = 35.07, longitude = 109.08, accuracyMeters = 10.0 }, HttpStatusCode.OK);
        using var vitals = await doctor.PutJson($"{url}/vitals", new { systolic = 138, diastolic = 86, pulse = 72, temperature = 36.6, glucose = 6.1, spo2 = 97, weight = 61.5 });
        await vitals.ShouldBe(HttpStatusCode.OK);
        return (elderId, visit.Id());
    }

    /// <summary>The audit entries matching a query (written in the background: polled).</summary>
    protected async Task<JsonArray> AuditEntries(string query)
    {
        var auditor = await As("auditor");
        JsonArray entries = [];
        for (var i = 0; i < 50 && entries.Count == 0; i++)
        {
            entries = (await auditor.GetJson("/api/audit?" + query))["items"]!.AsArray();
            if (entries.Count == 0) await Task.Delay(100);
        }
        return entries;
    }

    protected static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    protected static Task<HttpResponseMessage> PostJson(HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);
}
