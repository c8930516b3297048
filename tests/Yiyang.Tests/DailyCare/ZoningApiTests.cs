using System.Net;
using System.Text.Json.Nodes;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.DailyCare;

/// <summary>Infection-control zoning of 金华 (integrated; orgadmin is its institution admin).</summary>
public abstract class ZoningApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static string Url(long org) => $"/api/daily-care/institutions/{org}/zoning";

    private static async Task Bed(HttpClient c, long org, string ward, string room, string kind) =>
        await c.PostJson($"/api/institutions/{org}/beds", new { ward, room, number = "1", kind }, HttpStatusCode.Created);

    private static object Body(string ward, string careRoom, string medicalRoom, int? version = null) => new
    {
        separated = true,
        note = "医疗区设于二楼东侧",
        areas = new[]
        {
            new { name = "生活区A", kind = "care", building = "1号楼", floor = "2", note = (string?)null },
            new { name = "医务室", kind = "medical", building = "1号楼", floor = "2", note = (string?)"独立出入口" },
        },
        rooms = new[] { new { ward, room = careRoom, area = "生活区A" }, new { ward, room = medicalRoom, area = "医务室" } },
        version,
    };

    [DbFact]
    public async Task The_admin_saves_the_zoning_and_a_medical_bed_in_a_care_area_is_a_warning()
    {
        var org = await JinhuaId();
        var admin = await As("orgadmin");
        var ward = "Z" + Guid.NewGuid().ToString("N")[..8];
        await Bed(admin, org, ward, "201", "medical");
        await Bed(admin, org, ward, "202", "nursing");
        var current = await admin.GetJson(Url(org));
        var version = (int)current["version"]!;

        using (var r = await admin.PutJson(Url(org), Body(ward, "201", "202", version), version == 0 ? null : $"W/\"{version}\""))
        {
            await r.ShouldBe(HttpStatusCode.OK);
            var z = await r.ReadJson();
            Assert.True((bool)z["separated"]!);
            Assert.Equal(["生活区A", "医务室"], z["areas"]!.AsArray().Select(a => (string)a!["name"]!));
            Assert.Equal("医疗区", (string)z["areas"]![1]!["kindName"]!);
            var room = z["rooms"]!.AsArray().Single(x => (string)x!["ward"]! == ward && (string)x["room"]! == "201")!;
            Assert.Equal("生活区A", (string)room["area"]!);
            Assert.Equal(1, (int)room["medicalBeds"]!);
            Assert.Contains($"{ward} 201：1 张医疗用途床位位于生活照护区（生活区A）。", z["warnings"]!.AsArray().Select(w => (string)w!));
            Assert.False((bool)z["readOnly"]!);
            version = (int)z["version"]!;
        }
        // the medical bed moved to the medical area: no warning for the ward; a stale version is refused
        using (var r = await admin.PutJson(Url(org), Body(ward, "202", "201"), $"W/\"{version + 5}\"")) await r.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        using (var r = await admin.PutJson(Url(org), Body(ward, "202", "201"), $"W/\"{version}\""))
        {
            await r.ShouldBe(HttpStatusCode.OK);
            Assert.DoesNotContain((await r.ReadJson())["warnings"]!.AsArray(), w => ((string)w!).StartsWith(ward, StringComparison.Ordinal));
        }

        // regulators of the region read it, read-only; staff read it but cannot edit; other organizations do not see it
        var wjw = await (await As("wjw")).GetJson(Url(org));
        Assert.True((bool)wjw["readOnly"]!);
        Assert.Equal(2, wjw["areas"]!.AsArray().Count);
        using (var r = await (await As("wjw")).PutJson(Url(org), Body(ward, "201", "202"), "*")) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var r = await (await As("nurse")).PutJson(Url(org), Body(ward, "201", "202"), "*")) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.True((bool)(await (await As("nurse")).GetJson(Url(org)))["readOnly"]!);
        using (var r = await (await As("hbdoctor")).GetAsync(Url(org))) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await (await As("caregiver")).GetAsync(Url(org))) await r.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Bad_zoning_input_is_refused_and_changes_nothing()
    {
        var org = await JinhuaId();
        var admin = await As("orgadmin");
        var before = await admin.GetJson(Url(org));
        var body = new
        {
            areas = new[] { new { name = "甲区", kind = "garden" }, new { name = "甲区", kind = "care" } },
            rooms = new[] { new { ward = "不存在的病区", room = "1", area = "乙区" } },
        };
        using (var r = await admin.PutJson(Url(org), body, "*"))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("separated"));
            Assert.NotEmpty(p.FieldErrors("areas[0].kind"));
            Assert.NotEmpty(p.FieldErrors("areas[1].name"));
            Assert.NotEmpty(p.FieldErrors("rooms[0].room"));
            Assert.NotEmpty(p.FieldErrors("rooms[0].area"));
        }
        var after = await admin.GetJson(Url(org));
        Assert.Equal((int)before["version"]!, (int)after["version"]!);
        Assert.True(JsonNode.DeepEquals(before["areas"], after["areas"]));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ZoningApiTestsSqlite(SqliteAppFixture f) : ZoningApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ZoningApiTestsPostgres(PostgresAppFixture f) : ZoningApiTests(f), IPostgresTests;
