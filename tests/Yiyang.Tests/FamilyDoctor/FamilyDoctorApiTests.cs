using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.FamilyDoctor;

public abstract class FamilyDoctorApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/family-doctor";

    private async Task<JsonNode> CreateTeam(string user = "doctor") =>
        await (await As(user)).PostJson($"{Base}/teams", new
        {
            name = TestData.Name("团队"),
            members = new object[]
            {
                new { name = "李建华", role = "general-practitioner", isLeader = true },
                new { name = "王丽", role = "护士" },
                new { name = "赵强", role = "public-health" },
            },
        }, HttpStatusCode.Created);

    private async Task<JsonNode> CreatePackage(string user = "doctor") =>
        await (await As(user)).PostJson($"{Base}/packages", new
        {
            name = TestData.Name("服务包"),
            annualFee = 120.00m,
            insuranceFund = 60m,
            publicHealthFund = 40m,
            elderPays = 20m,
            items = new object[]
            {
                new { serviceCode = "BP01", serviceName = "血压测量", quantity = 4, period = "year" },
                new { serviceCode = "HV01", serviceName = "上门巡诊", quantity = 12, period = "年" },
            },
        }, HttpStatusCode.Created);

    private async Task<(long Team, long Package)> TeamAndPackage() => ((await CreateTeam()).Id(), (await CreatePackage()).Id());

    private static object Sign(long elderId, long team, long package) => new { elderId, teamId = team, packageId = package };

    private async Task<JsonNode> Timeline(long elderId) => await (await As("city")).GetJson($"/api/elders/{elderId}/timeline");

    [DbFact]
    public async Task A_doctor_builds_a_team_and_a_package_and_signs_an_elder_for_one_year()
    {
        var team = await CreateTeam();
        Assert.Equal(3, team["members"]!.AsArray().Count);
        Assert.Equal("全科医生", (string)team["members"]![0]!["roleName"]!);
        var package = await CreatePackage();
        Assert.Equal("元/年", (string)package["feeUnit"]!);
        Assert.Equal(120m, (decimal)package["annualFee"]!);
        Assert.Equal(new[] { "4/年", "12/年" }, package["items"]!.AsArray().Select(i => (string)i!["label"]!));

        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        using var r = await doctor.PostAsJsonAsync($"{Base}/contracts", new
        {
            elderId,
            teamId = team.Id(),
            packageId = package.Id(),
            signedBy = "proxy",
            proxyName = "张建国",
            proxyRelation = "儿子",
        }, Tests.Infrastructure.Api.Json);
        await r.ShouldBe(HttpStatusCode.Created);
        var c = await r.ReadJson();
        Assert.Equal($"{Base}/contracts/{c.Id()}", r.Headers.Location?.OriginalString);
        Assert.Equal("active", (string)c["status"]!);
        Assert.Equal("生效", (string)c["statusName"]!);
        Assert.Equal("proxy", (string)c["signedBy"]!);
        Assert.Equal("儿子", (string)c["proxyRelation"]!);
        Assert.Equal(20m, (decimal)c["elderPays"]!);
        Assert.Equal(TestData.ChinaToday.ToString("yyyy-MM-dd"), (string)c["startDate"]!);
        Assert.Equal(TestData.ChinaToday.AddYears(1).AddDays(-1).ToString("yyyy-MM-dd"), (string)c["endDate"]!);

        var timeline = await Timeline(elderId);
        Assert.Contains(timeline.AsArray(), t => (string)t!["kind"]! == "familydoctor.signed" && ((string)t["summary"]!).StartsWith("签约家庭医生"));
        var list = await doctor.GetJson($"{Base}/contracts?elderId={elderId}");
        Assert.Equal(1, (int)list["total"]!);
    }

    [DbFact]
    public async Task A_second_active_contract_for_the_same_elder_is_a_409_problem()
    {
        var (team, package) = await TeamAndPackage();
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        var first = await doctor.PostJson($"{Base}/contracts", Sign(elderId, team, package), HttpStatusCode.Created);
        using var second = await doctor.PostAsJsonAsync($"{Base}/contracts", Sign(elderId, team, package), Tests.Infrastructure.Api.Json);
        var p = await second.ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal("active-contract", (string)p["code"]!);
        Assert.Equal(first.Id(), (long)p["existingId"]!);
    }

    [DbFact]
    public async Task Two_concurrent_signings_for_the_same_elder_give_exactly_one_contract()
    {
        var (team, package) = await TeamAndPackage();
        var elderId = await JinhuaElder();
        var a = await As("doctor");
        var b = await As("nurse");
        var responses = await Task.WhenAll(
            a.PostAsJsonAsync($"{Base}/contracts", Sign(elderId, team, package), Tests.Infrastructure.Api.Json),
            b.PostAsJsonAsync($"{Base}/contracts", Sign(elderId, team, package), Tests.Infrastructure.Api.Json));
        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            await responses.Single(r => r.StatusCode != HttpStatusCode.Created).ShouldBeProblem(HttpStatusCode.Conflict);
            var list = await a.GetJson($"{Base}/contracts?elderId={elderId}");
            Assert.Equal(1, (int)list["total"]!);
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [DbFact]
    public async Task After_terminating_with_a_reason_the_elder_can_sign_again()
    {
        var (team, package) = await TeamAndPackage();
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        var c = await doctor.PostJson($"{Base}/contracts", Sign(elderId, team, package), HttpStatusCode.Created);

        using (var noVersion = await doctor.PostAsJsonAsync($"{Base}/contracts/{c.Id()}/terminate", new { reason = "搬迁外地" }, Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await noVersion.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("version"));
        using (var noReason = await doctor.PostAsJsonAsync($"{Base}/contracts/{c.Id()}/terminate", new { version = 0 }, Tests.Infrastructure.Api.Json))
            Assert.True(Tests.Infrastructure.Api.IsChinese((await noReason.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason")[0]));
        using (var stale = await doctor.PostAsJsonAsync($"{Base}/contracts/{c.Id()}/terminate", new { reason = "搬迁外地", version = 7 }, Tests.Infrastructure.Api.Json))
            await stale.ShouldBeProblem(HttpStatusCode.Conflict);

        var ended = await doctor.PostJson($"{Base}/contracts/{c.Id()}/terminate", new { reason = "搬迁外地，家属电话13912345678", version = 0 }, HttpStatusCode.OK);
        Assert.Equal("terminated", (string)ended["status"]!);
        Assert.StartsWith("搬迁外地", (string)ended["terminationReason"]!);
        Assert.DoesNotContain("13912345678", (string)ended["terminationReason"]!);
        Assert.Equal(1, (int)ended["version"]!);

        using (var again = await doctor.PostAsJsonAsync($"{Base}/contracts/{c.Id()}/terminate", new { reason = "重复解约", version = 1 }, Tests.Infrastructure.Api.Json))
            await again.ShouldBeProblem(HttpStatusCode.Conflict);

        var second = await doctor.PostJson($"{Base}/contracts", Sign(elderId, team, package), HttpStatusCode.Created);
        Assert.Equal("active", (string)second["status"]!);
        var timeline = await Timeline(elderId);
        var terminated = timeline.AsArray().Single(t => (string)t!["kind"]! == "familydoctor.terminated")!;
        Assert.Contains("解约", (string)terminated["summary"]!);
        Assert.DoesNotContain("13912345678", (string)terminated["summary"]!);
    }

    /// <summary>Moves a contract's term so that it ends on <paramref name="end"/> (tests cannot wait a year).</summary>
    private Task MoveTerm(long contractId, DateOnly end) => Factory.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<YiyangDb>();
        return await db.FamilyDoctorContracts.Where(c => c.Id == contractId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.StartDate, end.AddYears(-1).AddDays(1)).SetProperty(c => c.EndDate, end));
    });

    [DbFact]
    public async Task Renewal_creates_a_linked_contract_and_the_previous_one_becomes_expired()
    {
        var (team, package) = await TeamAndPackage();
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        var c = await doctor.PostJson($"{Base}/contracts", Sign(elderId, team, package), HttpStatusCode.Created);

        using (var early = await doctor.PostAsJsonAsync($"{Base}/contracts/{c.Id()}/renew", new { version = 0 }, Tests.Infrastructure.Api.Json))
            Assert.Equal("renewal-refused", (string)(await early.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        var end = TestData.ChinaToday.AddDays(20);
        await MoveTerm(c.Id(), end);
        var renewed = await doctor.PostJson($"{Base}/contracts/{c.Id()}/renew", new { version = 0, termYears = 2 }, HttpStatusCode.Created);
        Assert.Equal(c.Id(), (long)renewed["previousContractId"]!);
        Assert.Equal(end.AddDays(1).ToString("yyyy-MM-dd"), (string)renewed["startDate"]!);
        Assert.Equal(end.AddYears(2).ToString("yyyy-MM-dd"), (string)renewed["endDate"]!);
        Assert.Equal("active", (string)renewed["status"]!);

        var previous = await doctor.GetJson($"{Base}/contracts/{c.Id()}");
        Assert.Equal("expired", (string)previous["status"]!);
        Assert.Equal("到期", (string)previous["statusName"]!);
        Assert.Equal(renewed.Id(), (long)previous["renewedById"]!);

        using (var twice = await doctor.PostAsJsonAsync($"{Base}/contracts/{c.Id()}/renew", new { version = 1 }, Tests.Infrastructure.Api.Json))
            await twice.ShouldBeProblem(HttpStatusCode.Conflict);
        var timeline = await Timeline(elderId);
        Assert.Contains(timeline.AsArray(), t => (string)t!["kind"]! == "familydoctor.renewed" && ((string)t["summary"]!).StartsWith("续约"));
    }

    [DbFact]
    public async Task The_database_itself_refuses_a_second_active_contract_for_an_elder()
    {
        var (team, package) = await TeamAndPackage();
        var elderId = await JinhuaElder();
        var c = await (await As("doctor")).PostJson($"{Base}/contracts", Sign(elderId, team, package), HttpStatusCode.Created);
        var error = await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            var copy = await db.FamilyDoctorContracts.AsNoTracking().SingleAsync(x => x.Id == c.Id());
            copy.Id = 0;
            db.FamilyDoctorContracts.Add(copy);
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });
        Assert.IsType<DbUpdateException>(error);
        Assert.True(Yiyang.Platform.Data.DbErrors.IsUniqueViolation((DbUpdateException)error));
    }

    [DbFact]
    public async Task Two_concurrent_renewals_of_the_same_contract_give_exactly_one_new_contract()
    {
        var (team, package) = await TeamAndPackage();
        var elderId = await JinhuaElder();
        var a = await As("doctor");
        var b = await As("nurse");
        var c = await a.PostJson($"{Base}/contracts", Sign(elderId, team, package), HttpStatusCode.Created);
        await MoveTerm(c.Id(), TestData.ChinaToday.AddDays(10));
        var responses = await Task.WhenAll(
            a.PostAsJsonAsync($"{Base}/contracts/{c.Id()}/renew", new { version = 0 }, Tests.Infrastructure.Api.Json),
            b.PostAsJsonAsync($"{Base}/contracts/{c.Id()}/renew", new { version = 0 }, Tests.Infrastructure.Api.Json));
        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            await responses.Single(r => r.StatusCode != HttpStatusCode.Created).ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal(2, (int)(await a.GetJson($"{Base}/contracts?elderId={elderId}"))["total"]!);
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [DbFact]
    public async Task A_contract_whose_term_has_ended_shows_as_expired_and_does_not_block_a_new_one()
    {
        var (team, package) = await TeamAndPackage();
        var elderId = await JinhuaElder();
        var doctor = await As("doctor");
        var c = await doctor.PostJson($"{Base}/contracts", Sign(elderId, team, package), HttpStatusCode.Created);
        await MoveTerm(c.Id(), TestData.ChinaToday.AddDays(-1));
        Assert.Equal("expired", (string)(await doctor.GetJson($"{Base}/contracts/{c.Id()}"))["status"]!);
        await doctor.PostJson($"{Base}/contracts", Sign(elderId, team, package), HttpStatusCode.Created);
        var active = await doctor.GetJson($"{Base}/contracts?elderId={elderId}&status=active");
        Assert.Equal(1, (int)active["total"]!);
        var expired = await doctor.GetJson($"{Base}/contracts?elderId={elderId}&status=expired");
        Assert.Equal(1, (int)expired["total"]!);
    }

    [DbFact]
    public async Task An_elder_outside_the_users_scope_is_a_404_and_so_is_their_contract()
    {
        var (team, package) = await TeamAndPackage();
        var huangbaoElder = (await CreateElder(ElderBody(township: Huangbao, orgId: await HuangbaoId()))).Id();
        using var r = await (await As("doctor")).PostAsJsonAsync($"{Base}/contracts", Sign(huangbaoElder, team, package), Tests.Infrastructure.Api.Json);
        await r.ShouldBeProblem(HttpStatusCode.NotFound);

        var own = await JinhuaElder();
        var c = await (await As("doctor")).PostJson($"{Base}/contracts", Sign(own, team, package), HttpStatusCode.Created);
        using var hidden = await (await As("hbdoctor")).GetAsync($"{Base}/contracts/{c.Id()}");
        await hidden.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Staff_cannot_use_another_organizations_team()
    {
        var hbTeam = (await CreateTeam("hbdoctor")).Id();
        var package = (await CreatePackage()).Id();
        var elderId = await JinhuaElder();
        using var r = await (await As("doctor")).PostAsJsonAsync($"{Base}/contracts", Sign(elderId, hbTeam, package), Tests.Infrastructure.Api.Json);
        Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("teamId"));
        using var other = await (await As("doctor")).PostAsJsonAsync($"{Base}/teams", new
        {
            name = TestData.Name("团队"),
            organizationId = await HuangbaoId(),
            members = new[] { new { name = "李建华", role = "全科医生" } },
        }, Tests.Infrastructure.Api.Json);
        Assert.NotEmpty((await other.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("organizationId"));
    }

    [DbFact]
    public async Task Invalid_input_is_a_400_naming_each_field_in_chinese()
    {
        var doctor = await As("doctor");
        using (var r = await doctor.PostAsJsonAsync($"{Base}/contracts", new { signedBy = "proxy", termYears = 5 }, Tests.Infrastructure.Api.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            foreach (var f in new[] { "elderId", "termYears", "proxyName", "proxyRelation" })
                Assert.True(Tests.Infrastructure.Api.IsChinese(p.FieldErrors(f)[0]), f);
        }
        using (var r = await doctor.PostAsJsonAsync($"{Base}/packages", new
        {
            name = "包",
            annualFee = 100m,
            insuranceFund = 50m,
            elderPays = 20m,
            items = new object[] { new { serviceCode = "", serviceName = "血压测量", quantity = 0, period = "week" } },
        }, Tests.Infrastructure.Api.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            foreach (var f in new[] { "name", "items[0].serviceCode", "items[0].quantity", "items[0].period" })
                Assert.True(Tests.Infrastructure.Api.IsChinese(p.FieldErrors(f)[0]), f);
        }
        using (var r = await doctor.PostAsJsonAsync($"{Base}/packages", new
        {
            name = TestData.Name("服务包"),
            annualFee = 100m,
            insuranceFund = 50m,
            elderPays = 20m,
            items = new object[] { new { serviceCode = "BP01", serviceName = "血压测量", quantity = 4 } },
        }, Tests.Infrastructure.Api.Json))
            Assert.Contains("应等于年服务费", (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("elderPays")[0]);
        using (var r = await doctor.PostAsJsonAsync($"{Base}/teams", new { name = "", members = new[] { new { name = "王丽", role = "厨师" } } }, Tests.Infrastructure.Api.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("name"));
            Assert.NotEmpty(p.FieldErrors("members[0].role"));
        }
        using (var r = await doctor.GetAsync($"{Base}/coverage?regionCode=999999&year=1990"))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("regionCode"));
            Assert.NotEmpty(p.FieldErrors("year"));
        }
    }

    [DbFact]
    public async Task A_team_update_needs_the_current_version()
    {
        var team = await CreateTeam();
        var doctor = await As("doctor");
        var body = new { name = TestData.Name("团队"), members = new[] { new { name = "李建华", role = "全科医生", isLeader = true } } };
        using (var stale = await doctor.PutJson($"{Base}/teams/{team.Id()}", body, "W/\"5\""))
            await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        using var ok = await doctor.PutJson($"{Base}/teams/{team.Id()}", body, "W/\"0\"");
        await ok.ShouldBe(HttpStatusCode.OK);
        var updated = await ok.ReadJson();
        Assert.Equal(1, (int)updated["version"]!);
        Assert.Single(updated["members"]!.AsArray());
    }

    [DbFact]
    public async Task A_package_update_needs_the_current_version_and_a_deactivated_package_cannot_be_signed()
    {
        var team = (await CreateTeam()).Id();
        var package = await CreatePackage();
        var doctor = await As("doctor");
        var body = new
        {
            name = (string)package["name"]!,
            annualFee = 150m,
            insuranceFund = 60m,
            publicHealthFund = 40m,
            elderPays = 50m,
            active = false,
            items = new object[] { new { serviceCode = "BP01", serviceName = "血压测量", quantity = 1, period = "quarter" } },
        };
        using (var missing = await doctor.PutJson($"{Base}/packages/{package.Id()}", body))
            Assert.NotEmpty((await missing.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("version"));
        using (var stale = await doctor.PutJson($"{Base}/packages/{package.Id()}", body, "W/\"3\""))
            await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        using var ok = await doctor.PutJson($"{Base}/packages/{package.Id()}", body, "W/\"0\"");
        await ok.ShouldBe(HttpStatusCode.OK);
        var updated = await ok.ReadJson();
        Assert.Equal(150m, (decimal)updated["annualFee"]!);
        Assert.Equal(4, (int)updated["items"]![0]!["perYear"]!);
        Assert.False((bool)updated["active"]!);

        using var refused = await doctor.PostAsJsonAsync($"{Base}/contracts", Sign(await JinhuaElder(), team, package.Id()), Tests.Infrastructure.Api.Json);
        Assert.NotEmpty((await refused.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("packageId"));
    }

    private async Task<JsonNode> CoverageRow(string township, int year)
    {
        var report = await (await As("city")).GetJson($"{Base}/coverage?regionCode={township}&year={year}");
        return report["townships"]!.AsArray().Single(t => (string)t!["townshipCode"]! == township)!;
    }

    [DbFact]
    public async Task Coverage_counts_contracted_elders_against_65_plus_residents_and_home_bound_ledger_elders()
    {
        var year = TestData.ChinaToday.Year;
        var before = await CoverageRow(Township, year);
        var (team, package) = await TeamAndPackage();
        var turning65 = await JinhuaElder(TestData.IdNumberBornOn(new DateOnly(year - 65, 12, 31), male: true));
        var only64 = await JinhuaElder(TestData.IdNumberBornOn(new DateOnly(year - 64, 1, 1), male: false));
        var alone = await JinhuaElder(flags: ["living-alone"]);
        await JinhuaElder(flags: ["disabled"]); // on the ledger, not contracted
        var doctor = await As("doctor");
        foreach (var e in new[] { turning65, only64, alone })
            await doctor.PostJson($"{Base}/contracts", Sign(e, team, package), HttpStatusCode.Created);

        var after = await CoverageRow(Township, year);
        int Delta(string f) => (int)after[f]! - (int)before[f]!;
        Assert.Equal(3, Delta("contractedElders"));
        Assert.Equal(3, Delta("residents65"));
        Assert.Equal(2, Delta("contracted65"));
        Assert.Equal(2, Delta("ledgerElders"));
        Assert.Equal(1, Delta("contractedLedger"));
        var expected = ContractRules.RatePercent((int)after["contracted65"]!, (int)after["residents65"]!);
        Assert.Equal(expected, (decimal?)after["rate65Percent"]);
        Assert.Equal(ContractRules.RatePercent((int)after["contractedLedger"]!, (int)after["ledgerElders"]!), (decimal?)after["rateLedgerPercent"]);

        var county = await (await As("city")).GetJson($"{Base}/coverage?regionCode=610202&year={year}");
        Assert.True(county["townships"]!.AsArray().Count > 1);
        Assert.Equal(county["townships"]!.AsArray().Sum(t => (int)t!["contractedElders"]!), (int)county["total"]!["contractedElders"]!);
    }

    [DbFact]
    public async Task Anonymous_callers_get_401_and_roles_without_the_policy_403()
    {
        using var anonymous = Factory.Anonymous();
        foreach (var url in new[] { $"{Base}/contracts", $"{Base}/teams", $"{Base}/coverage?regionCode=610202" })
        {
            using var r = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }
        using var post = await anonymous.PostAsJsonAsync($"{Base}/contracts", new { elderId = 1 }, Tests.Infrastructure.Api.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        using var auditor = await (await As("auditor")).GetAsync($"{Base}/contracts");
        Assert.Equal(HttpStatusCode.Forbidden, auditor.StatusCode);
        using var regulator = await (await As("wjw")).PostAsJsonAsync($"{Base}/contracts", new { elderId = 1 }, Tests.Infrastructure.Api.Json);
        Assert.Equal(HttpStatusCode.Forbidden, regulator.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FamilyDoctorApiTestsSqlite(SqliteAppFixture f) : FamilyDoctorApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class FamilyDoctorApiTestsPostgres(PostgresAppFixture f) : FamilyDoctorApiTests(f), IPostgresTests;
