using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Institutions;

/// <summary>
/// Admission of an elder registered to another organization by ID card (身份证号 + 姓名): found outside the staff's elder
/// scope, the same answer for an unknown ID number and a wrong name, all other admission rules unchanged.
/// </summary>
public abstract class AdmissionByIdApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/institutions";
    private const string NoMatch = "未找到身份证号与姓名相符的老年人档案。请核对，或先为其建档。";

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");

    private Task<long> WelfareId() => OrgId("王益区社会福利院");

    private static async Task<long> Bed(HttpClient client, long orgId) =>
        (await client.PostJson($"{Base}/{orgId}/beds", new { ward = "身份证病区", room = "R" + Guid.NewGuid().ToString("N")[..6], number = "1", kind = "nursing" },
            HttpStatusCode.Created)).Id();

    private static Task<HttpResponseMessage> AdmitById(HttpClient client, long orgId, string? idNumber, string? name, long bedId) =>
        client.PostAsJsonAsync($"{Base}/{orgId}/admissions", new { idNumber, name, bedId, admittedOn = Today }, Tests.Infrastructure.Api.Json);

    /// <summary>An elder registered to the 黄堡镇 health centre (not visible to the care homes' staff).</summary>
    private async Task<(long Id, string IdNumber, string Name)> HuangbaoElder()
    {
        var idNumber = TestData.IdNumber();
        var name = TestData.Name("骆");
        var elder = await CreateElder(ElderBody(id: idNumber, name: name, township: Huangbao, orgId: await HuangbaoId()));
        return (elder.Id(), idNumber, name);
    }

    private async Task<JsonArray> AuditEntries(string action, string subjectType, string subjectId)
    {
        var auditor = await As("auditor");
        JsonArray entries = [];
        // the audit trail is written in the background
        for (var i = 0; i < 50 && entries.Count == 0; i++)
        {
            entries = (await auditor.GetJson($"/api/audit?subjectType={subjectType}&subjectId={subjectId}&action={action}"))["items"]!.AsArray();
            if (entries.Count == 0) await Task.Delay(100);
        }
        return entries;
    }

    [DbFact]
    public async Task A_care_home_admits_an_elder_of_a_health_centre_by_id_card_and_then_sees_the_resident()
    {
        var welfare = await WelfareId();
        var caregiver = await As("caregiver");
        var (elderId, idNumber, name) = await HuangbaoElder();
        var bed = await Bed(caregiver, welfare);
        // before: the elder is not in the care home's scope, and elderId does not reach them
        using (var r = await caregiver.GetAsync($"/api/elders/{elderId}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await caregiver.PostAsJsonAsync($"{Base}/{welfare}/admissions", new { elderId, bedId = bed, admittedOn = Today }, Tests.Infrastructure.Api.Json))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);

        // the health centre's signed assessment (GB/T 42195 level 2) gives the default care level, read outside the scope
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await Factory.SignedAssessment(elderId, "gbt42195-2022", 2, "中度失能", today.AddMonths(-1), today.AddMonths(11), Huangbao);

        // blanks around the name (as typed at the desk) do not matter
        using var admitted = await AdmitById(caregiver, welfare, idNumber, "  " + name + " ", bed);
        await admitted.ShouldBe(HttpStatusCode.Created);
        var stay = await admitted.ReadJson();
        Assert.Equal(elderId, (long)stay["elderId"]!);
        Assert.Equal(welfare, (long)stay["organizationId"]!);
        Assert.Equal(bed, (long)stay["bedId"]!);
        Assert.Equal("二级照护（中度）", (string)stay["careLevel"]!);

        // after: a resident of the care home, so its staff read the elder's file
        var detail = await caregiver.GetJson($"/api/elders/{elderId}");
        Assert.Equal(name, (string)detail["name"]!);
        var occupant = (await caregiver.GetJson($"{Base}/{welfare}/beds")).AsArray().Single(b => b!.Id() == bed)!["occupant"]!;
        Assert.Equal(elderId, (long)occupant["elderId"]!);

        // audited as an admission by ID card, without the ID number or the name
        var entries = await AuditEntries("institutions.stay.admit-by-id", "stay", stay.Id().ToString());
        var entry = Assert.Single(entries)!;
        Assert.Equal(elderId, (long)entry["elderId"]!);
        Assert.Equal("caregiver", (string)entry["userName"]!);
        Assert.DoesNotContain(idNumber, entries.ToJsonString());
        Assert.DoesNotContain(name, entries.ToJsonString());
    }

    [DbFact]
    public async Task A_wrong_name_and_an_unknown_id_number_get_the_same_answer_and_nothing_is_written()
    {
        var welfare = await WelfareId();
        var caregiver = await As("caregiver");
        var (elderId, idNumber, name) = await HuangbaoElder();
        var bed = await Bed(caregiver, welfare);

        using var wrongName = await AdmitById(caregiver, welfare, idNumber, name[..^1] + "甲乙", bed);
        var p1 = await wrongName.ShouldBeProblem(HttpStatusCode.BadRequest);
        using var unknownId = await AdmitById(caregiver, welfare, TestData.IdNumber(), name, bed);
        var p2 = await unknownId.ShouldBeProblem(HttpStatusCode.BadRequest);

        Assert.Equal([NoMatch], p1.FieldErrors("idNumber"));
        Assert.Equal([NoMatch], p2.FieldErrors("idNumber"));
        Assert.Equal(p1["errors"]!.ToJsonString(), p2["errors"]!.ToJsonString());
        Assert.Equal((string)p1["title"]!, (string)p2["title"]!);
        foreach (var body in new[] { p1.ToJsonString(), p2.ToJsonString() })
        {
            Assert.DoesNotContain(idNumber, body);
            Assert.DoesNotContain(name, body);
        }

        // nothing written: the bed is free, the elder is still out of scope, no admission on the timeline
        Assert.Null((await caregiver.GetJson($"{Base}/{welfare}/beds")).AsArray().Single(b => b!.Id() == bed)!["occupant"]);
        using (var r = await caregiver.GetAsync($"/api/elders/{elderId}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        var timeline = (await (await As("city")).GetJson($"/api/elders/{elderId}/timeline")).AsArray();
        Assert.DoesNotContain(timeline, e => ((string)e!["summary"]!).StartsWith("入住", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task A_malformed_id_number_or_a_missing_name_is_a_field_error()
    {
        var welfare = await WelfareId();
        var caregiver = await As("caregiver");
        var (_, idNumber, name) = await HuangbaoElder();
        var bed = await Bed(caregiver, welfare);

        using (var r = await AdmitById(caregiver, welfare, TestData.WrongCheck(idNumber), name, bed))
            Assert.Equal(["身份证号码校验码不正确，请核对后重新输入。"], (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("idNumber"));
        using (var r = await AdmitById(caregiver, welfare, idNumber[..10], name, bed))
            Assert.Equal(["身份证号码应为 18 位（或旧版 15 位）。"], (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("idNumber"));
        using (var r = await AdmitById(caregiver, welfare, idNumber, "  ", bed))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.Equal(["请填写与身份证一致的姓名。"], p.FieldErrors("name"));
            Assert.Null(p["errors"]!["idNumber"]);
        }
        using (var r = await AdmitById(caregiver, welfare, null, name, bed))
            Assert.Equal(["请填写身份证号码。"], (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("idNumber"));
        // neither an elder id nor an ID card: the existing message
        using (var r = await AdmitById(caregiver, welfare, null, null, bed))
            Assert.Equal(["请选择入住的老年人。"], (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("elderId"));
        Assert.Null((await caregiver.GetJson($"{Base}/{welfare}/beds")).AsArray().Single(b => b!.Id() == bed)!["occupant"]);
    }

    [DbFact]
    public async Task An_elder_resident_in_another_institution_is_refused_with_409()
    {
        var jinhua = await JinhuaId();
        var welfare = await WelfareId();
        var nurse = await As("nurse");
        var caregiver = await As("caregiver");
        var idNumber = TestData.IdNumber();
        var name = TestData.Name("骆");
        var elderId = (await CreateElder(ElderBody(id: idNumber, name: name, orgId: jinhua))).Id();
        using (var r = await nurse.PostAsJsonAsync($"{Base}/{jinhua}/admissions", new { elderId, bedId = await Bed(nurse, jinhua), admittedOn = Today },
                   Tests.Infrastructure.Api.Json))
            await r.ShouldBe(HttpStatusCode.Created);

        var bed = await Bed(caregiver, welfare);
        using (var r = await AdmitById(caregiver, welfare, idNumber, name, bed))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal("already-resident", (string)p["code"]!);
            Assert.DoesNotContain(name, p.ToJsonString());
        }
        // an occupied bed is refused too (the rules are the same as with an elder id)
        var other = await HuangbaoElder();
        using (var r = await AdmitById(caregiver, welfare, other.IdNumber, other.Name, bed)) await r.ShouldBe(HttpStatusCode.Created);
        var third = await HuangbaoElder();
        using (var r = await AdmitById(caregiver, welfare, third.IdNumber, third.Name, bed))
            Assert.Equal("bed-occupied", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
    }

    [DbFact]
    public async Task A_partner_hospital_doctor_and_roles_without_institution_rights_are_refused()
    {
        var welfare = await WelfareId();
        var (elderId, idNumber, name) = await HuangbaoElder();
        var bed = await Bed(await As("caregiver"), welfare);

        // the district hospital has an agreement with 社会福利院 (demo data): its doctor still may not admit there
        using (var r = await AdmitById(await As("hospdoctor"), welfare, idNumber, name, bed)) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        // the elder's own health centre is no care institution
        using (var r = await AdmitById(await As("hbdoctor"), await HuangbaoId(), idNumber, name, bed)) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        foreach (var user in new[] { "wjw", "operator", "auditor" })
            using (var r = await AdmitById(await As(user), welfare, idNumber, name, bed))
                await r.ShouldBeProblem(HttpStatusCode.Forbidden);

        Assert.Null((await (await As("caregiver")).GetJson($"{Base}/{welfare}/beds")).AsArray().Single(b => b!.Id() == bed)!["occupant"]);
        var timeline = (await (await As("city")).GetJson($"/api/elders/{elderId}/timeline")).AsArray();
        Assert.DoesNotContain(timeline, e => ((string)e!["summary"]!).StartsWith("入住", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task After_discharge_the_care_home_keeps_its_stay_record_but_loses_the_elder_file()
    {
        var welfare = await WelfareId();
        var caregiver = await As("caregiver");
        var (elderId, idNumber, name) = await HuangbaoElder();
        var bed = await Bed(caregiver, welfare);
        using var admitted = await AdmitById(caregiver, welfare, idNumber, name, bed);
        await admitted.ShouldBe(HttpStatusCode.Created);
        var stayId = (await admitted.ReadJson()).Id();

        var discharged = await caregiver.PostJson($"{Base}/stays/{stayId}/discharge", new { dischargedOn = Today, reason = "left" }, HttpStatusCode.OK);
        Assert.Equal("离院", (string)discharged["reasonName"]!);
        Assert.Equal(Today, (string)discharged["dischargedOn"]!);

        var stay = await caregiver.GetJson($"{Base}/stays/{stayId}");
        Assert.Equal("left", (string)stay["reason"]!);
        using (var r = await caregiver.GetAsync($"/api/elders/{elderId}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        // staff of another care home see neither
        using (var r = await (await As("nurse")).GetAsync($"{Base}/stays/{stayId}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.Null((await caregiver.GetJson($"{Base}/{welfare}/beds")).AsArray().Single(b => b!.Id() == bed)!["occupant"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AdmissionByIdApiTestsSqlite(SqliteAppFixture f) : AdmissionByIdApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class AdmissionByIdApiTestsPostgres(PostgresAppFixture f) : AdmissionByIdApiTests(f), IPostgresTests;
