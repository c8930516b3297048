using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.CareSummary;

/// <summary>The elder page's care summary: visits with charges, contract, sickbed, links; by role; scoped; audited.</summary>
public abstract class CareSummaryTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private record Setup(long Org, long Elder, string TeamName, long CompletedVisit, long PlannedVisit, long Sickbed);

    /// <summary>
    /// A fresh centre (FD-BP ¥5, FD-HV ¥30, NS-DRESS ¥25; 0–3 km ¥20 paid by the elder), a package FD-BP 1/年 + FD-HV 12/年,
    /// an elder signed to it with one completed visit (FD-BP, FD-HV, NS-DRESS at 2 km), one planned visit (FD-BP) and an applied sickbed.
    /// </summary>
    private async Task<Setup> Arrange()
    {
        var admin = await As("city");
        var org = (await (await As("admin")).PostJson("/api/organizations", new Dictionary<string, object?>
        {
            ["name"] = TestData.Name("卫生服务中心"),
            ["kind"] = "medical",
            ["medicalType"] = "社区卫生服务中心",
            ["level"] = "一级",
            ["creditCode"] = TestData.CreditCode("12"),
            ["medicalLicenceNo"] = "PDY" + Random.Shared.Next(100000, 999999),
            ["townshipCode"] = Township,
        }, HttpStatusCode.Created)).Id();
        foreach (var (code, name, price) in new[] { ("FD-BP", "血压测量", 5m), ("FD-HV", "上门巡诊", 30m), ("NS-DRESS", "换药", 25m) })
            await (await As("admin")).PostJson("/api/billing/prices", new { organizationId = org, code, name, unit = "次", price }, HttpStatusCode.Created);
        using (var fees = await (await As("admin")).PutJson("/api/billing/service-fees", new
        {
            organizationId = org,
            payer = "elder",
            bands = new object[] { new { fromKm = 0, toKm = 3, fee = 20 }, new { fromKm = 3, toKm = (decimal?)null, fee = 35 } },
        }))
            await fees.ShouldBe(HttpStatusCode.OK);
        var teamName = TestData.Name("团队");
        var team = await admin.PostJson("/api/family-doctor/teams", new
        {
            organizationId = org,
            name = teamName,
            members = new object[] { new { name = "李建华", role = "general-practitioner", isLeader = true } },
        }, HttpStatusCode.Created);
        var package = await admin.PostJson("/api/family-doctor/packages", new
        {
            organizationId = org,
            name = "基础包" + Random.Shared.Next(1000, 9999),
            annualFee = 120m,
            insuranceFund = 60m,
            publicHealthFund = 40m,
            elderPays = 20m,
            items = new object[]
            {
                new { serviceCode = "FD-BP", serviceName = "血压测量", quantity = 1, period = "year" },
                new { serviceCode = "FD-HV", serviceName = "上门巡诊", quantity = 12, period = "year" },
            },
        }, HttpStatusCode.Created);
        var elder = (await CreateElder(ElderBody(orgId: org))).Id();
        await admin.PostJson("/api/family-doctor/contracts", new { elderId = elder, teamId = team.Id(), packageId = package.Id() }, HttpStatusCode.Created);

        var codes = new[] { "FD-BP", "FD-HV", "NS-DRESS" };
        var done = await admin.PostJson("/api/home-visits", new
        {
            elderId = elder,
            source = "ad-hoc",
            services = codes.Select(c => new { serviceCode = c, serviceName = "服务" + c }).ToArray(),
        }, HttpStatusCode.Created);
        var url = $"/api/home-visits/{done.Id()}";
        await admin.PostJson($"{url}/check-in", new { }, HttpStatusCode.OK);
        foreach (var c in codes) await admin.PostJson($"{url}/services/{c}", new { status = "done" }, HttpStatusCode.OK);
        using (var complete = await admin.PostAsJsonAsync($"{url}/complete", new { confirmation = new { by = "self" }, distanceKm = 2m }, Infrastructure.Api.Json))
            await complete.ShouldBe(HttpStatusCode.OK);
        var planned = await admin.PostJson("/api/home-visits", new
        {
            elderId = elder,
            source = "ad-hoc",
            services = new[] { new { serviceCode = "FD-BP", serviceName = "血压测量" } },
        }, HttpStatusCode.Created);
        var sickbed = await admin.PostJson("/api/sickbeds", new
        {
            elderId = elder,
            organizationId = org,
            reason = "脑梗死后遗症，行动不便，需继续康复治疗",
            diagnosisCode = "I69.3",
            diagnosisName = "脑梗死后遗症",
        }, HttpStatusCode.Created);
        return new Setup(org, elder, teamName, done.Id(), planned.Id(), sickbed.Id());
    }

    [DbFact]
    public async Task The_summary_lists_visits_with_their_charges_the_active_contract_the_open_sickbed_and_links()
    {
        var s = await Arrange();
        var json = await (await As("city")).GetJson($"/api/elders/{s.Elder}/care-summary");

        var visits = json["visits"]!.AsArray();
        Assert.Equal(2, visits.Count);
        // newest first: both are today's, the planned one was created last
        Assert.Equal(s.PlannedVisit, (long)visits[0]!["id"]!);
        Assert.Equal("planned", (string)visits[0]!["status"]!);
        Assert.Equal(1, (int)visits[0]!["servicesCount"]!);
        Assert.Empty(visits[0]!["charges"]!.AsArray());
        var completed = visits[1]!;
        Assert.Equal("completed", (string)completed["status"]!);
        Assert.Equal(3, (int)completed["servicesCount"]!);
        Assert.Equal($"/HomeCare/Visit/{s.CompletedVisit}", (string)completed["url"]!);
        // 换药 ¥25 + 上门服务费 ¥20 (0–3 km) paid by the elder; 血压测量 and 上门巡诊 covered by the package
        Assert.Equal(45m, (decimal)completed["patientTotal"]!);
        var lines = completed["charges"]!.AsArray();
        Assert.Equal(4, lines.Count);
        JsonNode Line(string code) => lines.Single(l => (string)l!["itemCode"]! == code)!;
        Assert.Equal(5m, (decimal)Line("FD-BP")["listPrice"]!);
        Assert.Equal(0m, (decimal)Line("FD-BP")["patientAmount"]!);
        Assert.Equal("family-doctor", (string)Line("FD-BP")["payer"]!);
        Assert.False(string.IsNullOrEmpty((string?)Line("FD-BP")["coveredBy"]));
        Assert.Equal(25m, (decimal)Line("NS-DRESS")["patientAmount"]!);
        Assert.Equal("elder", (string)Line("NS-DRESS")["payer"]!);
        Assert.Null((string?)Line("NS-DRESS")["coveredBy"]);

        Assert.Equal(s.TeamName, (string)json["contract"]!["teamName"]!);
        Assert.Equal("applied", (string)json["sickbed"]!["status"]!);
        Assert.Equal($"/Sickbeds/Details/{s.Sickbed}", (string)json["sickbed"]!["url"]!);
        var links = json["links"]!.AsArray().Select(l => (string)l!["url"]!).ToList();
        Assert.Contains($"/Assessments/Elder/{s.Elder}", links);
        Assert.Contains($"/HealthManagement/Elder/{s.Elder}", links);

        // the view is audited (written in the background)
        var auditor = await As("auditor");
        JsonArray entries = [];
        for (var i = 0; i < 50 && entries.Count == 0; i++)
        {
            entries = (await auditor.GetJson($"/api/audit?subjectId={s.Elder}&action=elders.care-summary.view"))["items"]!.AsArray();
            if (entries.Count == 0) await Task.Delay(100);
        }
        Assert.Contains(entries, e => (string)e!["userName"]! == "city");
    }

    [DbFact]
    public async Task Parts_follow_the_role_and_an_elder_out_of_scope_is_404()
    {
        var s = await Arrange();
        // a doctor of another health centre does not see this elder
        using (var r = await (await As("hbdoctor")).GetAsync($"/api/elders/{s.Elder}/care-summary"))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await (await As("city")).GetAsync("/api/elders/987654321/care-summary"))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);

        // the call operator (region scope) reads the elder but none of the care parts
        var op = await (await As("operator")).GetJson($"/api/elders/{s.Elder}/care-summary");
        Assert.Null(op["visits"]);
        Assert.Null(op["contract"]);
        Assert.False((bool)op["contractShown"]!);
        Assert.False((bool)op["sickbedShown"]!);
        Assert.Empty(op["links"]!.AsArray());
    }

    [DbFact]
    public async Task The_elder_page_shows_the_care_section()
    {
        var s = await Arrange();
        using var client = await PageClient.LoggedIn(Factory, "city");
        var doc = new HtmlParser().ParseDocument(await client.GetStringAsync($"/Elders/Details/{s.Elder}"));
        var rows = doc.QuerySelectorAll("#care-visits tbody tr");
        Assert.Equal(2, rows.Length);
        var done = rows.Single(r => r.GetAttribute("data-visit") == s.CompletedVisit.ToString());
        Assert.Contains("已完成", done.TextContent);
        Assert.Contains("¥45.00", done.TextContent);
        Assert.Equal($"/HomeCare/Visit/{s.CompletedVisit}", done.QuerySelector("a")!.GetAttribute("href"));
        var dress = doc.QuerySelector($"#care-charges tr[data-visit='{s.CompletedVisit}'][data-item='NS-DRESS']")!;
        Assert.Contains("¥25.00", dress.TextContent);
        Assert.Contains("个人自付", dress.TextContent);
        var bp = doc.QuerySelector($"#care-charges tr[data-item='FD-BP']")!;
        Assert.Contains("¥5.00", bp.Children[2].TextContent);
        Assert.Equal("¥0.00", bp.Children[3].TextContent.Trim());
        Assert.Contains(s.TeamName, doc.GetElementById("care-contract")!.TextContent);
        Assert.Contains("脑梗死后遗症", doc.GetElementById("care-sickbed")!.TextContent);
        Assert.Contains(doc.QuerySelectorAll("#care-links a"), a => a.GetAttribute("href") == $"/Assessments/CarePlan?elderId={s.Elder}");
        Assert.Empty(doc.QuerySelectorAll("main script, main [style]"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CareSummaryTestsSqlite(SqliteAppFixture f) : CareSummaryTests(f);

[Collection(PostgresCollection.Name)]
public sealed class CareSummaryTestsPostgres(PostgresAppFixture f) : CareSummaryTests(f), IPostgresTests;
