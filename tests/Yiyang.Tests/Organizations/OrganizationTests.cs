using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Organizations;

public abstract class OrganizationTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static Dictionary<string, object?> CareHome(int beds, bool medicalRoom, string township = "610202003", string? creditCode = null) => new()
    {
        ["name"] = TestData.Name("养老院"),
        ["kind"] = "elderly-care",
        ["careType"] = "护理型",
        ["creditCode"] = creditCode ?? TestData.CreditCode("52"),
        ["careLicenceNo"] = "61020200" + Random.Shared.Next(1000, 9999),
        ["townshipCode"] = township,
        ["address"] = "王益区桃园路1号",
        ["phone"] = "0919-3100000",
        ["hasMedicalRoom"] = medicalRoom,
        ["elderCareBeds"] = beds,
    };

    private static Dictionary<string, object?> Clinic() => new()
    {
        ["name"] = TestData.Name("卫生室"),
        ["kind"] = "medical",
        ["medicalType"] = "村卫生室",
        ["level"] = "未定级",
        ["creditCode"] = TestData.CreditCode("12"),
        ["medicalLicenceNo"] = "PDY" + Random.Shared.Next(100000, 999999),
        ["townshipCode"] = Huangbao,
    };

    private async Task<JsonNode> Create(Dictionary<string, object?> body, string user = "admin") =>
        await (await As(user)).PostJson("/api/organizations", body, HttpStatusCode.Created);

    private async Task<List<long>> List(string query) =>
        (await (await As("wjw")).GetJson("/api/organizations?pageSize=200&" + query))["items"]!.AsArray().Select(o => o!.Id()).ToList();

    [DbFact]
    public async Task A_care_home_with_120_beds_and_no_medical_room_is_flagged_non_compliant()
    {
        var body = CareHome(120, medicalRoom: false);
        using var r = await (await As("admin")).PostAsJsonAsync("/api/organizations", body, Infrastructure.Api.Json);
        await r.ShouldBe(HttpStatusCode.Created);
        var o = await r.ReadJson();
        Assert.Equal($"/api/organizations/{o.Id()}", r.Headers.Location?.OriginalString);
        Assert.Equal("W/\"0\"", r.Headers.ETag?.ToString());
        Assert.True((bool)o["nonCompliant"]!);
        var issue = (string)o["complianceIssues"]![0]!;
        Assert.True(Infrastructure.Api.IsChinese(issue));
        Assert.Contains("医务室", issue);
        Assert.Equal("养老机构", (string?)o["kindName"]);
        Assert.Equal(120, (int)o["beds"]!["total"]!);
        Assert.Equal((string)body["creditCode"]!, (string?)o["creditCode"]);
    }

    [DbFact]
    public async Task A_care_home_with_a_medical_room_or_fewer_than_100_beds_is_compliant()
    {
        var withRoom = await Create(CareHome(120, medicalRoom: true));
        var small = await Create(CareHome(99, medicalRoom: false));
        Assert.False((bool)withRoom["nonCompliant"]!);
        Assert.Empty(withRoom["complianceIssues"]!.AsArray());
        Assert.False((bool)small["nonCompliant"]!);
    }

    [DbFact]
    public async Task A_wrong_check_character_is_a_400_on_creditCode()
    {
        var body = CareHome(10, false);
        body["creditCode"] = TestData.WrongCreditCheck((string)body["creditCode"]!);
        using var r = await (await As("admin")).PostAsJsonAsync("/api/organizations", body, Infrastructure.Api.Json);
        Assert.Contains((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("creditCode"), m => m.Contains("校验位"));
    }

    [DbFact]
    public async Task Required_licences_depend_on_the_kind()
    {
        var care = CareHome(10, false);
        care.Remove("careLicenceNo");
        using (var r = await (await As("admin")).PostAsJsonAsync("/api/organizations", care, Infrastructure.Api.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("careLicenceNo"));
        var clinic = Clinic();
        clinic.Remove("medicalLicenceNo");
        using (var r = await (await As("admin")).PostAsJsonAsync("/api/organizations", clinic, Infrastructure.Api.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("medicalLicenceNo"));
        var integrated = CareHome(10, false);
        integrated["kind"] = "integrated";
        using (var r = await (await As("admin")).PostAsJsonAsync("/api/organizations", integrated, Infrastructure.Api.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("medicalLicenceNo"));
    }

    [DbFact]
    public async Task A_duplicate_credit_code_is_a_409()
    {
        var code = TestData.CreditCode();
        await Create(CareHome(10, false, creditCode: code));
        using var r = await (await As("admin")).PostAsJsonAsync("/api/organizations", CareHome(20, false, creditCode: code.ToLowerInvariant()), Infrastructure.Api.Json);
        Assert.Equal("duplicate-credit-code", (string?)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]);
    }

    [DbFact]
    public async Task An_organization_can_be_read_by_any_role_with_its_etag()
    {
        var o = await Create(Clinic());
        using var r = await (await As("caregiver")).GetAsync($"/api/organizations/{o.Id()}");
        await r.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("W/\"0\"", r.Headers.ETag?.ToString());
        var dto = await r.ReadJson();
        Assert.Equal((string?)o["name"], (string?)dto["name"]);
        Assert.Equal("陕西省 铜川市 王益区 黄堡镇", (string?)dto["regionName"]);
        using var missing = await (await As("caregiver")).GetAsync("/api/organizations/999999999");
        await missing.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task The_list_filters_by_kind_region_and_compliance()
    {
        var bad = await Create(CareHome(150, false, township: "610202004"));
        var good = await Create(CareHome(150, true, township: "610202004"));
        var clinic = await Create(Clinic());

        var careHomes = await List("kind=elderly-care");
        Assert.Contains(bad.Id(), careHomes);
        Assert.DoesNotContain(clinic.Id(), careHomes);
        Assert.Contains(clinic.Id(), await List("kind=medical"));

        var inQingnianlu = await List("regionCode=610202004");
        Assert.Contains(bad.Id(), inQingnianlu);
        Assert.DoesNotContain(clinic.Id(), inQingnianlu);
        Assert.Contains(clinic.Id(), await List("regionCode=610202"));
        Assert.DoesNotContain(clinic.Id(), await List("regionCode=610203"));

        var nonCompliant = await List("nonCompliant=true");
        Assert.Contains(bad.Id(), nonCompliant);
        Assert.DoesNotContain(good.Id(), nonCompliant);
        Assert.DoesNotContain(clinic.Id(), nonCompliant);
        var compliant = await List("nonCompliant=false");
        Assert.DoesNotContain(bad.Id(), compliant);
        Assert.Contains(good.Id(), compliant);
        Assert.Contains(clinic.Id(), compliant);

        var byName = await List("q=" + Uri.EscapeDataString(((string)bad["name"]!)[3..]));
        Assert.Equal([bad.Id()], byName);
    }

    [DbFact]
    public async Task The_demo_data_has_the_named_institutions_and_one_non_compliant_care_home()
    {
        var page = await (await As("city")).GetJson("/api/organizations?regionCode=610202&nonCompliant=true&pageSize=200");
        Assert.Contains(page["items"]!.AsArray(), o => (string?)o!["name"] == "铜川市颐养苑老年公寓");
        Assert.True(await HuangbaoId() > 0);
    }

    [DbFact]
    public async Task Invalid_list_filters_are_400_problems()
    {
        var admin = await As("city");
        using (var r = await admin.GetAsync("/api/organizations?kind=hospital")) (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("kind");
        using (var r = await admin.GetAsync("/api/organizations?regionCode=999999")) (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("regionCode");
        using (var r = await admin.GetAsync("/api/organizations?pageSize=1000")) (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("pageSize");
    }

    [DbFact]
    public async Task An_update_needs_the_current_version_and_recomputes_compliance()
    {
        var body = CareHome(120, false);
        var o = await Create(body);
        var admin = await As("admin");
        body["hasMedicalRoom"] = true;
        using (var r = await admin.PutJson($"/api/organizations/{o.Id()}", body, "W/\"0\""))
        {
            await r.ShouldBe(HttpStatusCode.OK);
            Assert.Equal("W/\"1\"", r.Headers.ETag?.ToString());
            var updated = await r.ReadJson();
            Assert.False((bool)updated["nonCompliant"]!);
            Assert.Equal(1, (int)updated["version"]!);
        }
        using (var stale = await admin.PutJson($"/api/organizations/{o.Id()}", body, "W/\"0\""))
            await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        using (var staleBody = await admin.PutJson($"/api/organizations/{o.Id()}", new Dictionary<string, object?>(body) { ["version"] = 0 }))
            await staleBody.ShouldBeProblem(HttpStatusCode.Conflict);
        using (var none = await admin.PutJson($"/api/organizations/{o.Id()}", body))
            (await none.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("version");
    }

    [DbFact]
    public async Task A_regulator_registers_organizations_in_its_own_district_only()
    {
        var o = await Create(CareHome(30, false), user: "mzj");
        Assert.Equal("610202003", (string?)o["townshipCode"]);
        using var outside = await (await As("mzj")).PostAsJsonAsync("/api/organizations",
            CareHome(30, false, township: OtherDistrictTownship), Infrastructure.Api.Json);
        await outside.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// The decision on regulators and the registry: each bureau keeps the kinds it licenses — health the medical
    /// institutions, civil affairs the care homes, both the 医养结合 institutions — and the insurance bureau none.
    /// </summary>
    [DbFact]
    public async Task A_regulator_registers_and_edits_only_the_kinds_its_bureau_supervises()
    {
        var wjw = await As("wjw");
        var mzj = await As("mzj");
        using (var r = await wjw.PostAsJsonAsync("/api/organizations", CareHome(30, false), Infrastructure.Api.Json))
            Assert.Equal("卫生健康部门只能登记或修改医疗机构和医养结合机构。", (string)(await r.ShouldBeProblem(HttpStatusCode.Forbidden))["detail"]!);
        var clinic = await Create(Clinic(), user: "wjw");
        var home = await Create(CareHome(30, false), user: "mzj");

        // the civil-affairs bureau cannot touch the clinic, the health bureau cannot turn it into a care home
        var clinicBody = Clinic();
        using (var r = await mzj.PutJson($"/api/organizations/{clinic.Id()}", clinicBody, "W/\"0\""))
            Assert.Equal("民政部门只能登记或修改养老机构和医养结合机构。", (string)(await r.ShouldBeProblem(HttpStatusCode.Forbidden))["detail"]!);
        using (var r = await wjw.PutJson($"/api/organizations/{home.Id()}", CareHome(40, false), "W/\"0\""))
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        var asCareHome = CareHome(10, false);
        asCareHome["creditCode"] = (string)clinic["creditCode"]!;
        using (var r = await wjw.PutJson($"/api/organizations/{clinic.Id()}", asCareHome, "W/\"0\""))
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        // within its kinds the bureau edits
        clinicBody["creditCode"] = (string)clinic["creditCode"]!;
        clinicBody["name"] = TestData.Name("卫生室改");
        using (var r = await wjw.PutJson($"/api/organizations/{clinic.Id()}", clinicBody, "W/\"0\""))
        {
            await r.ShouldBe(HttpStatusCode.OK);
            Assert.Equal((string)clinicBody["name"]!, (string)(await r.ReadJson())["name"]!);
        }

        // the insurance bureau registers nothing
        using (var r = await (await As("ybj")).PostAsJsonAsync("/api/organizations", Clinic(), Infrastructure.Api.Json))
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task An_institution_admin_edits_only_its_own_organization()
    {
        var other = await Create(Clinic());
        using var r = await (await As("orgadmin")).PutJson($"/api/organizations/{other.Id()}", Clinic(), "W/\"0\"");
        await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using var create = await (await As("orgadmin")).PostAsJsonAsync("/api/organizations", Clinic(), Infrastructure.Api.Json);
        await create.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task Doctors_cannot_register_organizations()
    {
        using var r = await (await As("doctor")).PostAsJsonAsync("/api/organizations", Clinic(), Infrastructure.Api.Json);
        Assert.Equal("forbidden", (string?)(await r.ShouldBeProblem(HttpStatusCode.Forbidden))["code"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OrganizationTestsSqlite(SqliteAppFixture f) : OrganizationTests(f);

[Collection(PostgresCollection.Name)]
public sealed class OrganizationTestsPostgres(PostgresAppFixture f) : OrganizationTests(f), IPostgresTests;
