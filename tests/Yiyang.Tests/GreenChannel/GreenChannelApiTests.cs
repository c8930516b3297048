using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.GreenChannel;

public abstract class GreenChannelApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/green-channel";
    private const string Hospital = "铜川市王益区人民医院（铜川市中医医院）";

    private static string TodayText => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");

    private static string Tomorrow => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(1).ToString("yyyy-MM-dd");

    /// <summary>A fresh department quota under the demo agreement hospital ↔ 金华 (in force, with the green-channel item).</summary>
    private async Task<long> Quota(int daily, long? agreementId = null)
    {
        var admin = await As("city");
        agreementId ??= await DemoAgreement();
        var q = await admin.PostJson($"{Base}/quotas", new { agreementId, department = "科" + Guid.NewGuid().ToString("N")[..8], dailyQuota = daily },
            HttpStatusCode.Created);
        Assert.Equal(daily, (int)q["remaining"]!);
        Assert.True((bool)q["open"]!);
        return q.Id();
    }

    private async Task<long> DemoAgreement()
    {
        var jinhua = await JinhuaId();
        var hospital = await OrgId(Hospital);
        return (await (await As("city")).GetJson("/api/agreements?status=effective")).AsArray()
            .Single(a => (long)a!["medical"]!["id"]! == hospital && (long)a["care"]!["id"]! == jinhua)!.Id();
    }

    /// <summary>A fresh care home with an agreement in force with the hospital (the given items) and one admitted resident.</summary>
    private async Task<(long Agreement, long Care, long Resident)> OwnAgreement(params string[] items)
    {
        var admin = await As("city");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var care = (await (await As("admin")).PostJson("/api/organizations", new Dictionary<string, object?>
        {
            ["name"] = TestData.Name("养老院"),
            ["kind"] = "elderly-care",
            ["careType"] = "护理型",
            ["creditCode"] = TestData.CreditCode("52"),
            ["careLicenceNo"] = "YL" + Random.Shared.Next(100000, 999999),
            ["townshipCode"] = Township,
            ["elderCareBeds"] = 20,
        }, HttpStatusCode.Created)).Id();
        var a = await admin.PostJson("/api/agreements", new
        {
            medicalOrganizationId = await OrgId(Hospital),
            careOrganizationId = care,
            startOn = today.AddDays(-10),
            endOn = today.AddDays(300),
            items,
            medicalDuties = "开通绿色通道",
            careDuties = "陪同就诊",
        }, HttpStatusCode.Created);
        await admin.PostJson($"/api/agreements/{a.Id()}/activate", new { version = (int)a["version"]! }, HttpStatusCode.OK);
        var resident = (await CreateElder(ElderBody(orgId: care))).Id();
        var bed = (await admin.PostJson($"/api/institutions/{care}/beds",
            new { ward = "W" + Guid.NewGuid().ToString("N")[..8], room = "101", number = "1", kind = "nursing" }, HttpStatusCode.Created)).Id();
        await admin.PostJson($"/api/institutions/{care}/admissions", new { elderId = resident, bedId = bed, admittedOn = today.AddDays(-3) }, HttpStatusCode.Created);
        return (a.Id(), care, resident);
    }

    private static Task<HttpResponseMessage> Book(HttpClient c, long quotaId, long elderId, string? date = null) =>
        c.PostAsJsonAsync($"{Base}/appointments", new { quotaId, elderId, date = date ?? Tomorrow, reason = "血压控制不佳，需专科调整用药" }, JsonApi.Json);

    [DbFact]
    public async Task Bookings_fill_the_quota_then_409_and_a_cancellation_frees_its_slot()
    {
        var quota = await Quota(2);
        var doctor = await As("doctor");
        var slots = new List<int>();
        var ids = new List<long>();
        for (var i = 0; i < 2; i++)
        {
            using var r = await Book(doctor, quota, await JinhuaElder());
            await r.ShouldBe(HttpStatusCode.Created);
            var a = await r.ReadJson();
            slots.Add((int)a["slotOrdinal"]!);
            ids.Add(a.Id());
            Assert.Equal("booked", (string)a["status"]!);
        }
        Assert.Equal([1, 2], slots);
        using (var full = await Book(doctor, quota, await JinhuaElder()))
        {
            var p = await full.ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal("quota-full", (string)p["code"]!);
            Assert.Contains("已约满", (string)p["detail"]!);
        }
        var remaining = (await doctor.GetJson($"{Base}/quotas?date={Tomorrow}")).AsArray().Single(q => q!.Id() == quota)!;
        Assert.Equal(0, (int)remaining["remaining"]!);

        using (var noReason = await doctor.PostAsJsonAsync($"{Base}/appointments/{ids[0]}/cancel", new { }, JsonApi.Json))
            Assert.Equal(["请填写取消原因。"], (await noReason.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason"));
        await doctor.PostJson($"{Base}/appointments/{ids[0]}/cancel", new { reason = "老人病情好转" }, HttpStatusCode.OK);
        using var again = await Book(doctor, quota, await JinhuaElder());
        await again.ShouldBe(HttpStatusCode.Created);
        Assert.Equal(1, (int)(await again.ReadJson())["slotOrdinal"]!);
    }

    [DbFact]
    public async Task Concurrent_bookings_never_exceed_the_quota()
    {
        var quota = await Quota(3);
        var doctor = await As("doctor");
        var elders = new List<long>();
        for (var i = 0; i < 8; i++) elders.Add(await JinhuaElder());
        var responses = await Task.WhenAll(elders.Select(e => Book(doctor, quota, e)));
        var created = new List<int>();
        foreach (var r in responses)
            using (r)
            {
                Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
                if (r.StatusCode == HttpStatusCode.Created) created.Add((int)(await r.ReadJson())["slotOrdinal"]!);
            }
        Assert.Equal([1, 2, 3], created.Order());
        var live = await Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Set<Modules.GreenChannel.GreenChannelAppointment>()
            .CountAsync(a => a.QuotaId == quota && a.Status != Modules.GreenChannel.AppointmentStatus.Cancelled));
        Assert.Equal(3, live);
    }

    [DbFact]
    public async Task The_hospital_confirms_records_arrival_and_care_and_illegal_steps_are_409()
    {
        var quota = await Quota(2);
        var name = TestData.Name("绿");
        var elder = await JinhuaElder(name: name);
        var doctor = await As("doctor");
        var hosp = await As("hospdoctor");
        using var booked = await Book(doctor, quota, elder);
        var id = (await booked.ReadJson()).Id();

        var seen = await hosp.GetJson($"{Base}/appointments/{id}");
        Assert.Equal(name[..1] + "**", (string)seen["elderName"]!);
        Assert.Equal(["confirm", "cancel"], seen["actions"]!.AsArray().Select(a => (string)a!));
        using (var r = await doctor.PostAsJsonAsync($"{Base}/appointments/{id}/confirm", new { }, JsonApi.Json))
            Assert.Equal("只有医院可以确认。", (string)(await r.ShouldBeProblem(HttpStatusCode.Forbidden))["detail"]!);
        using (var r = await hosp.PostAsJsonAsync($"{Base}/appointments/{id}/arrive", new { }, JsonApi.Json))
            Assert.Equal("该预约当前状态为“已预约”，不能登记到达。", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["detail"]!);
        await hosp.PostJson($"{Base}/appointments/{id}/confirm", new { }, HttpStatusCode.OK);
        await hosp.PostJson($"{Base}/appointments/{id}/arrive", new { }, HttpStatusCode.OK);
        using (var r = await doctor.PostAsJsonAsync($"{Base}/appointments/{id}/cancel", new { reason = "x" }, JsonApi.Json))
            await r.ShouldBeProblem(HttpStatusCode.Conflict);
        var served = await hosp.PostJson($"{Base}/appointments/{id}/serve", new { }, HttpStatusCode.OK);
        Assert.Equal("served", (string)served["status"]!);
        Assert.Equal("已就诊", (string)served["statusName"]!);
        Assert.NotNull(served["minutesToCare"]);
        Assert.NotNull(served["minutesFromBooking"]);
        Assert.Empty(served["actions"]!.AsArray());

        var summaries = (await (await As("city")).GetJson($"/api/elders/{elder}/timeline")).AsArray().Select(e => (string)e!["summary"]!).ToList();
        Assert.Contains(summaries, s => s.StartsWith("绿色通道预约：", StringComparison.Ordinal));
        Assert.Contains(summaries, s => s.Contains("已接诊", StringComparison.Ordinal));

        // other organizations: not found
        using (var r = await (await As("hbdoctor")).GetAsync($"{Base}/appointments/{id}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await (await As("hbdoctor")).GetJson($"{Base}/appointments")).AsArray(), a => a!.Id() == id);
    }

    [DbFact]
    public async Task Booking_is_validated_and_limited_to_the_partner_and_its_elders()
    {
        var quota = await Quota(2);
        var doctor = await As("doctor");
        using (var r = await doctor.PostAsJsonAsync($"{Base}/appointments", new { date = "2001-01-01", reason = "" }, JsonApi.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            foreach (var f in new[] { "quotaId", "elderId", "date", "reason" }) Assert.True(JsonApi.IsChinese(p.FieldErrors(f)[0]), f);
        }
        // a township hospital's doctor cannot use 金华's quota
        using (var r = await Book(await As("hbdoctor"), quota, await JinhuaElder()))
            Assert.Equal(["该科室未向本机构开放绿色通道名额。"], (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("quotaId"));
        // an elder outside the scope
        var hidden = (await CreateElder(ElderBody(township: OtherDistrictTownship))).Id();
        using (var r = await Book(doctor, quota, hidden)) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        // the same elder twice on one day
        var elder = await JinhuaElder();
        using (var r = await Book(doctor, quota, elder)) await r.ShouldBe(HttpStatusCode.Created);
        using (var r = await Book(doctor, quota, elder))
            Assert.Equal("already-booked", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        // quotas stay within 1–100; a care-side admin cannot set the hospital's quotas
        using (var r = await (await As("city")).PostAsJsonAsync($"{Base}/quotas", new { agreementId = await DemoAgreement(), department = "内科", dailyQuota = 0 }, JsonApi.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("dailyQuota"));
        using (var r = await (await As("orgadmin")).PostAsJsonAsync($"{Base}/quotas", new { agreementId = await DemoAgreement(), department = "内科", dailyQuota = 2 }, JsonApi.Json))
            Assert.Equal(["协议不存在，或您不是该协议医疗机构的机构管理员。"], (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("agreementId"));
    }

    [DbFact]
    public async Task A_quota_needs_an_agreement_with_the_green_channel_item()
    {
        var (agreement, _, _) = await OwnAgreement("training", "referral");
        var admin = await As("city");
        using (var r = await admin.PostAsJsonAsync($"{Base}/quotas", new { agreementId = agreement, department = "老年医学科", dailyQuota = 2 }, JsonApi.Json))
            Assert.Equal(["该协议的合作内容不含“绿色通道”，不能设置绿色通道名额。"], (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("agreementId"));
        Assert.Equal(0, await Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Set<Modules.GreenChannel.GreenChannelQuota>()
            .CountAsync(q => q.AgreementId == agreement)));
    }

    [DbFact]
    public async Task After_termination_booking_is_refused_but_existing_appointments_stay_readable_and_servable()
    {
        var (agreement, care, resident) = await OwnAgreement("green-channel");
        var quota = await Quota(3, agreement);
        var admin = await As("city");
        var hosp = await As("hospdoctor");
        var booked = await admin.PostJson($"{Base}/appointments", new { quotaId = quota, elderId = resident, date = TodayText, reason = "复查" }, HttpStatusCode.Created);

        var version = (int)(await admin.GetJson($"/api/agreements/{agreement}"))["version"]!;
        await admin.PostJson($"/api/agreements/{agreement}/terminate", new { reason = "合作终止", version }, HttpStatusCode.OK);

        var other = (await CreateElder(ElderBody(orgId: care))).Id();
        async Task<int> Appointments() => await Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Set<Modules.GreenChannel.GreenChannelAppointment>()
            .CountAsync(a => a.QuotaId == quota));
        async Task<int> Timeline() => await Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().TimelineEvents.CountAsync(e => e.ElderId == other));
        var (before, timelineBefore) = (await Appointments(), await Timeline());
        using (var r = await Book(admin, quota, other))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal("agreement-not-in-force", (string)p["code"]!);
            Assert.Contains("终止", (string)p["detail"]!);
        }
        Assert.Equal(1, before);
        Assert.Equal(before, await Appointments());
        Assert.Equal(timelineBefore, await Timeline());
        // the quota shows as closed; the existing appointment is still read and served by the hospital
        Assert.False((bool)(await admin.GetJson($"{Base}/quotas?date={Tomorrow}")).AsArray().Single(q => q!.Id() == quota)!["open"]!);
        var id = booked.Id();
        await hosp.GetJson($"{Base}/appointments/{id}");
        await hosp.PostJson($"{Base}/appointments/{id}/confirm", new { }, HttpStatusCode.OK);
        await hosp.PostJson($"{Base}/appointments/{id}/arrive", new { }, HttpStatusCode.OK);
        Assert.Equal("served", (string)(await hosp.PostJson($"{Base}/appointments/{id}/serve", new { }, HttpStatusCode.OK))["status"]!);
        // and a new quota cannot be opened on the terminated agreement
        using (var r = await admin.PostAsJsonAsync($"{Base}/quotas", new { agreementId = agreement, department = "骨科", dailyQuota = 2 }, JsonApi.Json))
            Assert.Equal("agreement-not-in-force", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        // agreement performance reads the appointments of this agreement's quotas, not every appointment of the pair
        var perf = await admin.GetJson($"/api/agreements/{agreement}/performance");
        Assert.Equal(1, (int)perf["greenChannelAppointments"]!);
        Assert.Equal(1, (int)perf["greenChannelServed"]!);
        var renewed = await admin.PostJson("/api/agreements", new
        {
            medicalOrganizationId = await OrgId(Hospital),
            careOrganizationId = care,
            startOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-10),
            endOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(300),
            items = new[] { "green-channel" },
            medicalDuties = "开通绿色通道",
            careDuties = "陪同就诊",
        }, HttpStatusCode.Created);
        await admin.PostJson($"/api/agreements/{renewed.Id()}/activate", new { version = (int)renewed["version"]! }, HttpStatusCode.OK);
        Assert.Equal(0, (int)(await admin.GetJson($"/api/agreements/{renewed.Id()}/performance"))["greenChannelAppointments"]!);
    }

    [DbFact]
    public async Task The_database_refuses_a_slot_above_the_quota_or_a_forged_quota()
    {
        var quota = await Quota(2);
        var elder = await JinhuaElder();
        var hospital = await OrgId(Hospital);
        var jinhua = await JinhuaId();
        object at = Provider == DatabaseProvider.Sqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)! : DateTimeOffset.UtcNow;
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);

        async Task<bool> Refused(int daily, int slot) => await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            try
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO greenchannel_appointment (quota_id, daily_quota, hospital_organization_id, care_organization_id, department, elder_id, date, slot_ordinal, " +
                    "status, reason, booked_at, township_code, county_code, created_by_user, updated_at, version) " +
                    "VALUES ({0}, {1}, {2}, {3}, 'x', {4}, {5}, {6}, 1, 'raw', {7}, '610202002', '610202', 'raw', {7}, 0)",
                    quota, daily, hospital, jinhua, elder, day, slot, at);
                return false;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
            {
                return true;
            }
        });
        Assert.True(await Refused(2, 3));   // slot 3 of a 2-slot quota
        Assert.True(await Refused(10, 3));  // claims a quota of 10: the composite foreign key refuses
        Assert.False(await Refused(2, 2));  // slot 2 is fine
        Assert.True(await Refused(2, 2));   // but only once
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GreenChannelApiTestsSqlite(SqliteAppFixture f) : GreenChannelApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class GreenChannelApiTestsPostgres(PostgresAppFixture f) : GreenChannelApiTests(f), IPostgresTests;
