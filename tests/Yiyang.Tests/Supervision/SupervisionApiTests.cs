using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Supervision;

/// <summary>The two lists, plans and draws on both databases (docs/domain/supervision.md).</summary>
public abstract class SupervisionApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Plans = "/api/inspections/plans";

    private async Task<long> UserId(string userName) =>
        (await (await As("security")).GetJson("/api/users")).AsArray().Single(u => (string?)u!["userName"] == userName)!.Id();

    /// <summary>A fresh health-bureau inspector of 王益区, created by the security admin.</summary>
    private async Task<(long Id, string UserName)> NewInspector()
    {
        var name = "jd" + Guid.NewGuid().ToString("N")[..10];
        var u = await (await As("security")).PostJson("/api/users", new
        {
            userName = name,
            displayName = "测试监督员",
            password = AppFactory.DemoPassword,
            role = "inspector",
            bureau = "health",
            regionCode = "610202",
        }, HttpStatusCode.Created);
        Assert.Equal("监督员", (string?)u["roleName"]);
        Assert.Equal("health", (string?)u["bureau"]);
        return (u.Id(), name);
    }

    private static object PlanBody(string? regionCode = "610202", decimal? ratio = null, string[]? kinds = null, string[]? joint = null, string bureau = "health") => new
    {
        name = TestData.Name("抽查计划"),
        bureau,
        jointBureaus = joint,
        year = DateTime.UtcNow.AddHours(8).Year,
        ratioPercent = ratio,
        organizationKinds = kinds,
        regionCode,
    };

    [DbFact]
    public async Task The_security_admin_creates_inspectors_bound_to_a_bureau_and_region()
    {
        await NewInspector();
        using var r = await (await As("security")).PostAsJsonAsync("/api/users", new
        {
            userName = "jd" + Guid.NewGuid().ToString("N")[..10],
            displayName = "无部门",
            password = AppFactory.DemoPassword,
            role = "inspector",
            regionCode = "610202",
        }, JsonApi.Json);
        Assert.Contains("监督员", (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("bureau").Single());
    }

    [DbFact]
    public async Task The_regulator_keeps_certificates_and_conflicts_of_their_bureaus_inspectors()
    {
        var (id, _) = await NewInspector();
        var wjw = await As("wjw");
        Assert.Contains((await wjw.GetJson("/api/inspectors")).AsArray(), i => i!.Id() == id && i!["certificateNo"] is null);
        Assert.DoesNotContain((await (await As("mzj")).GetJson("/api/inspectors")).AsArray(), i => i!.Id() == id);

        var number = "T" + Random.Shared.Next(100000, 999999);
        using (var bad = await wjw.PutJson($"/api/inspectors/{id}/certificate", new { certificateNo = "x", validFrom = "2026-01-01", validUntil = "2025-01-01" }))
        {
            var p = await bad.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("certificateNo"));
            Assert.NotEmpty(p.FieldErrors("validUntil"));
        }
        using (var ok = await wjw.PutJson($"/api/inspectors/{id}/certificate", new { certificateNo = number, validFrom = "2025-01-01", validUntil = "2030-12-31" }))
        {
            await ok.ShouldBe(HttpStatusCode.OK);
            var dto = await ok.ReadJson();
            Assert.True((bool)dto["certificateValid"]!);
            Assert.Equal(1, (int)dto["version"]!);
        }
        using (var stale = await wjw.PutJson($"/api/inspectors/{id}/certificate", new { certificateNo = number, validFrom = "2025-01-01", validUntil = "2031-12-31" }, "W/\"5\""))
            await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        var jdy1 = await UserId("jdy1");
        using (var taken = await wjw.PutJson($"/api/inspectors/{jdy1}/certificate", new { certificateNo = number, validFrom = "2025-01-01", validUntil = "2030-12-31" }, "*"))
            Assert.Equal("certificate-exists", (string?)(await taken.ShouldBeProblem(HttpStatusCode.Conflict))["code"]);

        var jinhua = await JinhuaId();
        var c = await wjw.PostJson($"/api/inspectors/{id}/conflicts", new { organizationId = jinhua, reason = "近亲属在该机构任职" }, HttpStatusCode.Created);
        Assert.Equal(jinhua, (long)c["organizationId"]!);
        using (var again = await wjw.PostAsJsonAsync($"/api/inspectors/{id}/conflicts", new { organizationId = jinhua, reason = "重复" }, JsonApi.Json))
            await again.ShouldBeProblem(HttpStatusCode.Conflict);
        using (var noReason = await wjw.PostAsJsonAsync($"/api/inspectors/{id}/conflicts", new { organizationId = jinhua }, JsonApi.Json))
            Assert.NotEmpty((await noReason.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason"));
        var list = (await wjw.GetJson($"/api/inspectors/{id}/conflicts")).AsArray();
        Assert.Equal("近亲属在该机构任职", (string?)list.Single()!["reason"]);

        using (var other = await (await As("mzj")).PostAsJsonAsync($"/api/inspectors/{id}/conflicts", new { organizationId = jinhua, reason = "x" }, JsonApi.Json))
            await other.ShouldBeProblem(HttpStatusCode.NotFound); // another bureau's inspector
        using (var city = await (await As("city")).GetAsync("/api/inspectors"))
            await city.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task A_plan_counts_its_entity_list_and_rounds_the_sample_up()
    {
        var wjw = await As("wjw");
        var p = await wjw.PostJson(Plans, PlanBody(), HttpStatusCode.Created);
        var count = (int)p["entityCount"]!;
        Assert.True(count >= 10, $"{count} organizations");
        Assert.Equal((count * 3 + 99) / 100, (int)p["sampleSize"]!); // the default 3 %
        Assert.Equal(3m, (decimal)p["ratioPercent"]!);
        Assert.Equal(2, (int)p["inspectorsPerEntity"]!);
        Assert.Equal("draft", (string?)p["status"]);

        // the insurance bureau's designated care homes: none in the demo district — 0, no error
        var empty = await (await As("ybj")).PostJson(Plans, PlanBody(kinds: ["elderly-care"], bureau: "insurance"), HttpStatusCode.Created);
        Assert.Equal(0, (int)empty["entityCount"]!);
        Assert.Equal(0, (int)empty["sampleSize"]!);
        var none = await (await As("ybj")).PostJson($"{Plans}/{empty.Id()}/draw", new { }, HttpStatusCode.Created);
        Assert.Empty(none["entities"]!.AsArray());

        using (var bad = await wjw.PostAsJsonAsync(Plans, new
        {
            name = "",
            bureau = "civil-affairs",
            ratioPercent = 0.001,
            organizationKinds = new[] { "hospital" },
            regionCode = "610203",
            inspectorsPerEntity = 1
        }, JsonApi.Json))
        {
            var problem = await bad.ShouldBeProblem(HttpStatusCode.BadRequest);
            foreach (var f in new[] { "name", "bureau", "ratioPercent", "organizationKinds", "regionCode", "inspectorsPerEntity" })
                Assert.True(JsonApi.IsChinese(problem.FieldErrors(f).Single()), f);
        }
        using (var doctor = await (await As("doctor")).PostAsJsonAsync(Plans, PlanBody(), JsonApi.Json))
            await doctor.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task A_joint_plan_is_drawn_by_its_lead_bureau_reproducibly_and_a_redraw_keeps_the_first()
    {
        var wjw = await As("wjw");
        var plan = await wjw.PostJson(Plans, PlanBody(ratio: 25, joint: ["civil-affairs"]), HttpStatusCode.Created);
        Assert.Equal(["health", "civil-affairs"], plan["bureaus"]!.AsArray().Select(b => (string)b!));
        var id = plan.Id();

        var mzj = await As("mzj");
        await mzj.GetJson($"{Plans}/{id}"); // a joint bureau reads it
        using (var notLead = await mzj.PostAsJsonAsync($"{Plans}/{id}/draw", new { }, JsonApi.Json))
            await notLead.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var other = await (await As("ybj")).GetAsync($"{Plans}/{id}"))
            await other.ShouldBeProblem(HttpStatusCode.NotFound); // nobody else sees drafts
        using (var inspector = await (await As("jdy1")).GetAsync($"{Plans}/{id}"))
            await inspector.ShouldBeProblem(HttpStatusCode.Forbidden);

        var first = await wjw.PostJson($"{Plans}/{id}/draw", new { seed = "test-seed-1" }, HttpStatusCode.Created);
        Assert.Equal("test-seed-1", (string?)first["seed"]);
        var entities = first["entities"]!.AsArray();
        Assert.Equal((int)first["sampleSize"]!, entities.Count);
        Assert.True(entities.Count >= 3);
        Assert.All(entities, e => Assert.Equal(2, e!["inspectorIds"]!.AsArray().Select(i => (long)i!).Distinct().Count()));

        using (var noReason = await wjw.PostAsJsonAsync($"{Plans}/{id}/draw", new { seed = "test-seed-1" }, JsonApi.Json))
            Assert.NotEmpty((await noReason.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason"));
        var second = await wjw.PostJson($"{Plans}/{id}/draw", new { seed = "test-seed-1", reason = "核对抽取结果" }, HttpStatusCode.Created);
        Assert.Equal(2, (int)second["sequence"]!);
        Assert.Equal((string?)first["resultSha256"], (string?)second["resultSha256"]); // same seed, same lists: same result

        var earlier = await wjw.GetJson($"/api/inspections/draws/{first["drawId"]}");
        Assert.False((bool)earlier["current"]!);
        Assert.Equal((int)earlier["entityCount"]!, earlier["entityList"]!.AsArray().Count);
        var after = await wjw.GetJson($"{Plans}/{id}");
        Assert.Equal("drawn", (string?)after["status"]);
        Assert.Equal(2, after["draws"]!.AsArray().Count);
        Assert.Equal("核对抽取结果", (string?)after["draws"]![1]!["redrawReason"]);

        var audit = (await (await As("auditor")).GetJson($"/api/audit?action=supervision.redraw&subjectId={id}&pageSize=1"))["items"]!.AsArray().Single()!;
        Assert.Contains("seed=test-seed-1", (string)audit["detail"]!);
    }

    [DbFact]
    public async Task A_conflicted_inspector_withdraws_and_the_published_draw_reproduces_with_the_script()
    {
        var wjw = await As("wjw");
        // every organization drawn: the inspector jdy3 conflicts with all the township's organizations
        var plan = await wjw.PostJson(Plans, PlanBody(regionCode: "610202005", ratio: 100), HttpStatusCode.Created);
        var jdy3 = await UserId("jdy3");
        var orgIds = (await (await As("city")).GetJson("/api/organizations?regionCode=610202005&pageSize=100"))["items"]!.AsArray().Select(o => o!.Id()).ToList();
        foreach (var org in orgIds)
            using (await wjw.PostAsJsonAsync($"/api/inspectors/{jdy3}/conflicts", new { organizationId = org, reason = "测试回避" }, JsonApi.Json)) { }

        var withdrawn = 0;
        for (var s = 0; s < 4; s++)
        {
            var draw = await wjw.PostJson($"{Plans}/{plan.Id()}/draw", new { seed = $"conflict-{s}", reason = s == 0 ? null : "测试回避" }, HttpStatusCode.Created);
            foreach (var e in draw["entities"]!.AsArray())
                if (orgIds.Contains((long)e!["organizationId"]!))
                    Assert.DoesNotContain(jdy3, e["inspectorIds"]!.AsArray().Select(i => (long)i!));
            foreach (var w in draw["withdrawals"]!.AsArray())
            {
                Assert.Equal(jdy3, (long)w!["inspectorId"]!);
                Assert.Equal("测试回避", (string?)w["reason"]);
                withdrawn++;
            }
            var published = await wjw.GetJson($"/api/inspections/draws/{draw["drawId"]}");
            var (code, output) = await Reproduce(published.ToJsonString());
            Assert.True(code == 0, output);
            Assert.Contains((string)published["resultSha256"]!, output);

            published["seed"] = "tampered";
            Assert.Equal(1, (await Reproduce(published.ToJsonString())).Code);
        }
        Assert.True(withdrawn > 0, "jdy3 was never drawn");
    }

    [DbFact]
    public async Task An_inspector_sees_the_organizations_of_the_current_draw_only_with_their_checklists()
    {
        var wjw = await As("wjw");
        var plan = await wjw.PostJson(Plans, PlanBody(regionCode: "610202100", ratio: 100, kinds: ["medical"]), HttpStatusCode.Created);
        var first = await wjw.PostJson($"{Plans}/{plan.Id()}/draw", new { seed = "mine-1" }, HttpStatusCode.Created);
        var users = (await (await As("security")).GetJson("/api/users")).AsArray();
        string NameOf(long id) => (string)users.Single(u => u!.Id() == id)!["userName"]!;
        var entity = first["entities"]![0]!;
        var inspector = NameOf((long)entity["inspectorIds"]![0]!);
        // a demo inspector, or one a test made with the demo password and a certificate
        var client = await As(inspector);
        var mine = (await client.GetJson("/api/inspections/my-assignments")).AsArray().Where(a => (long)a!["planId"]! == plan.Id()).ToList();
        Assert.Contains(mine, a => (long)a!["organizationId"]! == (long)entity["organizationId"]! && (long)a["drawId"]! == (long)first["drawId"]!);
        var task = mine.First()!;
        Assert.Equal("medical", (string?)task["organizationKind"]);
        Assert.Contains(task["checklists"]!.AsArray(), c => (string?)c!["bureau"] == "health");
        Assert.Single(task["fellowInspectors"]!.AsArray());
        await client.GetJson($"/api/inspections/checklists/{task["checklists"]![0]!.Id()}"); // the inspector reads the checklist

        var second = await wjw.PostJson($"{Plans}/{plan.Id()}/draw", new { seed = "mine-2", reason = "测试重新抽取" }, HttpStatusCode.Created);
        var now = (await client.GetJson("/api/inspections/my-assignments")).AsArray().Where(a => (long)a!["planId"]! == plan.Id()).ToList();
        Assert.All(now, a => Assert.Equal((long)second["drawId"]!, (long)a!["drawId"]!)); // the superseded draw is gone

        using (var regulator = await wjw.GetAsync("/api/inspections/my-assignments"))
            await regulator.ShouldBeProblem(HttpStatusCode.Forbidden);
        using var page = await PageClient.LoggedIn(Factory, inspector);
        var html = await page.GetStringAsync("/Supervision/MyInspections");
        Assert.Contains("href=\"/Supervision/MyInspections\"", html);
        Assert.Contains("卫生健康·医疗卫生机构检查表", html);
    }

    private static async Task<(int Code, string Output)> Reproduce(string json)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "scripts", "reproduce-draw.py"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, json);
        try
        {
            using var p = Process.Start(new ProcessStartInfo("python3", [Path.Combine(dir.FullName, "scripts", "reproduce-draw.py"), file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            return (p.ExitCode, output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SupervisionApiTestsSqlite(SqliteAppFixture f) : SupervisionApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class SupervisionApiTestsPostgres(PostgresAppFixture f) : SupervisionApiTests(f), IPostgresTests;
