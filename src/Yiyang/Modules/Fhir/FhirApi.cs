using R4 = Hl7.Fhir.Model;

namespace Yiyang.Modules.Fhir;

/// <summary>
/// The routes under <c>/fhir</c>: the capability statement, then read and search for every registered handler
/// (<see cref="FhirRegistry"/>). Left out of the OpenAPI document: a FHIR client reads <c>/fhir/metadata</c> instead.
/// </summary>
public static class FhirApi
{
    public static void MapFhir(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir").AllowAnonymous().ExcludeFromDescription().AddEndpointFilter(FhirErrors.Filter);
        fhir.MapGet("/metadata", (HttpContext http, FhirRegistry registry, TimeProvider clock) =>
            new FhirResult(CapabilityStatementBuilder.Build(registry, BaseUrl(http), clock.GetUtcNow())));
        fhir.MapGet("/{type}/{id}", async (string type, string id, HttpContext http, CancellationToken ct) =>
            new FhirResult(await Handler(http, type).ReadAsync(id, ct)));
        fhir.MapGet("/{type}", (string type, HttpContext http, CancellationToken ct) => SearchAsync(type, http, http.Request.Query, ct));
        // the same search with its parameters in a form body: identifiers stay out of URLs (proxies and access logs keep those)
        fhir.MapPost("/{type}/_search", async (string type, HttpContext http, CancellationToken ct) =>
        {
            if (!http.Request.HasFormContentType)
                return new FhirResult(FhirErrors.Outcome(415, "请以 application/x-www-form-urlencoded 提交查询参数。"), 415);
            var form = await http.Request.ReadFormAsync(ct);
            var merged = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>(StringComparer.Ordinal);
            foreach (var (key, value) in http.Request.Query.Concat(form))
                merged[key] = merged.TryGetValue(key, out var existing) ? Microsoft.Extensions.Primitives.StringValues.Concat(existing, value) : value;
            return await SearchAsync(type, http, new QueryCollection(merged), ct);
        });
        // anything else under /fhir: an OperationOutcome, not the pages' 404
        fhir.MapMethods("/{**rest}", ["GET", "POST", "PUT", "DELETE", "PATCH"], (HttpContext http) =>
            http.Request.Method == "GET"
                ? new FhirResult(FhirErrors.Outcome(404, "不支持的资源类型或地址。"), 404)
                : new FhirResult(FhirErrors.Outcome(405, "本接口目前只支持读取和查询（GET，及 POST {type}/_search）。"), 405));
    }

    /// <summary>The handler of a type the caller may read: unknown type 404, missing policy 403.</summary>
    private static IFhirResourceHandler Handler(HttpContext http, string type)
    {
        var handler = http.RequestServices.GetRequiredService<FhirRegistry>().Find(type)
                      ?? throw new NotFoundException("不支持的资源类型。");
        http.RequestServices.GetRequiredService<CurrentUser>().Demand(handler.Policy, "您的角色无权读取该类资源。");
        return handler;
    }

    private static async Task<FhirResult> SearchAsync(string type, HttpContext http, IQueryCollection query, CancellationToken ct)
    {
        var handler = Handler(http, type);
        var strict = http.Request.Headers["Prefer"].Any(p => p is not null && p.Replace(" ", "", StringComparison.Ordinal).Contains("handling=strict", StringComparison.Ordinal));
        var cap = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ListOptions>>().Value.MaxCountedResults;
        var search = new FhirSearch(query, handler, strict, cap);
        var page = await handler.SearchAsync(search, ct);
        var baseUrl = BaseUrl(http);
        var bundle = new R4.Bundle { Type = R4.Bundle.BundleType.Searchset, Total = page.Total, Timestamp = DateTimeOffset.UtcNow };
        // a posted search keeps its identifier out of the links too (an identifier matches one record: no next page to lose it)
        var linked = HttpMethods.IsPost(http.Request.Method) ? new QueryCollection(query.Where(q => q.Key != "identifier").ToDictionary()) : query;
        bundle.Link.Add(new R4.Bundle.LinkComponent { Relation = "self", Url = $"{baseUrl}/{type}{Query(linked, search.After is null ? null : FhirSearch.Cursor.Encode(search.After))}" });
        if (page.NextCursor is { } next)
            bundle.Link.Add(new R4.Bundle.LinkComponent { Relation = "next", Url = $"{baseUrl}/{type}{Query(linked, FhirSearch.Cursor.Encode(next))}" });
        foreach (var r in page.Resources) bundle.Entry.Add(Entry(baseUrl, r, R4.Bundle.SearchEntryMode.Match));
        if (search.Includes.Count > 0 && page.PatientIds.Count > 0)
        {
            // the patients of the page, masked as a Patient read masks them (only for callers who may read patients)
            http.RequestServices.GetRequiredService<CurrentUser>().Demand(Elders.ElderPolicies.Read, "您的角色无权读取服务对象。");
            var patients = http.RequestServices.GetRequiredService<PatientHandler>();
            foreach (var p in await patients.IncludedAsync(page.PatientIds, ct)) bundle.Entry.Add(Entry(baseUrl, p, R4.Bundle.SearchEntryMode.Include));
        }
        if (search.Ignored.Count > 0)
        {
            var outcome = FhirErrors.Outcome(200, $"以下查询参数不受支持，已忽略：{string.Join("、", search.Ignored.Select(FhirSearch.Safe))}。");
            outcome.Issue[0].Severity = R4.OperationOutcome.IssueSeverity.Warning;
            outcome.Issue[0].Code = R4.OperationOutcome.IssueType.NotSupported;
            bundle.Entry.Add(new R4.Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.NewGuid(), Resource = outcome, Search = new R4.Bundle.SearchComponent { Mode = R4.Bundle.SearchEntryMode.Outcome } });
        }
        return new FhirResult(bundle);
    }

    private static R4.Bundle.EntryComponent Entry(string baseUrl, R4.Resource r, R4.Bundle.SearchEntryMode mode) => new()
    {
        FullUrl = $"{baseUrl}/{r.TypeName}/{r.Id}",
        Resource = r,
        Search = new R4.Bundle.SearchComponent { Mode = mode },
    };

    /// <summary>The query of a page link: the search as given, with the cursor of that page in place of the request's.</summary>
    private static string Query(IQueryCollection query, string? cursor)
    {
        var pairs = query.Where(q => q.Key != FhirSearch.CursorParam)
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")).ToList();
        if (cursor is not null) pairs.Add($"{FhirSearch.CursorParam}={cursor}");
        return pairs.Count == 0 ? "" : "?" + string.Join("&", pairs);
    }

    /// <summary>The base of the interface as the client reached it (behind a proxy: the forwarded scheme and host).</summary>
    public static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/fhir";
}
