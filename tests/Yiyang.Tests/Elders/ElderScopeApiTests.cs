using System.Net;
using System.Net.Http.Json;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Elders;

/// <summary>Out-of-scope records are 404 (existence does not leak); roles without the policy get 403.</summary>
public abstract class ElderScopeApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private async Task<HttpStatusCode> Status(string user, string url)
    {
        using var r = await (await As(user)).GetAsync(url);
        if (r.StatusCode == HttpStatusCode.NotFound) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        return r.StatusCode;
    }

    [DbFact]
    public async Task A_doctor_cannot_see_an_elder_of_another_organization_but_its_own_doctor_can()
    {
        var e = await CreateElder(ElderBody(township: Huangbao, orgId: await HuangbaoId()));
        var url = $"/api/elders/{e.Id()}";
        Assert.Equal(HttpStatusCode.NotFound, await Status("doctor", url));
        Assert.Equal(HttpStatusCode.NotFound, await Status("nurse", url));
        Assert.Equal(HttpStatusCode.NotFound, await Status("doctor", url + "/timeline"));
        Assert.Equal(HttpStatusCode.OK, await Status("hbdoctor", url));
        Assert.Equal(HttpStatusCode.OK, await Status("hbdoctor", url + "/timeline"));
    }

    [DbFact]
    public async Task A_district_regulator_sees_its_district_but_not_the_neighbouring_one_and_the_city_operator_sees_both()
    {
        var inside = await CreateElder(ElderBody(township: Huangbao));
        var outside = await CreateElder(ElderBody(township: OtherDistrictTownship));
        Assert.Equal(HttpStatusCode.OK, await Status("wjw", $"/api/elders/{inside.Id()}"));
        Assert.Equal(HttpStatusCode.NotFound, await Status("wjw", $"/api/elders/{outside.Id()}"));
        Assert.Equal(HttpStatusCode.NotFound, await Status("mzj", $"/api/elders/{outside.Id()}"));
        Assert.Equal(HttpStatusCode.OK, await Status("operator", $"/api/elders/{inside.Id()}"));
        Assert.Equal(HttpStatusCode.OK, await Status("operator", $"/api/elders/{outside.Id()}"));

        var wjwList = await (await As("wjw")).GetJson("/api/elders?q=" + (string)outside["name"]!);
        Assert.Equal(0, (int)wjwList["total"]!);
        var opList = await (await As("operator")).GetJson("/api/elders?q=" + (string)outside["name"]!);
        Assert.Equal(1, (int)opList["total"]!);
    }

    [DbFact]
    public async Task An_unknown_id_is_the_same_404_as_an_out_of_scope_one()
    {
        var e = await CreateElder(ElderBody(township: OtherDistrictTownship));
        using var hidden = await (await As("wjw")).GetAsync($"/api/elders/{e.Id()}");
        using var missing = await (await As("wjw")).GetAsync("/api/elders/999999999");
        var a = await hidden.ShouldBeProblem(HttpStatusCode.NotFound);
        var b = await missing.ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.Equal((string?)a["detail"], (string?)b["detail"]);
    }

    [DbFact]
    public async Task Security_and_audit_admins_are_forbidden_from_elder_records()
    {
        var e = await CreateElder();
        foreach (var user in new[] { "security", "auditor" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, await Status(user, "/api/elders"));
            Assert.Equal(HttpStatusCode.Forbidden, await Status(user, $"/api/elders/{e.Id()}"));
        }
    }

    [DbFact]
    public async Task A_doctor_lists_only_the_elders_of_his_organization()
    {
        var jinhua = await JinhuaId();
        await CreateElder(ElderBody(township: Huangbao, orgId: await HuangbaoId()));
        await CreateElder(ElderBody(), user: "doctor");
        var doctor = await As("doctor");
        var page = await doctor.GetJson("/api/elders?pageSize=200");
        var items = page["items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal(jinhua, (long?)i!["responsibleOrganizationId"]));
        var admin = await (await As("city")).GetJson("/api/elders?pageSize=1");
        Assert.True((int)page["total"]! < (int)admin["total"]!);
    }

    [DbFact]
    public async Task A_caregiver_of_the_welfare_home_sees_no_health_centre_elders()
    {
        var e = await CreateElder(ElderBody(), user: "doctor");
        Assert.Equal(HttpStatusCode.NotFound, await Status("caregiver", $"/api/elders/{e.Id()}"));
    }

    /// <summary>
    /// Every role against four elders: one of 黄堡镇 (responsible 黄堡镇中心卫生院), one of 金华 (responsible 金华社区),
    /// one in the neighbouring district 印台区 and one in another city (西安). Out of scope is always 404, for the
    /// detail, the timeline and a reveal alike.
    /// </summary>
    [DbFact]
    public async Task Every_role_sees_exactly_the_elders_of_its_scope_and_the_rest_are_404()
    {
        var huangbao = await CreateElder(ElderBody(township: Huangbao, orgId: await HuangbaoId()));
        var jinhua = await CreateElder(ElderBody(township: "610202002", orgId: await JinhuaId()));
        var neighbour = await CreateElder(ElderBody(township: OtherDistrictTownship));
        var otherCity = await CreateElder(ElderBody(township: "610102001"));
        var expected = new Dictionary<string, bool[]>
        {
            // user            黄堡   金华   印台   西安
            ["city"] = [true, true, true, true],
            ["doctor"] = [false, true, false, false],
            ["nurse"] = [false, true, false, false],
            ["orgadmin"] = [false, true, false, false],
            ["hbdoctor"] = [true, false, false, false],
            ["caregiver"] = [false, false, false, false],
            ["wjw"] = [true, true, false, false],
            ["mzj"] = [true, true, false, false],
            ["ybj"] = [true, true, false, false],
            ["operator"] = [true, true, true, false],
        };
        var elders = new[] { huangbao, jinhua, neighbour, otherCity };
        foreach (var (user, visible) in expected)
        {
            for (var i = 0; i < elders.Length; i++)
            {
                var want = visible[i] ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                var id = elders[i].Id();
                Assert.True(want == await Status(user, $"/api/elders/{id}"), $"{user} GET elder #{i} should be {want}");
                Assert.True(want == await Status(user, $"/api/elders/{id}/timeline"), $"{user} timeline #{i} should be {want}");
                if (!visible[i])
                {
                    using var reveal = await (await As(user)).PostAsJsonAsync($"/api/elders/{id}/reveal", new { field = "phone", reason = "核对" });
                    Assert.True(reveal.StatusCode == HttpStatusCode.NotFound, $"{user} reveal of #{i} should be 404, was {reveal.StatusCode}");
                }
            }
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ElderScopeApiTestsSqlite(SqliteAppFixture f) : ElderScopeApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ElderScopeApiTestsPostgres(PostgresAppFixture f) : ElderScopeApiTests(f), IPostgresTests;
