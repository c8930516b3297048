using System.Net;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Elders;

public abstract class ElderUpdateTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static Dictionary<string, object?> Edit(System.Text.Json.Nodes.JsonNode e, string name, int? version = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["townshipCode"] = (string?)e["townshipCode"],
            ["phone"] = TestData.Phone(),
            ["insuranceType"] = "02",
            ["flags"] = new[] { "living-alone" },
        };
        if (version is not null) body["version"] = version;
        return body;
    }

    [DbFact]
    public async Task An_update_with_the_current_If_Match_succeeds_and_increments_the_version()
    {
        var e = await CreateElder();
        var admin = await As("city");
        var newName = TestData.Name("改");
        using var r = await admin.PutJson($"/api/elders/{e.Id()}", Edit(e, newName), "W/\"0\"");
        await r.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("W/\"1\"", r.Headers.ETag?.ToString());
        var updated = await r.ReadJson();
        Assert.Equal(1, (int)updated["version"]!);
        Assert.Equal(newName, (string?)updated["name"]);
        Assert.Equal("城镇居民基本医疗保险", (string?)updated["insuranceTypeName"]);
        Assert.Equal(["living-alone"], updated["flags"]!.AsArray().Select(f => (string?)f));
        Assert.Equal((string?)e["idNumberMasked"], (string?)updated["idNumberMasked"]); // ID kept when not sent

        using var r2 = await admin.PutJson($"/api/elders/{e.Id()}", Edit(e, newName + "乙"), "\"1\"");
        await r2.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, (int)(await r2.ReadJson())["version"]!);
    }

    [DbFact]
    public async Task A_stale_If_Match_is_a_412_and_changes_nothing()
    {
        var e = await CreateElder();
        var admin = await As("city");
        using (var ok = await admin.PutJson($"/api/elders/{e.Id()}", Edit(e, TestData.Name("改")), "W/\"0\"")) await ok.ShouldBe(HttpStatusCode.OK);
        var current = await admin.GetJson($"/api/elders/{e.Id()}");
        using var stale = await admin.PutJson($"/api/elders/{e.Id()}", Edit(e, TestData.Name("旧")), "W/\"0\"");
        Assert.Equal("precondition-failed", (string?)(await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed))["code"]);
        var after = await admin.GetJson($"/api/elders/{e.Id()}");
        Assert.Equal((string?)current["name"], (string?)after["name"]);
        Assert.Equal(1, (int)after["version"]!);
    }

    [DbFact]
    public async Task A_stale_version_in_the_body_is_a_409()
    {
        var e = await CreateElder();
        var admin = await As("city");
        using (var ok = await admin.PutJson($"/api/elders/{e.Id()}", Edit(e, TestData.Name("改"), version: 0))) await ok.ShouldBe(HttpStatusCode.OK);
        using var stale = await admin.PutJson($"/api/elders/{e.Id()}", Edit(e, TestData.Name("旧"), version: 0));
        Assert.Equal("concurrency", (string?)(await stale.ShouldBeProblem(HttpStatusCode.Conflict))["code"]);
    }

    [DbFact]
    public async Task An_update_without_any_version_is_a_400()
    {
        var e = await CreateElder();
        using var r = await (await As("city")).PutJson($"/api/elders/{e.Id()}", Edit(e, TestData.Name("改")));
        Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("version"));
    }

    [DbFact]
    public async Task If_Match_star_updates_whatever_the_current_version_is()
    {
        var e = await CreateElder();
        using var r = await (await As("city")).PutJson($"/api/elders/{e.Id()}", Edit(e, TestData.Name("星")), "*");
        await r.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, (int)(await r.ReadJson())["version"]!);
    }

    [DbFact]
    public async Task A_malformed_If_Match_is_a_400()
    {
        var e = await CreateElder();
        using var r = await (await As("city")).PutJson($"/api/elders/{e.Id()}", Edit(e, TestData.Name("改")), "W/\"abc\"");
        Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("If-Match"));
    }

    [DbFact]
    public async Task An_invalid_field_is_a_400_and_nothing_changes()
    {
        var e = await CreateElder();
        var admin = await As("city");
        var body = Edit(e, TestData.Name("改"));
        body["phone"] = "12345";
        using var r = await admin.PutJson($"/api/elders/{e.Id()}", body, "W/\"0\"");
        Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("phone"));
        var after = await admin.GetJson($"/api/elders/{e.Id()}");
        Assert.Equal((string?)e["name"], (string?)after["name"]);
        Assert.Equal((string?)e["phoneMasked"], (string?)after["phoneMasked"]);
        Assert.Equal(0, (int)after["version"]!);
        var timeline = await admin.GetJson($"/api/elders/{e.Id()}/timeline");
        Assert.DoesNotContain(timeline.AsArray(), t => (string?)t!["kind"] == "elder.edited");
    }

    [DbFact]
    public async Task Changing_the_ID_to_one_already_registered_is_a_409()
    {
        var other = TestData.IdNumber();
        var first = await CreateElder(ElderBody(other));
        var e = await CreateElder();
        var body = Edit(e, (string)e["name"]!);
        body["idNumber"] = other;
        using var r = await (await As("city")).PutJson($"/api/elders/{e.Id()}", body, "W/\"0\"");
        Assert.Equal(first.Id(), (long)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["existingId"]!);
    }

    [DbFact]
    public async Task Updating_an_out_of_scope_elder_is_a_404()
    {
        var e = await CreateElder(ElderBody(township: Huangbao, orgId: await HuangbaoId()));
        using var r = await (await As("doctor")).PutJson($"/api/elders/{e.Id()}", Edit(e, TestData.Name("改")), "W/\"0\"");
        await r.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task An_update_keeps_the_oldest_old_flag_of_an_elder_aged_80_or_more()
    {
        var e = await CreateElder(ElderBody(TestData.IdNumberBornOn(new DateOnly(1941, 5, 6), male: false)));
        Assert.Contains("oldest-old", e["flags"]!.AsArray().Select(f => (string?)f));
        var admin = await As("city");
        using var put = await admin.PutJson($"/api/elders/{e.Id()}",
            new { name = (string)e["name"]!, townshipCode = Township, flags = new[] { "disabled" } }, "W/\"0\"");
        await put.ShouldBe(HttpStatusCode.OK);
        var flags = (await put.ReadJson())["flags"]!.AsArray().Select(f => (string?)f).ToList();
        Assert.Contains("disabled", flags);
        Assert.Contains("oldest-old", flags); // derived from the birth date, as at registration and import
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ElderUpdateTestsSqlite(SqliteAppFixture f) : ElderUpdateTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ElderUpdateTestsPostgres(PostgresAppFixture f) : ElderUpdateTests(f), IPostgresTests;
