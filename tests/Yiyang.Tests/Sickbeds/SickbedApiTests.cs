using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Sickbeds;

public abstract class SickbedApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/sickbeds";
    private static string Day(int offset = 0) => TestData.ChinaToday.AddDays(offset).ToString("yyyy-MM-dd");

    private static object Application(long elderId, string? appliedOn = null, long? organizationId = null) => new
    {
        elderId,
        organizationId,
        reason = "脑梗死后遗症，行动不便，需继续康复治疗",
        diagnosisCode = "I69.3",
        diagnosisName = "脑梗死后遗症",
        appliedOn,
    };

    private static object Opening(int version, string? openedOn = null, int roundsPerWeek = 1, string? cycleEndsOn = null) => new
    {
        version,
        openedOn,
        plan = "康复训练每日两次；监测血压；预防压疮，每 2 小时翻身。",
        services = new object[]
        {
            new { serviceCode = "SB-BP", serviceName = "血压测量" },
            new { serviceCode = "SB-REHAB", serviceName = "康复指导" },
        },
        responsibleDoctor = "李医生",
        responsibleNurse = "王护士",
        roundsPerWeek,
        cycleEndsOn,
    };

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Tests.Infrastructure.Api.Json);

    /// <summary>Applies, approves and opens a sickbed as the doctor; returns the sickbed.</summary>
    private async Task<JsonNode> OpenSickbed(long elderId, int daysAgo = 0, int roundsPerWeek = 1)
    {
        var doctor = await As("doctor");
        var applied = await doctor.PostJson(Base, Application(elderId, Day(-daysAgo)), HttpStatusCode.Created);
        var approved = await doctor.PostJson($"{Base}/{applied.Id()}/approve",
            new { version = (int)applied["version"]!, assessedOn = Day(-daysAgo), note = "病情稳定，适宜居家治疗" }, HttpStatusCode.OK);
        return await doctor.PostJson($"{Base}/{applied.Id()}/open", Opening((int)approved["version"]!, Day(-daysAgo), roundsPerWeek), HttpStatusCode.OK);
    }

    private async Task<JsonNode> Timeline(long elderId) => await (await As("city")).GetJson($"/api/elders/{elderId}/timeline");

    [DbFact]
    public async Task A_sickbed_runs_from_application_to_closing_with_rounds_orders_nursing_records_and_a_renewal()
    {
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        var nurse = await As("nurse");

        using var created = await Post(doctor, Base, Application(elderId));
        await created.ShouldBe(HttpStatusCode.Created);
        var applied = await created.ReadJson();
        var id = applied.Id();
        Assert.Equal($"{Base}/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("applied", (string)applied["status"]!);
        Assert.Equal("待评估", (string)applied["statusName"]!);
        Assert.Equal("I69.3", (string)applied["diagnosisCode"]!);
        Assert.Equal(await JinhuaId(), (long)applied["organizationId"]!);

        // a nurse may not approve; the doctor approves with the current version only
        using (var r = await Post(nurse, $"{Base}/{id}/approve", new { version = 0, note = "可" })) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var r = await Post(doctor, $"{Base}/{id}/approve", new { version = 7, note = "可" }))
            Assert.Equal("concurrency", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        using (var r = await Post(doctor, $"{Base}/{id}/open", Opening(0)))
            Assert.Equal("invalid-state", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        var approved = await doctor.PostJson($"{Base}/{id}/approve", new { version = 0, note = "病情稳定，适宜居家治疗" }, HttpStatusCode.OK);
        Assert.Equal("approved", (string)approved["status"]!);
        Assert.Equal(Day(), (string)approved["assessedOn"]!);

        // opening: the cycle may not exceed 90 days (both ends counted)
        using (var r = await Post(doctor, $"{Base}/{id}/open", Opening(1, cycleEndsOn: Day(90))))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.Contains("90 天", p.FieldErrors("cycleEndsOn").Single());
        }
        var opened = await doctor.PostJson($"{Base}/{id}/open", Opening(1, roundsPerWeek: 2), HttpStatusCode.OK);
        Assert.Equal("opened", (string)opened["status"]!);
        Assert.Equal(Day(89), (string)opened["cycleEndsOn"]!);
        Assert.Equal(2, (int)opened["roundsPerWeek"]!);
        Assert.Equal("李医生", (string)opened["responsibleDoctor"]!);
        var cycle1 = opened["cycles"]!.AsArray().Single()!;
        Assert.Equal(Day(), (string)cycle1["startsOn"]!);
        Assert.Equal(Day(89), (string)cycle1["endsOn"]!);
        Assert.False((bool)opened["roundStatus"]!["alert"]!);

        // a round is a home visit planned with the plan's services, linked to the sickbed
        using var roundResponse = await Post(nurse, $"{Base}/{id}/rounds", new { });
        await roundResponse.ShouldBe(HttpStatusCode.Created);
        var round = await roundResponse.ReadJson();
        var visitId = (long)round["visitId"]!;
        Assert.Equal($"/api/home-visits/{visitId}", roundResponse.Headers.Location?.OriginalString);
        var visit = await nurse.GetJson($"/api/home-visits/{visitId}");
        Assert.Equal("ad-hoc", (string)visit["source"]!);
        Assert.Equal(elderId, (long)visit["elderId"]!);
        Assert.Equal(new[] { "SB-BP", "SB-REHAB" }, visit["openServices"]!.AsArray().Select(x => (string)x!));

        // orders and nursing records
        using (var r = await Post(doctor, $"{Base}/{id}/orders", new { kind = "daily", text = "" }))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("kind"));
            Assert.NotEmpty(p.FieldErrors("text"));
        }
        using (var r = await Post(nurse, $"{Base}/{id}/orders", new { kind = "long-term", text = "阿司匹林 100mg 每日一次" }))
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        var longTerm = await doctor.PostJson($"{Base}/{id}/orders", new { kind = "long-term", text = "阿司匹林肠溶片 100mg 口服 每日一次", startsAt = DateTimeOffset.UtcNow.AddMinutes(-5).ToOffset(TimeSpan.FromHours(8)) }, HttpStatusCode.Created);
        var temporary = await doctor.PostJson($"{Base}/{id}/orders", new { kind = "temporary", text = "血常规检查一次" }, HttpStatusCode.Created);
        Assert.Equal("长期医嘱", (string)longTerm["kindName"]!);
        var stopped = await doctor.PostJson($"{Base}/{id}/orders/{temporary.Id()}/stop", new { }, HttpStatusCode.OK);
        Assert.NotNull((string?)stopped["stoppedAt"]);
        using (var r = await Post(doctor, $"{Base}/{id}/orders/{temporary.Id()}/stop", new { }))
            Assert.Equal("order-stopped", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        var record = await nurse.PostJson($"{Base}/{id}/nursing-records", new { text = "翻身拍背，骶尾部皮肤完好。家属电话 13912345678 已告知。", recordedAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToOffset(TimeSpan.FromHours(8)) }, HttpStatusCode.Created);
        Assert.DoesNotContain("13912345678", (string)record["text"]!);

        // renewal after reassessment: the new cycle starts the day after the current one ends; history kept
        var current = await doctor.GetJson($"{Base}/{id}");
        using (var r = await Post(doctor, $"{Base}/{id}/renew", new { version = (int)current["version"]! }))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reassessment"));
        var renewed = await doctor.PostJson($"{Base}/{id}/renew",
            new { version = (int)current["version"]!, reassessment = "肌力较前改善，仍需康复治疗", roundsPerWeek = 1 }, HttpStatusCode.OK);
        Assert.Equal(Day(179), (string)renewed["cycleEndsOn"]!);
        var cycles = renewed["cycles"]!.AsArray();
        Assert.Equal(2, cycles.Count);
        Assert.Equal(Day(90), (string)cycles[1]!["startsOn"]!);
        Assert.Equal(Day(179), (string)cycles[1]!["endsOn"]!);
        Assert.Equal(Day(89), (string)cycles[0]!["endsOn"]!);

        // closing: a reason from the list and a summary; running orders stop
        using (var r = await Post(doctor, $"{Base}/{id}/close", new { version = (int)renewed["version"]!, reason = "出院", summary = "好转" }))
            Assert.Contains("治愈", (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason").Single());
        var closed = await doctor.PostJson($"{Base}/{id}/close",
            new { version = (int)renewed["version"]!, reason = "improved", summary = "肢体功能改善，可门诊随访。" }, HttpStatusCode.OK);
        Assert.Equal("closed", (string)closed["status"]!);
        Assert.Equal("好转", (string)closed["closeReasonName"]!);
        Assert.Null(closed["roundStatus"]);
        Assert.All(closed["orders"]!.AsArray(), o => Assert.NotNull((string?)o!["stoppedAt"]));
        Assert.Single(closed["rounds"]!.AsArray());
        Assert.Equal(2, closed["orders"]!.AsArray().Count);
        Assert.Single(closed["nursingRecords"]!.AsArray());
        using (var r = await Post(nurse, $"{Base}/{id}/rounds", new { }))
            Assert.Equal("invalid-state", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        var kinds = (await Timeline(elderId)).AsArray().Select(e => (string)e!["kind"]!).ToList();
        foreach (var k in new[] { "sickbeds.applied", "sickbeds.approved", "sickbeds.opened", "sickbeds.round.planned", "sickbeds.order.added",
                     "sickbeds.order.stopped", "sickbeds.nursing.recorded", "sickbeds.renewed", "sickbeds.closed" })
            Assert.Contains(k, kinds);

        // closed: the elder may have a new sickbed
        using (var again = await Post(doctor, Base, Application(elderId))) await again.ShouldBe(HttpStatusCode.Created);
    }

    [DbFact]
    public async Task A_second_open_sickbed_is_409_but_a_rejected_one_does_not_count()
    {
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        var first = await doctor.PostJson(Base, Application(elderId), HttpStatusCode.Created);
        using (var r = await Post(doctor, Base, Application(elderId)))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal("open-sickbed", (string)p["code"]!);
            Assert.Equal(first.Id(), (long)p["existingId"]!);
            Assert.True(Tests.Infrastructure.Api.IsChinese((string)p["title"]!));
        }
        using (var stale = new HttpRequestMessage(HttpMethod.Post, $"{Base}/{first.Id()}/approve") { Content = JsonContent.Create(new { note = "可" }) })
        {
            stale.Headers.TryAddWithoutValidation("If-Match", "W/\"5\"");
            using var r = await doctor.SendAsync(stale);
            Assert.Equal("precondition-failed", (string)(await r.ShouldBeProblem(HttpStatusCode.PreconditionFailed))["code"]!);
        }
        using (var r = await Post(doctor, $"{Base}/{first.Id()}/reject", new { version = 0 }))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason"));
        var rejected = await doctor.PostJson($"{Base}/{first.Id()}/reject", new { version = 0, reason = "病情危重，需住院治疗" }, HttpStatusCode.OK);
        Assert.Equal("rejected", (string)rejected["status"]!);
        Assert.Equal("病情危重，需住院治疗", (string)rejected["rejectionReason"]!);
        var second = await doctor.PostJson(Base, Application(elderId), HttpStatusCode.Created);
        Assert.NotEqual(first.Id(), second.Id());
    }

    [DbFact]
    public async Task Four_concurrent_applications_for_one_elder_create_exactly_one()
    {
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Post(doctor, Base, Application(elderId))));
        foreach (var r in responses)
        {
            using (r)
            {
                Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
                if (r.StatusCode == HttpStatusCode.Conflict)
                {
                    var p = await r.ShouldBeProblem(HttpStatusCode.Conflict);
                    Assert.Equal("open-sickbed", (string)p["code"]!);
                    Assert.Equal("数据冲突", (string)p["title"]!);
                }
            }
        }
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var list = await doctor.GetJson($"{Base}?elderId={elderId}");
        Assert.Equal(1, (int)list["total"]!);
    }

    private async Task<bool> RawInsertRefused(long elderId, long orgId, int status)
    {
        return await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            var now = DateTimeOffset.UtcNow;
            object at = db.IsSqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)! : now;
            try
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO sickbed_sickbed (elder_id, organization_id, township_code, county_code, status, application_reason, diagnosis_code, diagnosis_name, " +
                    "applied_on, applied_by_user, assessed_on, rejection_reason, created_at, updated_at, version) " +
                    "VALUES ({0}, {1}, '610202002', '610202', {2}, 'raw', 'I69.3', '脑梗死后遗症', {3}, 'intruder', {3}, 'raw', {4}, {4}, 0)",
                    elderId, orgId, status, TestData.ChinaToday, at);
                return false;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
            {
                return true;
            }
        });
    }

    [DbFact]
    public async Task The_database_refuses_a_second_open_sickbed_for_an_elder()
    {
        var elderId = await JinhuaElder();
        var org = await JinhuaId();
        await (await As("doctor")).PostJson(Base, Application(elderId), HttpStatusCode.Created);
        Assert.True(await RawInsertRefused(elderId, org, 1));
        Assert.True(await RawInsertRefused(elderId, org, 2));
        // a rejected one is not open: accepted next to the open one
        Assert.False(await RawInsertRefused(elderId, org, 4));
    }

    [DbFact]
    public async Task Applying_or_opening_for_a_resident_of_an_institution_is_refused_naming_the_kind_only()
    {
        var admin = await As("city");
        var doctor = await As("doctor");
        // resident of the district welfare home (养老机构)
        var name = TestData.Name("欧");
        var resident = (await CreateElder(ElderBody(name: name, orgId: await JinhuaId()))).Id();
        var welfare = await OrgId("王益区社会福利院");
        var bed = (await admin.PostJson($"/api/institutions/{welfare}/beds",
            new { ward = "W" + Guid.NewGuid().ToString("N")[..8], room = "101", number = "1", kind = "elder-care" }, HttpStatusCode.Created)).Id();
        var stay = await admin.PostJson($"/api/institutions/{welfare}/admissions", new { elderId = resident, bedId = bed }, HttpStatusCode.Created);
        using (var r = await Post(doctor, Base, Application(resident)))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal("resident-in-institution", (string)p["code"]!);
            var detail = (string)p["detail"]!;
            Assert.Contains("养老机构", detail);
            Assert.DoesNotContain("福利院", detail);
            Assert.DoesNotContain(name, p.ToJsonString());
        }
        Assert.Equal(0, (int)(await doctor.GetJson($"{Base}?elderId={resident}"))["total"]!);

        // discharged: applying works; admitted again (医养结合机构) before opening: opening is refused
        await admin.PostJson($"/api/institutions/stays/{stay.Id()}/discharge", new { reason = "left" }, HttpStatusCode.OK);
        var applied = await doctor.PostJson(Base, Application(resident), HttpStatusCode.Created);
        var approved = await doctor.PostJson($"{Base}/{applied.Id()}/approve", new { version = 0, note = "适宜" }, HttpStatusCode.OK);
        var jinhua = await JinhuaId();
        var nursingBed = (await admin.PostJson($"/api/institutions/{jinhua}/beds",
            new { ward = "W" + Guid.NewGuid().ToString("N")[..8], room = "201", number = "2", kind = "nursing" }, HttpStatusCode.Created)).Id();
        await admin.PostJson($"/api/institutions/{jinhua}/admissions", new { elderId = resident, bedId = nursingBed }, HttpStatusCode.Created);
        using (var r = await Post(doctor, $"{Base}/{applied.Id()}/open", Opening((int)approved["version"]!)))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal("resident-in-institution", (string)p["code"]!);
            Assert.Contains("医养结合机构", (string)p["detail"]!);
            Assert.Contains("护理型", (string)p["detail"]!);
        }
        Assert.Equal("approved", (string)(await doctor.GetJson($"{Base}/{applied.Id()}"))["status"]!);
    }

    [DbFact]
    public async Task Rounds_below_the_weekly_frequency_raise_an_alert_until_a_round_is_completed_in_the_window()
    {
        var doctor = await As("doctor");
        var lateElder = await JinhuaElder();
        var freshElder = await JinhuaElder();
        // opened 20 days ago: windows [t-20, t-14], [t-13, t-7] are complete, [t-6, t] is current
        var late = await OpenSickbed(lateElder, daysAgo: 20);
        var fresh = await OpenSickbed(freshElder, daysAgo: 3);

        var alerts = (await doctor.GetJson($"{Base}/alerts")).AsArray();
        var alert = alerts.Single(a => (long)a!["sickbedId"]! == late.Id() && (string)a["kind"]! == "rounds-below-frequency")!;
        Assert.Equal(Day(-13), (string)alert["window"]!["startsOn"]!);
        Assert.Equal(Day(-7), (string)alert["window"]!["endsOn"]!);
        Assert.Equal(0, (int)alert["window"]!["done"]!);
        Assert.Equal(1, (int)alert["window"]!["required"]!);
        Assert.Contains("查床不足", (string)alert["message"]!);
        Assert.DoesNotContain(alerts, a => (long)a!["sickbedId"]! == fresh.Id());
        var item = (await doctor.GetJson($"{Base}?elderId={lateElder}"))["items"]!.AsArray().Single()!;
        Assert.True((bool)item["alert"]!);
        var detail = await doctor.GetJson($"{Base}/{late.Id()}");
        Assert.Equal(2, (int)detail["roundStatus"]!["shortWindows"]!);

        // a round completed today counts for the current window only
        var round = await doctor.PostJson($"{Base}/{late.Id()}/rounds", new { }, HttpStatusCode.Created);
        var visitUrl = $"/api/home-visits/{(long)round["visitId"]!}";
        await doctor.PostJson($"{visitUrl}/check-in", new { }, HttpStatusCode.OK);
        await doctor.PostJson($"{visitUrl}/services/SB-BP", new { status = "done" }, HttpStatusCode.OK);
        await doctor.PostJson($"{visitUrl}/services/SB-REHAB", new { status = "skipped", reason = "老人疲乏" }, HttpStatusCode.OK);
        await doctor.PostJson($"{visitUrl}/complete", new { confirmation = new { by = "self" }, distanceKm = 2.5 }, HttpStatusCode.OK);
        detail = await doctor.GetJson($"{Base}/{late.Id()}");
        Assert.Equal(1, (int)detail["roundStatus"]!["current"]!["done"]!);
        Assert.True((bool)detail["roundStatus"]!["alert"]!);
        Assert.Equal("completed", (string)detail["rounds"]![0]!["visitStatus"]!);

        // the same round completed 10 days ago (inside [t-13, t-7]) clears the alert
        await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            return await db.Database.ExecuteSqlRawAsync("UPDATE homecare_visit SET completed_on = {0} WHERE id = {1}", TestData.ChinaToday.AddDays(-10), (long)round["visitId"]!);
        });
        alerts = (await doctor.GetJson($"{Base}/alerts")).AsArray();
        Assert.DoesNotContain(alerts, a => (long)a!["sickbedId"]! == late.Id());
        detail = await doctor.GetJson($"{Base}/{late.Id()}");
        Assert.False((bool)detail["roundStatus"]!["alert"]!);
        Assert.Equal(1, (int)detail["roundStatus"]!["shortWindows"]!);
    }

    [DbFact]
    public async Task A_round_retried_with_the_same_idempotency_key_is_one_round()
    {
        var opened = await OpenSickbed(await JinhuaElder());
        var nurse = await As("nurse");
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Send()
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, $"{Base}/{opened.Id()}/rounds") { Content = JsonContent.Create(new { }) };
            req.Headers.Add("Idempotency-Key", key);
            return await nurse.SendAsync(req);
        }
        using var first = await Send();
        await first.ShouldBe(HttpStatusCode.Created);
        using var again = await Send();
        await again.ShouldBe(HttpStatusCode.OK);
        Assert.Equal((long)(await first.ReadJson())["visitId"]!, (long)(await again.ReadJson())["visitId"]!);
        Assert.Single((await nurse.GetJson($"{Base}/{opened.Id()}"))["rounds"]!.AsArray());

        // no body at all: a round planned for today
        using (var bare = await nurse.PostAsync($"{Base}/{opened.Id()}/rounds", null))
        {
            await bare.ShouldBe(HttpStatusCode.Created);
            Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd"), (string)(await bare.ReadJson())["plannedDate"]!);
        }
        Assert.Equal(2, (await nurse.GetJson($"{Base}/{opened.Id()}"))["rounds"]!.AsArray().Count);
    }

    [DbFact]
    public async Task Bad_input_is_400_per_field_and_changes_nothing()
    {
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        using (var r = await Post(doctor, Base, new { elderId, reason = "", diagnosisCode = "脑梗", diagnosisName = "", appliedOn = Day(1) }))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.Contains("ICD-10", p.FieldErrors("diagnosisCode").Single());
            Assert.NotEmpty(p.FieldErrors("reason"));
            Assert.NotEmpty(p.FieldErrors("diagnosisName"));
            Assert.NotEmpty(p.FieldErrors("appliedOn"));
        }
        // the applying organization must be a medical institution
        using (var r = await Post(await As("city"), Base, Application(elderId, organizationId: await OrgId("王益区社会福利院"))))
            Assert.Contains("医疗机构", (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("organizationId").Single());
        using (var r = await Post(await As("city"), Base, Application(elderId)))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("organizationId"));
        using (var r = await Post(doctor, Base, new { elderId = "x" })) await r.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal(0, (int)(await doctor.GetJson($"{Base}?elderId={elderId}"))["total"]!);
        Assert.DoesNotContain((await Timeline(elderId)).AsArray(), e => ((string)e!["kind"]!).StartsWith("sickbeds.", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Reads_follow_the_elder_scope_and_are_audited()
    {
        var elderId = await JinhuaElder();
        var opened = await OpenSickbed(elderId);
        var id = opened.Id();

        // regulators of the district read; staff of another organization and other districts do not see it
        var wjw = await As("wjw");
        Assert.Equal(id, (await wjw.GetJson($"{Base}/{id}")).Id());
        using (var r = await Post(wjw, Base, Application(elderId))) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var hb = await As("hbdoctor");
        using (var r = await hb.GetAsync($"{Base}/{id}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await Post(hb, $"{Base}/{id}/rounds", new { })) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await Post(hb, Base, Application(await JinhuaElder()))) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await hb.GetJson(Base))["items"]!.AsArray(), i => i!.Id() == id);
        using (var anonymous = Factory.Anonymous())
        using (var r = await anonymous.GetAsync($"{Base}/{id}"))
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using (var r = await (await As("caregiver")).GetAsync($"{Base}/{id}")) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);

        // an elder of another district, sickbed opened by the platform admin
        var other = (await CreateElder(ElderBody(township: OtherDistrictTownship))).Id();
        var admin = await As("city");
        var foreign = await admin.PostJson(Base, Application(other, organizationId: await JinhuaId()), HttpStatusCode.Created);
        using (var r = await wjw.GetAsync($"{Base}/{foreign.Id()}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);

        // the detail read is in the audit trail (written in the background)
        var auditor = await As("auditor");
        JsonArray entries = [];
        for (var i = 0; i < 50 && entries.Count == 0; i++)
        {
            entries = (await auditor.GetJson($"/api/audit?subjectId={id}&action=sickbeds.view"))["items"]!.AsArray();
            if (entries.Count == 0) await Task.Delay(100);
        }
        Assert.Contains(entries, e => (string)e!["userName"]! == "wjw");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SickbedApiTestsSqlite(SqliteAppFixture f) : SickbedApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class SickbedApiTestsPostgres(PostgresAppFixture f) : SickbedApiTests(f), IPostgresTests;
