using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Elders.Falls;

public abstract class FallsApiTests(AppFixture fixture) : ApiTestBase(fixture)
{

    /// <summary>A signed GB/T 42195 assessment <paramref name="monthsAgo"/> months ago, due 12 months after it.</summary>
    private Task<long> AssessedMonthsAgo(long elderId, int monthsAgo) =>
        Factory.SignedAssessment(elderId, "gbt42195-2022", 1, "轻度失能", TestData.ChinaToday.AddMonths(-monthsAgo), TestData.ChinaToday.AddMonths(12 - monthsAgo));

    private static object Fall(DateTimeOffset at, string place = "home", string injury = "minor", bool hospital = false, string? note = null,
        long? homeVisitId = null, long? stayId = null) =>
        new { occurredAt = at, place, injury, hospitalVisit = hospital, note, homeVisitId, stayId };

    private static async Task<JsonNode?> DueEntry(HttpClient c, long elderId) =>
        (await c.GetJson($"/api/assessments/due?regionCode={Township}"))["items"]!.AsArray().SingleOrDefault(i => (long)i!["elderId"]! == elderId);

    [DbFact]
    public async Task A_fall_after_the_last_signed_assessment_makes_reassessment_due_at_once()
    {
        var elder = await JinhuaElder();
        await AssessedMonthsAgo(elder, 2);
        var doctor = await As("doctor");
        Assert.Null(await DueEntry(doctor, elder));

        // yesterday 21:30 China time, recorded by the nurse at the door
        var at = new DateTimeOffset(TestData.ChinaToday.AddDays(-1).ToDateTime(new TimeOnly(21, 30)), TimeSpan.FromHours(8));
        var nurse = await As("nurse");
        var fall = await nurse.PostJson($"/api/elders/{elder}/falls", Fall(at, "家中", "轻", hospital: true, note: "夜间如厕时滑倒，联系电话 13912345678"),
            HttpStatusCode.Created);
        Assert.Equal("home", (string)fall["place"]!);
        Assert.Equal("轻", (string)fall["injuryName"]!);
        Assert.Equal(TestData.ChinaToday.AddDays(-1).ToString("yyyy-MM-dd"), (string)fall["occurredOn"]!);
        Assert.DoesNotContain("13912345678", (string)fall["note"]!, StringComparison.Ordinal);
        Assert.Equal("nurse", (string)fall["recordedBy"]!);

        var entry = await DueEntry(doctor, elder);
        Assert.NotNull(entry);
        Assert.Equal("triggered", (string)entry!["kind"]!);
        Assert.StartsWith($"跌倒（{TestData.ChinaToday.AddDays(-1):yyyy-MM-dd}", (string)entry["trigger"]!);

        var list = (await doctor.GetJson($"/api/elders/{elder}/falls")).AsArray();
        Assert.Equal(fall.Id(), (long)list.Single()!["id"]!);
        var timeline = (await doctor.GetJson($"/api/elders/{elder}/timeline")).AsArray().Select(e => (string)e!["summary"]!).ToList();
        Assert.Contains($"跌倒：{TestData.ChinaToday.AddDays(-1):yyyy-MM-dd} 21:30，家中，损伤轻，已就医", timeline);
    }

    [DbFact]
    public async Task A_fall_before_the_last_signed_assessment_does_not_trigger()
    {
        var elder = await JinhuaElder();
        await AssessedMonthsAgo(elder, 1);
        var nurse = await As("nurse");
        var at = new DateTimeOffset(TestData.ChinaToday.AddMonths(-2).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        await nurse.PostJson($"/api/elders/{elder}/falls", Fall(at, "outdoor", "none"), HttpStatusCode.Created);
        Assert.Null(await DueEntry(await As("doctor"), elder));
    }

    [DbFact]
    public async Task Bad_input_is_refused_beside_the_field_and_writes_nothing_and_scope_is_enforced()
    {
        var elder = await JinhuaElder();
        var other = await JinhuaElder();
        var nurse = await As("nurse");
        var url = $"/api/elders/{elder}/falls";
        using (var r = await nurse.PostAsJsonAsync(url, new { occurredAt = DateTimeOffset.UtcNow.AddDays(1), place = "楼梯", injury = "很重", note = new string('字', 501) },
                   Tests.Infrastructure.Api.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.Equal("跌倒时间不能晚于现在。", p.FieldErrors("occurredAt").Single());
            Assert.Equal("请选择跌倒地点：家中、机构、户外或其他。", p.FieldErrors("place").Single());
            Assert.Equal("请选择损伤程度：无、轻或重。", p.FieldErrors("injury").Single());
            Assert.Equal("备注最多 500 个字。", p.FieldErrors("note").Single());
        }
        using (var r = await nurse.PostAsJsonAsync(url, Fall(DateTimeOffset.UtcNow.AddHours(-1), stayId: 987654321), Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("stayId"));
        Assert.Empty((await nurse.GetJson(url)).AsArray());
        Assert.Empty((await nurse.GetJson($"/api/elders/{other}/falls")).AsArray());

        // out of scope → 404 (Huangbao doctor); a regulator reads but may not write; anonymous → 401
        using (var r = await (await As("hbdoctor")).PostAsJsonAsync(url, Fall(DateTimeOffset.UtcNow.AddHours(-1)), Tests.Infrastructure.Api.Json))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await (await As("hbdoctor")).GetAsync(url)) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await (await As("wjw")).PostAsJsonAsync(url, Fall(DateTimeOffset.UtcNow.AddHours(-1)), Tests.Infrastructure.Api.Json))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await Factory.Anonymous().GetAsync(url)) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FallsApiTestsSqlite(SqliteAppFixture f) : FallsApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class FallsApiTestsPostgres(PostgresAppFixture f) : FallsApiTests(f), IPostgresTests;
