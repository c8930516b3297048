using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Referrals;

/// <summary>docs/domain/collaboration.md#down-referral-follow-up: a down-referral opens a family sickbed or a care-home admission — receiver only, 接收/到达 only, once.</summary>
public abstract class ReferralFollowUpTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/referrals";
    private const string Hospital = "铜川市王益区人民医院（铜川市中医医院）";

    /// <summary>金华 refers its elder up; the hospital receives, records arrival and sends the 回转单 (a down-referral to 金华, 申请).</summary>
    private async Task<(long Up, long Down, long Elder)> Returned()
    {
        var elder = (await CreateElder(ElderBody(orgId: await JinhuaId()))).Id();
        var doctor = await As("doctor");
        var hosp = await As("hospdoctor");
        var up = (await doctor.PostJson(Base, new
        {
            direction = "up",
            elderId = elder,
            toOrganizationId = await OrgId(Hospital),
            toDepartment = "骨科",
            indication = "fall-fracture",
            reason = "跌倒后右髋疼痛",
            urgency = "urgent",
            initialImpression = "右股骨颈骨折？",
            presentHistory = "今晨跌倒后右髋疼痛 3 小时。",
        }, HttpStatusCode.Created)).Id();
        await hosp.PostJson($"{Base}/{up}/accept", new { }, HttpStatusCode.OK);
        await hosp.PostJson($"{Base}/{up}/arrive", new { }, HttpStatusCode.OK);
        var down = (await hosp.PostJson($"{Base}/{up}/return", new
        {
            indication = "post-operative",
            diagnosis = "右股骨颈骨折（术后）",
            nextStepAdvice = "术后 6 周内不负重，每周换药一次，指导康复训练。",
        }, HttpStatusCode.Created)).Id();
        return (up, down, elder);
    }

    private static Task<HttpResponseMessage> Post(HttpClient c, string url, object body) => c.PostAsJsonAsync(url, body, JsonApi.Json);

    private async Task<int> Sickbeds(long elder) => await Factory.WithScope(sp =>
        sp.GetRequiredService<YiyangDb>().Set<Modules.Sickbeds.Sickbed>().CountAsync(s => s.ElderId == elder));

    [DbFact]
    public async Task The_receiver_opens_a_family_sickbed_from_an_accepted_down_referral_once()
    {
        var (up, down, elder) = await Returned();
        var doctor = await As("doctor");
        var sickbed = new { diagnosisCode = "S72.0" };
        // 申请: not yet
        using (var r = await Post(doctor, $"{Base}/{down}/open-sickbed", sickbed))
            Assert.Contains("接收或到达后", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["detail"]!);
        var accepted = await doctor.PostJson($"{Base}/{down}/accept", new { }, HttpStatusCode.OK);
        Assert.Equal(["open-sickbed", "admit"], accepted["followUps"]!.AsArray().Select(a => (string)a!));
        // the sender, an up-referral, another organization
        using (var r = await Post(await As("hospdoctor"), $"{Base}/{down}/open-sickbed", sickbed)) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var r = await Post(await As("hospdoctor"), $"{Base}/{up}/open-sickbed", sickbed))
            Assert.Equal("只有下转的转诊可以建立家庭病床或办理入住。", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["detail"]!);
        using (var r = await Post(await As("hbdoctor"), $"{Base}/{down}/open-sickbed", sickbed)) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        // bad input changes nothing
        using (var r = await Post(doctor, $"{Base}/{down}/open-sickbed", new { diagnosisCode = "??" }))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("diagnosisCode"));
        Assert.Equal(0, await Sickbeds(elder));

        var linked = await doctor.PostJson($"{Base}/{down}/open-sickbed", sickbed, HttpStatusCode.OK);
        var sickbedId = (long)linked["sickbedId"]!;
        Assert.Null(linked["stayId"]);
        Assert.Empty(linked["followUps"]!.AsArray());
        var bed = await doctor.GetJson($"/api/sickbeds/{sickbedId}");
        Assert.Equal(elder, (long)bed["elderId"]!);
        Assert.Equal("S72.0", (string)bed["diagnosisCode"]!);
        Assert.Equal("右股骨颈骨折（术后）", (string)bed["diagnosisName"]!);       // prefilled from the 回转单
        Assert.StartsWith("下转接续：术后 6 周内不负重", (string)bed["applicationReason"]!);
        Assert.Equal(await JinhuaId(), (long)bed["organizationId"]!);

        // at most once: a second sickbed and an admission are both refused, nothing more is written
        using (var r = await Post(doctor, $"{Base}/{down}/open-sickbed", sickbed))
            Assert.Contains("不能重复办理", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["detail"]!);
        using (var r = await Post(await As("orgadmin"), $"{Base}/{down}/admit", new { bedId = 1 })) await r.ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal(1, await Sickbeds(elder));
        var summaries = (await (await As("city")).GetJson($"/api/elders/{elder}/timeline")).AsArray().Select(e => (string)e!["summary"]!).ToList();
        Assert.Contains("下转接续：已据转诊申请家庭病床", summaries);
    }

    [DbFact]
    public async Task The_receiving_care_home_admits_the_referred_elder_to_a_bed_and_the_bed_rules_still_apply()
    {
        var jinhua = await JinhuaId();
        var admin = await As("city");
        var bed = (await admin.PostJson($"/api/institutions/{jinhua}/beds",
            new { ward = "W" + Guid.NewGuid().ToString("N")[..8], room = "201", number = "1", kind = "nursing" }, HttpStatusCode.Created)).Id();
        var (_, down, elder) = await Returned();
        var orgadmin = await As("orgadmin");
        await (await As("doctor")).PostJson($"{Base}/{down}/accept", new { }, HttpStatusCode.OK);
        await (await As("doctor")).PostJson($"{Base}/{down}/arrive", new { }, HttpStatusCode.OK);
        using (var r = await Post(orgadmin, $"{Base}/{down}/admit", new { }))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("bedId"));

        var linked = await orgadmin.PostJson($"{Base}/{down}/admit", new { bedId = bed }, HttpStatusCode.OK);
        Assert.NotNull(linked["stayId"]);
        var beds = await orgadmin.GetJson($"/api/institutions/{jinhua}/beds");
        Assert.Equal(elder, (long)beds.AsArray().Single(b => b!.Id() == bed)!["occupant"]!["elderId"]!);
        using (var r = await Post(orgadmin, $"{Base}/{down}/admit", new { bedId = bed }))
            Assert.Equal("illegal-transition", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        // another referred elder cannot take the same bed: the one-bed-one-resident 409 passes through, the referral stays open
        var (_, other, _) = await Returned();
        await (await As("doctor")).PostJson($"{Base}/{other}/accept", new { }, HttpStatusCode.OK);
        using (var r = await Post(orgadmin, $"{Base}/{other}/admit", new { bedId = bed }))
            Assert.Equal("bed-occupied", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        Assert.Equal(["open-sickbed", "admit"], (await orgadmin.GetJson($"{Base}/{other}"))["followUps"]!.AsArray().Select(a => (string)a!));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReferralFollowUpTestsSqlite(SqliteAppFixture f) : ReferralFollowUpTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ReferralFollowUpTestsPostgres(PostgresAppFixture f) : ReferralFollowUpTests(f), IPostgresTests;
