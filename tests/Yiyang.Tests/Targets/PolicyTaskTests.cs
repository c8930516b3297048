using System.Net;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Targets;

/// <summary>The demo district's task table (王益区), its computed statuses and the lead bureau's progress reports.</summary>
public abstract class PolicyTaskTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task The_lead_bureau_reports_progress_and_a_task_reported_done_is_done()
    {
        var wjw = await As("wjw");
        var mzj = await As("mzj");
        var tasks = (await wjw.GetJson("/api/policy-tasks?regionCode=610202")).AsArray();
        Assert.Equal(29, tasks.Count(t => (string)t!["regionCode"]! == "610202"));
        var t7 = tasks.Single(t => (int)t!["number"]! == 7)!; // 养老服务志愿者: 民政 leads, not reported done
        Assert.Equal("civil-affairs", (string)t7["leadBureau"]!);
        Assert.Equal("overdue", (string)t7["status"]!);
        var t6 = tasks.Single(t => (int)t!["number"]! == 6)!; // judged by 医养签约合作率 against 100 %
        Assert.Equal("care-home-cooperation-rate", (string)t6["indicators"]![0]!["code"]!);
        Assert.Equal("behind", (string)t6["status"]!);
        Assert.All((await wjw.GetJson("/api/policy-tasks?status=done")).AsArray(), t => Assert.Equal("done", (string)t!["status"]!));

        var id = (long)t7["id"]!;
        await wjw.PostJson($"/api/policy-tasks/{id}/reports", new { text = "卫健代报", done = true }, HttpStatusCode.Forbidden);
        await mzj.PostJson($"/api/policy-tasks/{id}/reports", new { text = "  " }, HttpStatusCode.BadRequest);
        await mzj.PostJson($"/api/policy-tasks/{id}/reports", new { text = new string('长', 2001) }, HttpStatusCode.BadRequest);
        var detail = await mzj.GetJson($"/api/policy-tasks/{id}");
        Assert.True((bool)detail["mayReport"]!);
        Assert.Empty(detail["reports"]!.AsArray());
        var after = await mzj.PostJson($"/api/policy-tasks/{id}/reports", new { text = "志愿者登记储备制度已建立，积分制在 3 个街道推行。", done = true },
            HttpStatusCode.Created);
        Assert.Equal("done", (string)after["task"]!["status"]!);
        Assert.Single(after["reports"]!.AsArray());
        await (await As("doctor")).GetJson($"/api/policy-tasks/{id}", HttpStatusCode.Forbidden);
        await (await As("wjw")).GetJson("/api/policy-tasks/999999", HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task The_health_management_rates_show_the_target_the_bureau_set_for_the_district()
    {
        var city = await As("city");
        static decimal? Target(System.Text.Json.Nodes.JsonNode r, string code) =>
            (decimal?)r["indicators"]!.AsArray().Single(i => (string)i!["code"]! == code)!["target"];
        var wangyi = await city.GetJson("/api/indicators/health-management?regionCode=610202002");
        Assert.Equal(95m, Target(wangyi, "elderly-health-management")); // 王益区's table, carried forward, inherited by the township
        Assert.Equal(70m, Target(wangyi, "tcm-health-management")); // none set: the configured default
        var yintai = await city.GetJson("/api/indicators/health-management?regionCode=610203");
        Assert.Equal(65m, Target(yintai, "elderly-health-management"));
    }
}

public abstract class EvaluationReportTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task The_yearly_report_holds_every_indicator_with_five_years_the_townships_ranked_and_the_tasks()
    {
        var wjw = await As("wjw");
        var report = await wjw.GetJson("/api/indicators/report?regionCode=610202");
        var catalogue = (await wjw.GetJson("/api/indicators")).AsArray();
        var indicators = report["indicators"]!.AsArray();
        Assert.Equal(catalogue.Count, indicators.Count);
        Assert.All(indicators, i => Assert.Equal(5, i!["trend"]!.AsArray().Count));
        var ranking = report["ranking"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, ranking.Count), ranking.Select(r => (int)r!["rank"]!));
        var shares = ranking.Select(r => (decimal?)r!["metShare"] ?? -1).ToList();
        Assert.Equal(shares.OrderByDescending(x => x), shares); // best first
        Assert.True(report["tasks"]!.AsArray().Count >= 29);
        Assert.Equal((int)report["met"]! + (int)report["below"]! + (int)report["noTarget"]! + (int)report["noData"]!, indicators.Count);

        using var xlsx = await wjw.GetAsync("/api/indicators/report/export.xlsx?regionCode=610202");
        await xlsx.ShouldBe(HttpStatusCode.OK);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        await (await As("mzj")).GetJson("/api/indicators/report?regionCode=6101", HttpStatusCode.NotFound); // outside 王益区
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EvaluationReportTestsSqlite(SqliteAppFixture f) : EvaluationReportTests(f);

[Collection(PostgresCollection.Name)]
public sealed class EvaluationReportTestsPostgres(PostgresAppFixture f) : EvaluationReportTests(f), IPostgresTests;

[Collection(SqliteCollection.Name)]
public sealed class PolicyTaskTestsSqlite(SqliteAppFixture f) : PolicyTaskTests(f);

[Collection(PostgresCollection.Name)]
public sealed class PolicyTaskTestsPostgres(PostgresAppFixture f) : PolicyTaskTests(f), IPostgresTests;
