using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Modules.Billing;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Billing;

/// <summary>LTC test double: covers the codes registered for an elder (no care-plan module exists yet).</summary>
public sealed class FakeLtcCoverage : ILtcPlanCoverage
{
    public static readonly ConcurrentDictionary<(long, string), bool> Covered = new();

    public Task<LtcPlanCover?> FindAsync(long elderId, string serviceCode, DateOnly serviceDate, CancellationToken ct) =>
        Task.FromResult(Covered.ContainsKey((elderId, serviceCode)) ? new LtcPlanCover(900, 901, "ltc", "长护险护理计划 第2项") : null);
}

public abstract class BillingApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/billing";
    private static string Month => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM");

    /// <summary>A fresh community health centre of the test's own, so that catalogs and bands never collide.</summary>
    private async Task<long> NewCentre() =>
        (await (await As("admin")).PostJson("/api/organizations", new Dictionary<string, object?>
        {
            ["name"] = TestData.Name("卫生服务中心"),
            ["kind"] = "medical",
            ["medicalType"] = "社区卫生服务中心",
            ["level"] = "一级",
            ["creditCode"] = TestData.CreditCode("12"),
            ["medicalLicenceNo"] = "PDY" + Random.Shared.Next(100000, 999999),
            ["townshipCode"] = Township,
        }, HttpStatusCode.Created)).Id();

    private async Task Price(long org, string code, string name, decimal price) =>
        await (await As("admin")).PostJson($"{Base}/prices", new { organizationId = org, code, name, unit = "次", price }, HttpStatusCode.Created);

    private async Task<JsonNode> Fees(long org, string payer = "elder") =>
        await PutOk($"{Base}/service-fees", new
        {
            organizationId = org,
            payer,
            bands = new object[] { new { fromKm = 0, toKm = 3, fee = 20 }, new { fromKm = 3, toKm = (decimal?)null, fee = 35 } },
        });

    private async Task<JsonNode> PutOk(string url, object body, string? ifMatch = null)
    {
        using var r = await (await As("admin")).PutJson(url, body, ifMatch);
        await r.ShouldBe(HttpStatusCode.OK);
        return await r.ReadJson();
    }

    /// <summary>A centre with a catalog (FD-BP ¥5, FD-HV ¥30, NS-DRESS ¥25), bands 0–3 km ¥20 / 3+ km ¥35, and a package FD-BP 1/年, FD-HV 12/年.</summary>
    private async Task<(long Org, long Team, long Package)> Centre(string feePayer = "elder")
    {
        var org = await NewCentre();
        await Price(org, "FD-BP", "血压测量", 5.00m);
        await Price(org, "FD-HV", "上门巡诊", 30.00m);
        await Price(org, "NS-DRESS", "换药", 25.00m);
        await Fees(org, feePayer);
        var admin = await As("city");
        var team = await admin.PostJson("/api/family-doctor/teams", new
        {
            organizationId = org,
            name = TestData.Name("团队"),
            members = new object[] { new { name = "李建华", role = "general-practitioner", isLeader = true } },
        }, HttpStatusCode.Created);
        var package = await admin.PostJson("/api/family-doctor/packages", new
        {
            organizationId = org,
            name = TestData.Name("服务包"),
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
        return (org, team.Id(), package.Id());
    }

    private async Task<long> Elder(long org, long? team = null, long? package = null)
    {
        var id = (await CreateElder(ElderBody(orgId: org))).Id();
        if (team is not null)
            await (await As("city")).PostJson("/api/family-doctor/contracts", new { elderId = id, teamId = team, packageId = package }, HttpStatusCode.Created);
        return id;
    }

    /// <summary>An ad-hoc visit checked in with the given services done; returns its URL.</summary>
    private async Task<string> VisitReady(long elderId, params string[] codes)
    {
        var admin = await As("city");
        var visit = await admin.PostJson("/api/home-visits", new
        {
            elderId,
            source = "ad-hoc",
            services = codes.Select(c => new { serviceCode = c, serviceName = "服务" + c }).ToArray(),
        }, HttpStatusCode.Created);
        var url = $"/api/home-visits/{visit.Id()}";
        await admin.PostJson($"{url}/check-in", new { }, HttpStatusCode.OK);
        foreach (var c in codes) await admin.PostJson($"{url}/services/{c}", new { status = "done" }, HttpStatusCode.OK);
        return url;
    }

    private async Task<HttpResponseMessage> Complete(string url, decimal? distanceKm = 2m) =>
        await (await As("city")).PostAsJsonAsync($"{url}/complete", new { confirmation = new { by = "self" }, distanceKm }, Infrastructure.Api.Json);

    private static JsonNode Line(JsonNode visit, string code) => visit["charges"]!.AsArray().Single(c => (string)c!["itemCode"]! == code)!;

    private Task<int> ChargeCount(long visitId) => Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Set<BillingCharge>().CountAsync(c => c.VisitId == visitId));

    private static long VisitId(string url) => long.Parse(url[(url.LastIndexOf('/') + 1)..]);

    [DbFact]
    public async Task A_price_catalog_is_per_institution_with_one_item_per_code()
    {
        var org = await NewCentre();
        var admin = await As("admin");
        var created = await admin.PostJson($"{Base}/prices", new { organizationId = org, code = "NS-CATH", name = "导尿管护理", price = 40.5m }, HttpStatusCode.Created);
        Assert.Equal("次", (string)created["unit"]!);
        Assert.Equal("元/次", (string)created["priceUnit"]!);
        Assert.Equal(40.5m, (decimal)created["price"]!);

        using (var dup = await admin.PostAsJsonAsync($"{Base}/prices", new { organizationId = org, code = "NS-CATH", name = "导尿管护理", price = 1m }, Infrastructure.Api.Json))
            Assert.Equal("price-code-exists", (string)(await dup.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        // the same code in another institution is its own item
        await admin.PostJson($"{Base}/prices", new { organizationId = await NewCentre(), code = "NS-CATH", name = "导尿管护理", price = 45m }, HttpStatusCode.Created);

        using (var bad = await admin.PostAsJsonAsync($"{Base}/prices", new { organizationId = org, code = "SERVICE-FEE", name = "", price = -1.001m }, Infrastructure.Api.Json))
        {
            var p = await bad.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.Contains("保留编码", p.FieldErrors("code").Single());
            Assert.Contains("元", p.FieldErrors("price").Single());
            Assert.NotEmpty(p.FieldErrors("name"));
        }
        using (var stale = await admin.PutJson($"{Base}/prices/{created.Id()}", new { name = "导尿管护理", price = 42m }, "W/\"5\""))
            await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        var updated = await PutOk($"{Base}/prices/{created.Id()}", new { name = "导尿管护理", price = 42m, active = false }, "W/\"0\"");
        Assert.Equal(42m, (decimal)updated["price"]!);
        Assert.False((bool)updated["active"]!);

        var list = (await admin.GetJson($"{Base}/prices?organizationId={org}")).AsArray();
        Assert.Equal(42m, (decimal)list.Single()!["price"]!);
        Assert.Empty((await admin.GetJson($"{Base}/prices?organizationId={org}&activeOnly=true")).AsArray());

        // a doctor reads the catalog of their own centre but may not change it
        var doctor = await As("doctor");
        Assert.NotEmpty((await doctor.GetJson($"{Base}/prices")).AsArray());
        using (var denied = await doctor.PostAsJsonAsync($"{Base}/prices", new { code = "X1", name = "测试", price = 1m }, Infrastructure.Api.Json))
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        using (var raw = await (await As("doctor")).GetAsync($"{Base}/prices?organizationId={org}"))
            await raw.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Service_fee_bands_must_be_contiguous_and_the_payer_one_of_the_list()
    {
        var org = await NewCentre();
        var admin = await As("admin");
        using (var bad = await admin.PutJson($"{Base}/service-fees", new
        {
            organizationId = org,
            payer = "医保",
            bands = new object[] { new { fromKm = 0, toKm = 5, fee = 20 }, new { fromKm = 3, toKm = 8, fee = 30 }, new { fromKm = 8, toKm = (decimal?)null, fee = (decimal?)null } },
        }))
        {
            var p = await bad.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.Contains("重叠", p.FieldErrors("bands[1].fromKm").Single());
            Assert.NotEmpty(p.FieldErrors("bands[2].fee"));
            Assert.Contains("个人自付", p.FieldErrors("payer").Single());
        }
        Assert.Empty((await admin.GetJson($"{Base}/service-fees?organizationId={org}"))["bands"]!.AsArray());

        var set = await Fees(org, "family-doctor");
        Assert.Equal("家庭医生签约服务包", (string)set["payerName"]!);
        Assert.Equal(new[] { "0–3 公里", "3 公里及以上" }, set["bands"]!.AsArray().Select(b => (string)b!["label"]!));
        Assert.Equal(0, (int)set["version"]!);
        // replacing an existing setting needs its version
        using (var noVersion = await admin.PutJson($"{Base}/service-fees", new { organizationId = org, payer = "elder", bands = new object[] { new { fromKm = 0, fee = 15 } } }))
            Assert.NotEmpty((await noVersion.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("version"));
        var replaced = await PutOk($"{Base}/service-fees", new { organizationId = org, payer = "elder", bands = new object[] { new { fromKm = 0, fee = 15 } } }, "W/\"0\"");
        Assert.Equal(15m, (decimal)replaced["bands"]![0]!["fee"]!);
        Assert.Single(replaced["bands"]!.AsArray());
        Assert.Equal("elder", (string)replaced["payer"]!);
    }

    [DbFact]
    public async Task Completion_charges_package_items_at_zero_until_the_quota_is_used_up_and_the_elder_pays_the_rest()
    {
        var (org, team, package) = await Centre();
        var elder = await Elder(org, team, package);

        var first = await VisitReady(elder, "FD-BP", "FD-HV", "NS-DRESS", "OTHER");
        // the centre charges by distance: no distance, no completion, nothing written
        using (var noDistance = await Complete(first, null))
            Assert.Contains("上门距离", (await noDistance.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("distanceKm").Single());
        Assert.Equal("checked-in", (string)(await (await As("city")).GetJson(first))["status"]!);
        Assert.Equal(0, await ChargeCount(VisitId(first)));

        using var r1 = await Complete(first, 2.5m);
        await r1.ShouldBe(HttpStatusCode.OK);
        var v1 = await r1.ReadJson();
        Assert.Equal("completed", (string)v1["status"]!);
        // OTHER has no catalog price: no line; 4 lines: 3 items + the 上门服务费
        Assert.Equal(new[] { "FD-BP", "FD-HV", "NS-DRESS", "SERVICE-FEE" }, v1["charges"]!.AsArray().Select(c => (string)c!["itemCode"]!));
        var bp = Line(v1, "FD-BP");
        Assert.Equal((5.00m, 0m, 5.00m, "family-doctor"), ((decimal)bp["listPrice"]!, (decimal)bp["amount"]!, (decimal)bp["coveredAmount"]!, (string)bp["payer"]!));
        Assert.Contains("第 1/1 次", (string)bp["coveredBy"]!);
        Assert.Equal(0m, (decimal)Line(v1, "FD-HV")["amount"]!);
        Assert.Equal((25.00m, "elder"), ((decimal)Line(v1, "NS-DRESS")["amount"]!, (string)Line(v1, "NS-DRESS")["payer"]!));
        Assert.Null((string?)Line(v1, "NS-DRESS")["coveredBy"]);
        Assert.Equal((20.00m, 2.5m), ((decimal)Line(v1, "SERVICE-FEE")["amount"]!, (decimal)Line(v1, "SERVICE-FEE")["distanceKm"]!));
        Assert.Equal(45.00m, (decimal)v1["patientTotal"]!);
        Assert.Equal(2.5m, (decimal)v1["distanceKm"]!);

        // FD-BP's 1/年 is used: the second visit charges it to the elder; FD-HV has 11 left
        var second = await VisitReady(elder, "FD-BP", "FD-HV");
        using var r2 = await Complete(second, 3m);
        var v2 = await r2.ReadJson();
        Assert.Equal((5.00m, "elder"), ((decimal)Line(v2, "FD-BP")["amount"]!, (string)Line(v2, "FD-BP")["payer"]!));
        Assert.Contains("第 2/12 次", (string)Line(v2, "FD-HV")["coveredBy"]!);
        Assert.Equal(35.00m, (decimal)Line(v2, "SERVICE-FEE")["amount"]!); // 3 km is in the 3+ band
        Assert.Equal(40.00m, (decimal)v2["patientTotal"]!);

        // the same charges on a later read, and on the elder's timeline
        var again = await (await As("city")).GetJson(second);
        Assert.Equal(40.00m, (decimal)again["patientTotal"]!);
        var timeline = (await (await As("city")).GetJson($"/api/elders/{elder}/timeline")).AsArray();
        Assert.Contains(timeline, t => (string)t!["kind"]! == "billing.charged" && ((string)t["summary"]!).Contains("个人自付 ¥45.00"));
    }

    [DbFact]
    public async Task A_changed_price_band_or_payer_applies_to_the_very_next_completion()
    {
        // the institution's settings are cached for visit charging; every change drops the cached copy
        var (org, _, _) = await Centre();
        var elder = await Elder(org);
        var first = await (await Complete(await VisitReady(elder, "NS-DRESS"), 1m)).ReadJson();
        Assert.Equal((25.00m, 20.00m), ((decimal)Line(first, "NS-DRESS")["listPrice"]!, (decimal)Line(first, "SERVICE-FEE")["listPrice"]!));

        var admin = await As("city");
        var item = (await admin.GetJson($"{Base}/prices?organizationId={org}")).AsArray().Single(p => (string)p!["code"]! == "NS-DRESS")!;
        await PutOk($"{Base}/prices/{item.Id()}", new { name = "换药", price = 28.50m }, "W/\"0\"");
        await PutOk($"{Base}/service-fees", new
        {
            organizationId = org,
            payer = "elder",
            bands = new object[] { new { fromKm = 0, toKm = 3, fee = 22 }, new { fromKm = 3, toKm = (decimal?)null, fee = 35 } },
        }, "W/\"0\"");
        var second = await (await Complete(await VisitReady(elder, "NS-DRESS"), 1m)).ReadJson();
        Assert.Equal((28.50m, 22.00m), ((decimal)Line(second, "NS-DRESS")["listPrice"]!, (decimal)Line(second, "SERVICE-FEE")["listPrice"]!));
        Assert.Equal(50.50m, (decimal)second["patientTotal"]!);
    }

    [DbFact]
    public async Task The_service_fee_is_covered_by_the_package_when_the_institution_says_so_and_only_for_contracted_elders()
    {
        var (org, team, package) = await Centre(feePayer: "family-doctor");
        var contracted = await Elder(org, team, package);
        var other = await Elder(org);
        var v1 = await (await Complete(await VisitReady(contracted, "NS-DRESS"), 1m)).ReadJson();
        var fee = Line(v1, "SERVICE-FEE");
        Assert.Equal((20.00m, 0m, "family-doctor"), ((decimal)fee["listPrice"]!, (decimal)fee["amount"]!, (string)fee["payer"]!));
        Assert.Equal(25.00m, (decimal)v1["patientTotal"]!);
        var v2 = await (await Complete(await VisitReady(other, "FD-BP"), 1m)).ReadJson();
        Assert.Equal("elder", (string)Line(v2, "SERVICE-FEE")["payer"]!);
        Assert.Equal("elder", (string)Line(v2, "FD-BP")["payer"]!);
        Assert.Equal(25.00m, (decimal)v2["patientTotal"]!);
    }

    [DbFact]
    public async Task The_same_item_of_a_visit_cannot_be_charged_twice_even_by_a_raw_insert()
    {
        var (org, _, _) = await Centre();
        var elder = await Elder(org);
        var url = await VisitReady(elder, "NS-DRESS");
        (await Complete(url)).Dispose();
        var visitId = VisitId(url);
        var refused = await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            var now = DateTimeOffset.UtcNow;
            object at = db.IsSqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)! : now;
            try
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO billing_charge (visit_id, elder_id, organization_id, service_date, item_code, item_name, kind, unit, list_price_yuan, " +
                    "patient_amount_yuan, covered_amount_yuan, payer, township_code, county_code, created_by_user, created_at) " +
                    "VALUES ({0}, {1}, {2}, {3}, 'NS-DRESS', '换药', 1, '次', 25, 0, 25, 'ltc-other', '610202002', '610202', 'intruder', {4})",
                    visitId, elder, org, DateOnly.FromDateTime(DateTime.UtcNow), at);
                return false;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
            {
                return true;
            }
        });
        Assert.True(refused);
        Assert.Equal(2, await ChargeCount(visitId));
    }

    [DbFact]
    public async Task Four_concurrent_completions_of_one_visit_write_one_set_of_charge_lines()
    {
        var (org, team, package) = await Centre();
        var elder = await Elder(org, team, package);
        var url = await VisitReady(elder, "FD-BP", "NS-DRESS");
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Complete(url)));
        var ok = 0;
        foreach (var r in responses)
        {
            using (r)
            {
                Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
                if (r.StatusCode == HttpStatusCode.OK)
                {
                    ok++;
                    Assert.Equal(45.00m, (decimal)(await r.ReadJson())["patientTotal"]!); // ¥25 换药 + ¥20 fee; 血压 by the package
                }
            }
        }
        Assert.Equal(1, ok);
        Assert.Equal(3, await ChargeCount(VisitId(url)));
        var quotaUses = await Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Set<BillingQuotaUse>().CountAsync(u => u.ElderId == elder));
        Assert.Equal(1, quotaUses);
    }

    [DbFact]
    public async Task Two_visits_racing_for_the_last_quota_slot_cover_exactly_one()
    {
        var (org, team, package) = await Centre();
        var elder = await Elder(org, team, package);
        var a = await VisitReady(elder, "FD-BP");
        var b = await VisitReady(elder, "FD-BP");
        var responses = await Task.WhenAll(Complete(a), Complete(b));
        var payers = new List<string>();
        foreach (var r in responses)
        {
            using (r)
            {
                await r.ShouldBe(HttpStatusCode.OK);
                payers.Add((string)Line(await r.ReadJson(), "FD-BP")["payer"]!);
            }
        }
        Assert.Equal(new[] { "elder", "family-doctor" }, payers.Order());
    }

    [DbFact]
    public async Task A_visit_whose_quota_slot_is_taken_meanwhile_by_another_transaction_takes_the_next_slot()
    {
        var (org, team, package) = await Centre();
        var elder = await Elder(org, team, package);
        var contract = (await (await As("city")).GetJson($"/api/family-doctor/contracts?elderId={elder}"))["items"]![0]!;
        var url = await VisitReady(elder, "FD-HV");
        var holder = await VisitReady(elder, "FD-HV"); // the visit the other transaction takes slot 1 for
        var visit = await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            object at = db.IsSqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)! : DateTimeOffset.UtcNow;
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO billing_quota_use (contract_id, service_code, period_start, ordinal, quantity, visit_id, elder_id, county_code, created_at) " +
                "VALUES ({0}, 'FD-HV', {1}, 1, 12, {2}, {3}, '610202', {4})",
                contract.Id(), DateOnly.Parse((string)contract["startDate"]!), VisitId(holder), elder, at);
            // the completion reads no use of slot 1 (PostgreSQL) or waits for the write lock (SQLite) while slot 1 is held
            var completing = Complete(url);
            await Task.Delay(1500);
            await tx.CommitAsync();
            using var r = await completing;
            await r.ShouldBe(HttpStatusCode.OK);
            return await r.ReadJson();
        });
        var line = Line(visit, "FD-HV");
        Assert.Equal("family-doctor", (string)line["payer"]!);
        Assert.Contains("第 2/12 次", (string)line["coveredBy"]!);
    }

    [DbFact]
    public async Task A_long_term_care_plan_covers_an_item_the_package_does_not()
    {
        var (org, team, package) = await Centre();
        var elder = await Elder(org, team, package);
        FakeLtcCoverage.Covered[(elder, "NS-DRESS")] = true;
        FakeLtcCoverage.Covered[(elder, "FD-BP")] = true; // the package comes first
        await using var withLtc = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<ILtcPlanCoverage, FakeLtcCoverage>()));
        using var anon = withLtc.CreateClient();
        using var tokenResponse = await anon.PostAsJsonAsync("/api/auth/token", new { userName = "city", password = AppFactory.DemoPassword });
        var token = (string)(await tokenResponse.ReadJson())["accessToken"]!;
        using var admin = withLtc.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var url = await VisitReady(elder, "FD-BP", "NS-DRESS");
        var visit = await admin.PostJson($"{url}/complete", new { confirmation = new { by = "self" }, distanceKm = 1 }, HttpStatusCode.OK);
        var dress = Line(visit, "NS-DRESS");
        Assert.Equal((0m, 25.00m, "ltc", "长期护理保险", "长护险护理计划 第2项"),
            ((decimal)dress["amount"]!, (decimal)dress["coveredAmount"]!, (string)dress["payer"]!, (string)dress["payerName"]!, (string)dress["coveredBy"]!));
        Assert.Equal("family-doctor", (string)Line(visit, "FD-BP")["payer"]!);
        Assert.Equal(20.00m, (decimal)visit["patientTotal"]!);
    }

    [DbFact]
    public async Task The_monthly_statement_sums_per_elder_and_per_payer_and_exports_to_xlsx()
    {
        var (org, team, package) = await Centre();
        var covered = await Elder(org, team, package);
        var own = await Elder(org);
        (await Complete(await VisitReady(covered, "FD-BP", "NS-DRESS"), 1m)).Dispose(); // 0 + 25 + 20 fee; package 5
        (await Complete(await VisitReady(own, "FD-BP", "FD-HV"), 5m)).Dispose();        // 5 + 30 + 35 fee
        var admin = await As("city");

        var s = await admin.GetJson($"{Base}/statements?month={Month}&organizationId={org}");
        Assert.Equal(Month, (string)s["month"]!);
        Assert.Equal(2, s["elders"]!.AsArray().Count);
        var e1 = s["elders"]!.AsArray().Single(e => (long)e!["elderId"]! == covered)!;
        Assert.Equal((3, 50.00m, 45.00m, 5.00m), ((int)e1["lines"]!, (decimal)e1["listTotal"]!, (decimal)e1["patientTotal"]!, (decimal)e1["coveredTotal"]!));
        var e2 = s["elders"]!.AsArray().Single(e => (long)e!["elderId"]! == own)!;
        Assert.Equal(70.00m, (decimal)e2["patientTotal"]!);
        var payers = s["payers"]!.AsArray().ToDictionary(p => (string)p!["payer"]!, p => (decimal)p!["amount"]!);
        Assert.Equal(new Dictionary<string, decimal> { ["elder"] = 115.00m, ["family-doctor"] = 5.00m }, payers);
        Assert.Equal(120.00m, (decimal)s["listTotal"]!);

        var onlyPackage = await admin.GetJson($"{Base}/statements?month={Month}&organizationId={org}&payer=family-doctor");
        Assert.Equal(5.00m, (decimal)onlyPackage["listTotal"]!);

        var income = (await admin.GetJson($"{Base}/income?month={Month}&organizationId={org}")).AsArray().Single()!;
        Assert.Equal(120.00m, (decimal)income["total"]!);
        Assert.Equal(2, income["byPayer"]!.AsArray().Count);

        using (var bad = await admin.GetAsync($"{Base}/statements?month=2026-13"))
            Assert.NotEmpty((await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("month"));
        // another centre's doctor sees none of these lines
        var other = await (await As("hbdoctor")).GetJson($"{Base}/statements?month={Month}&organizationId={org}");
        Assert.Empty(other["elders"]!.AsArray());

        using var export = await admin.GetAsync($"{Base}/statements/export?month={Month}&organizationId={org}");
        await export.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(StatementWorkbook.ContentType, export.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        using var doc = SpreadsheetDocument.Open(stream, false);
        var wb = doc.WorkbookPart!;
        Assert.Equal(new[] { "明细", "按支付方", "收入汇总" }, wb.Workbook.Sheets!.Elements<Sheet>().Select(x => x.Name!.Value));
        string[][] Rows(string sheet)
        {
            var part = (WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<Sheet>().Single(x => x.Name == sheet).Id!);
            return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToArray()).ToArray();
        }
        var detail = Rows("明细");
        Assert.Equal(new[] { "合计", "120.00", "115.00", "5.00" }, detail[^1]);
        Assert.Equal(11, detail.Length); // title, header, 2 × (3 lines + subtotal), total
    }

    [DbFact]
    public async Task The_billing_page_shows_the_statement_per_payer_and_per_elder_and_a_wrong_month_beside_its_field()
    {
        var (org, team, package) = await Centre();
        var elder = await Elder(org, team, package);
        (await Complete(await VisitReady(elder, "FD-BP", "NS-DRESS"), 1m)).Dispose();
        using var client = await PageClient.LoggedIn(Factory, "city");
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync($"/Billing?month={Month}&organizationId={org}"));
        Assert.Equal("¥45.00", doc.GetElementById("patient-total")!.TextContent);
        Assert.Equal("¥50.00", doc.GetElementById("list-total")!.TextContent);
        var payers = doc.QuerySelectorAll("#by-payer tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(payers, r => r.Contains("个人自付") && r.Contains("¥45.00"));
        Assert.Contains(payers, r => r.Contains("家庭医生签约服务包") && r.Contains("¥5.00"));
        Assert.Contains("¥50.00", doc.QuerySelector("#income tbody tr")!.TextContent);
        Assert.Contains("个人自付 ¥45.00", doc.QuerySelector("h3.elder-statement")!.TextContent);
        Assert.Equal("个人自付", doc.GetElementById("fee-payer")!.TextContent);
        Assert.Contains($"organizationId={org}", doc.GetElementById("export")!.GetAttribute("href"));
        Assert.Empty(doc.QuerySelectorAll("main script, main [style]"));

        var wrong = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/Billing?month=2026-13"));
        Assert.Equal("true", wrong.GetElementById("month")!.GetAttribute("aria-invalid"));
        Assert.Contains("年-月", wrong.GetElementById("month-error")!.TextContent);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BillingApiTestsSqlite(SqliteAppFixture f) : BillingApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class BillingApiTestsPostgres(PostgresAppFixture f) : BillingApiTests(f), IPostgresTests;
