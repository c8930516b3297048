using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Supervision;
using Yiyang.Tests.Infrastructure;
using static Yiyang.Tests.Supervision.InspectionTestData;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Supervision;

/// <summary>On-site inspection and 整改 to closure on both databases (docs/domain/supervision.md#on-site-inspection).</summary>
public abstract class InspectionApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    /// <summary>Moves the app's clock to 10:00 China time of the day (back from now: the cached bearer tokens stay valid).</summary>
    private void MoveClockTo(int year, int month, int day) =>
        Factory.Clock.Offset = new DateTimeOffset(year, month, day, 2, 0, 0, TimeSpan.Zero) - DateTimeOffset.UtcNow;

    [DbFact]
    public async Task Plan_draw_inspection_finding_response_recheck_and_close()
    {
        var e = await DrawJinhua(As, await JinhuaId());
        var first = await As(e.InspectorNames[0]);
        var second = await As(e.InspectorNames[1]);
        var wjw = await As("wjw");
        var orgadmin = await As("orgadmin");
        var stranger = await OtherOrganizationsAdmin();
        try
        {
            MoveClockTo(2026, 9, 28); // a Monday before 国庆: the deadlines cross the holiday and the make-up Saturday
            var i = await first.PostJson("/api/inspections", new { drawId = e.DrawId, organizationId = e.OrganizationId }, HttpStatusCode.Created);
            var id = i.Id();
            Assert.Equal("draft", (string?)i["status"]);
            Assert.True(i["items"]!.AsArray().Count >= 5);
            Assert.All(i["items"]!.AsArray(), x => Assert.Null((string?)x!["result"]));
            Assert.NotNull(i["zoning"]); // 金华 is an integrated organization: its recorded zoning is shown
            using (var again = await second.PostAsJsonAsync("/api/inspections", new { drawId = e.DrawId, organizationId = e.OrganizationId }, JsonApi.Json))
                Assert.Equal("inspection-exists", (string?)(await again.ShouldBeProblem(HttpStatusCode.Conflict))["code"]);

            using (var r = await second.PutJson($"/api/inspections/{id}/results", AllResults(i, 1, 2)))
                await r.ShouldBe(HttpStatusCode.OK);
            var photo = await first.PostJson($"/api/inspections/{id}/photos", new { fileName = "厨房.jpg", contentType = "image/jpeg", contentBase64 = Jpeg, itemPosition = 1 },
                HttpStatusCode.Created);
            using (var fake = await first.PostAsJsonAsync($"/api/inspections/{id}/photos", new { fileName = "x.png", contentType = "image/png", contentBase64 = Jpeg }, JsonApi.Json))
                Assert.True(JsonApi.IsChinese((await fake.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("contentBase64").Single()));

            using (var unsigned = await first.PostAsJsonAsync($"/api/inspections/{id}/finish", new { presentInspectorIds = e.InspectorIds }, JsonApi.Json))
                Assert.Equal("inspection-incomplete", (string?)(await unsigned.ShouldBeProblem(HttpStatusCode.UnprocessableEntity))["code"]);
            using (var sign = await first.PutJson($"/api/inspections/{id}/signature", new { representativeName = "王院长", signaturePng = "data:image/png;base64," + Png }))
                await sign.ShouldBe(HttpStatusCode.OK);
            using (var alone = await first.PostAsJsonAsync($"/api/inspections/{id}/finish", new { presentInspectorIds = Array.Empty<long>() }, JsonApi.Json))
                Assert.Contains("至少 2 名", (string)(await alone.ShouldBeProblem(HttpStatusCode.UnprocessableEntity))["detail"]!);

            using (var drafts = await wjw.GetAsync($"/api/inspections/{id}"))
                await drafts.ShouldBeProblem(HttpStatusCode.NotFound); // nobody else sees drafts
            var done = await first.PostJson($"/api/inspections/{id}/finish", new { presentInspectorIds = e.InspectorIds }, HttpStatusCode.OK);
            Assert.Equal("finished", (string?)done["status"]);
            Assert.Equal("2026-09-28", (string?)done["finishedOn"]);
            Assert.Equal("2026-10-30", (string?)done["publicationDueOn"]); // 20 working days across 国庆, 10月10日 counted
            Assert.Equal("non-compliant", (string?)done["outcome"]);
            Assert.Equal(2, (int)done["failCount"]!);
            Assert.True((bool)done["signed"]!);
            Assert.All(done["inspectors"]!.AsArray(), x => Assert.True((bool)x!["present"]!));

            using (var immutable = await second.PutJson($"/api/inspections/{id}/results", AllResults(i)))
                Assert.Equal("inspection-finished", (string?)(await immutable.ShouldBeProblem(HttpStatusCode.Conflict))["code"]);
            Assert.Equal("finished", (string?)(await wjw.GetJson($"/api/inspections/{id}"))["status"]); // the bureau reads finished ones
            using (var pic = await wjw.GetAsync($"/api/inspections/{id}/photos/{photo.Id()}"))
                Assert.Equal("image/jpeg", pic.Content.Headers.ContentType?.MediaType);

            var finding = await second.PostJson($"/api/inspections/{id}/findings", new
            {
                itemPosition = 1,
                severity = "moderate",
                legalBasis = "《养老机构管理办法》第三十条",
                requirement = "完善食品留样制度",
                deadlineWorkingDays = 5,
            }, HttpStatusCode.Created);
            Assert.Equal("2026-10-10", (string?)finding["dueOn"]); // the 5th working day is the make-up Saturday
            var unanswered = await second.PostJson($"/api/inspections/{id}/findings", new
            {
                itemPosition = 2,
                severity = "serious",
                legalBasis = "《消防法》第十六条",
                requirement = "疏通消防通道",
                deadlineWorkingDays = 3,
            }, HttpStatusCode.Created);
            using (var passed = await second.PostAsJsonAsync($"/api/inspections/{id}/findings", new
            {
                itemPosition = 3,
                severity = "minor",
                legalBasis = "x",
                requirement = "y",
                deadlineWorkingDays = 3,
            }, JsonApi.Json))
                Assert.Equal("item-not-failed", (string?)(await passed.ShouldBeProblem(HttpStatusCode.UnprocessableEntity))["code"]);
            using (var early = await second.PostAsJsonAsync($"/api/findings/{unanswered.Id()}/recheck", new { outcome = "escalated", note = "未整改" }, JsonApi.Json))
                await early.ShouldBeProblem(HttpStatusCode.Conflict); // not yet overdue

            Factory.Clock.Offset = TimeSpan.Zero; // today: both findings are past their due dates
            var overdue = (await wjw.GetJson("/api/findings?overdue=true")).AsArray().Select(f => f!.Id()).ToList();
            Assert.Contains(finding.Id(), overdue);
            Assert.Contains(unanswered.Id(), overdue);

            using (var r = await stranger.PostAsJsonAsync($"/api/findings/{finding.Id()}/response", new { text = "不是我的" }, JsonApi.Json))
                await r.ShouldBeProblem(HttpStatusCode.NotFound); // the admin of another organization
            using (var r = await stranger.GetAsync($"/api/findings/{finding.Id()}"))
                await r.ShouldBeProblem(HttpStatusCode.NotFound);
            var answered = await orgadmin.PostJson($"/api/findings/{finding.Id()}/response", new { text = "已建立食品留样台账并培训" }, HttpStatusCode.OK);
            Assert.Equal("answered", (string?)answered["status"]);
            await orgadmin.PostJson($"/api/findings/{finding.Id()}/evidence", new { fileName = "台账.png", contentType = "image/png", contentBase64 = Png }, HttpStatusCode.Created);
            Assert.DoesNotContain(finding.Id(), (await wjw.GetJson("/api/findings?overdue=true")).AsArray().Select(f => f!.Id()));
            using (var notYours = await wjw.PostAsJsonAsync($"/api/findings/{finding.Id()}/recheck", new { outcome = "closed", note = "x" }, JsonApi.Json))
                await notYours.ShouldBeProblem(HttpStatusCode.Forbidden);

            var closed = await first.PostJson($"/api/findings/{finding.Id()}/recheck", new { outcome = "closed", note = "复查合格，销号" }, HttpStatusCode.OK);
            Assert.Equal("closed", (string?)closed["status"]);
            Assert.Single(closed["evidence"]!.AsArray());
            using (var late = await orgadmin.PostAsJsonAsync($"/api/findings/{finding.Id()}/response", new { text = "补充" }, JsonApi.Json))
                await late.ShouldBeProblem(HttpStatusCode.Conflict);
            var escalated = await first.PostJson($"/api/findings/{unanswered.Id()}/recheck", new { outcome = "escalated", note = "逾期未整改，移交处理" }, HttpStatusCode.OK);
            Assert.Equal("escalated", (string?)escalated["status"]);

            var history = await orgadmin.GetJson("/api/inspections/history");
            var entry = history["inspections"]!.AsArray().Single(x => (long)x!["inspectionId"]! == id)!;
            Assert.Equal(2, (int)entry["findings"]!);
            Assert.Equal(1, (int)entry["findingsClosed"]!);
            Assert.Equal(1, (int)entry["findingsEscalated"]!);
            Assert.Contains(history["inspections"]!.AsArray(), x => (long)x!["inspectionId"]! == id);
            Assert.Contains((await wjw.GetJson($"/api/inspections/history?organizationId={e.OrganizationId}"))["inspections"]!.AsArray(),
                x => (long)x!["inspectionId"]! == id);

            // 一公开: the bureau sees the result overdue for publication, publishes it (late), and the public reads it
            var pending = (await wjw.GetJson("/api/inspections/results?pending=true")).AsArray().Single(r => (long)r!["inspectionId"]! == id)!;
            Assert.True((bool)pending["overdue"]!);
            var anonymous = Factory.Anonymous();
            var before = await anonymous.GetJson($"/api/public/inspection-results?regionCode=610202&year={DateTime.UtcNow.AddHours(8).Year}");
            Assert.Null(before["plans"]!.AsArray().Single(p => (long)p!["planId"]! == e.PlanId)!["entities"]!.AsArray()
                .Single(x => (long)x!["organizationId"]! == e.OrganizationId)!["inspection"]);
            var published = await wjw.PostJson($"/api/inspections/{id}/publish", new { }, HttpStatusCode.Created);
            Assert.True((bool)published["late"]!);
            using (var twice = await wjw.PostAsJsonAsync($"/api/inspections/{id}/publish", new { }, JsonApi.Json))
                Assert.Equal("already-published", (string?)(await twice.ShouldBeProblem(HttpStatusCode.Conflict))["code"]);
            using (var notHers = await (await As("ybj")).PostAsJsonAsync($"/api/inspections/{id}/publish", new { }, JsonApi.Json))
                await notHers.ShouldBeProblem(HttpStatusCode.NotFound); // another bureau's plan
            using (var publicBody = await anonymous.GetAsync($"/api/public/inspection-results?regionCode=610202&year={DateTime.UtcNow.AddHours(8).Year}"))
            {
                var text = await publicBody.Content.ReadAsStringAsync();
                Assert.DoesNotContain("王院长", text); // no personal data: the representative
                Assert.All(e.InspectorNames, n => Assert.DoesNotContain(n, text));
                var plan = (await publicBody.ReadJson())["plans"]!.AsArray().Single(p => (long)p!["planId"]! == e.PlanId)!;
                Assert.Equal(e.DrawId, (long)plan["drawId"]!);
                var result = plan["entities"]!.AsArray().Single(x => (long)x!["organizationId"]! == e.OrganizationId)!["inspection"]!;
                Assert.Equal("non-compliant", (string?)result["outcome"]);
                Assert.Equal("2026-10-30", (string?)result["publicationDueOn"]);
                Assert.True((bool)result["late"]!);
                Assert.Equal(1, (int)result["findingsClosed"]!);
                Assert.Equal(1, (int)result["findingsEscalated"]!);
                Assert.Null(result["inspectors"]); // Supervision:PublishInspectorNames is off by default
            }
            var settings = Factory.Services.GetRequiredService<IOptions<SupervisionOptions>>().Value;
            settings.PublishInspectorNames = true; // names and certificate numbers of the inspectors present, nothing more
            try
            {
                var named = (await anonymous.GetJson($"/api/public/inspection-results?regionCode=610202&year={DateTime.UtcNow.AddHours(8).Year}"))["plans"]!.AsArray()
                    .Single(p => (long)p!["planId"]! == e.PlanId)!["entities"]!.AsArray().Single(x => (long)x!["organizationId"]! == e.OrganizationId)!["inspection"]!;
                var people = named["inspectors"]!.AsArray();
                Assert.Equal(2, people.Count);
                Assert.All(people, p => Assert.Equal(["name", "certificateNo"], p!.AsObject().Select(kv => kv.Key)));
            }
            finally
            {
                settings.PublishInspectorNames = false;
            }
            using (var bad = await anonymous.GetAsync("/api/public/inspection-results?regionCode=99&year=1"))
            {
                var p = await bad.ShouldBeProblem(HttpStatusCode.BadRequest);
                Assert.NotEmpty(p.FieldErrors("regionCode"));
                Assert.NotEmpty(p.FieldErrors("year"));
            }
            Assert.Contains("逾期公示", await anonymous.GetStringAsync($"/Public/InspectionResults?regionCode=610202"));

            // the pages: the bureau's work list, the finding, the history from the organization's page
            using var regulator = await PageClient.LoggedIn(Factory, "wjw");
            Assert.Contains($"/Supervision/Findings/{finding.Id()}", await regulator.GetStringAsync("/Supervision/Findings"));
            Assert.Contains("已销号", await regulator.GetStringAsync($"/Supervision/Findings/{finding.Id()}"));
            Assert.Contains($"/Supervision/History?organizationId={e.OrganizationId}", await regulator.GetStringAsync($"/Organizations/Details/{e.OrganizationId}"));
            var historyPage = await regulator.GetStringAsync($"/Supervision/History?organizationId={e.OrganizationId}");
            Assert.Contains($"data-inspection=\"{id}\"", historyPage);
            Assert.DoesNotContain("<script>", historyPage);
            var inspectionPage = await regulator.GetStringAsync($"/Supervision/Inspections/{id}");
            Assert.Contains("2026-10-30", inspectionPage);
            Assert.DoesNotContain("id=\"finish\"", inspectionPage); // finished: no form to record
            Assert.Contains("（逾期公示）", await regulator.GetStringAsync("/Supervision/Results"));

            var audit = (await (await As("auditor")).GetJson($"/api/audit?action=supervision.inspection.finish&subjectId={id}&pageSize=1"))["items"]!.AsArray().Single()!;
            Assert.Contains("publicationDue=2026-10-30", (string)audit["detail"]!);
        }
        finally
        {
            Factory.Clock.Offset = TimeSpan.Zero;
        }
    }

    [DbFact]
    public async Task Only_the_drawn_inspectors_record_and_nobody_else_sees_drafts()
    {
        var e = await DrawJinhua(As, await JinhuaId());
        var first = await As(e.InspectorNames[0]);
        using (var stranger = await (await As("jdy2")).PostAsJsonAsync("/api/inspections", new { drawId = e.DrawId, organizationId = e.OrganizationId }, JsonApi.Json))
            await stranger.ShouldBeProblem(HttpStatusCode.NotFound); // jdy2 withdraws from 金华: never drawn for it
        using (var bad = await first.PostAsJsonAsync("/api/inspections", new { }, JsonApi.Json))
            Assert.NotEmpty((await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("drawId"));
        var i = await first.PostJson("/api/inspections", new { drawId = e.DrawId, organizationId = e.OrganizationId }, HttpStatusCode.Created);
        var id = i.Id();

        foreach (var other in new[] { "jdy2", "wjw", "mzj", "orgadmin" })
            using (var r = await (await As(other)).GetAsync($"/api/inspections/{id}"))
                await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await (await As("jdy2")).PutJson($"/api/inspections/{id}/results", AllResults(i)))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await (await As("doctor")).GetAsync($"/api/inspections/{id}"))
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var stale = await first.PutJson($"/api/inspections/{id}/results", AllResults(i), "W/\"9\""))
            await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        using (var bad = await first.PutJson($"/api/inspections/{id}/results", new { items = new[] { new { position = 1, result = "maybe" } } }))
            Assert.True(JsonApi.IsChinese((await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("items").Single()));
        using (var unsigned = await first.PutJson($"/api/inspections/{id}/signature", new { representativeName = "", signaturePng = Jpeg }))
        {
            var p = await unsigned.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("representativeName"));
            Assert.NotEmpty(p.FieldErrors("signaturePng"));
        }
        Assert.DoesNotContain((await (await As("wjw")).GetJson("/api/findings")).AsArray(), f => (long)f!["inspectionId"]! == id);

        // a year without a working-day calendar: finishing is a 422 and nothing changes
        using (await first.PutJson($"/api/inspections/{id}/results", AllResults(i))) { }
        using (await first.PutJson($"/api/inspections/{id}/signature", new { representativeName = "代表", signaturePng = Png })) { }
        try
        {
            MoveClockTo(2024, 12, 20);
            using var r = await first.PostAsJsonAsync($"/api/inspections/{id}/finish", new { presentInspectorIds = e.InspectorIds }, JsonApi.Json);
            Assert.Equal("calendar-missing", (string?)(await r.ShouldBeProblem(HttpStatusCode.UnprocessableEntity))["code"]);
        }
        finally
        {
            Factory.Clock.Offset = TimeSpan.Zero;
        }
        Assert.Equal("draft", (string?)(await first.GetJson($"/api/inspections/{id}"))["status"]);
    }

    [DbFact]
    public async Task The_demo_has_a_finished_inspection_with_an_open_overdue_finding()
    {
        // the demo inspection is dated five weeks back; its dates need a calendar (seeded: 2025 and 2026)
        if (DateTime.UtcNow.AddHours(8).AddDays(-35).Year > 2026) return;
        var wjw = await As("wjw");
        var overdue = (await wjw.GetJson("/api/findings?overdue=true")).AsArray();
        var demo = overdue.Single(f => ((string)f!["requirement"]!).Contains("物理隔断"))!;
        Assert.Equal("open", (string?)demo["status"]);
        var inspection = await wjw.GetJson($"/api/inspections/{demo["inspectionId"]}");
        Assert.Equal("finished", (string?)inspection["status"]);
        Assert.True((bool)inspection["signed"]!);
        Assert.Equal(2, inspection["inspectors"]!.AsArray().Count(i => (bool)i!["present"]!));
    }

    /// <summary>An institution admin of 黄堡镇中心卫生院 (another organization than 金华).</summary>
    private async Task<HttpClient> OtherOrganizationsAdmin()
    {
        var name = "ja" + Guid.NewGuid().ToString("N")[..10];
        await (await As("security")).PostJson("/api/users", new
        {
            userName = name,
            displayName = "黄堡管理员",
            password = AppFactory.DemoPassword,
            role = "institution-admin",
            organizationId = await HuangbaoId(),
        }, HttpStatusCode.Created);
        return await As(name);
    }

    [DbFact]
    public async Task The_admin_of_another_organization_does_not_reach_its_history()
    {
        var other = await OtherOrganizationsAdmin();
        using (var r = await other.GetAsync($"/api/inspections/history?organizationId={await JinhuaId()}"))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await other.GetJson("/api/findings")).AsArray(), f => (long)f!["organizationId"]! != 0);
        using (var r = await other.GetAsync("/api/findings?status=bogus"))
            await r.ShouldBeProblem(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class InspectionApiTestsSqlite(SqliteAppFixture f) : InspectionApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class InspectionApiTestsPostgres(PostgresAppFixture f) : InspectionApiTests(f), IPostgresTests;
