using System.Net;
using System.Net.Http.Json;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Elders;

public abstract class RevealTimelineLedgerTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static object Reveal(string field = "idNumber", string? reason = "上门随访核对身份") => new { field, reason };

    [DbFact]
    public async Task A_doctor_sees_the_clear_ID_of_his_own_elder_after_giving_a_reason()
    {
        var id = TestData.IdNumber();
        var e = await CreateElder(ElderBody(id), user: "doctor");
        var r = await (await As("doctor")).PostJson($"/api/elders/{e.Id()}/reveal", Reveal(), HttpStatusCode.OK);
        Assert.Equal("idNumber", (string?)r["field"]);
        Assert.Equal(id, (string?)r["value"]);
    }

    [DbFact]
    public async Task Phone_address_and_contacts_can_be_revealed()
    {
        var body = ElderBody();
        var e = await CreateElder(body, user: "doctor");
        var doctor = await As("doctor");
        Assert.Equal((string?)body["phone"], (string?)(await doctor.PostJson($"/api/elders/{e.Id()}/reveal", Reveal("phone"), HttpStatusCode.OK))["value"]);
        Assert.Equal((string?)body["address"], (string?)(await doctor.PostJson($"/api/elders/{e.Id()}/reveal", Reveal("address"), HttpStatusCode.OK))["value"]);
        var contacts = (await doctor.PostJson($"/api/elders/{e.Id()}/reveal", Reveal("contacts"), HttpStatusCode.OK))["contacts"]!.AsArray();
        Assert.Equal("张建国", (string?)contacts.Single()!["name"]);
        Assert.Equal("13900001111", (string?)contacts.Single()!["phone"]);

        var detail = await doctor.GetJson($"/api/elders/{e.Id()}");
        Assert.Equal("张**", (string?)detail["contacts"]![0]!["name"]);
        Assert.Equal("139****1111", (string?)detail["contacts"]![0]!["phone"]);
    }

    [DbFact]
    public async Task A_regulator_may_not_reveal_an_ID_number()
    {
        var e = await CreateElder(ElderBody(), user: "doctor");
        using var r = await (await As("wjw")).PostAsJsonAsync($"/api/elders/{e.Id()}/reveal", Reveal());
        await r.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task A_missing_reason_or_an_unknown_field_is_a_400()
    {
        var e = await CreateElder(ElderBody(), user: "doctor");
        var doctor = await As("doctor");
        using (var r = await doctor.PostAsJsonAsync($"/api/elders/{e.Id()}/reveal", new { field = "idNumber" }))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason"));
        using (var r = await doctor.PostAsJsonAsync($"/api/elders/{e.Id()}/reveal", new { field = "password", reason = "好奇看看" }))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("field"));
    }

    [DbFact]
    public async Task Revealing_an_out_of_scope_elder_is_a_404()
    {
        var e = await CreateElder(ElderBody(), user: "doctor");
        using var r = await (await As("hbdoctor")).PostAsJsonAsync($"/api/elders/{e.Id()}/reveal", Reveal());
        await r.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Reveals_are_audited_and_put_on_the_timeline_without_the_clear_values()
    {
        var id = TestData.IdNumber();
        var body = ElderBody(id);
        var e = await CreateElder(body, user: "doctor");
        await (await As("doctor")).PostJson($"/api/elders/{e.Id()}/reveal", Reveal(), HttpStatusCode.OK);
        await (await As("doctor")).PostJson($"/api/elders/{e.Id()}/reveal", Reveal("phone"), HttpStatusCode.OK);
        using (var denied = await (await As("wjw")).PostAsJsonAsync($"/api/elders/{e.Id()}/reveal", Reveal())) await denied.ShouldBe(HttpStatusCode.Forbidden);

        var audit = await (await As("auditor")).GetJson($"/api/audit?subjectId={e.Id()}");
        var entries = audit["items"]!.AsArray();
        var reveal = entries.Where(x => (string?)x!["action"] == "elder.reveal").ToList();
        Assert.Equal(2, reveal.Count);
        Assert.All(reveal, x => Assert.Equal("doctor", (string?)x!["userName"]));
        Assert.Contains(reveal, x => ((string?)x!["detail"])!.Contains("field=idNumber"));
        Assert.Contains(entries, x => (string?)x!["action"] == "elder.reveal.denied" && (string?)x["userName"] == "wjw");
        Assert.Contains(entries, x => (string?)x!["action"] == "elder.create");
        var raw = audit.ToJsonString();
        Assert.DoesNotContain(id, raw);
        Assert.DoesNotContain((string)body["phone"]!, raw);

        var timeline = (await (await As("doctor")).GetJson($"/api/elders/{e.Id()}/timeline")).AsArray();
        Assert.Contains(timeline, t => (string?)t!["kind"] == "elder.revealed" && ((string?)t["summary"])!.Contains("身份证号"));
        Assert.DoesNotContain(id, timeline.ToJsonString());
    }

    [DbFact]
    public async Task The_timeline_lists_registration_edit_and_reveal_newest_first()
    {
        var e = await CreateElder(ElderBody(), user: "doctor");
        var doctor = await As("doctor");
        using (var put = await doctor.PutJson($"/api/elders/{e.Id()}",
                   new { name = TestData.Name("改"), townshipCode = Township, version = 0 })) await put.ShouldBe(HttpStatusCode.OK);
        await doctor.PostJson($"/api/elders/{e.Id()}/reveal", Reveal(), HttpStatusCode.OK);

        var timeline = (await doctor.GetJson($"/api/elders/{e.Id()}/timeline")).AsArray();
        Assert.Equal(["elder.revealed", "elder.edited", "elder.registered"], timeline.Select(t => (string?)t!["kind"]));
        var times = timeline.Select(t => (DateTimeOffset)t!["at"]!).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.All(timeline, t => Assert.Equal("doctor", (string?)t!["actor"]));
        Assert.Contains("姓名", (string?)timeline[1]!["summary"]);
    }

    [DbFact]
    public async Task The_ledger_lists_home_bound_elders_of_a_township_but_not_chronic_only_ones()
    {
        const string township = "610202003";
        var disabled = await CreateElder(ElderBody(township: township, flags: ["disabled"]));
        var chronic = await CreateElder(ElderBody(township: township, flags: ["chronic"]));
        var aged = await CreateElder(ElderBody(TestData.IdNumberBornOn(new DateOnly(1940, 3, 3), true), township: township));
        var ledger = (await (await As("city")).GetJson($"/api/elders/ledger/{township}")).AsArray();
        var ids = ledger.Select(l => l!.Id()).ToList();
        Assert.Contains(disabled.Id(), ids);
        Assert.Contains(aged.Id(), ids);
        Assert.DoesNotContain(chronic.Id(), ids);
        var row = ledger.Single(l => l!.Id() == disabled.Id())!;
        Assert.Contains("失能", row["flagNames"]!.AsArray().Select(f => (string?)f));
        Assert.Null((string?)row["lastVisitDate"]);
        Assert.Contains("高龄", ledger.Single(l => l!.Id() == aged.Id())!["flagNames"]!.AsArray().Select(f => (string?)f));
    }

    [DbFact]
    public async Task The_ledger_is_limited_to_the_users_scope()
    {
        var e = await CreateElder(ElderBody(township: Huangbao, flags: ["disabled"], orgId: await HuangbaoId()));
        var doctorLedger = (await (await As("doctor")).GetJson($"/api/elders/ledger/{Huangbao}")).AsArray();
        Assert.DoesNotContain(doctorLedger, l => l!.Id() == e.Id());
        var hbLedger = (await (await As("hbdoctor")).GetJson($"/api/elders/ledger/{Huangbao}")).AsArray();
        Assert.Contains(hbLedger, l => l!.Id() == e.Id());
    }

    [DbFact]
    public async Task The_ledger_needs_a_township_code()
    {
        using var r = await (await As("city")).GetAsync("/api/elders/ledger/610202");
        Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("townshipCode"));
    }

    [DbFact]
    public async Task A_reveal_reason_of_the_maximum_length_is_accepted()
    {
        var e = await CreateElder(ElderBody(), user: "doctor");
        var reason = string.Concat(Enumerable.Repeat("因上门随访需核对身份", 20)); // 200 characters, the documented maximum
        Assert.Equal(200, reason.Length);
        using var r = await (await As("doctor")).PostAsJsonAsync($"/api/elders/{e.Id()}/reveal", Reveal(reason: reason));
        await r.ShouldBe(HttpStatusCode.OK);
        var timeline = (await (await As("doctor")).GetJson($"/api/elders/{e.Id()}/timeline")).AsArray();
        Assert.Contains(timeline, t => (string?)t!["kind"] == "elder.revealed");
    }

    [DbFact]
    public async Task A_reveal_reason_longer_than_200_characters_is_a_400()
    {
        var e = await CreateElder(ElderBody(), user: "doctor");
        using var r = await (await As("doctor")).PostAsJsonAsync($"/api/elders/{e.Id()}/reveal", Reveal(reason: new string('因', 201)));
        Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RevealTimelineLedgerTestsSqlite(SqliteAppFixture f) : RevealTimelineLedgerTests(f);

[Collection(PostgresCollection.Name)]
public sealed class RevealTimelineLedgerTestsPostgres(PostgresAppFixture f) : RevealTimelineLedgerTests(f), IPostgresTests;
