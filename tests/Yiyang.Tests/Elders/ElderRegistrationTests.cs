using System.Net;
using System.Net.Http.Json;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Elders;

public abstract class ElderRegistrationTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private async Task<long> CountById(string id)
    {
        var list = await (await As("city")).GetJson("/api/elders?q=" + id);
        return (long)list["total"]!;
    }

    [DbFact]
    public async Task Registering_an_elder_returns_201_with_location_etag_and_masked_derived_fields()
    {
        var id = TestData.IdNumber(male: true);
        var body = ElderBody(id);
        using var r = await (await As("doctor")).PostAsJsonAsync("/api/elders", body, Infrastructure.Api.Json); // a role that may reveal the ID sees the birth date
        await r.ShouldBe(HttpStatusCode.Created);
        var e = await r.ReadJson();
        Assert.Equal($"/api/elders/{e.Id()}", r.Headers.Location?.OriginalString);
        Assert.Equal("W/\"0\"", r.Headers.ETag?.ToString());
        Assert.Equal(id[..3] + "***********" + id[^4..], (string?)e["idNumberMasked"]);
        Assert.Equal("男", (string?)e["sex"]);
        Assert.Equal(TestData.BirthOf(id).ToString("yyyy-MM-dd"), (string?)e["birthDate"]);
        Assert.Equal((string)body["name"]!, (string?)e["name"]);
        Assert.Equal(0, (int)e["version"]!);
        var phone = (string)body["phone"]!;
        Assert.Equal(phone[..3] + "****" + phone[^4..], (string?)e["phoneMasked"]);
        Assert.DoesNotContain(id, e.ToJsonString());
        Assert.DoesNotContain(phone, e.ToJsonString());
        Assert.Equal("陕西省 铜川市 王益区 红旗街街道", (string?)e["regionName"]);

        var again = await (await As("doctor")).GetJson($"/api/elders/{e.Id()}");
        Assert.Equal((string?)e["name"], (string?)again["name"]);
    }

    [DbFact]
    public async Task A_female_sequence_digit_gives_sex_female()
    {
        var e = await CreateElder(ElderBody(TestData.IdNumber(male: false)));
        Assert.Equal("女", (string?)e["sex"]);
    }

    [DbFact]
    public async Task A_lower_case_x_is_stored_upper_case()
    {
        string id;
        do id = TestData.IdNumber(); while (id[17] != 'X');
        var e = await CreateElder(ElderBody(id.ToLowerInvariant()), user: "doctor");
        Assert.EndsWith("X", (string?)e["idNumberMasked"]);
        var reveal = await (await As("doctor")).PostJson($"/api/elders/{e.Id()}/reveal",
            new { field = "idNumber", reason = "核对证件号码" }, HttpStatusCode.OK);
        Assert.Equal(id, (string?)reveal["value"]);
        Assert.Equal(1, await CountById(id.ToLowerInvariant()));
        Assert.Equal(1, await CountById(id));
    }

    [DbFact]
    public async Task A_15_digit_ID_is_upgraded_to_18_digits()
    {
        var id18 = TestData.IdNumber();               // born 195x, so the 15-digit form upgrades back to it
        var id15 = id18[..6] + id18[8..17];
        var e = await CreateElder(ElderBody(id15), user: "doctor");
        var reveal = await (await As("doctor")).PostJson($"/api/elders/{e.Id()}/reveal",
            new { field = "idNumber", reason = "核对证件号码" }, HttpStatusCode.OK);
        Assert.Equal(id18, (string?)reveal["value"]);
        Assert.Equal(TestData.BirthOf(id18).ToString("yyyy-MM-dd"), (string?)e["birthDate"]);
    }

    [DbFact]
    public async Task A_wrong_check_digit_is_a_400_problem_with_a_Chinese_idNumber_error_and_nothing_is_written()
    {
        var id = TestData.IdNumber();
        using var r = await (await As("city")).PostAsJsonAsync("/api/elders", ElderBody(TestData.WrongCheck(id)), Infrastructure.Api.Json);
        var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal("validation", (string?)p["code"]);
        var messages = p.FieldErrors("idNumber");
        Assert.Contains(messages, m => m.Contains("校验码"));
        Assert.Equal(0, await CountById(id));
        Assert.Equal(0, await CountById(TestData.WrongCheck(id)));
    }

    [DbFact]
    public async Task Missing_name_and_township_are_reported_per_field_and_nothing_is_written()
    {
        var id = TestData.IdNumber();
        var body = ElderBody(id);
        body["name"] = "  ";
        body.Remove("townshipCode");
        using var r = await (await As("city")).PostAsJsonAsync("/api/elders", body, Infrastructure.Api.Json);
        var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.All(p.FieldErrors("name"), m => Assert.True(Infrastructure.Api.IsChinese(m)));
        Assert.All(p.FieldErrors("townshipCode"), m => Assert.True(Infrastructure.Api.IsChinese(m)));
        Assert.Equal(0, await CountById(id));
    }

    [DbFact]
    public async Task Invalid_optional_fields_are_reported_per_field()
    {
        var body = ElderBody();
        body["phone"] = "12345";
        body["townshipCode"] = "610202";          // a county, not a township
        body["insuranceType"] = "42";
        body["flags"] = new[] { "no-such-flag" };
        using var r = await (await As("city")).PostAsJsonAsync("/api/elders", body, Infrastructure.Api.Json);
        var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(p.FieldErrors("phone"));
        Assert.NotEmpty(p.FieldErrors("townshipCode"));
        Assert.NotEmpty(p.FieldErrors("insuranceType"));
        Assert.NotEmpty(p.FieldErrors("flags"));
    }

    [DbFact]
    public async Task Malformed_JSON_is_a_400_problem()
    {
        using var content = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json");
        using var r = await (await As("city")).PostAsync("/api/elders", content);
        Assert.Equal("bad-request", (string?)(await r.ShouldBeProblem(HttpStatusCode.BadRequest))["code"]);
    }

    [DbFact]
    public async Task Registering_the_same_ID_again_is_a_409_naming_the_existing_record()
    {
        var id = TestData.IdNumber();
        var first = await CreateElder(ElderBody(id));
        using var r = await (await As("city")).PostAsJsonAsync("/api/elders", ElderBody(id, name: TestData.Name()), Infrastructure.Api.Json);
        var p = await r.ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal("duplicate-id-number", (string?)p["code"]);
        Assert.Equal(first.Id(), (long)p["existingId"]!);
        Assert.Equal(1, await CountById(id));
    }

    [DbFact]
    public async Task Two_concurrent_registrations_of_one_new_ID_give_exactly_one_201_and_one_409()
    {
        var id = TestData.IdNumber();
        var admin = await As("city");
        var doctor = await Factory.ClientFor("city");
        var responses = await Task.WhenAll(
            admin.PostAsJsonAsync("/api/elders", ElderBody(id), Infrastructure.Api.Json),
            doctor.PostAsJsonAsync("/api/elders", ElderBody(id), Infrastructure.Api.Json));
        try
        {
            var codes = responses.Select(r => r.StatusCode).OrderBy(c => c).ToList();
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], codes);
            var created = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).ReadJson();
            var conflict = await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ReadJson();
            Assert.Equal(created.Id(), (long)conflict["existingId"]!);
            Assert.Equal(1, await CountById(id));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [DbFact]
    public async Task Staff_register_elders_for_their_own_organization_only()
    {
        var jinhua = await JinhuaId();
        var e = await CreateElder(ElderBody(), user: "doctor");
        Assert.Equal(jinhua, (long?)e["responsibleOrganizationId"]);

        using var r = await (await As("doctor")).PostAsJsonAsync("/api/elders", ElderBody(orgId: await HuangbaoId()), Infrastructure.Api.Json);
        (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("responsibleOrganizationId");
    }

    [DbFact]
    public async Task Readers_without_write_permission_cannot_register()
    {
        foreach (var user in new[] { "wjw", "operator", "caregiver" })
        {
            using var r = await (await As(user)).PostAsJsonAsync("/api/elders", ElderBody(), Infrastructure.Api.Json);
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        }
    }

    [DbFact]
    public async Task A_nonexistent_responsible_organization_is_a_400()
    {
        using var r = await (await As("city")).PostAsJsonAsync("/api/elders", ElderBody(orgId: 999_999_999), Infrastructure.Api.Json);
        Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("responsibleOrganizationId"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ElderRegistrationTestsSqlite(SqliteAppFixture f) : ElderRegistrationTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ElderRegistrationTestsPostgres(PostgresAppFixture f) : ElderRegistrationTests(f), IPostgresTests;
