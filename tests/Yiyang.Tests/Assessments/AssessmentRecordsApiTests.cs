using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Assessments;

public abstract class AssessmentRecordsApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/assessments";

    /// <summary>GB/T 42195 answers giving subtotals 16 + 8 + 16 + 10 = 50 → 2 级 能力中度受损.</summary>
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

    private static Dictionary<string, object?> Body(long elderId, DateOnly? on = null, object[]? assessors = null, string reason = "routine",
        Dictionary<string, int>? items = null) => new()
        {
            ["elderId"] = elderId,
            ["instrumentCode"] = "gbt42195-2022",
            ["reason"] = reason,
            ["assessedOn"] = (on ?? TestData.ChinaToday).ToString("yyyy-MM-dd"),
            ["assessors"] = assessors ?? new object[] { "李建华", "王丽" },
            ["items"] = items ?? Level2Items(),
            ["riskEvents30d"] = new Dictionary<string, int> { ["fall"] = 0 },
        };

    private async Task<JsonNode> Create(long elderId, DateOnly? on = null, string user = "doctor") =>
        await (await As(user)).PostJson(Base, Body(elderId, on), HttpStatusCode.Created);

    private async Task<JsonNode> Signed(long elderId, DateOnly? on = null)
    {
        var a = await Create(elderId, on);
        return await (await As("doctor")).PostJson($"{Base}/{a.Id()}/sign", new { }, HttpStatusCode.OK);
    }

    [DbFact]
    public async Task A_doctor_records_a_gbt42195_assessment_with_two_assessors_as_a_scored_draft()
    {
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        using var r = await doctor.PostAsJsonAsync(Base, Body(elderId, reason: "首次"), Tests.Infrastructure.Api.Json);
        await r.ShouldBe(HttpStatusCode.Created);
        var a = await r.ReadJson();
        Assert.Equal($"{Base}/{a.Id()}", r.Headers.Location?.OriginalString);
        Assert.Equal("draft", (string)a["status"]!);
        Assert.Equal("initial", (string)a["reason"]!);
        Assert.Equal("首次评估", (string)a["reasonName"]!);
        Assert.Equal(50, (int)a["total"]!);
        Assert.Equal(2, (int)a["levelCode"]!);
        Assert.Equal(2, (int)a["result"]!["finalLevel"]!["code"]!);
        Assert.Equal(2, (int)a["answers"]!["items"]!["B1.1"]!);
        Assert.Equal(2, a["assessors"]!.AsArray().Count);
        Assert.False(string.IsNullOrEmpty((string)a["instrumentVersion"]!));
        Assert.Null(a["nextDue"]);

        var list = await doctor.GetJson($"{Base}?elderId={elderId}");
        Assert.Single(list.AsArray());
        var one = await doctor.GetJson($"{Base}/{a.Id()}");
        Assert.Equal(a.Id(), one.Id());
    }

    [DbFact]
    public async Task One_assessor_or_the_same_one_twice_is_a_400_for_gbt42195()
    {
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        foreach (var assessors in new[] { new object[] { "李建华" }, new object[] { "李建华", "李建华" }, Array.Empty<object>() })
        {
            using var r = await doctor.PostAsJsonAsync(Base, Body(elderId, assessors: assessors), Tests.Infrastructure.Api.Json);
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("assessors"));
        }
    }

    [DbFact]
    public async Task A_future_date_a_missing_item_and_an_unknown_reason_are_400s_naming_the_field()
    {
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        using var future = await doctor.PostAsJsonAsync(Base, Body(elderId, on: TestData.ChinaToday.AddDays(1)), Tests.Infrastructure.Api.Json);
        Assert.NotEmpty((await future.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("assessedOn"));

        var items = Level2Items();
        items.Remove("B2.3");
        using var missing = await doctor.PostAsJsonAsync(Base, Body(elderId, items: items), Tests.Infrastructure.Api.Json);
        Assert.NotEmpty((await missing.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("items.B2.3"));

        using var reason = await doctor.PostAsJsonAsync(Base, Body(elderId, reason: "whim"), Tests.Infrastructure.Api.Json);
        Assert.NotEmpty((await reason.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason"));
    }

    [DbFact]
    public async Task An_elder_outside_the_users_scope_is_a_404()
    {
        var other = (await CreateElder(ElderBody(orgId: await HuangbaoId()))).Id();
        var doctor = await As("doctor");
        using var r = await doctor.PostAsJsonAsync(Base, Body(other), Tests.Infrastructure.Api.Json);
        await r.ShouldBeProblem(HttpStatusCode.NotFound);
        var mine = await (await As("city")).PostJson(Base, Body(other), HttpStatusCode.Created);
        using var get = await doctor.GetAsync($"{Base}/{mine.Id()}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var list = await doctor.GetAsync($"{Base}?elderId={other}");
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
    }

    [DbFact]
    public async Task A_draft_is_edited_with_its_version_and_a_signed_one_is_immutable()
    {
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        var a = await Create(elderId);
        var body = Body(elderId);
        ((Dictionary<string, int>)body["items"]!)["B1.1"] = 4;

        using var noVersion = await doctor.PutJson($"{Base}/{a.Id()}", body);
        Assert.NotEmpty((await noVersion.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("version"));
        using var stale = await doctor.PutJson($"{Base}/{a.Id()}", body, ifMatch: "W/\"7\"");
        await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        using var ok = await doctor.PutJson($"{Base}/{a.Id()}", body, ifMatch: $"W/\"{(int)a["version"]!}\"");
        await ok.ShouldBe(HttpStatusCode.OK);
        var edited = await ok.ReadJson();
        Assert.Equal(52, (int)edited["total"]!);

        var signed = await doctor.PostJson($"{Base}/{a.Id()}/sign", new { }, HttpStatusCode.OK);
        Assert.Equal("signed", (string)signed["status"]!);
        body["version"] = (int)signed["version"]!;
        using var put = await doctor.PutJson($"{Base}/{a.Id()}", body);
        var p = await put.ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal("signed", (string)p["code"]!);
        using var again = await doctor.PostAsJsonAsync($"{Base}/{a.Id()}/sign", new { }, Tests.Infrastructure.Api.Json);
        await again.ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [DbFact]
    public async Task A_correction_is_a_new_linked_version_and_the_old_one_is_superseded_and_corrected_only_once()
    {
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        var original = await Signed(elderId, TestData.ChinaToday.AddDays(-3));
        var body = Body(elderId, TestData.ChinaToday.AddDays(-3));
        ((Dictionary<string, int>)body["items"]!)["B1.2"] = 4;
        body["note"] = "修饰项录入有误";
        var correction = await doctor.PostJson($"{Base}/{original.Id()}/corrections", body, HttpStatusCode.Created);
        Assert.Equal(original.Id(), (long)correction["previousId"]!);
        Assert.Equal("draft", (string)correction["status"]!);
        Assert.Equal(52, (int)correction["total"]!);

        var old = await doctor.GetJson($"{Base}/{original.Id()}");
        Assert.Equal("superseded", (string)old["status"]!);
        Assert.Equal(correction.Id(), (long)old["correctedById"]!);
        Assert.Equal(50, (int)old["total"]!);

        using var second = await doctor.PostAsJsonAsync($"{Base}/{original.Id()}/corrections", body, Tests.Infrastructure.Api.Json);
        Assert.Equal("already-corrected", (string)(await second.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        var versions = (await doctor.GetJson($"{Base}?elderId={elderId}")).AsArray();
        Assert.Equal(new[] { correction.Id(), original.Id() }, versions.Select(v => v!.Id()));
    }

    [DbFact]
    public async Task Two_concurrent_corrections_of_one_version_give_exactly_one_new_version()
    {
        var elderId = await JinhuaElder();
        var original = await Signed(elderId, TestData.ChinaToday.AddDays(-2));
        var body = Body(elderId, TestData.ChinaToday.AddDays(-2));
        var a = await As("doctor");
        var b = await As("nurse");
        var responses = await Task.WhenAll(
            a.PostAsJsonAsync($"{Base}/{original.Id()}/corrections", body, Tests.Infrastructure.Api.Json),
            b.PostAsJsonAsync($"{Base}/{original.Id()}/corrections", body, Tests.Infrastructure.Api.Json));
        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            await responses.Single(r => r.StatusCode != HttpStatusCode.Created).ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal(2, (await a.GetJson($"{Base}?elderId={elderId}")).AsArray().Count);
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [DbFact]
    public async Task Signing_sets_the_next_due_date_twelve_months_later_and_writes_the_timeline()
    {
        var elderId = await JinhuaElder();
        var on = TestData.ChinaToday.AddDays(-10);
        var signed = await Signed(elderId, on);
        Assert.Equal(on.AddMonths(12).ToString("yyyy-MM-dd"), (string)signed["nextDue"]!);
        Assert.NotNull(signed["signedAt"]);

        var timeline = (await (await As("city")).GetJson($"/api/elders/{elderId}/timeline")).AsArray();
        Assert.Contains(timeline, t => (string)t!["kind"]! == "assessments.signed"
                                       && ((string)t["summary"]!).StartsWith("老年人能力评估：能力中度受损（中度失能）（2 级）"));
        Assert.Contains(timeline, t => (string)t!["kind"]! == "assessments.recorded");
    }

    [DbFact]
    public async Task The_due_list_has_an_overdue_elder_and_a_never_assessed_disabled_elder_but_not_a_recent_one()
    {
        var overdue = await JinhuaElder();
        await Signed(overdue, TestData.ChinaToday.AddMonths(-13));
        var corrected = await JinhuaElder(); // signed recently, corrected to an old date and signed again: the correction counts
        var wrong = await Signed(corrected, TestData.ChinaToday.AddDays(-1));
        var fix = await (await As("doctor")).PostJson($"{Base}/{wrong.Id()}/corrections", Body(corrected, TestData.ChinaToday.AddMonths(-14)), HttpStatusCode.Created);
        await (await As("doctor")).PostJson($"{Base}/{fix.Id()}/sign", new { }, HttpStatusCode.OK);
        var recent = await JinhuaElder(flags: ["disabled"]);
        await Signed(recent, TestData.ChinaToday.AddMonths(-1));
        var never = await JinhuaElder(flags: ["disabled"]);
        var plain = await JinhuaElder();

        var due = await (await As("doctor")).GetJson($"{Base}/due?regionCode={Township}");
        var items = due["items"]!.AsArray();
        var o = items.Single(i => (long)i!["elderId"]! == overdue)!;
        Assert.Equal("overdue", (string)o["kind"]!);
        Assert.Equal(TestData.ChinaToday.AddMonths(-13).AddMonths(12).ToString("yyyy-MM-dd"), (string)o["nextDue"]!);
        Assert.Equal("never-assessed", (string)items.Single(i => (long)i!["elderId"]! == never)!["kind"]!);
        var c = items.Single(i => (long)i!["elderId"]! == corrected)!;
        Assert.Equal(TestData.ChinaToday.AddMonths(-14).AddMonths(12).ToString("yyyy-MM-dd"), (string)c["nextDue"]!);
        Assert.Equal(fix.Id(), (long)c["lastAssessmentId"]!);
        Assert.DoesNotContain(items, i => (long)i!["elderId"]! == recent || (long)i["elderId"]! == plain);

        var ahead = await (await As("doctor")).GetJson($"{Base}/due?regionCode={Township}&before={TestData.ChinaToday.AddMonths(12):yyyy-MM-dd}");
        Assert.Equal("due", (string)ahead["items"]!.AsArray().Single(i => (long)i!["elderId"]! == recent)!["kind"]!);
    }

    [DbFact]
    public async Task A_new_diagnosis_after_the_last_assessment_makes_the_elder_due_at_once()
    {
        var elderId = await JinhuaElder();
        await Signed(elderId, TestData.ChinaToday.AddMonths(-2));
        var doctor = await As("doctor");
        var before = await doctor.GetJson($"{Base}/due?regionCode={Township}");
        Assert.DoesNotContain(before["items"]!.AsArray(), i => (long)i!["elderId"]! == elderId);

        // a family-sickbed application records an ICD-10 diagnosis: 即时评估 is due
        await doctor.PostJson("/api/sickbeds", new
        {
            elderId,
            reason = "脑梗死后遗症，行动不便，需继续康复治疗",
            diagnosisCode = "I69.3",
            diagnosisName = "脑梗死后遗症",
            appliedOn = TestData.ChinaToday.ToString("yyyy-MM-dd"),
        }, HttpStatusCode.Created);
        var after = await doctor.GetJson($"{Base}/due?regionCode={Township}");
        var entry = after["items"]!.AsArray().Single(i => (long)i!["elderId"]! == elderId)!;
        Assert.Equal("triggered", (string)entry["kind"]!);
        Assert.Contains("I69.3", entry.ToJsonString(), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Anonymous_callers_get_401_and_readers_cannot_write()
    {
        using var anonymous = Factory.Anonymous();
        foreach (var url in new[] { $"{Base}?elderId=1", $"{Base}/1", $"{Base}/due" })
        {
            using var r = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }
        using var post = await anonymous.PostAsJsonAsync(Base, new { elderId = 1 }, Tests.Infrastructure.Api.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        using var regulator = await (await As("wjw")).PostAsJsonAsync(Base, new { elderId = 1 }, Tests.Infrastructure.Api.Json);
        Assert.Equal(HttpStatusCode.Forbidden, regulator.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AssessmentRecordsApiTestsSqlite(SqliteAppFixture f) : AssessmentRecordsApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class AssessmentRecordsApiTestsPostgres(PostgresAppFixture f) : AssessmentRecordsApiTests(f), IPostgresTests;
