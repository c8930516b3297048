using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Modules.Assessments.CarePlans;
using Yiyang.Modules.Billing;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Assessments;

public abstract class CarePlanApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/care-plans";

    /// <summary>GB/T 42195: 16 + 8 + 16 + 10 = 50 → 2 级.</summary>
    private static Dictionary<string, int> Level2Items()
    {
        var items = new Dictionary<string, int>();
        for (var i = 1; i <= 8; i++) items[$"B1.{i}"] = 2;
        for (var i = 1; i <= 4; i++) items[$"B2.{i}"] = 2;
        for (var i = 1; i <= 6; i++) items[$"B3.{i}"] = 2;
        items["B3.7"] = 1;
        items["B3.8"] = 1;
        items["B3.9"] = 2;
        for (var i = 1; i <= 5; i++) items[$"B4.{i}"] = 2;
        return items;
    }

    /// <summary>GB/T 42195: B1 8×1 = 8, B2 4×1 = 4, B3 6×2 + 1 + 1 + 2 = 16, B4 5×1 = 5; total 33 → 30–45 → 3 级.</summary>
    private static Dictionary<string, int> Level3Items()
    {
        var items = Level2Items();
        for (var i = 1; i <= 8; i++) items[$"B1.{i}"] = 1;
        for (var i = 1; i <= 4; i++) items[$"B2.{i}"] = 1;
        for (var i = 1; i <= 5; i++) items[$"B4.{i}"] = 1;
        return items;
    }

    /// <summary>Records and signs a GB/T 42195 assessment; next due = assessed + 12 months.</summary>
    private async Task<long> SignedAssessment(long elderId, Dictionary<string, int> items, DateOnly? on = null)
    {
        var doctor = await As("doctor");
        var a = await doctor.PostJson("/api/assessments", new Dictionary<string, object?>
        {
            ["elderId"] = elderId,
            ["instrumentCode"] = "gbt42195-2022",
            ["reason"] = "routine",
            ["assessedOn"] = (on ?? TestData.ChinaToday).ToString("yyyy-MM-dd"),
            ["assessors"] = new object[] { "李建华", "王丽" },
            ["items"] = items,
        }, HttpStatusCode.Created);
        await doctor.PostJson($"/api/assessments/{a.Id()}/sign", new { }, HttpStatusCode.OK);
        return a.Id();
    }

    private static object Item(string code, long orgId, DateOnly start, DateOnly? end, bool ltc, string unit = "week", int count = 3) =>
        new { serviceCode = code, serviceName = "服务" + code, frequencyCount = count, frequencyUnit = unit, responsibleOrganizationId = orgId, startOn = start, endOn = end, ltcCovered = ltc };

    private async Task<JsonNode> Propose(long elderId, string user = "doctor") =>
        await (await As(user)).PostJson(Base, new { elderId }, HttpStatusCode.Created);

    private async Task<JsonNode> Confirm(long planId, string user = "doctor") =>
        await (await As(user)).PostJson($"{Base}/{planId}/confirm", new { }, HttpStatusCode.OK);

    private async Task<JsonNode> Timeline(long elderId) => await (await As("city")).GetJson($"/api/elders/{elderId}/timeline");

    [DbFact]
    public async Task The_care_level_comes_from_the_latest_signed_unexpired_assessment()
    {
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        var none = await doctor.GetJson($"/api/care-levels/elders/{elderId}");
        Assert.Null(none["careLevel"]);

        await SignedAssessment(elderId, Level3Items(), TestData.ChinaToday.AddMonths(-2));
        var newest = await SignedAssessment(elderId, Level2Items(), TestData.ChinaToday.AddDays(-1));
        var level = await doctor.GetJson($"/api/care-levels/elders/{elderId}");
        Assert.Equal(2, (int)level["careLevel"]!["code"]!);
        Assert.Equal("二级照护（中度）", (string)level["careLevel"]!["name"]!);
        Assert.Equal(newest, (long)level["basis"]!["assessmentId"]!);
        Assert.False((bool)level["basis"]!["expired"]!);
        Assert.Null(level["latestExpired"]);

        // an elder whose only assessment is 13 months old has no care level, and the expired one is reported
        var old = await JinhuaElder();
        var expiredId = await SignedAssessment(old, Level3Items(), TestData.ChinaToday.AddMonths(-13));
        var expired = await doctor.GetJson($"/api/care-levels/elders/{old}");
        Assert.Null(expired["careLevel"]);
        Assert.Equal(expiredId, (long)expired["latestExpired"]!["assessmentId"]!);
        Assert.True((bool)expired["latestExpired"]!["expired"]!);
    }

    [DbFact]
    public async Task The_mapping_is_edited_as_a_new_version_by_an_authorised_user_and_the_history_is_kept()
    {
        var admin = await As("admin");
        var current = await admin.GetJson("/api/care-levels/mapping");
        var version = (int)current["version"]!;
        var elderId = await JinhuaElder();
        await SignedAssessment(elderId, Level2Items());
        var edited = new
        {
            levels = new[] { new { code = 0, name = "自理" }, new { code = 1, name = "介助" }, new { code = 2, name = "介护" } },
            gbt42195 = new[] { 0, 1, 1, 2, 2 },
            ltc2021 = new[] { 0, 0, 1, 2, 2, 2 },
            version = (int?)version,
            note = "试行三级照护",
        };
        try
        {
            // role and bureau: a doctor and the insurance bureau's regulator may not edit
            using (var r = await (await As("doctor")).PutJson("/api/care-levels/mapping", edited)) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
            using (var r = await (await As("ybj")).PutJson("/api/care-levels/mapping", edited)) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);

            // invalid: a worse level mapped to a lighter care level, an unknown care level
            using (var r = await admin.PutJson("/api/care-levels/mapping", edited with { gbt42195 = new[] { 0, 2, 1, 2, 5 } }))
            {
                var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
                Assert.Contains("更低", p.FieldErrors("gbt42195[2]").Single());
                Assert.Contains("不存在", p.FieldErrors("gbt42195[4]").Single());
            }
            Assert.Equal(version, (int)(await admin.GetJson("/api/care-levels/mapping"))["version"]!);

            var saved = await (await As("mzj")).PutJson("/api/care-levels/mapping", edited);
            await saved.ShouldBe(HttpStatusCode.OK);
            var dto = await saved.ReadJson();
            Assert.Equal(version + 1, (int)dto["version"]!);
            Assert.Equal("介助", (string)dto["map"]!["levels"]![1]!["name"]!);

            // stale version: 409 (body) / 412 (If-Match)
            using (var r = await admin.PutJson("/api/care-levels/mapping", edited))
                Assert.Equal("concurrency", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
            using (var r = await admin.PutJson("/api/care-levels/mapping", edited with { version = (int?)null }, ifMatch: $"W/\"{version}\""))
                await r.ShouldBeProblem(HttpStatusCode.PreconditionFailed);

            // the elder's level 2 assessment now maps to 介助 (care level 1)
            var level = await (await As("doctor")).GetJson($"/api/care-levels/elders/{elderId}");
            Assert.Equal(1, (int)level["careLevel"]!["code"]!);
            Assert.Equal("介助", (string)level["careLevel"]!["name"]!);
            Assert.Equal(version + 1, (int)level["mappingVersion"]!);

            var history = (await admin.GetJson("/api/care-levels/mapping/history")).AsArray();
            Assert.Equal(version + 2, history.Count); // saved versions + the built-in default
            Assert.Equal("试行三级照护", (string)history[0]!["note"]!);
            Assert.True((bool)history[^1]!["isDefault"]!);
        }
        finally
        {
            // put the default back (as a further version) so that the other tests see the documented levels
            var now = await admin.GetJson("/api/care-levels/mapping");
            if ((int)now["version"]! != version)
            {
                var d = CareLevelMap.Default;
                using var r = await admin.PutJson("/api/care-levels/mapping", new
                {
                    levels = d.Levels.Select(l => new { code = l.Code, name = l.Name }),
                    gbt42195 = d.Gbt42195,
                    ltc2021 = d.Ltc2021,
                    version = (int)now["version"]!,
                });
                await r.ShouldBe(HttpStatusCode.OK);
            }
        }
    }

    [DbFact]
    public async Task A_plan_is_proposed_from_the_care_level_confirmed_and_then_immutable()
    {
        var elderId = await JinhuaElder();
        var assessment = await SignedAssessment(elderId, Level3Items());
        var draft = await Propose(elderId);
        Assert.Equal("draft", (string)draft["status"]!);
        Assert.Equal(3, (int)draft["careLevel"]!["code"]!);
        Assert.Equal(assessment, (long)draft["assessment"]!["assessmentId"]!);
        Assert.False((bool)draft["assessmentExpired"]!);
        Assert.NotEmpty(draft["goals"]!.AsArray());
        var items = draft["items"]!.AsArray();
        Assert.Equal(new[] { "FD-HV", "CARE-DAILY", "CARE-NURSING", "CARE-REHAB" }, items.Select(i => (string)i!["serviceCode"]!));
        var daily = items.Single(i => (string)i!["serviceCode"]! == "CARE-DAILY")!;
        Assert.True((bool)daily["ltcCovered"]!);
        Assert.Equal("每周 7 次", (string)daily["frequency"]!);
        Assert.Equal(TestData.ChinaToday.AddMonths(12).ToString("yyyy-MM-dd"), (string)daily["endOn"]!); // until the reassessment date
        // no family-doctor contract: the visits go to the elder's responsible organization
        Assert.Equal(await JinhuaId(), (long)items[0]!["responsibleOrganizationId"]!);
        Assert.False((bool)items.Single(i => (string)i!["serviceCode"]! == "CARE-REHAB")!["ltcCovered"]!);

        var confirmed = await Confirm(draft.Id());
        Assert.Equal("confirmed", (string)confirmed["status"]!);
        Assert.Equal("doctor", (string)confirmed["confirmedBy"]!);

        var doctor = await As("doctor");
        using (var r = await doctor.PutJson($"{Base}/{draft.Id()}", new { goals = new[] { "改" }, items = new[] { Item("X", await JinhuaId(), TestData.ChinaToday, null, false) }, version = (int)confirmed["version"]! }))
            Assert.Equal("confirmed", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        using (var r = await doctor.PostAsJsonAsync($"{Base}/{draft.Id()}/confirm", new { }, Tests.Infrastructure.Api.Json))
            await r.ShouldBeProblem(HttpStatusCode.Conflict);

        // a second, unrelated plan cannot be confirmed while one is in force
        var other = await Propose(elderId);
        using (var r = await doctor.PostAsJsonAsync($"{Base}/{other.Id()}/confirm", new { }, Tests.Infrastructure.Api.Json))
            Assert.Equal("plan-exists", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        var summaries = (await Timeline(elderId)).AsArray().Select(e => (string)e!["summary"]!).ToList();
        Assert.Contains(summaries, s => s.StartsWith("确认照护计划：三级照护（重度），4 个服务项目（长护险支付 2 项）", StringComparison.Ordinal));
        Assert.Contains(summaries, s => s.StartsWith("拟定照护计划（草稿）", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task A_draft_is_edited_with_its_version_and_bad_items_are_400s_naming_the_field()
    {
        var elderId = await JinhuaElder();
        await SignedAssessment(elderId, Level2Items());
        var draft = await Propose(elderId);
        var org = await JinhuaId();
        var doctor = await As("doctor");
        var bad = new
        {
            goals = new[] { "" },
            items = new object[]
            {
                new { serviceCode = "坏 码", serviceName = "x", frequencyCount = 20, frequencyUnit = "week", responsibleOrganizationId = org },
                new { serviceCode = "B", serviceName = "服务B", frequencyCount = 1, frequencyUnit = "day" },
                new { serviceCode = "C", serviceName = "服务C", frequencyCount = 1, frequencyUnit = "month", responsibleOrganizationId = org, startOn = TestData.ChinaToday, endOn = TestData.ChinaToday.AddDays(-1) },
            },
            version = (int)draft["version"]!,
        };
        using (var r = await doctor.PutJson($"{Base}/{draft.Id()}", bad))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            foreach (var field in new[] { "goals", "items[0].serviceCode", "items[0].serviceName", "items[0].frequencyCount", "items[1].frequencyUnit", "items[1].responsible", "items[2].endOn" })
                Assert.True(Tests.Infrastructure.Api.IsChinese(p.FieldErrors(field).Single()), field);
        }
        var unchanged = await doctor.GetJson($"{Base}/{draft.Id()}");
        Assert.Equal((int)draft["version"]!, (int)unchanged["version"]!);
        Assert.Equal(3, unchanged["items"]!.AsArray().Count);

        var good = new
        {
            goals = new[] { "每天下床活动两次" },
            items = new[] { Item("CARE-DAILY", org, TestData.ChinaToday, TestData.ChinaToday.AddMonths(3), false, "month", 8) },
            version = (int)draft["version"]!,
        };
        using var ok = await doctor.PutJson($"{Base}/{draft.Id()}", good);
        await ok.ShouldBe(HttpStatusCode.OK);
        var edited = await ok.ReadJson();
        Assert.Equal("每月 8 次", (string)edited["items"]![0]!["frequency"]!);
        Assert.Single(edited["items"]!.AsArray());
        Assert.Equal("每天下床活动两次", (string)edited["goals"]![0]!);
        using (var stale = await doctor.PutJson($"{Base}/{draft.Id()}", good))
            Assert.Equal("concurrency", (string)(await stale.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
    }

    [DbFact]
    public async Task A_revision_replaces_the_confirmed_plan_when_it_is_confirmed()
    {
        var elderId = await JinhuaElder();
        await SignedAssessment(elderId, Level2Items());
        var first = await Confirm((await Propose(elderId)).Id());
        var doctor = await As("doctor");
        var revision = await doctor.PostJson($"{Base}/{first.Id()}/revisions", new { }, HttpStatusCode.Created);
        Assert.Equal(first.Id(), (long)revision["previousId"]!);
        Assert.Equal("draft", (string)revision["status"]!);
        Assert.Equal(first["items"]!.AsArray().Count, revision["items"]!.AsArray().Count);
        using (var r = await doctor.PostAsJsonAsync($"{Base}/{first.Id()}/revisions", new { }, Tests.Infrastructure.Api.Json))
            Assert.Equal("already-revised", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        // the first plan stays in force until the revision is confirmed
        Assert.Equal("confirmed", (string)(await doctor.GetJson($"{Base}/{first.Id()}"))["status"]!);

        var confirmed = await Confirm(revision.Id());
        Assert.Equal("confirmed", (string)confirmed["status"]!);
        var old = await doctor.GetJson($"{Base}/{first.Id()}");
        Assert.Equal("ended", (string)old["status"]!);
        Assert.Equal(revision.Id(), (long)old["revisedById"]!);
        var list = (await doctor.GetJson($"{Base}?elderId={elderId}")).AsArray();
        Assert.Single(list, p => (string)p!["status"]! == "confirmed");

        // ending: reason required, then ended; a second end is a 409
        using (var r = await doctor.PostAsJsonAsync($"{Base}/{revision.Id()}/end", new { reason = "" }, Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason"));
        var ended = await doctor.PostJson($"{Base}/{revision.Id()}/end", new { reason = "老人入住养老机构" }, HttpStatusCode.OK);
        Assert.Equal("ended", (string)ended["status"]!);
        Assert.Equal(TestData.ChinaToday.ToString("yyyy-MM-dd"), (string)ended["endedOn"]!);
        using (var r = await doctor.PostAsJsonAsync($"{Base}/{revision.Id()}/end", new { reason = "再次结束" }, Tests.Infrastructure.Api.Json))
            await r.ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Contains((await Timeline(elderId)).AsArray(), e => ((string)e!["summary"]!).Contains("老人入住养老机构", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Four_concurrent_confirmations_for_one_elder_confirm_exactly_one()
    {
        var elderId = await JinhuaElder();
        await SignedAssessment(elderId, Level2Items());
        var drafts = new List<long>();
        for (var i = 0; i < 4; i++) drafts.Add((await Propose(elderId)).Id());
        var doctor = await As("doctor");
        var responses = await Task.WhenAll(drafts.Select(id => doctor.PostAsJsonAsync($"{Base}/{id}/confirm", new { }, Tests.Infrastructure.Api.Json)));
        foreach (var r in responses)
            using (r)
                Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var list = (await doctor.GetJson($"{Base}?elderId={elderId}")).AsArray();
        Assert.Single(list, p => (string)p!["status"]! == "confirmed");
    }

    [DbFact]
    public async Task The_database_refuses_a_second_confirmed_plan_for_an_elder()
    {
        var elderId = await JinhuaElder();
        var assessment = await SignedAssessment(elderId, Level2Items());
        await Confirm((await Propose(elderId)).Id());
        var refused = await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            var now = DateTimeOffset.UtcNow;
            object at = db.IsSqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)! : now;
            try
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO careplans_plan (elder_id, township_code, county_code, status, assessment_id, care_level_code, care_level_name, mapping_version, " +
                    "goals_json, start_on, created_by, created_at, confirmed_by, confirmed_at, updated_at, version) " +
                    "VALUES ({0}, '610202002', '610202', 2, {1}, 2, '二级照护', 0, '[]', {2}, 'intruder', {3}, 'intruder', {3}, {3}, 0)",
                    elderId, assessment, TestData.ChinaToday, at);
                return false;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
            {
                return true;
            }
        });
        Assert.True(refused);
    }

    [DbFact]
    public async Task An_expired_assessment_flags_the_plan_and_blocks_confirming_ltc_items()
    {
        var elderId = await JinhuaElder();
        await SignedAssessment(elderId, Level3Items(), TestData.ChinaToday.AddMonths(-13)); // next due a month ago
        var draft = await Propose(elderId);
        Assert.True((bool)draft["assessmentExpired"]!);
        Assert.Equal(3, (int)draft["careLevel"]!["code"]!);
        Assert.All(draft["items"]!.AsArray(), i => Assert.False((bool)i!["ltcCovered"]!)); // not proposed as covered
        var org = await JinhuaId();
        var doctor = await As("doctor");
        using (var r = await doctor.PutJson($"{Base}/{draft.Id()}", new
        {
            goals = new[] { "基础护理" },
            items = new[] { Item("CARE-NURSING", org, TestData.ChinaToday, null, true) },
            version = (int)draft["version"]!,
        }))
            await r.ShouldBe(HttpStatusCode.OK);
        using (var r = await doctor.PostAsJsonAsync($"{Base}/{draft.Id()}/confirm", new { }, Tests.Infrastructure.Api.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal("assessment-expired", (string)p["code"]!);
            Assert.Contains("长护险", (string)p["detail"]!);
        }
        var current = await doctor.GetJson($"{Base}/{draft.Id()}");
        Assert.Equal("draft", (string)current["status"]!);
        // without the insurance-covered item it can be confirmed, and stays flagged
        using (var r = await doctor.PutJson($"{Base}/{draft.Id()}", new
        {
            goals = new[] { "基础护理" },
            items = new[] { Item("CARE-NURSING", org, TestData.ChinaToday, null, false) },
            version = (int)current["version"]!,
        }))
            await r.ShouldBe(HttpStatusCode.OK);
        var confirmed = await Confirm(draft.Id());
        Assert.True((bool)confirmed["assessmentExpired"]!);
    }

    [DbFact]
    public async Task Without_an_assessment_nothing_is_proposed_and_outside_the_scope_is_404()
    {
        var elderId = await JinhuaElder();
        using (var r = await (await As("doctor")).PostAsJsonAsync(Base, new { elderId }, Tests.Infrastructure.Api.Json))
            Assert.Equal("no-assessment", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        await SignedAssessment(elderId, Level2Items());
        var draft = await Propose(elderId);
        var hb = await As("hbdoctor");
        using (var r = await hb.GetAsync($"{Base}/{draft.Id()}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await hb.PostAsJsonAsync($"{Base}/{draft.Id()}/confirm", new { }, Tests.Infrastructure.Api.Json)) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await hb.GetAsync($"/api/care-levels/elders/{elderId}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await (await As("caregiver")).PostAsJsonAsync(Base, new { elderId }, Tests.Infrastructure.Api.Json))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using var anonymous = Factory.Anonymous();
        using (var r = await anonymous.GetAsync($"{Base}?elderId={elderId}")) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }

    // ------------------------------------------------------------ the billing seam

    private static CarePlanLtcCoverage Coverage(IServiceProvider sp) => sp.GetServices<ILtcPlanCoverage>().OfType<CarePlanLtcCoverage>().Single();

    private Task<LtcPlanCover?> Cover(long elderId, string code, DateOnly day) =>
        Factory.WithScope(sp => Coverage(sp).FindAsync(elderId, code, day, CancellationToken.None));

    private Task<IReadOnlyDictionary<string, LtcPlanCover>> Covers(long elderId, string[] codes, DateOnly day) =>
        Factory.WithScope(sp => Coverage(sp).FindManyAsync(elderId, codes, day, CancellationToken.None));

    /// <summary>An elder with a confirmed plan: CARE-NURSING (长护险) from today for 20 days, FD-HV (not covered); assessment next due in a month.</summary>
    private async Task<(long ElderId, long PlanId)> CoveredElder()
    {
        var elderId = await JinhuaElder();
        await SignedAssessment(elderId, Level3Items(), TestData.ChinaToday.AddMonths(-11));
        var org = await JinhuaId();
        var draft = await (await As("doctor")).PostJson(Base, new
        {
            elderId,
            goals = new[] { "基础护理" },
            items = new[] { Item("FD-HV", org, TestData.ChinaToday, null, false, "month", 2), Item("CARE-NURSING", org, TestData.ChinaToday, TestData.ChinaToday.AddDays(20), true) },
        }, HttpStatusCode.Created);
        await Confirm(draft.Id());
        return (elderId, draft.Id());
    }

    [DbFact]
    public async Task The_ltc_coverage_is_registered_and_covers_an_ltc_item_of_the_confirmed_plan_on_its_dates()
    {
        var (elderId, planId) = await CoveredElder();
        var cover = await Cover(elderId, "CARE-NURSING", TestData.ChinaToday.AddDays(5));
        Assert.NotNull(cover);
        Assert.Equal(planId, cover.CarePlanId);
        Assert.Equal("ltc", cover.Payer);
        Assert.Contains("长护险", cover.Description);
        var itemId = (long)(await (await As("doctor")).GetJson($"{Base}/{planId}"))["items"]![1]!["id"]!;
        Assert.Equal(itemId, cover.CarePlanItemId);
        Assert.NotNull(await Cover(elderId, "CARE-NURSING", TestData.ChinaToday.AddDays(20))); // last day inclusive
    }

    [DbFact]
    public async Task The_ltc_coverage_of_a_visits_services_is_found_in_one_lookup_with_the_rule_of_the_single_one()
    {
        var (elderId, planId) = await CoveredElder();
        var covers = await Covers(elderId, ["FD-HV", " CARE-NURSING ", "CARE-DAILY", ""], TestData.ChinaToday.AddDays(5));
        var only = Assert.Single(covers); // FD-HV is in the plan but not covered, CARE-DAILY not in the plan
        Assert.Equal("CARE-NURSING", only.Key);
        Assert.Equal(planId, only.Value.CarePlanId);
        Assert.Equal((await Cover(elderId, "CARE-NURSING", TestData.ChinaToday.AddDays(5)))!.CarePlanItemId, only.Value.CarePlanItemId);
        Assert.Empty(await Covers(elderId, ["CARE-NURSING"], TestData.ChinaToday.AddDays(21))); // after the item ends
    }

    [DbFact]
    public async Task The_ltc_coverage_refuses_other_codes_other_dates_an_expired_assessment_and_drafts()
    {
        var (elderId, _) = await CoveredElder();
        Assert.Null(await Cover(elderId, "FD-HV", TestData.ChinaToday));                // in the plan, not covered by 长护险
        Assert.Null(await Cover(elderId, "CARE-DAILY", TestData.ChinaToday));           // not in the plan
        Assert.Null(await Cover(elderId, "CARE-NURSING", TestData.ChinaToday.AddDays(-1))); // before the item starts
        Assert.Null(await Cover(elderId, "CARE-NURSING", TestData.ChinaToday.AddDays(21))); // after it ends (assessment still valid)

        // an item running past the reassessment date: covered up to it, not after
        var late = await JinhuaElder();
        var nextDue = TestData.ChinaToday.AddMonths(-11).AddMonths(12);
        await SignedAssessment(late, Level3Items(), TestData.ChinaToday.AddMonths(-11));
        var org = await JinhuaId();
        var plan = await (await As("doctor")).PostJson(Base, new
        {
            elderId = late,
            goals = new[] { "基础护理" },
            items = new[] { Item("CARE-NURSING", org, TestData.ChinaToday, TestData.ChinaToday.AddMonths(6), true) },
        }, HttpStatusCode.Created);
        await Confirm(plan.Id());
        Assert.NotNull(await Cover(late, "CARE-NURSING", nextDue));
        Assert.Null(await Cover(late, "CARE-NURSING", nextDue.AddDays(1)));

        // a draft never covers
        var drafted = await JinhuaElder();
        await SignedAssessment(drafted, Level3Items());
        var draft = await Propose(drafted);
        Assert.Contains(draft["items"]!.AsArray(), i => (string)i!["serviceCode"]! == "CARE-NURSING" && (bool)i["ltcCovered"]!);
        Assert.Null(await Cover(drafted, "CARE-NURSING", TestData.ChinaToday));
        Assert.Null(await Cover(elderId + 1_000_000, "CARE-NURSING", TestData.ChinaToday));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CarePlanApiTestsSqlite(SqliteAppFixture f) : CarePlanApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class CarePlanApiTestsPostgres(PostgresAppFixture f) : CarePlanApiTests(f), IPostgresTests;
