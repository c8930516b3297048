using System.Net;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Platform;

public abstract class RegionTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task Wangyi_district_lists_its_seven_townships()
    {
        var children = (await (await As("doctor")).GetJson("/api/regions/610202/children")).AsArray();
        Assert.Equal(7, children.Count);
        Assert.All(children, c => Assert.Equal("township", (string?)c!["level"]));
        Assert.Contains(children, c => (string?)c!["code"] == "610202100" && (string?)c["name"] == "黄堡镇");
    }

    [DbFact]
    public async Task A_province_lists_its_cities()
    {
        var children = (await (await As("wjw")).GetJson("/api/regions/61/children")).AsArray();
        Assert.Equal(10, children.Count);
        Assert.All(children, c => Assert.Equal("city", (string?)c!["level"]));
        Assert.All(children, c => Assert.StartsWith("61", (string?)c!["code"]));
        Assert.Contains(children, c => (string?)c!["code"] == "6102" && (string?)c["name"] == "铜川市");
    }

    [DbFact]
    public async Task A_single_region_and_the_provinces_can_be_read()
    {
        var client = await As("operator");
        var county = await client.GetJson("/api/regions/610202");
        Assert.Equal("王益区", (string?)county["name"]);
        Assert.Equal("county", (string?)county["level"]);
        var provinces = (await client.GetJson("/api/regions")).AsArray();
        Assert.Contains(provinces, p => (string?)p!["code"] == "61" && (string?)p["level"] == "province");
    }

    [DbFact]
    public async Task An_unknown_region_is_a_404_problem()
    {
        var client = await As("doctor");
        using var r = await client.GetAsync("/api/regions/999999/children");
        var p = await r.ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.True(Infrastructure.Api.IsChinese((string)p["detail"]!));
        using var r2 = await client.GetAsync("/api/regions/999999");
        await r2.ShouldBeProblem(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RegionTestsSqlite(SqliteAppFixture f) : RegionTests(f);

[Collection(PostgresCollection.Name)]
public sealed class RegionTestsPostgres(PostgresAppFixture f) : RegionTests(f), IPostgresTests;
