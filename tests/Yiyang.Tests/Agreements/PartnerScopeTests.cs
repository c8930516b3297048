using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Agreements;

/// <summary>
/// docs/domain/collaboration.md#access-granted-by-an-agreement: a partner hospital's staff read the residents an agreement covers but never write for
/// them (ElderScope forWrite), and the grant follows the app's clock (TimeProvider), not the system clock.
/// </summary>
public abstract class PartnerScopeTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Hospital = "铜川市王益区人民医院（铜川市中医医院）";

    private DateOnly Today => DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    /// <summary>A fresh care home with one admitted resident and an agreement in force with the hospital until <paramref name="endOn"/>.</summary>
    private async Task<(long Care, long Resident, long Agreement)> CoveredResident(DateOnly endOn)
    {
        var admin = await As("city");
        var care = (await (await As("admin")).PostJson("/api/organizations", new Dictionary<string, object?>
        {
            ["name"] = TestData.Name("养老院"),
            ["kind"] = "elderly-care",
            ["careType"] = "护理型",
            ["creditCode"] = TestData.CreditCode("52"),
            ["careLicenceNo"] = "YL" + Random.Shared.Next(100000, 999999),
            ["townshipCode"] = Township,
            ["elderCareBeds"] = 20,
        }, HttpStatusCode.Created)).Id();
        var resident = (await CreateElder(ElderBody(orgId: care))).Id();
        var bed = (await admin.PostJson($"/api/institutions/{care}/beds",
            new { ward = "W" + Guid.NewGuid().ToString("N")[..8], room = "101", number = "1", kind = "nursing" }, HttpStatusCode.Created)).Id();
        await admin.PostJson($"/api/institutions/{care}/admissions", new { elderId = resident, bedId = bed, admittedOn = Today.AddDays(-3) }, HttpStatusCode.Created);
        var a = await admin.PostJson("/api/agreements", new
        {
            medicalOrganizationId = await OrgId(Hospital),
            careOrganizationId = care,
            startOn = Today.AddDays(-10),
            endOn,
            items = new[] { "rounds", "referral" },
            roundsPerMonth = 2,
            medicalDuties = "巡诊",
            careDuties = "配合",
        }, HttpStatusCode.Created);
        await admin.PostJson($"/api/agreements/{a.Id()}/activate", new { version = (int)a["version"]! }, HttpStatusCode.OK);
        return (care, resident, a.Id());
    }

    private static async Task<HttpStatusCode> Post(HttpClient c, string url, object body)
    {
        using var r = await c.PostAsJsonAsync(url, body, JsonApi.Json);
        return r.StatusCode;
    }

    private static async Task<HttpStatusCode> Get(HttpClient c, string url)
    {
        using var r = await c.GetAsync(url);
        return r.StatusCode;
    }

    private static object Visit(long elderId) => new
    {
        elderId,
        source = "ad-hoc",
        services = new object[] { new { serviceCode = "BP01", serviceName = "血压测量" } },
    };

    [DbFact]
    public async Task The_partner_hospital_reads_a_covered_resident_but_gets_404_on_every_write_for_them()
    {
        var (_, resident, _) = await CoveredResident(Today.AddDays(300));
        var hosp = await As("hospdoctor");
        Assert.Equal(HttpStatusCode.OK, await Get(hosp, $"/api/elders/{resident}"));
        Assert.Equal(HttpStatusCode.OK, await Get(hosp, $"/api/health-checks?elderId={resident}"));
        Assert.Equal(HttpStatusCode.OK, await Get(hosp, $"/api/assessments?elderId={resident}"));

        Assert.Equal(HttpStatusCode.NotFound, await Post(hosp, "/api/home-visits", Visit(resident)));
        Assert.Equal(HttpStatusCode.NotFound, await Post(hosp, "/api/assessments", new { elderId = resident, instrumentCode = "gbt42195-2022", reason = "routine" }));
        Assert.Equal(HttpStatusCode.NotFound, await Post(hosp, "/api/care-plans", new { elderId = resident }));
        Assert.Equal(HttpStatusCode.NotFound, await Post(hosp, "/api/health-checks", new { elderId = resident }));
        // the same home-visit body is a valid request for somebody who may write for the resident
        Assert.Equal(HttpStatusCode.Created, await Post(await As("city"), "/api/home-visits", Visit(resident)));
        // nothing was written by the partner: the only visit of the resident is the admin's
        var visits = await (await As("city")).GetJson($"/api/home-visits?elderId={resident}");
        Assert.DoesNotContain("hospdoctor", visits.ToJsonString(), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task With_the_app_clock_past_the_agreement_end_the_partner_loses_access()
    {
        var (_, resident, agreement) = await CoveredResident(Today.AddDays(1));
        // a hospital doctor of this test's own: issuing a token on the moved clock deletes the user's tokens that have
        // expired by that clock, so the shared demo users' cached tokens must not be touched
        var userName = "hosp" + Guid.NewGuid().ToString("N")[..10];
        const string password = "Partner2026ok";
        await (await As("security")).PostJson("/api/users",
            new { userName, displayName = "合作医院医生", password, role = "doctor", organizationId = await OrgId(Hospital) }, HttpStatusCode.Created);
        var hosp = await Factory.ClientFor(userName, password);
        Assert.Equal(HttpStatusCode.OK, await Get(hosp, $"/api/elders/{resident}"));
        Factory.Clock.Offset = TimeSpan.FromDays(2);
        try
        {
            // a token issued on the moved clock (the one issued before has expired by it)
            using var later = Factory.Anonymous();
            later.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Factory.IssueTokenAsync(userName, password));
            Assert.Equal(HttpStatusCode.NotFound, await Get(later, $"/api/elders/{resident}"));
            Assert.Equal("expired", (string)(await later.GetJson($"/api/agreements/{agreement}"))["status"]!);
        }
        finally
        {
            Factory.Clock.Offset = TimeSpan.Zero;
        }
        Assert.Equal(HttpStatusCode.OK, await Get(await As("hospdoctor"), $"/api/elders/{resident}"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PartnerScopeTestsSqlite(SqliteAppFixture f) : PartnerScopeTests(f);

[Collection(PostgresCollection.Name)]
public sealed class PartnerScopeTestsPostgres(PostgresAppFixture f) : PartnerScopeTests(f), IPostgresTests;
