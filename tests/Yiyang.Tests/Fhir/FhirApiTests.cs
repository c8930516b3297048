using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Fhir;

/// <summary>The FHIR interface on Patient and Organization: read, ETag, masking per role, scope, search, paging, errors, audit.</summary>
public abstract class FhirApiTests(AppFixture fixture) : FhirTestBase(fixture)
{
    [DbFact]
    public async Task The_capability_statement_is_public_and_lists_the_implemented_types_and_parameters()
    {
        var cs = await Fhir(Factory.Anonymous(), "/fhir/metadata");
        Assert.Equal("CapabilityStatement", (string?)cs["resourceType"]);
        Assert.Equal("4.0.1", (string?)cs["fhirVersion"]);
        var resources = cs["rest"]![0]!["resource"]!.AsArray();
        Assert.Equal(["Encounter", "Observation", "Organization", "Patient"], resources.Select(r => (string)r!["type"]!).ToArray());
        var patient = resources.Single(r => (string)r!["type"]! == "Patient")!;
        Assert.Equal(["read", "search-type"], patient["interaction"]!.AsArray().Select(i => (string)i!["code"]!).ToArray());
        var names = patient["searchParam"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
        Assert.Contains("identifier", names);
        Assert.Contains("birthdate", names);
        Assert.Contains("_lastUpdated", names);
        var encounter = resources.Single(r => (string)r!["type"]! == "Encounter")!;
        Assert.Equal(["Encounter:patient"], encounter["searchInclude"]!.AsArray().Select(i => (string)i!).ToArray());
    }

    [DbFact]
    public async Task A_patient_read_carries_its_version_as_etag_and_meta_and_masks_as_the_elder_api()
    {
        var id = TestData.IdNumber();
        var elderId = await JinhuaElder(id: id);
        var doctor = await As("doctor");
        var api = await doctor.GetJson($"/api/elders/{elderId}");
        using var r = await doctor.SendAsync(Get($"/fhir/Patient/{elderId}"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/fhir+json", r.Content.Headers.ContentType?.MediaType);
        var version = (int)api["version"]!;
        Assert.Equal($"W/\"{version}\"", r.Headers.ETag?.ToString());
        Assert.Equal("no-store", r.Headers.CacheControl?.ToString());
        var text = await r.Content.ReadAsStringAsync();
        var p = JsonNode.Parse(text)!;
        Assert.Equal(version.ToString(), (string?)p["meta"]!["versionId"]);
        Assert.NotNull((string?)p["meta"]!["lastUpdated"]);
        Assert.DoesNotContain(id, text);
        var citizen = p["identifier"]!.AsArray().Single(i => (string?)i!["system"] == CitizenId)!;
        Assert.Equal((string?)api["idNumberMasked"], (string?)citizen["value"]);
        Assert.Equal((string?)api["birthDate"], (string?)p["birthDate"]); // a doctor sees the date, as in the elder API
        Assert.Equal((string?)api["name"], (string?)p["name"]![0]!["text"]);
        Assert.Contains(p["meta"]!["security"]!.AsArray(), s => (string?)s!["code"] == "MASKED");
        Assert.Equal("610202002", (string?)p["address"]![0]!["extension"]![0]!["valueCoding"]!["code"]);

        // the city operator sees the age only (no birth date), as in the elder API
        var operatorView = await Fhir(await As("city"), $"/fhir/Patient/{elderId}");
        Assert.Null((string?)operatorView["birthDate"]);
        Assert.Equal("masked", (string?)operatorView["_birthDate"]!["extension"]![0]!["valueCode"]);
        Assert.Contains(operatorView["extension"]!.AsArray(), e => ((string)e!["url"]!).EndsWith("/age", StringComparison.Ordinal));
        Assert.Null((string?)(await (await As("city")).GetJson($"/api/elders/{elderId}"))["birthDate"]);
    }

    [DbFact]
    public async Task Out_of_scope_unknown_and_malformed_ids_are_the_same_404_outcome()
    {
        var elderId = await JinhuaElder();
        var caregiver = await As("caregiver"); // the welfare home: another organization
        var hidden = ShouldBeOutcome(await Fhir(caregiver, $"/fhir/Patient/{elderId}", HttpStatusCode.NotFound));
        var missing = ShouldBeOutcome(await Fhir(caregiver, "/fhir/Patient/999999999", HttpStatusCode.NotFound));
        Assert.Equal(hidden, missing);
        await Fhir(caregiver, "/fhir/Patient/abc", HttpStatusCode.NotFound);
        Assert.Equal(0, (int)(await Fhir(caregiver, $"/fhir/Patient?_id={elderId}"))["total"]!);
        Assert.Equal(1, (int)(await Fhir(await As("doctor"), $"/fhir/Patient?_id={elderId}"))["total"]!);
        await Fhir(await As("doctor"), "/fhir/Practitioner/1", HttpStatusCode.NotFound);
        await Fhir(await As("doctor"), "/fhir/Patient/1/_history/1", HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Without_credentials_it_is_401_and_a_role_without_the_policy_403_both_as_outcomes()
    {
        var elderId = await JinhuaElder();
        await Fhir(Factory.Anonymous(), $"/fhir/Patient/{elderId}", HttpStatusCode.Unauthorized);
        await Fhir(Factory.Anonymous(), "/fhir/Patient", HttpStatusCode.Unauthorized);
        await Fhir(await As("security"), $"/fhir/Patient/{elderId}", HttpStatusCode.Forbidden);
        await Fhir(await As("auditor"), "/fhir/Encounter", HttpStatusCode.Forbidden);
        using var post = await (await As("doctor")).PostAsync("/fhir/Patient", new StringContent("{}", System.Text.Encoding.UTF8, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        ShouldBeOutcome(JsonNode.Parse(await post.Content.ReadAsStringAsync())!);
    }

    [DbFact]
    public async Task A_read_is_audited_like_the_elder_api_and_an_exact_identifier_search_with_the_keyed_hash()
    {
        var id = TestData.IdNumber();
        var elderId = await JinhuaElder(id: id);
        var nurse = await As("nurse");
        await Fhir(nurse, $"/fhir/Patient/{elderId}");
        var reads = await AuditEntries($"action=elder.view&elderId={elderId}&userName=nurse");
        Assert.Contains(reads, e => (string?)e!["detail"] == "via=fhir");

        var found = await Fhir(nurse, $"/fhir/Patient?identifier={Uri.EscapeDataString(CitizenId + "|" + id)}");
        Assert.Equal(1, (int)found["total"]!);
        Assert.Equal(elderId.ToString(), (string?)Entries(found)[0]["id"]);
        var exact = await AuditEntries($"action=elder.search.exact&elderId={elderId}&userName=nurse");
        var entry = Assert.Single(exact);
        Assert.StartsWith("kind=id; hash=", (string?)entry!["detail"]);
        Assert.DoesNotContain(id, exact.ToJsonString());
        // the internal id is an identifier too; another system matches nothing
        Assert.Equal(1, (int)(await Fhir(nurse, $"/fhir/Patient?identifier={Uri.EscapeDataString("https://fhir.yiyang.example/sid/elder|" + elderId)}"))["total"]!);
        Assert.Equal(0, (int)(await Fhir(nurse, $"/fhir/Patient?identifier={Uri.EscapeDataString("urn:other|" + id)}"))["total"]!);
    }

    [DbFact]
    public async Task An_exact_identifier_search_takes_the_elder_apis_quota_and_answers_429_as_an_outcome()
    {
        var options = Factory.Services.GetRequiredService<IOptions<Yiyang.Modules.Elders.ElderOptions>>().Value;
        var saved = options.ExactSearchLimit;
        options.ExactSearchLimit = 1;
        try
        {
            var orgadmin = await As("orgadmin");
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 2; i++)
            {
                using var r = await orgadmin.SendAsync(Get($"/fhir/Patient?identifier={TestData.IdNumber()}"));
                statuses.Add(r.StatusCode);
                if (r.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Assert.NotNull(r.Headers.RetryAfter);
                    ShouldBeOutcome(JsonNode.Parse(await r.Content.ReadAsStringAsync())!);
                }
            }
            Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        }
        finally
        {
            options.ExactSearchLimit = saved;
        }
    }

    [DbFact]
    public async Task Each_search_parameter_selects_its_patients()
    {
        var prefix = TestData.Name("检");
        var a = await JinhuaElder(id: TestData.IdNumberBornOn(new DateOnly(1940, 3, 5), male: true), name: prefix + "甲");
        var b = await JinhuaElder(id: TestData.IdNumberBornOn(new DateOnly(1950, 7, 9), male: false), name: prefix + "乙");
        var doctor = await As("doctor");
        async Task<List<long>> Ids(string query) => Entries(await Fhir(doctor, "/fhir/Patient?" + query)).Select(r => long.Parse((string)r["id"]!)).ToList();
        var name = "name=" + Uri.EscapeDataString(prefix);

        Assert.Equal([a, b], await Ids(name));
        Assert.Equal([a], await Ids(name + "&gender=male"));
        Assert.Equal([b], await Ids(name + "&birthdate=1950-07-09"));
        Assert.Equal([b], await Ids(name + "&birthdate=ge1945"));
        Assert.Equal([a], await Ids(name + "&birthdate=lt1941-01"));
        Assert.Equal([a, b], await Ids(name + "&region=610202002"));
        Assert.Equal([a, b], await Ids(name + "&region=6102"));
        Assert.Empty(await Ids(name + "&region=610203"));
        Assert.Equal([a, b], await Ids(name + "&address-city=" + Uri.EscapeDataString("铜川")));
        Assert.Empty(await Ids(name + "&address-city=" + Uri.EscapeDataString("西安")));
        Assert.Equal([b], await Ids($"{name}&_id={b}"));
        Assert.Equal([a, b], await Ids($"{name}&_lastUpdated=ge2020-01-01"));
        Assert.Empty(await Ids($"{name}&_lastUpdated=gt2099-01-01"));

        // a role that sees the age only may not search by birth date
        await Fhir(await As("city"), "/fhir/Patient?birthdate=1950", HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task Paging_through_every_page_returns_each_match_exactly_once()
    {
        var prefix = TestData.Name("页");
        var created = new List<string>();
        for (var i = 0; i < 7; i++) created.Add((await JinhuaElder(name: prefix + "甲乙丙丁戊己庚"[i])).ToString());
        var (ids, totals) = await AllPages(await As("doctor"), $"/fhir/Patient?name={Uri.EscapeDataString(prefix)}&_count=3");
        Assert.Equal(created.Order(), ids.Order());
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(totals, t => Assert.Equal(7, t));
        Assert.Equal(3, totals.Count);
    }

    [DbFact]
    public async Task Beyond_the_count_cap_the_bundle_has_no_total_and_paging_still_returns_every_match()
    {
        var prefix = TestData.Name("限");
        for (var i = 0; i < 5; i++) await JinhuaElder(name: prefix + "甲乙丙丁戊"[i]);
        var doctor = await As("doctor");
        var url = $"/fhir/Patient?name={Uri.EscapeDataString(prefix)}&_count=2";
        using (ListCountCap(3))
        {
            var first = await Fhir(doctor, url);
            Assert.Null(first["total"]);
            var (ids, totals) = await AllPages(doctor, url);
            Assert.Equal(5, ids.Distinct().Count());
            Assert.All(totals, t => Assert.Null(t));
        }
        Assert.Equal(5, (int)(await Fhir(doctor, url))["total"]!);
    }

    [DbFact]
    public async Task Unknown_parameters_are_reported_and_ignored_or_refused_under_strict_handling()
    {
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        var lenient = await Fhir(doctor, $"/fhir/Patient?_id={elderId}&foo=1");
        Assert.Equal(1, (int)lenient["total"]!);
        var outcome = Assert.Single(Entries(lenient, "outcome"));
        Assert.Contains("foo", ShouldBeOutcome(outcome));
        var strict = ShouldBeOutcome(await Fhir(doctor, $"/fhir/Patient?_id={elderId}&foo=1", HttpStatusCode.BadRequest, prefer: "handling=strict"));
        Assert.Contains("foo", strict);
        Assert.Equal(1, (int)(await Fhir(doctor, $"/fhir/Patient?_id={elderId}", prefer: "handling=strict"))["total"]!);
    }

    [DbFact]
    public async Task Bad_query_values_are_400_outcomes_never_500()
    {
        var doctor = await As("doctor");
        foreach (var query in new[]
                 {
                     "_count=abc", "_count=0", "_count=-5", "birthdate=notadate", "birthdate=xx2020", "birthdate=2020-13-40", "_lastUpdated=9999",
                     "_cursor=garbage", "_cursor=djE6YWJj", "region=999", "gender=robot", "_include=Patient:link", "_format=xml",
                     "identifier=" + Uri.EscapeDataString("https://fhir.yiyang.example/sid/health-card|1234"), "name=" + new string('张', 60),
                     "_count=1&_count=2",
                 })
            await Fhir(doctor, "/fhir/Patient?" + query, HttpStatusCode.BadRequest);
        foreach (var query in new[] { "patient=Patient/abc", "date=2020-02-30", "status=done", "subject=Organization/1" })
            await Fhir(doctor, "/fhir/Encounter?" + query, HttpStatusCode.BadRequest);
        foreach (var query in new[] { "date=lt", "_cursor=" + Uri.EscapeDataString("djE6eC55"), "patient=-1" })
            await Fhir(doctor, "/fhir/Observation?" + query, HttpStatusCode.BadRequest);
        using var unsafeText = await doctor.SendAsync(Get("/fhir/Patient?name=%01"));
        Assert.Equal(HttpStatusCode.BadRequest, unsafeText.StatusCode);
        ShouldBeOutcome(JsonNode.Parse(await unsafeText.Content.ReadAsStringAsync())!);
    }

    [DbFact]
    public async Task A_posted_search_keeps_the_identifier_out_of_the_url_and_the_links()
    {
        var id = TestData.IdNumber();
        var elderId = await JinhuaElder(id: id);
        var doctor = await As("doctor");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["identifier"] = CitizenId + "|" + id });
        using var r = await doctor.PostAsync("/fhir/Patient/_search?_count=5", form);
        var text = await r.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var bundle = JsonNode.Parse(text)!;
        Assert.Equal(elderId.ToString(), (string?)Assert.Single(Entries(bundle))["id"]);
        Assert.DoesNotContain(id, text);
        using var json = await doctor.PostAsync("/fhir/Patient/_search", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        ShouldBeOutcome(JsonNode.Parse(await json.Content.ReadAsStringAsync())!);
    }

    [DbFact]
    public async Task A_signed_in_cookie_works_as_a_bearer_token_does()
    {
        var elderId = await JinhuaElder();
        var browser = await PageClient.LoggedIn(Factory, "doctor");
        Assert.Equal(elderId.ToString(), (string?)(await Fhir(browser, $"/fhir/Patient/{elderId}"))["id"]);
        await Fhir(await PageClient.LoggedIn(Factory, "caregiver"), $"/fhir/Patient/{elderId}", HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Organizations_are_read_and_searched_by_name_identifier_type_and_region()
    {
        var jinhua = await JinhuaId();
        var caregiver = await As("caregiver");
        var org = await Fhir(caregiver, $"/fhir/Organization/{jinhua}");
        Assert.Equal("Organization", (string?)org["resourceType"]);
        var credit = (string)org["identifier"]![0]!["value"]!;
        async Task<List<long>> Ids(string query) => Entries(await Fhir(caregiver, "/fhir/Organization?" + query)).Select(r => long.Parse((string)r["id"]!)).ToList();
        Assert.Equal([jinhua], await Ids("identifier=" + Uri.EscapeDataString("https://fhir.yiyang.example/sid/uscc|" + credit)));
        Assert.Equal([jinhua], await Ids("identifier=" + credit));
        Assert.Contains(jinhua, await Ids("name=" + Uri.EscapeDataString("王益区金华") + "&region=610202"));
        var type = (string)org["type"]![0]!["coding"]![0]!["code"]!;
        Assert.Contains(jinhua, await Ids($"type={type}&address-city={Uri.EscapeDataString("铜川市")}&_count=200"));
        Assert.DoesNotContain(jinhua, await Ids($"type={type}&region=610203&_count=200"));
        await Fhir(caregiver, "/fhir/Organization?type=shop", HttpStatusCode.BadRequest);
        await Fhir(caregiver, "/fhir/Organization/0", HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FhirApiTestsSqlite(SqliteAppFixture f) : FhirApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class FhirApiTestsPostgres(PostgresAppFixture f) : FhirApiTests(f), IPostgresTests;
