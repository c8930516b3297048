using System.Net;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Api;

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
        var admin = await (await As("admin")).GetJson("/api/elders?pageSize=1");
        Assert.True((int)page["total"]! < (int)admin["total"]!);
    }

    [DbFact]
    public async Task A_caregiver_of_the_welfare_home_sees_no_health_centre_elders()
    {
        var e = await CreateElder(ElderBody(), user: "doctor");
        Assert.Equal(HttpStatusCode.NotFound, await Status("caregiver", $"/api/elders/{e.Id()}"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ElderScopeApiTestsSqlite(SqliteAppFixture f) : ElderScopeApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ElderScopeApiTestsPostgres(PostgresAppFixture f) : ElderScopeApiTests(f), IPostgresTests;
