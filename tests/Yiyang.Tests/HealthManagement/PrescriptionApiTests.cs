using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.HealthManagement;

public abstract class PrescriptionApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/long-term-prescriptions";
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static object Item(string name = "苯磺酸氨氯地平片", string category = "general", int days = 28) =>
        new { drugName = name, spec = "5mg×28片", dose = "5mg", frequency = "每日一次", route = "口服", category, quantity = 28, unit = "片", daysPerDispensing = days };

    private static object Rx(long elderId, DateOnly start, int validity = 84, string code = "I10", string name = "原发性高血压", object[]? items = null,
        string? assessment = null, bool confirmed = false) =>
        new
        {
            elderId,
            diagnosisCode = code,
            diagnosisName = name,
            conditionStable = true,
            startOn = D(start),
            validityDays = validity,
            items = items ?? [Item()],
            extendedAssessment = assessment,
            patientConfirmed = confirmed
        };

    private static Task<HttpResponseMessage> Post(HttpClient c, string url, object body, string? ifMatch = null)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Tests.Infrastructure.Api.Json) };
        if (ifMatch is not null) req.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return c.SendAsync(req);
    }

    [DbFact]
    public async Task A_doctor_prescribes_the_nurse_dispenses_within_the_refill_window_and_the_doctor_stops_it()
    {
        var elder = await JinhuaElder();
        var doctor = await As("doctor");
        var nurse = await As("nurse");
        var start = TestData.ChinaToday.AddDays(-25);
        var rx = await doctor.PostJson(Base, Rx(elder, start, items: [Item(days: 28), Item("盐酸二甲双胍片", days: 28)], code: "I10"), HttpStatusCode.Created);
        Assert.Equal("active", (string)rx["status"]!);
        Assert.Equal("有效", (string)rx["statusName"]!);
        Assert.Equal(D(start.AddDays(83)), (string)rx["validUntil"]!);
        Assert.Equal("hypertension", (string)rx["disease"]!);
        Assert.Equal(2, rx["items"]!.AsArray().Count);
        var id = rx.Id();

        // first dispensing on the start day, 28 days; the next is allowed from start + 21 (7 days left) = 4 days ago
        var after1 = await nurse.PostJson($"{Base}/{id}/dispense", new { dispensedOn = D(start), version = 0 }, HttpStatusCode.OK);
        Assert.Equal(D(start.AddDays(21)), (string)after1["nextRefillOn"]!);
        Assert.Equal(D(start.AddDays(27)), (string)after1["dispensings"]![0]!["suppliedUntil"]!);
        using (var stale = await Post(nurse, $"{Base}/{id}/dispense", new { }, "W/\"0\"")) await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        var after2 = await nurse.PostJson($"{Base}/{id}/dispense", new { version = 1 }, HttpStatusCode.OK);
        Assert.Equal(2, after2["dispensings"]!.AsArray().Count);
        Assert.Equal(D(TestData.ChinaToday.AddDays(21)), (string)after2["nextRefillOn"]!);
        // again today: too early (400: not after the last date); tomorrow is in the future
        using (var r = await Post(nurse, $"{Base}/{id}/dispense", new { version = 2 })) Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("dispensedOn"));

        // a nurse may not prescribe or stop
        using (var r = await Post(nurse, Base, Rx(elder, TestData.ChinaToday, code: "E11.9", name: "2型糖尿病"))) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await Post(nurse, $"{Base}/{id}/stop", new { reason = "x", version = 2 })) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await Post(doctor, $"{Base}/{id}/stop", new { reason = "", version = 2 })) Assert.Equal("请填写停用原因。", (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason").Single());
        using (var r = await Post(doctor, $"{Base}/{id}/stop", new { reason = "调整用药方案" }, "W/\"2\"")) await r.ShouldBe(HttpStatusCode.OK);
        var stopped = await doctor.GetJson($"{Base}/{id}");
        Assert.Equal("已停用", (string)stopped["statusName"]!);
        Assert.Equal("调整用药方案", (string)stopped["stopReason"]!);
        using (var r = await Post(nurse, $"{Base}/{id}/dispense", new { version = 3 }))
            Assert.Equal("该长期处方已停用，不能取药。", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["detail"]!);

        var list = (await doctor.GetJson($"{Base}?elderId={elder}")).AsArray();
        Assert.Equal(id, (long)list.Single()!["id"]!);
        var timeline = (await doctor.GetJson($"/api/elders/{elder}/timeline")).AsArray().Select(e => (string)e!["summary"]!).ToList();
        Assert.Contains(timeline, s => s.StartsWith("开具长期处方：I10 原发性高血压，2 种药品", StringComparison.Ordinal));
        Assert.Contains($"长期处方取药：I10 原发性高血压，{D(start)} 取 28 天用量", timeline);
        Assert.Contains("停用长期处方：I10 原发性高血压（调整用药方案）", timeline);

        // out of scope → 404
        using (var r = await (await As("hbdoctor")).GetAsync($"{Base}/{id}")) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await Post(await As("hbdoctor"), Base, Rx(elder, TestData.ChinaToday))) await r.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Refused_input_names_the_field_in_chinese_and_writes_nothing()
    {
        var elder = await JinhuaElder();
        var doctor = await As("doctor");
        using (var r = await Post(doctor, Base, Rx(elder, TestData.ChinaToday, validity: 90, items: [Item(), Item("地西泮片", "psychotropic-2"), Item("阿莫西林胶囊", "antimicrobial", 35)])))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.Equal("长期处方有效期最长 12 周（84 天）。", p.FieldErrors("validityDays").Single());
            Assert.Equal("第 2 项“地西泮片”为第二类精神药品，不得开具长期处方。", p.FieldErrors("items[1].category").Single());
            Assert.Equal("第 3 项“阿莫西林胶囊”为抗微生物药物，仅治疗结核等慢性细菌、真菌感染性疾病时可开具长期处方。", p.FieldErrors("items[2].category").Single());
            Assert.NotEmpty(p.FieldErrors("extendedAssessment"));
            Assert.NotEmpty(p.FieldErrors("patientConfirmed"));
        }
        Assert.Empty((await doctor.GetJson($"{Base}?elderId={elder}")).AsArray());
        // 8 weeks per dispensing with the assessment and the confirmation
        var rx = await doctor.PostJson(Base, Rx(elder, TestData.ChinaToday, items: [Item(days: 56)], assessment: "血压稳定半年，已做用药教育", confirmed: true), HttpStatusCode.Created);
        Assert.Equal(56, (int)rx["supplyDays"]!);
        Assert.True((bool)rx["patientConfirmed"]!);
    }

    [DbFact]
    public async Task An_expired_prescription_is_not_dispensed_and_a_new_one_for_the_disease_replaces_it()
    {
        var elder = await JinhuaElder();
        var doctor = await As("doctor");
        var old = await doctor.PostJson(Base, Rx(elder, TestData.ChinaToday.AddDays(-30), validity: 10, items: [Item(days: 10)]), HttpStatusCode.Created);
        Assert.Equal("已过期", (string)old["statusName"]!);
        using (var r = await Post(doctor, $"{Base}/{old.Id()}/dispense", new { version = 0 }))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal("prescription-expired", (string)p["code"]!);
            Assert.Equal($"该长期处方已于 {D(TestData.ChinaToday.AddDays(-21))} 到期，请重新开具。", (string)p["detail"]!);
        }
        var fresh = await doctor.PostJson(Base, Rx(elder, TestData.ChinaToday, code: "I11.9", name: "高血压性心脏病"), HttpStatusCode.Created);
        Assert.Equal("有效", (string)fresh["statusName"]!);
        // a second active one for the same disease → 409
        using (var r = await Post(doctor, Base, Rx(elder, TestData.ChinaToday)))
            Assert.Equal("active-prescription-exists", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        // another disease is fine
        await doctor.PostJson(Base, Rx(elder, TestData.ChinaToday, code: "E11.9", name: "2型糖尿病"), HttpStatusCode.Created);

        // the team's reminder list: expiring within 14 days
        var soon = await JinhuaElder();
        var expiring = await doctor.PostJson(Base, Rx(soon, TestData.ChinaToday.AddDays(-20), validity: 30, items: [Item(days: 28)]), HttpStatusCode.Created);
        var reminders = (await doctor.GetJson($"{Base}/expiring")).AsArray();
        var entry = reminders.Single(x => (long)x!["id"]! == expiring.Id())!;
        Assert.Equal(9, (int)entry["daysLeft"]!); // valid until start + 29 = today + 9
        Assert.DoesNotContain(reminders, x => (long)x!["elderId"]! == elder);
    }

    [DbFact]
    public async Task Concurrent_prescriptions_for_one_disease_admit_exactly_one_and_the_database_refuses_a_second_active_row()
    {
        var elder = await JinhuaElder();
        var doctor = await As("doctor");
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Post(doctor, Base, Rx(elder, TestData.ChinaToday))));
        foreach (var r in responses)
            using (r)
                Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single((await doctor.GetJson($"{Base}?elderId={elder}")).AsArray());

        async Task<bool> Refused(int status) => await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            try
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO healthmgmt_ltp (elder_id, township_code, county_code, disease, diagnosis_code, diagnosis_name, condition_stable, start_on, " +
                    "validity_days, valid_until, supply_days, max_supply_days, patient_confirmed, status, stop_reason, stopped_at, prescribed_by, created_at, version) " +
                    "VALUES ({0}, {1}, {2}, 'hypertension', 'I10', '高血压', {3}, {4}, 84, {5}, 28, 28, {6}, {7}, {8}, {9}, 'raw', {9}, 0)",
                    elder, Township, Township[..6], true, TestData.ChinaToday, TestData.ChinaToday.AddDays(83), false, status, status == 2 ? "停用" : null!, DateTimeOffset.UtcNow);
                return false;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
            {
                return true;
            }
        });
        Assert.True(await Refused(1));  // a second active prescription for hypertension
        Assert.False(await Refused(2)); // a stopped one is history
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PrescriptionApiTestsSqlite(SqliteAppFixture f) : PrescriptionApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class PrescriptionApiTestsPostgres(PostgresAppFixture f) : PrescriptionApiTests(f), IPostgresTests;
