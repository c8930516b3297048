using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.HomeVisits;

public abstract class HomeVisitApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/home-visits";

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");

    private async Task<long> JinhuaElder(string township = Township, string[]? flags = null) =>
        (await CreateElder(ElderBody(township: township, flags: flags, orgId: await JinhuaId()))).Id();

    private static object Plan(long elderId, string source = "ad-hoc") => new
    {
        elderId,
        source,
        services = new object[]
        {
            new { serviceCode = "BP01", serviceName = "血压测量" },
            new { serviceCode = "HV01", serviceName = "上门巡诊" },
        },
    };

    private static async Task<HttpResponseMessage> PostWithKey(HttpClient client, string url, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Tests.Infrastructure.Api.Json) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private async Task<JsonNode> Timeline(long elderId) => await (await As("city")).GetJson($"/api/elders/{elderId}/timeline");

    [DbFact]
    public async Task The_same_idempotency_key_twice_makes_one_visit_and_a_different_body_is_refused()
    {
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        var key = Guid.NewGuid().ToString();
        using var first = await PostWithKey(doctor, Base, Plan(elderId), key);
        await first.ShouldBe(HttpStatusCode.Created);
        var created = await first.ReadJson();
        Assert.Equal($"{Base}/{created.Id()}", first.Headers.Location?.OriginalString);
        Assert.Equal("planned", (string)created["status"]!);
        Assert.Equal("上门出诊", (string)created["kind"]!);
        Assert.Equal(new[] { "BP01", "HV01" }, created["openServices"]!.AsArray().Select(x => (string)x!));

        using var again = await PostWithKey(doctor, Base, Plan(elderId), key);
        await again.ShouldBe(HttpStatusCode.OK);
        var replay = await again.ReadJson();
        Assert.Equal(created.ToJsonString(), replay.ToJsonString());
        Assert.Equal($"{Base}/{created.Id()}", again.Headers.Location?.OriginalString);

        using var other = await PostWithKey(doctor, Base, Plan(elderId, "ledger"), key);
        var problem = await other.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("idempotency-key-reused", (string)problem["code"]!);

        // the key belongs to the user: another user's same key is a new visit
        using var nurse = await PostWithKey(await As("nurse"), Base, Plan(elderId), key);
        await nurse.ShouldBe(HttpStatusCode.Created);
        Assert.NotEqual(created.Id(), (await nurse.ReadJson()).Id());

        var list = await doctor.GetJson($"{Base}?elderId={elderId}");
        Assert.Equal(2, (int)list["total"]!);
    }

    [DbFact]
    public async Task Two_concurrent_requests_with_the_same_key_make_one_visit()
    {
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostWithKey(doctor, Base, Plan(elderId), key)));
        var ids = new List<long>();
        foreach (var r in responses)
        {
            using (r)
            {
                Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
                ids.Add((await r.ReadJson()).Id());
            }
        }
        Assert.Single(ids.Distinct());
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var list = await doctor.GetJson($"{Base}?elderId={elderId}");
        Assert.Equal(1, (int)list["total"]!);
    }

    [DbFact]
    public async Task A_visit_is_checked_in_vitals_recorded_and_completed_only_when_planned_services_are_closed()
    {
        var elderId = await JinhuaElder(flags: ["disabled"]);
        var doctor = await As("doctor");
        var visit = await doctor.PostJson(Base, Plan(elderId, "ledger"), HttpStatusCode.Created);
        var url = $"{Base}/{visit.Id()}";

        // completing before check-in is refused
        using (var early = await doctor.PostAsJsonAsync($"{url}/complete", new { confirmation = new { by = "self" } }, Tests.Infrastructure.Api.Json))
            Assert.Equal("not-checked-in", (string)(await early.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        using (var badPlace = await doctor.PostAsJsonAsync($"{url}/check-in", new { latitude = 95.0, longitude = 109.0, accuracyMeters = -1 }, Tests.Infrastructure.Api.Json))
        {
            var p = await badPlace.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("latitude"));
            Assert.NotEmpty(p.FieldErrors("accuracyMeters"));
        }
        var checkedIn = await doctor.PostJson($"{url}/check-in", new { latitude = 35.07, longitude = 109.08, accuracyMeters = 12.5 }, HttpStatusCode.OK);
        Assert.Equal("checked-in", (string)checkedIn["status"]!);
        Assert.Equal(12.5, (double)checkedIn["accuracyMeters"]!);
        Assert.NotNull((string?)checkedIn["checkedInAt"]);

        // one wrong vital: 400 naming the field, nothing stored
        using (var wrong = await doctor.PutJson($"{url}/vitals", new { systolic = 1200, diastolic = 80, pulse = 72 }))
        {
            var p = await wrong.ShouldBeProblem(HttpStatusCode.BadRequest);
            var message = p.FieldErrors("systolic").Single();
            Assert.Contains("收缩压", message);
            Assert.True(Tests.Infrastructure.Api.IsChinese(message));
            Assert.Null((await doctor.GetJson(url))["vitals"]);
        }
        using (var ok = await doctor.PutJson($"{url}/vitals", new { systolic = 138, diastolic = 86, pulse = 72, temperature = 36.6, spo2 = 97 }))
        {
            await ok.ShouldBe(HttpStatusCode.OK);
            var v = (await ok.ReadJson())["vitals"]!;
            Assert.Equal(138, (int)v["systolic"]!);
            Assert.Equal(36.6m, (decimal)v["temperature"]!);
        }

        await doctor.PostJson($"{url}/services/HV01", new { status = "done" }, HttpStatusCode.OK);
        using (var noReason = await doctor.PostAsJsonAsync($"{url}/services/BP01", new { status = "skipped" }, Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await noReason.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason"));
        var extra = await doctor.PostJson($"{url}/services/GLU1", new { status = "done", serviceName = "血糖测量" }, HttpStatusCode.OK);
        Assert.Contains(extra["services"]!.AsArray(), s => (string)s!["serviceCode"]! == "GLU1" && !(bool)s["planned"]!);

        using (var refused = await doctor.PostAsJsonAsync($"{url}/complete", new { confirmation = new { by = "self" } }, Tests.Infrastructure.Api.Json))
        {
            var p = await refused.ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal("open-services", (string)p["code"]!);
            Assert.Contains("血压测量", (string)p["detail"]!);
            Assert.Equal(new[] { "BP01" }, p["openServices"]!.AsArray().Select(x => (string)x!));
        }

        await doctor.PostJson($"{url}/services/BP01", new { status = "skipped", reason = "老人刚服药，拒绝测量" }, HttpStatusCode.OK);
        var done = await doctor.PostJson($"{url}/complete",
            new { notes = "血压平稳，嘱按时服药。", confirmation = new { by = "family", name = "张建国", relation = "儿子" }, distanceKm = 2.5m }, HttpStatusCode.OK);
        Assert.Equal("completed", (string)done["status"]!);
        // 金华 charges a 上门服务费 by distance (demo bands: 0–3 km ¥20); BP01/HV01/GLU1 are not in its catalog
        var fee = done["charges"]!.AsArray().Single()!;
        Assert.Equal("SERVICE-FEE", (string)fee["itemCode"]!);
        Assert.Equal(20.00m, (decimal)fee["amount"]!);
        Assert.Equal(20.00m, (decimal)done["patientTotal"]!);
        Assert.NotNull((string?)done["checkedOutAt"]);
        Assert.Equal("family", (string)done["confirmation"]!["by"]!);
        Assert.Empty(done["openServices"]!.AsArray());
        // the completion's answer (names read with the visit, services and charges as written) equals a later read
        var read = await doctor.GetJson(url);
        Assert.False(string.IsNullOrEmpty((string?)done["elderName"]));
        foreach (var field in new[] { "elderName", "teamName", "services", "charges", "patientTotal", "checkedOutAt", "version" })
            Assert.Equal(Canonical(read[field]), Canonical(done[field]));

        // no changes after completion
        using (var late = await doctor.PutJson($"{url}/vitals", new { pulse = 80 }))
            await late.ShouldBeProblem(HttpStatusCode.Conflict);

        var timeline = (await Timeline(elderId)).AsArray();
        Assert.Contains(timeline, t => (string)t!["kind"]! == "homecare.visit.planned" && ((string)t["summary"]!).Contains("上门巡诊"));
        Assert.Contains(timeline, t => (string)t!["kind"]! == "homecare.visit.checked-in");
        Assert.Contains(timeline, t => (string)t!["kind"]! == "homecare.visit.completed" && ((string)t["summary"]!).StartsWith("完成上门巡诊"));

        // the 台账 shows the last visit date
        var ledger = (await (await As("city")).GetJson($"/api/elders/ledger/{Township}")).AsArray();
        var row = ledger.Single(l => l!.Id() == elderId)!;
        Assert.Equal(Today, (string?)row["lastVisitDate"]);
        Assert.Equal(0, (int)row["daysSinceLastVisit"]!);

        var completed = await doctor.GetJson($"{Base}?elderId={elderId}&status=completed");
        Assert.Equal(1, (int)completed["total"]!);
    }

    [DbFact]
    public async Task The_work_list_shows_todays_visits_and_overdue_ledger_elders_until_they_are_visited()
    {
        var overdueId = await JinhuaElder(flags: ["living-alone"]);
        var doctor = await As("doctor");
        var work = await doctor.GetJson($"{Base}/worklist");
        Assert.Equal(30, (int)work["ledgerIntervalDays"]!);
        var overdue = work["overdue"]!.AsArray().Single(o => (long)o!["elderId"]! == overdueId)!;
        Assert.Null((string?)overdue["lastVisit"]);

        var visit = await doctor.PostJson(Base, new { elderId = overdueId, source = "ledger" }, HttpStatusCode.Created);
        work = await doctor.GetJson($"{Base}/worklist?date={Today}");
        Assert.Contains(work["visits"]!.AsArray(), v => v!.Id() == visit.Id());

        var url = $"{Base}/{visit.Id()}";
        // the phone sends its local time (+08:00): stored as the same instant, never a 500 on PostgreSQL
        var at = DateTimeOffset.UtcNow.AddMinutes(-3).ToOffset(TimeSpan.FromHours(8));
        var checkedIn = await doctor.PostJson($"{url}/check-in", new { at = at.ToString("yyyy-MM-ddTHH:mm:sszzz") }, HttpStatusCode.OK);
        Assert.Equal(at.ToUnixTimeSeconds(), DateTimeOffset.Parse((string)checkedIn["checkedInAt"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        await doctor.PostJson($"{url}/complete", new { confirmation = new { by = "self" }, distanceKm = 1 }, HttpStatusCode.OK);
        work = await doctor.GetJson($"{Base}/worklist");
        Assert.DoesNotContain(work["overdue"]!.AsArray(), o => (long)o!["elderId"]! == overdueId);

        // another organization's doctor does not see the elder on their list
        var other = await (await As("hbdoctor")).GetJson($"{Base}/worklist");
        Assert.DoesNotContain(other["overdue"]!.AsArray(), o => (long)o!["elderId"]! == overdueId);
    }

    [DbFact]
    public async Task Visits_of_elders_outside_the_users_scope_are_not_found()
    {
        var elderId = await JinhuaElder();
        var visit = await (await As("doctor")).PostJson(Base, Plan(elderId), HttpStatusCode.Created);
        var other = await As("hbdoctor");
        using (var r = await other.GetAsync($"{Base}/{visit.Id()}"))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await other.PostAsJsonAsync($"{Base}/{visit.Id()}/check-in", new { }, Tests.Infrastructure.Api.Json))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await other.PostAsJsonAsync(Base, Plan(elderId), Tests.Infrastructure.Api.Json))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        var list = await other.GetJson($"{Base}?elderId={elderId}");
        Assert.Equal(0, (int)list["total"]!);
    }

    [DbFact]
    public async Task Anonymous_callers_get_401_and_readers_without_the_write_role_403()
    {
        using var anonymous = Factory.Anonymous();
        foreach (var url in new[] { Base, $"{Base}/1", $"{Base}/worklist" })
        {
            using var r = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }
        using var post = await anonymous.PostAsJsonAsync(Base, new { elderId = 1 }, Tests.Infrastructure.Api.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        using var regulator = await (await As("wjw")).PostAsJsonAsync(Base, new { elderId = 1 }, Tests.Infrastructure.Api.Json);
        Assert.Equal(HttpStatusCode.Forbidden, regulator.StatusCode);
    }

    [DbFact]
    public async Task The_visit_list_counts_up_to_the_list_setting()
    {
        var admin = await As("city");
        var all = await admin.GetJson($"{Base}?pageSize=200");
        Assert.True((int)all["total"]! > 2, "the demo data has visits");
        using (ListCountCap(2))
        {
            var capped = await admin.GetJson($"{Base}?pageSize=1");
            Assert.Equal(2, (int)capped["total"]!);
            Assert.True((bool)capped["totalCapped"]!);
            Assert.Single(capped["items"]!.AsArray());
        }
        Assert.False((bool)(await admin.GetJson($"{Base}?pageSize=1"))["totalCapped"]!);
    }

    /// <summary>JSON text with numbers written alike (0 and 0.0 are the same amount).</summary>
    private static string Canonical(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        null => "null",
        System.Text.Json.Nodes.JsonObject o => "{" + string.Join(",", o.Select(kv => $"\"{kv.Key}\":{Canonical(kv.Value)}")) + "}",
        System.Text.Json.Nodes.JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            v.GetValue<decimal>().ToString("0.############", System.Globalization.CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };
}

[Collection(SqliteCollection.Name)]
public sealed class HomeVisitApiTestsSqlite(SqliteAppFixture f) : HomeVisitApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class HomeVisitApiTestsPostgres(PostgresAppFixture f) : HomeVisitApiTests(f), IPostgresTests;
