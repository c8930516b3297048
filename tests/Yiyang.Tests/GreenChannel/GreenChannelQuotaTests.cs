using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.GreenChannel;

/// <summary>
/// Editing a green-channel quota's daily number (PUT /api/green-channel/quotas/{id}) and the quota page
/// /GreenChannel/Quotas. Every test uses its own care home and agreement, or its own department, so no other test's
/// quota changes.
/// </summary>
public abstract class GreenChannelQuotaTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/green-channel";
    private const string Hospital = "铜川市王益区人民医院（铜川市中医医院）";

    /// <summary>A new institution-admin account of the district hospital (the demo has none).</summary>
    private async Task<(string UserName, HttpClient Client)> HospitalAdmin()
    {
        var userName = "hadm" + Guid.NewGuid().ToString("N")[..8];
        await (await As("security")).PostJson("/api/users", new
        {
            userName,
            displayName = "医院管理员",
            password = AppFactory.DemoPassword,
            role = "institution-admin",
            organizationId = await OrgId(Hospital),
        }, HttpStatusCode.Created);
        return (userName, await Factory.ClientFor(userName));
    }

    /// <summary>A fresh care home with a green-channel agreement in force with the hospital.</summary>
    private async Task<(long Agreement, long Care)> OwnAgreement()
    {
        var admin = await As("city");
        var care = (await (await As("admin")).PostJson("/api/organizations", new Dictionary<string, object?>
        {
            ["name"] = TestData.Name("颐年养老院"),
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
            startOn = TestData.ChinaToday.AddDays(-10),
            endOn = TestData.ChinaToday.AddDays(300),
            items = new[] { "green-channel", "referral" },
            medicalDuties = "开通绿色通道",
            careDuties = "陪同就诊",
        }, HttpStatusCode.Created);
        await admin.PostJson($"/api/agreements/{a.Id()}/activate", new { version = (int)a["version"]! }, HttpStatusCode.OK);
        return (a.Id(), care);
    }

    private async Task<long> DemoAgreement()
    {
        var jinhua = await JinhuaId();
        var hospital = await OrgId(Hospital);
        return (await (await As("city")).GetJson("/api/agreements?status=effective")).AsArray()
            .Single(a => (long)a!["medical"]!["id"]! == hospital && (long)a["care"]!["id"]! == jinhua)!.Id();
    }

    private async Task<JsonNode> Book(long quota, long care, DateOnly date)
    {
        var elder = (await CreateElder(ElderBody(orgId: care))).Id();
        using var r = await (await As("city")).PostAsJsonAsync($"{Base}/appointments",
            new { quotaId = quota, elderId = elder, date = date.ToString("yyyy-MM-dd"), reason = "心悸加重，需心内科评估" }, JsonApi.Json);
        await r.ShouldBe(HttpStatusCode.Created);
        return await r.ReadJson();
    }

    private static Task<HttpResponseMessage> Put(HttpClient c, long quota, object body) => c.PutJson($"{Base}/quotas/{quota}", body);

    [DbFact]
    public async Task The_hospital_admin_raises_a_quota_and_lowers_it_only_down_to_the_bookings_of_a_coming_day()
    {
        var (_, hadmin) = await HospitalAdmin();
        var (agreement, care) = await OwnAgreement();
        var quota = await hadmin.PostJson($"{Base}/quotas", new { agreementId = agreement, department = "心内科", dailyQuota = 2 }, HttpStatusCode.Created);
        var id = quota.Id();

        // up: 2 → 3, the new number is used by the next booking
        using (var up = await Put(hadmin, id, new { dailyQuota = 3 }))
        {
            await up.ShouldBe(HttpStatusCode.OK);
            var q = await up.ReadJson();
            Assert.Equal((3, 3, 0), ((int)q["dailyQuota"]!, (int)q["remaining"]!, (int)q["booked"]!));
        }
        var day = TestData.ChinaToday.AddDays(2);
        var slots = new List<JsonNode>();
        for (var i = 0; i < 3; i++) slots.Add(await Book(id, care, day));
        Assert.Equal([1, 2, 3], slots.Select(s => (int)s["slotOrdinal"]!));
        Assert.All(slots, s => Assert.Equal(3, (int)s["dailyQuota"]!));

        // down to 2 while 3 are booked on that day: 409 naming the date, nothing changed
        using (var down = await Put(hadmin, id, new { dailyQuota = 2 }))
        {
            var p = await down.ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal("quota-below-bookings", (string)p["code"]!);
            Assert.Equal($"{day:yyyy-MM-dd} 已有 3 个预约，每日名额不能少于 3。", (string)p["detail"]!);
        }
        Assert.Equal(3, (int)(await hadmin.GetJson($"{Base}/quotas")).AsArray().Single(q => q!.Id() == id)!["dailyQuota"]!);

        // slot 3 cancelled: 2 live bookings, but slot number 3 was given out and stays on its row: still 409, naming the date
        await (await As("city")).PostJson($"{Base}/appointments/{slots[2].Id()}/cancel", new { reason = "家属改约" }, HttpStatusCode.OK);
        using (var down = await Put(hadmin, id, new { dailyQuota = 2 }))
        {
            var p = await down.ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal("quota-below-slot", (string)p["code"]!);
            Assert.StartsWith($"{day:yyyy-MM-dd} 已发出第 3 号", (string)p["detail"]!);
        }

        // a quota whose bookings fit: 5 → 3 is accepted and the appointments carry the new number (ON UPDATE CASCADE)
        var (agreement2, care2) = await OwnAgreement();
        var other = (await hadmin.PostJson($"{Base}/quotas", new { agreementId = agreement2, department = "神经内科", dailyQuota = 5 }, HttpStatusCode.Created)).Id();
        var booked = await Book(other, care2, TestData.ChinaToday.AddDays(1));
        await Book(other, care2, TestData.ChinaToday.AddDays(1));
        using (var down = await Put(hadmin, other, new { dailyQuota = 2 }))
        {
            await down.ShouldBe(HttpStatusCode.OK);
            Assert.Equal(2, (int)(await down.ReadJson())["dailyQuota"]!);
        }
        Assert.Equal(2, (int)(await (await As("city")).GetJson($"{Base}/appointments/{booked.Id()}"))["dailyQuota"]!);
        // the day is full at 2
        var elder = (await CreateElder(ElderBody(orgId: care2))).Id();
        using (var full = await (await As("city")).PostAsJsonAsync($"{Base}/appointments",
                   new { quotaId = other, elderId = elder, date = TestData.ChinaToday.AddDays(1).ToString("yyyy-MM-dd"), reason = "头晕" }, JsonApi.Json))
            Assert.Equal("quota-full", (string)(await full.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        // the database itself refuses a quota below a slot number in use: the cascade re-checks ck_greenchannel_appointment_slot
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Factory.WithScope(sp =>
            sp.GetRequiredService<YiyangDb>().Database.ExecuteSqlAsync($"UPDATE greenchannel_quota SET daily_quota = 1 WHERE id = {other}")));
        // bad numbers: 400 beside the field, nothing changed
        foreach (var bad in new[] { 0, 101 })
        {
            using var r = await Put(hadmin, other, new { dailyQuota = bad });
            Assert.Equal(["每日名额应为 1–100。"], (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("dailyQuota"));
        }
        Assert.Equal(2, (int)(await hadmin.GetJson($"{Base}/quotas")).AsArray().Single(q => q!.Id() == other)!["dailyQuota"]!);
    }

    [DbFact]
    public async Task Only_the_hospitals_admin_edits_a_quota_others_get_403_or_404()
    {
        var admin = await As("city");
        var id = (await admin.PostJson($"{Base}/quotas", new { agreementId = await DemoAgreement(), department = "科" + Guid.NewGuid().ToString("N")[..6], dailyQuota = 2 },
            HttpStatusCode.Created)).Id();
        // the care side (金华's institution admin and doctor) and the hospital's doctor see the quota but cannot edit it
        foreach (var user in new[] { "orgadmin", "doctor", "hospdoctor" })
        {
            using var r = await Put(await As(user), id, new { dailyQuota = 3 });
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        }
        // another organization (黄堡镇 health centre) does not see it; an unknown id is 404 too
        using (var r = await Put(await As("hbdoctor"), id, new { dailyQuota = 3 }))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await Put(admin, 987654321, new { dailyQuota = 3 }))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.Equal(2, (int)(await admin.GetJson($"{Base}/quotas")).AsArray().Single(q => q!.Id() == id)!["dailyQuota"]!);
        // the platform admin may
        using (var r = await Put(admin, id, new { dailyQuota = 4 }))
        {
            await r.ShouldBe(HttpStatusCode.OK);
            Assert.Equal(4, (int)(await r.ReadJson())["dailyQuota"]!);
        }
    }

    [DbFact]
    public async Task The_quota_page_lists_opens_and_changes_quotas_for_the_hospital_and_reads_only_for_the_care_side()
    {
        var (userName, _) = await HospitalAdmin();
        var (agreement, _) = await OwnAgreement();
        var department = "骨" + Guid.NewGuid().ToString("N")[..6];
        using var client = await PageClient.LoggedIn(Factory, userName);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/GreenChannel/Quotas"));
        Assert.Contains(page.QuerySelectorAll("#agreementId option"), o => o.GetAttribute("value") == agreement.ToString());

        using (var bad = await client.PostForm("/GreenChannel/Quotas", "/GreenChannel/Quotas?handler=Create",
                   new() { ["AgreementId"] = agreement.ToString(), ["Department"] = department, ["DailyQuota"] = "0" }))
        {
            await bad.ShouldBe(HttpStatusCode.OK);
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("每日名额应为 1–100。", doc.GetElementById("dailyQuota-error")!.TextContent.Trim());
            Assert.Equal("true", doc.GetElementById("dailyQuota")!.GetAttribute("aria-invalid"));
        }
        using (var ok = await client.PostForm("/GreenChannel/Quotas", "/GreenChannel/Quotas?handler=Create",
                   new() { ["AgreementId"] = agreement.ToString(), ["Department"] = department, ["DailyQuota"] = "2" }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var list = new HtmlParser().ParseDocument(await client.GetStringAsync("/GreenChannel/Quotas"));
        Assert.Equal($"已设置名额：{department}，每日 2 个。", list.GetElementById("message")!.TextContent.Trim());
        var row = list.QuerySelectorAll("#quotas tr[data-quota]").Single(r => r.TextContent.Contains(department, StringComparison.Ordinal));
        var id = row.GetAttribute("data-quota")!;
        Assert.Equal("2", row.QuerySelector("[data-daily]")!.TextContent.Trim());

        using (var bad = await client.PostForm("/GreenChannel/Quotas", "/GreenChannel/Quotas?handler=Update", new() { ["QuotaId"] = id, ["NewDailyQuota"] = "0" }))
        {
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("每日名额应为 1–100。", doc.GetElementById($"quota-{id}-error")!.TextContent.Trim());
            Assert.Equal("true", doc.GetElementById($"daily-{id}")!.GetAttribute("aria-invalid"));
        }
        using (var ok = await client.PostForm("/GreenChannel/Quotas", "/GreenChannel/Quotas?handler=Update", new() { ["QuotaId"] = id, ["NewDailyQuota"] = "4" }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var after = new HtmlParser().ParseDocument(await client.GetStringAsync("/GreenChannel/Quotas"));
        Assert.Equal("4", after.QuerySelector($"tr[data-quota='{id}'] [data-daily]")!.TextContent.Trim());
        Assert.Empty(after.QuerySelectorAll("main script, main [style]"));

        // the care side (金华's institution admin): the demo quotas, read only, no form
        using var care = await PageClient.LoggedIn(Factory, "orgadmin");
        var careDoc = new HtmlParser().ParseDocument(await care.GetStringAsync("/GreenChannel/Quotas"));
        Assert.NotEmpty(careDoc.QuerySelectorAll("#quotas tr[data-quota]"));
        Assert.Empty(careDoc.QuerySelectorAll("#quotas form, #create-form"));
        Assert.NotNull(careDoc.GetElementById("no-agreements"));
        // linked from the booking page
        Assert.NotNull(new HtmlParser().ParseDocument(await care.GetStringAsync("/GreenChannel")).QuerySelector("a#quotas-link[href='/GreenChannel/Quotas']"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GreenChannelQuotaTestsSqlite(SqliteAppFixture f) : GreenChannelQuotaTests(f);

[Collection(PostgresCollection.Name)]
public sealed class GreenChannelQuotaTestsPostgres(PostgresAppFixture f) : GreenChannelQuotaTests(f), IPostgresTests;
