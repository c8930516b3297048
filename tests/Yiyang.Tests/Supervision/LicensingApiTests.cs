using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Supervision;

/// <summary>Licensing and registration on the working-day clock, on both databases (docs/domain/supervision.md#licensing).</summary>
public abstract class LicensingApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static readonly string Pdf = Convert.ToBase64String("%PDF-1.4\n% test\n%%EOF\n"u8.ToArray());

    /// <summary>Moves the app's clock to 10:00 China time of the day.</summary>
    private void MoveClockTo(int year, int month, int day) =>
        Factory.Clock.Offset = new DateTimeOffset(year, month, day, 2, 0, 0, TimeSpan.Zero) - DateTimeOffset.UtcNow;

    private static async Task<HttpResponseMessage> Post(HttpClient client, string url, object? body = null, int? version = null)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }, options: JsonApi.Json) };
        if (version is { } v) req.Headers.TryAddWithoutValidation("If-Match", $"W/\"{v}\"");
        return await client.SendAsync(req);
    }

    private static async Task<JsonNode> Ok(HttpClient client, string url, object? body = null, int? version = null)
    {
        using var r = await Post(client, url, body, version);
        await r.ShouldBe(HttpStatusCode.OK);
        return await r.ReadJson();
    }

    private static async Task UploadAll(HttpClient client, JsonNode app)
    {
        foreach (var d in app["requiredDocuments"]!.AsArray())
            await client.PostJson($"/api/licensing/applications/{app.Id()}/documents",
                new { documentType = (string)d!["code"]!, fileName = (string)d["name"]! + ".pdf", contentType = "application/pdf", contentBase64 = Pdf },
                HttpStatusCode.Created);
    }

    private async Task<HttpClient> OtherDistrictRegulator()
    {
        var userName = "lic" + Guid.NewGuid().ToString("N")[..8];
        await (await As("security")).PostJson("/api/users", new
        {
            userName,
            displayName = "印台区卫健监管员",
            password = AppFactory.DemoPassword,
            role = "regulator",
            bureau = "health",
            regionCode = "610203",
        }, HttpStatusCode.Created);
        return await Factory.ClientFor(userName);
    }

    [DbFact]
    public async Task Apply_accept_ask_for_documents_restart_the_clock_and_approve_a_licence_that_sets_the_beds()
    {
        var jinhua = await JinhuaId();
        var orgadmin = await As("orgadmin");
        var wjw = await As("wjw");
        var mzj = await As("mzj"); // every client signs in before the clock moves back: its token stays valid
        var yintai = await OtherDistrictRegulator();
        var jdy1 = await As("jdy1");
        var city = await As("city");
        var auditor = await As("auditor");
        try
        {
            MoveClockTo(2026, 9, 21); // a Monday before 中秋 and 国庆
            var app = await orgadmin.PostJson("/api/licensing/applications", new { kind = "integrated-approval", medicalBeds = 25, note = "增设医疗床位" },
                HttpStatusCode.Created);
            var id = app.Id();
            Assert.Equal("submitted", (string?)app["status"]);
            Assert.Equal(jinhua, (long)app["organizationId"]!);
            Assert.False((bool)app["onBehalf"]!);
            Assert.Equal(10, (int)app["timeLimitWorkingDays"]!);
            using (var r = await Post(wjw, $"/api/licensing/applications/{id}/accept"))
            {
                var p = await r.ShouldBeProblem(HttpStatusCode.Conflict);
                Assert.Equal("documents-missing", (string?)p["code"]);
                Assert.Contains("申请书", (string)p["detail"]!);
            }
            using (var fake = await orgadmin.PostAsJsonAsync($"/api/licensing/applications/{id}/documents",
                       new { documentType = "application", fileName = "a.pdf", contentType = "application/pdf", contentBase64 = InspectionTestData.Png }, JsonApi.Json))
                Assert.True(JsonApi.IsChinese((await fake.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("contentBase64").Single()));
            await UploadAll(orgadmin, app);
            foreach (var other in new[] { mzj, yintai })
            {
                using (var r = await other.GetAsync($"/api/licensing/applications/{id}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
                using (var r = await Post(other, $"/api/licensing/applications/{id}/accept")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
            }
            using (var r = await Post(orgadmin, $"/api/licensing/applications/{id}/accept")) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
            using (var r = await Post(jdy1, $"/api/licensing/applications/{id}/accept")) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
            using (var r = await Post(wjw, $"/api/licensing/applications/{id}/accept", version: 1)) await r.ShouldBeProblem(HttpStatusCode.PreconditionFailed);

            var current = await wjw.GetJson($"/api/licensing/applications/{id}");
            Assert.All(current["requiredDocuments"]!.AsArray(), d => Assert.True((bool)d!["uploaded"]!));
            var accepted = await Ok(wjw, $"/api/licensing/applications/{id}/accept", version: (int)current["version"]!);
            Assert.Equal("accepted", (string?)accepted["status"]);
            Assert.Equal("2026-10-12", (string?)accepted["deadlineOn"]); // 10 working days: 中秋 and 国庆 skipped, Saturday 10 October counted
            Assert.Contains(id, (await wjw.GetJson("/api/licensing/applications?open=true")).AsArray().Select(a => a!.Id()));

            MoveClockTo(2026, 9, 24);
            using (var r = await Post(wjw, $"/api/licensing/applications/{id}/request-documents", new { request = " " }))
                Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("request"));
            var asked = await Ok(wjw, $"/api/licensing/applications/{id}/request-documents", new { request = "请补充护理人员资格证明" });
            Assert.Equal("documents-requested", (string?)asked["status"]);
            Assert.Equal(3, (int)asked["daysUsed"]!);
            Assert.Null(asked["deadlineOn"]); // the clock stopped
            using (var r = await Post(wjw, $"/api/licensing/applications/{id}/decision", new { outcome = "approved" }))
                Assert.Equal("illegal-transition", (string?)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]);
            await orgadmin.PostJson($"/api/licensing/applications/{id}/documents",
                new { documentType = "staff", fileName = "护理人员资格证.pdf", contentType = "application/pdf", contentBase64 = Pdf }, HttpStatusCode.Created);

            MoveClockTo(2026, 9, 30);
            var resumed = await Ok(orgadmin, $"/api/licensing/applications/{id}/documents-received");
            Assert.Equal("accepted", (string?)resumed["status"]);
            Assert.Equal("2026-10-15", (string?)resumed["deadlineOn"]); // 7 working days left from 30 September

            using (var r = await Post(wjw, $"/api/licensing/applications/{id}/decision", new { outcome = "refused" }))
                Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason"));
            using (var r = await Post(wjw, $"/api/licensing/applications/{id}/decision", new { outcome = "approved", validFrom = "2026-10-01", validTo = "2026-09-01" }))
                Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("validTo"));
            var number = "PDY-T-" + Guid.NewGuid().ToString("N")[..8];
            var approved = await Ok(wjw, $"/api/licensing/applications/{id}/decision",
                new { outcome = "approved", licenceNo = number, validFrom = "2026-09-30", validTo = "2031-09-29", medicalBeds = 30 }, (int)resumed["version"]!);
            Assert.Equal("approved", (string?)approved["status"]);
            Assert.True((bool)approved["decidedInTime"]!);
            Assert.Equal(number, (string?)approved["licenceNo"]);
            using (var r = await Post(wjw, $"/api/licensing/applications/{id}/decision", new { outcome = "refused", reason = "x" }))
                await r.ShouldBeProblem(HttpStatusCode.Conflict);
            using (var r = await Post(orgadmin, $"/api/licensing/applications/{id}/withdraw"))
                await r.ShouldBeProblem(HttpStatusCode.Conflict);

            var org = await city.GetJson($"/api/organizations/{jinhua}");
            Assert.Equal(30, (int)org["beds"]!["medical"]!); // the licence sets the licensed medical beds
            var licence = (await orgadmin.GetJson($"/api/licences?organizationId={jinhua}")).AsArray().Single(l => (string?)l!["licenceNo"] == number)!;
            Assert.Equal("2031-09-29", (string?)licence["validTo"]);
            Assert.Equal(30, (int)licence["medicalBeds"]!);
            Assert.Null(licence["elderCareBeds"]);
            Assert.Equal(number, (string?)(await wjw.GetJson($"/api/licences/{licence.Id()}"))["licenceNo"]);
            using (var r = await mzj.GetAsync($"/api/licences/{licence.Id()}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);

            var audit = (await auditor.GetJson($"/api/audit?action=supervision.licensing.decide&subjectId={id}&pageSize=1"))["items"]!.AsArray().Single()!;
            Assert.Contains(number, (string)audit["detail"]!);

            using var page = await PageClient.LoggedIn(Factory, "wjw");
            Assert.Contains($"/Supervision/Licences?organizationId={jinhua}", await page.GetStringAsync($"/Organizations/Details/{jinhua}"));
            Assert.Contains(number, await page.GetStringAsync($"/Supervision/Licences?organizationId={jinhua}"));
            Assert.Contains("2026-10-15", await page.GetStringAsync($"/Supervision/Licensing/{id}"));
        }
        finally
        {
            Factory.Clock.Offset = TimeSpan.Zero;
        }
    }

    [DbFact]
    public async Task Bad_input_and_other_bureaus_or_regions_change_nothing()
    {
        var huangbao = await HuangbaoId();
        var orgadmin = await As("orgadmin");
        var wjw = await As("wjw");
        async Task<int> Count() => (await wjw.GetJson($"/api/licensing/applications?organizationId={huangbao}")).AsArray().Count;
        var before = await Count();

        using (var r = await orgadmin.PostAsJsonAsync("/api/licensing/applications", new { kind = "bogus", medicalBeds = -1 }, JsonApi.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.True(JsonApi.IsChinese(p.FieldErrors("kind").Single()));
            Assert.NotEmpty(p.FieldErrors("medicalBeds"));
        }
        using (var r = await orgadmin.PostAsJsonAsync("/api/licensing/applications", new { kind = "care-filing" }, JsonApi.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("kind")); // an integrated organization files as such
        using (var r = await orgadmin.PostAsJsonAsync("/api/licensing/applications", new { kind = "medical-setup", elderCareBeds = 5 }, JsonApi.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("elderCareBeds"));
        using (var r = await wjw.PostAsJsonAsync("/api/licensing/applications", new { kind = "medical-practice" }, JsonApi.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("organizationId"));
        using (var r = await (await As("mzj")).PostAsJsonAsync("/api/licensing/applications", new { kind = "medical-practice", organizationId = huangbao }, JsonApi.Json))
            await r.ShouldBeProblem(HttpStatusCode.Forbidden); // 民政 does not register medical licences
        using (var r = await (await OtherDistrictRegulator()).PostAsJsonAsync("/api/licensing/applications", new { kind = "medical-practice", organizationId = huangbao }, JsonApi.Json))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await (await As("doctor")).GetAsync("/api/licensing/applications")) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var r = await (await As("jdy1")).GetAsync("/api/licensing/applications")) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var r = await wjw.GetAsync("/api/licensing/applications?status=bogus")) await r.ShouldBeProblem(HttpStatusCode.BadRequest);
        using (var r = await wjw.GetAsync("/api/licences?expiringWithinDays=-1")) await r.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal(before, await Count());

        // a paper application registered by the bureau, once
        var app = await wjw.PostJson("/api/licensing/applications", new { kind = "medical-practice", organizationId = huangbao, medicalBeds = 20 }, HttpStatusCode.Created);
        Assert.True((bool)app["onBehalf"]!);
        using (var r = await wjw.PostAsJsonAsync("/api/licensing/applications", new { kind = "medical-practice", organizationId = huangbao }, JsonApi.Json))
            Assert.Equal("application-open", (string?)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]);
        using (var r = await orgadmin.GetAsync($"/api/licensing/applications/{app.Id()}")) await r.ShouldBeProblem(HttpStatusCode.NotFound); // not 金华's
        using (var r = await wjw.PostAsJsonAsync($"/api/licensing/applications/{app.Id()}/documents",
                   new { documentType = "bogus", fileName = "../x.pdf", contentType = "text/html", contentBase64 = "%%%" }, JsonApi.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("documentType"));
        }
        Assert.Empty((await wjw.GetJson($"/api/licensing/applications/{app.Id()}"))["documents"]!.AsArray());
        await UploadAll(wjw, app);

        // a year without a working-day calendar: acceptance is a 422 and nothing changes
        try
        {
            MoveClockTo(2024, 12, 20); // no calendar for 2024
            using var r = await Post(wjw, $"/api/licensing/applications/{app.Id()}/accept");
            Assert.Equal("calendar-missing", (string?)(await r.ShouldBeProblem(HttpStatusCode.UnprocessableEntity))["code"]);
        }
        finally
        {
            Factory.Clock.Offset = TimeSpan.Zero;
        }
        Assert.Equal("submitted", (string?)(await wjw.GetJson($"/api/licensing/applications/{app.Id()}"))["status"]);
        var withdrawn = await Ok(wjw, $"/api/licensing/applications/{app.Id()}/withdraw");
        Assert.Equal("withdrawn", (string?)withdrawn["status"]);
        using (var r = await Post(wjw, $"/api/licensing/applications/{app.Id()}/accept")) await r.ShouldBeProblem(HttpStatusCode.Conflict);
        // the database itself refuses to reopen a withdrawn application (the state machine's trigger)
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Database
            .ExecuteSqlAsync($"UPDATE supervision_licence_application SET status = 'submitted' WHERE id = {app.Id()}")));
    }

    [DbFact]
    public async Task The_admin_applies_on_the_page_with_the_kinds_of_the_organization()
    {
        using var orgadmin = await PageClient.LoggedIn(Factory, "orgadmin");
        var form = new HtmlParser().ParseDocument(await orgadmin.GetStringAsync("/Supervision/Licensing/Apply"));
        var kinds = form.QuerySelectorAll("#kind option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();
        Assert.Contains("integrated-filing", kinds); // 金华 is an integrated organization
        Assert.DoesNotContain("care-filing", kinds);
        Assert.Null(form.GetElementById("organizationId")); // their own organization only
        using (var bad = await orgadmin.PostForm("/Supervision/Licensing/Apply", "/Supervision/Licensing/Apply", new() { ["Kind"] = "", ["MedicalBeds"] = "-3" }))
        {
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.NotNull(doc.QuerySelector("#kind.is-invalid"));
            Assert.NotNull(doc.QuerySelector("#medicalBeds.is-invalid"));
        }
        using var created = await orgadmin.PostForm("/Supervision/Licensing/Apply", "/Supervision/Licensing/Apply",
            new() { ["Kind"] = "inner-medical-filing", ["Note"] = "老年公寓内设医务室" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var page = new HtmlParser().ParseDocument(await orgadmin.GetStringAsync(url));
        Assert.Equal("submitted", page.GetElementById("application-status")!.GetAttribute("data-status"));
        Assert.Equal(3, page.QuerySelectorAll("#required-documents li[data-uploaded='false']").Length);
        Assert.NotNull(page.GetElementById("document-form"));
        Assert.Null(page.GetElementById("accept-form")); // the bureau accepts, not the applicant
        Assert.Empty(page.QuerySelectorAll("main script, main [style]"));
        using var wjw = await PageClient.LoggedIn(Factory, "wjw");
        Assert.NotNull(new HtmlParser().ParseDocument(await wjw.GetStringAsync(url)).GetElementById("accept-form"));
        using var mzj = await PageClient.LoggedIn(Factory, "mzj");
        Assert.Equal(HttpStatusCode.NotFound, (await mzj.GetAsync(url)).StatusCode); // 民政 does not decide it
    }

    [DbFact]
    public async Task Overdue_applications_and_expiring_licences_are_on_the_bureaus_lists()
    {
        var huangbao = await HuangbaoId();
        var wjw = await As("wjw");
        var mzj = await As("mzj");
        int id;
        try
        {
            MoveClockTo(2026, 3, 2);
            var app = await wjw.PostJson("/api/licensing/applications", new { kind = "medical-setup", organizationId = huangbao }, HttpStatusCode.Created);
            id = (int)app.Id();
            await UploadAll(wjw, app);
            var accepted = await Ok(wjw, $"/api/licensing/applications/{id}/accept");
            Assert.Equal("2026-03-16", (string?)accepted["deadlineOn"]);
            MoveClockTo(2026, 3, 16);
            Assert.DoesNotContain((long)id, (await wjw.GetJson("/api/licensing/applications?overdue=true")).AsArray().Select(a => a!.Id()));
            MoveClockTo(2026, 3, 17);
            var overdue = (await wjw.GetJson("/api/licensing/applications?overdue=true")).AsArray().Single(a => a!.Id() == id)!;
            Assert.True((bool)overdue["overdue"]!);
            Assert.DoesNotContain((long)id, (await mzj.GetJson("/api/licensing/applications?overdue=true")).AsArray().Select(a => a!.Id()));
            var refused = await Ok(wjw, $"/api/licensing/applications/{id}/decision", new { outcome = "refused", reason = "选址不符合区域卫生规划" });
            Assert.False((bool)refused["decidedInTime"]!);
            Assert.Null(refused["licenceId"]);
        }
        finally
        {
            Factory.Clock.Offset = TimeSpan.Zero;
        }

        // the demo licence of 黄堡镇中心卫生院 expires within 60 days (seeded when the calendar covers the dates)
        if (DateTime.UtcNow.AddHours(8).Year > 2026) return;
        var expiring = (await wjw.GetJson("/api/licences?expiringWithinDays=60")).AsArray();
        var demo = expiring.Single(l => ((string)l!["licenceNo"]!).EndsWith("DEMO01", StringComparison.Ordinal))!;
        Assert.True((bool)demo["expiring"]!);
        Assert.Equal(huangbao, (long)demo["organizationId"]!);
        Assert.DoesNotContain((await mzj.GetJson("/api/licences?expiringWithinDays=60")).AsArray(), l => (long)l!["organizationId"]! == huangbao);
        using var page = await PageClient.LoggedIn(Factory, "wjw");
        var list = await page.GetStringAsync("/Supervision/Licensing");
        Assert.Contains((string)demo["licenceNo"]!, list);
        using var civil = await PageClient.LoggedIn(Factory, "mzj");
        Assert.Contains("待补正", await civil.GetStringAsync("/Supervision/Licensing"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LicensingApiTestsSqlite(SqliteAppFixture f) : LicensingApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class LicensingApiTestsPostgres(PostgresAppFixture f) : LicensingApiTests(f), IPostgresTests;
