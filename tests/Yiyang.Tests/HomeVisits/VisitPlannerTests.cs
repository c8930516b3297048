using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Yiyang.Modules.HomeVisits;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.HomeVisits;

public sealed class VisitPlanRulesTests
{
    private static List<string> Slots(string start, string end, string period, int quantity) =>
        VisitPlanRules.Slots(DateOnly.Parse(start), DateOnly.Parse(end), period, quantity).Select(d => d.ToString("yyyy-MM-dd")).ToList();

    [Fact]
    public void Twelve_a_year_falls_about_monthly_from_the_contract_start()
    {
        // 2027-01-01 .. 2027-12-31: a year of 365 days, the i-th visit on day floor(i * 365 / 12)
        Assert.Equal(["2027-01-01", "2027-01-31", "2027-03-02", "2027-04-02", "2027-05-02", "2027-06-02", "2027-07-02", "2027-08-01",
            "2027-09-01", "2027-10-01", "2027-11-01", "2027-12-01"], Slots("2027-01-01", "2027-12-31", "year", 12));
    }

    [Fact]
    public void Four_a_year_is_quarterly_and_a_second_year_starts_again_at_the_anniversary()
    {
        Assert.Equal(["2026-12-01", "2027-03-02", "2027-06-01", "2027-08-31", "2027-12-01", "2028-03-01"],
            Slots("2026-12-01", "2028-03-15", "year", 4));
    }

    [Fact]
    public void Monthly_and_quarterly_periods_and_the_contract_end_cut_the_slots()
    {
        Assert.Equal(["2027-02-01", "2027-02-15", "2027-03-01", "2027-03-16"], Slots("2027-02-01", "2027-03-20", "month", 2));
        Assert.Equal(["2027-01-10", "2027-04-10"], Slots("2027-01-10", "2027-05-01", "quarter", 1));
        Assert.Empty(Slots("2027-01-10", "2027-01-09", "year", 4));
        Assert.Empty(Slots("2027-01-10", "2027-05-01", "year", 0));
    }
}

public abstract class VisitPlannerApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static readonly DateOnly NextMonth = new DateOnly(TestData.ChinaToday.Year, TestData.ChinaToday.Month, 1).AddMonths(1);
    private static string Month => NextMonth.ToString("yyyy-MM");

    /// <summary>An elder signed from the first day of next month on a package of 12/year, 4/year and 2/month.</summary>
    private async Task<long> SignedElder()
    {
        var doctor = await As("doctor");
        var team = await doctor.PostJson("/api/family-doctor/teams", new
        {
            name = TestData.Name("团队"),
            members = new object[] { new { name = "刘文斌", role = "general-practitioner", isLeader = true } },
        }, HttpStatusCode.Created);
        var package = await doctor.PostJson("/api/family-doctor/packages", new
        {
            name = TestData.Name("服务包"),
            annualFee = 120.00m,
            insuranceFund = 60m,
            publicHealthFund = 40m,
            elderPays = 20m,
            items = new object[]
            {
                new { serviceCode = "HV01", serviceName = "上门巡诊", quantity = 12, period = "year" },
                new { serviceCode = "BP01", serviceName = "血压测量", quantity = 4, period = "year" },
                new { serviceCode = "MON1", serviceName = "康复指导", quantity = 2, period = "month" },
            },
        }, HttpStatusCode.Created);
        var elderId = (await CreateElder(ElderBody(orgId: await JinhuaId()))).Id();
        await doctor.PostJson("/api/family-doctor/contracts",
            new { elderId, teamId = team.Id(), packageId = package.Id(), startDate = NextMonth.ToString("yyyy-MM-dd") }, HttpStatusCode.Created);
        return elderId;
    }

    /// <summary>The elder's planned visits as (date, service codes), by hand: day 1 holds the three items, mid-month the second
    /// monthly item (day 1 + floor(days/2)), and in a 31-day month day 31 the second of 12/year (day 1 + floor(365/12) = +30).</summary>
    private static List<(string Day, string Codes)> Expected()
    {
        var days = DateTime.DaysInMonth(NextMonth.Year, NextMonth.Month);
        var list = new List<(string, string)>
        {
            (NextMonth.ToString("yyyy-MM-dd"), "BP01,HV01,MON1"),
            (NextMonth.AddDays(days / 2).ToString("yyyy-MM-dd"), "MON1"),
        };
        if (days == 31) list.Add((NextMonth.AddDays(30).ToString("yyyy-MM-dd"), "HV01"));
        return list;
    }

    private async Task<List<(string Day, string Codes)>> Planned(long elderId)
    {
        var doctor = await As("doctor");
        var list = await doctor.GetJson($"/api/home-visits?elderId={elderId}&pageSize=100");
        var result = new List<(string, string)>();
        foreach (var item in list["items"]!.AsArray())
        {
            var v = await doctor.GetJson($"/api/home-visits/{item!.Id()}");
            Assert.Equal("package", (string)v["source"]!);
            Assert.Equal("planned", (string)v["status"]!);
            result.Add(((string)v["plannedDate"]!, string.Join(",", v["services"]!.AsArray().Select(s => (string)s!["serviceCode"]!).Order())));
        }
        return result.OrderBy(x => x.Item1).ToList();
    }

    [DbFact]
    public async Task Planning_a_month_spreads_the_package_items_and_running_it_again_creates_nothing()
    {
        var elderId = await SignedElder();
        var doctor = await As("doctor");
        var first = await doctor.PostJson("/api/home-visits/plan", new { month = Month }, HttpStatusCode.OK);
        Assert.Equal(Month, (string)first["month"]!);
        Assert.True((int)first["visitsCreated"]! >= Expected().Count);
        Assert.Equal(Expected(), await Planned(elderId));

        var again = await doctor.PostJson("/api/home-visits/plan", new { month = Month }, HttpStatusCode.OK);
        Assert.Equal(0, (int)again["visitsCreated"]!);
        Assert.Equal((int)first["servicesPlanned"]!, (int)again["alreadyPlanned"]!);
        Assert.Equal(Expected(), await Planned(elderId));
    }

    [DbFact]
    public async Task Two_concurrent_plans_never_plan_a_service_twice()
    {
        var elderId = await SignedElder();
        var doctor = await As("doctor");
        var nurse = await As("nurse");
        var responses = await Task.WhenAll(
            doctor.PostAsJsonAsync("/api/home-visits/plan", new { month = Month }, Tests.Infrastructure.Api.Json),
            nurse.PostAsJsonAsync("/api/home-visits/plan", new { month = Month }, Tests.Infrastructure.Api.Json));
        foreach (var r in responses) using (r) await r.ShouldBe(HttpStatusCode.OK);
        // the same services on the same days, possibly split over two visits of a day, never twice
        var planned = await Planned(elderId);
        var byDay = planned.GroupBy(p => p.Day).Select(g => (g.Key, string.Join(",", g.SelectMany(x => x.Codes.Split(',')).Order()))).ToList();
        Assert.Equal(Expected(), byDay);
    }

    [DbFact]
    public async Task Bad_months_and_other_organizations_are_refused()
    {
        var doctor = await As("doctor");
        using (var r = await doctor.PostAsJsonAsync("/api/home-visits/plan", new { month = "2026-13" }, Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("month"));
        using (var r = await doctor.PostAsJsonAsync("/api/home-visits/plan", new { month = "2020-01" }, Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("month"));
        using (var r = await (await As("hbdoctor")).PostAsJsonAsync("/api/home-visits/plan", new { organizationId = await JinhuaId(), month = Month }, Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("organizationId"));
        using (var r = await (await As("wjw")).PostAsJsonAsync("/api/home-visits/plan", new { month = Month }, Tests.Infrastructure.Api.Json))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class VisitPlannerApiTestsSqlite(SqliteAppFixture f) : VisitPlannerApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class VisitPlannerApiTestsPostgres(PostgresAppFixture f) : VisitPlannerApiTests(f), IPostgresTests;
