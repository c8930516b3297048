using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Claims;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Claims;

public abstract class ClaimsApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/claims";
    private static readonly DateOnly First = new DateOnly(TestData.ChinaToday.Year, TestData.ChinaToday.Month, 1).AddMonths(-1); // last month
    private static readonly DateOnly Last = First.AddMonths(1).AddDays(-1);
    private static string Month => First.ToString("yyyy-MM");
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>An elder with a signed 长护险 assessment (grade 3, no reassessment date) so 长护险 periods may be recorded.</summary>
    private async Task<long> AssessedJinhuaElder()
    {
        var id = await JinhuaElder();
        await Assessment(id, "ltc-2021", 3, "重度失能一级", new DateOnly(2025, 1, 1), null);
        return id;
    }

    private static Task<HttpResponseMessage> Cover(HttpClient c, long elderId, string cls, DateOnly start, DateOnly? end, long org) =>
        c.PostAsJsonAsync($"{Base}/coverage-periods", new { elderId, payerClass = cls, startOn = D(start), endOn = end is { } e ? D(e) : null, organizationId = org },
            Tests.Infrastructure.Api.Json);

    [DbFact]
    public async Task Exclusive_classes_never_overlap_and_the_refusal_says_what_overlaps()
    {
        var org = await JinhuaId();
        var admin = await As("city");
        var elder = await AssessedJinhuaElder();
        var jan = new DateOnly(2026, 1, 1);
        using (var r = await Cover(admin, elder, "ltc-institution", jan, new DateOnly(2026, 6, 30), org)) await r.ShouldBe(HttpStatusCode.Created);
        using (var r = await Cover(admin, elder, "ltc-home", new DateOnly(2026, 6, 30), null, org))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal("coverage-overlap", (string)p["code"]!);
            Assert.Equal("与已有的长护险（机构）待遇期（2026-01-01 至 2026-06-30）重叠：长护险（居家）与长护险（机构）不能同时享受。", (string)p["detail"]!);
        }
        // combinable classes
        using (var r = await Cover(admin, elder, "care-self-pay", jan, null, org)) await r.ShouldBe(HttpStatusCode.Created);
        using (var r = await Cover(admin, elder, "civil-subsidy", jan, null, org)) await r.ShouldBe(HttpStatusCode.Created);
        // home LTC after the institutional period still clashes with the open self-pay stay
        using (var r = await Cover(admin, elder, "ltc-home", new DateOnly(2026, 7, 1), null, org))
            Assert.Contains("养老机构自费待遇期（2026-01-01 至 长期）", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["detail"]!);
        // the day after the institutional period ends is free for in-patient insurance
        using (var r = await Cover(admin, elder, "medical-inpatient", new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 10), org)) await r.ShouldBe(HttpStatusCode.Created);
        using (var r = await Cover(admin, elder, "sickbed", jan, null, org)) await r.ShouldBeProblem(HttpStatusCode.Conflict); // sickbed clashes with the institutional period
        using (var r = await Cover(admin, elder, "nothing", jan, new DateOnly(2025, 1, 1), org))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("payerClass"));
            Assert.NotEmpty(p.FieldErrors("endOn"));
        }
        var list = (await admin.GetJson($"{Base}/coverage-periods?elderId={elder}")).AsArray();
        Assert.Equal(new[] { "ltc-institution", "care-self-pay", "civil-subsidy", "medical-inpatient" }, list.Select(x => (string)x!["payerClass"]!));
        var timeline = (await admin.GetJson($"/api/elders/{elder}/timeline")).AsArray().Select(e => (string)e!["summary"]!).ToList();
        Assert.Contains(timeline, s => s.StartsWith("待遇期：长护险（机构） 2026-01-01 至 2026-06-30", StringComparison.Ordinal));
        // a caregiver may not record coverage
        using (var r = await Cover(await As("nurse"), elder, "civil-subsidy", new DateOnly(2027, 1, 1), null, org)) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    private Task<int> PeriodCount(long elderId) =>
        Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Set<CoveragePeriod>().CountAsync(p => p.ElderId == elderId));

    [DbFact]
    public async Task A_long_term_care_period_needs_a_signed_assessment_valid_on_its_first_day()
    {
        var org = await JinhuaId();
        var admin = await As("city");
        var elder = await JinhuaElder();
        var may = new DateOnly(2026, 5, 1);
        // no assessment at all → refused under startOn, nothing written
        foreach (var cls in new[] { "ltc-institution", "ltc-home" })
            using (var r = await Cover(admin, elder, cls, may, null, org))
            {
                var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
                Assert.StartsWith("该老年人在 2026-05-01 前没有已签署的失能等级评估", p.FieldErrors("startOn").Single());
            }
        Assert.Equal(0, await PeriodCount(elder));
        // other payer classes do not need one
        using (var r = await Cover(admin, elder, "civil-subsidy", may, null, org)) await r.ShouldBe(HttpStatusCode.Created);
        using (var r = await Cover(admin, elder, "medical-inpatient", may, new DateOnly(2026, 5, 10), org)) await r.ShouldBe(HttpStatusCode.Created);
        Assert.Equal(2, await PeriodCount(elder));

        // an assessment signed after the start does not count; a signed one due 2026-04-30 has expired on 05-01
        await Assessment(elder, "ltc-2021", 3, "重度失能一级", new DateOnly(2026, 5, 2), new DateOnly(2027, 5, 2));
        await Assessment(elder, "ltc-2021", 3, "重度失能一级", new DateOnly(2025, 4, 30), new DateOnly(2026, 4, 30));
        using (var r = await Cover(admin, elder, "ltc-home", may, null, org))
            Assert.Equal("该老年人的失能等级评估已于 2026-04-30 到期，2026-05-01 起不能登记长护险（居家）待遇期。请先重新评估。",
                (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("startOn").Single());
        Assert.Equal(2, await PeriodCount(elder));
        // on the due date itself it is still valid; from the later assessment's date on too
        using (var r = await Cover(admin, elder, "ltc-home", new DateOnly(2026, 4, 30), new DateOnly(2026, 4, 30), org)) await r.ShouldBe(HttpStatusCode.Created);
        using (var r = await Cover(admin, elder, "ltc-institution", new DateOnly(2026, 5, 2), new DateOnly(2026, 5, 31), org))
            await r.ShouldBeProblem(HttpStatusCode.Conflict); // assessment valid, but the in-patient period (05-01 … 05-10) is exclusive
        using (var r = await Cover(admin, elder, "ltc-institution", new DateOnly(2026, 5, 11), new DateOnly(2026, 5, 31), org)) await r.ShouldBe(HttpStatusCode.Created);
        // a GB/T 42195 assessment counts as well; an unsigned (draft) one does not
        var other = await JinhuaElder();
        await Assessment(other, "gbt42195-2022", 2, "中度失能", new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1));
        using (var r = await Cover(admin, other, "ltc-home", may, null, org)) await r.ShouldBe(HttpStatusCode.Created);
        var third = await JinhuaElder();
        var draft = await Assessment(third, "ltc-2021", 3, "重度失能一级", new DateOnly(2026, 1, 1), null);
        await Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Set<Assessment>().Where(a => a.Id == draft)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AssessmentStatus.Draft)));
        using (var r = await Cover(admin, third, "ltc-home", may, null, org)) await r.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal(0, await PeriodCount(third));
    }

    private async Task<bool> RawSlotRefused(long periodId, long elderId, int group, DateOnly start, DateOnly? end) =>
        await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            try
            {
                if (end is { } e)
                    await db.Database.ExecuteSqlRawAsync(
                        "INSERT INTO claims_coverage_slot (period_id, elder_id, exclusion_group, start_on, end_on) VALUES ({0}, {1}, {2}, {3}, {4})",
                        periodId, elderId, group, start, e);
                else
                    await db.Database.ExecuteSqlRawAsync(
                        "INSERT INTO claims_coverage_slot (period_id, elder_id, exclusion_group, start_on, end_on) VALUES ({0}, {1}, {2}, {3}, NULL)",
                        periodId, elderId, group, start);
                return false;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
            {
                return true;
            }
        });

    [DbFact]
    public async Task The_database_refuses_an_overlapping_slot_in_the_same_group()
    {
        var org = await JinhuaId();
        var admin = await As("city");
        var elder = await AssessedJinhuaElder();
        var p = await admin.PostJson($"{Base}/coverage-periods",
            new { elderId = elder, payerClass = "ltc-home", startOn = "2026-03-01", endOn = "2026-03-31", organizationId = org }, HttpStatusCode.Created);
        Assert.Equal(2, await Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Set<Yiyang.Modules.Claims.CoverageSlot>().CountAsync(s => s.PeriodId == p.Id())));
        // a civil-subsidy period (group 3) over the same days is another group: accepted
        var period = (await admin.PostJson($"{Base}/coverage-periods",
            new { elderId = elder, payerClass = "civil-subsidy", startOn = "2026-03-01", endOn = "2026-03-31", organizationId = org }, HttpStatusCode.Created)).Id();
        // ltc-home occupies groups 1 and 2 over March
        Assert.True(await RawSlotRefused(period, elder, 1, new DateOnly(2026, 3, 31), null)); // last day inclusive
        Assert.True(await RawSlotRefused(period, elder, 2, new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1)));
        Assert.False(await RawSlotRefused(period, elder, 1, new DateOnly(2026, 4, 1), null)); // the day after
    }

    [DbFact]
    public async Task Four_concurrent_overlapping_periods_admit_exactly_one()
    {
        var org = await JinhuaId();
        var admin = await As("city");
        var elder = await AssessedJinhuaElder();
        var responses = await Task.WhenAll(new[] { "ltc-institution", "ltc-home", "medical-inpatient", "sickbed" }
            .Select(c => Cover(admin, elder, c, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31), org)));
        foreach (var r in responses)
            using (r)
                Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single((await admin.GetJson($"{Base}/coverage-periods?elderId={elder}")).AsArray());
    }

    private Task<long> Assessment(long elderId, string instrument, int level, string levelName, DateOnly assessedOn, DateOnly? nextDue) =>
        Factory.SignedAssessment(elderId, instrument, level, levelName, assessedOn, nextDue);

    /// <summary>A period written straight to the database (as legacy data would be), bypassing the service's rules.</summary>
    private Task<int> CoverInDb(long elderId, PayerClass cls, DateOnly start, long org) =>
        Factory.WithScope(sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            db.Add(new CoveragePeriod
            {
                ElderId = elderId,
                OrganizationId = org,
                PayerClass = cls,
                StartOn = start,
                CreatedByUser = "test",
                CreatedAt = DateTimeOffset.UtcNow,
                Slots = CoverageRules.Groups(cls).Select(g => new CoverageSlot { ElderId = elderId, ExclusionGroup = g, StartOn = start }).ToList(),
            });
            return db.SaveChangesAsync();
        });

    private static async Task<long> Admit(HttpClient c, long org, long elder, DateOnly on)
    {
        var bed = (await c.PostJson($"/api/institutions/{org}/beds", new { ward = "W" + Guid.NewGuid().ToString("N")[..8], room = "1", number = "1", kind = "nursing" },
            HttpStatusCode.Created)).Id();
        return (await c.PostJson($"/api/institutions/{org}/admissions", new { elderId = elder, bedId = bed, admittedOn = D(on) }, HttpStatusCode.Created)).Id();
    }

    [DbFact]
    public async Task Hospitalised_leave_days_are_not_billed_and_personal_leave_days_are()
    {
        var admin = await As("city");
        var org = (await (await As("admin")).PostJson("/api/organizations", new Dictionary<string, object?>
        {
            ["name"] = TestData.Name("长乐养老院"),
            ["kind"] = "elderly-care",
            ["careType"] = "护理型",
            ["creditCode"] = TestData.CreditCode("52"),
            ["careLicenceNo"] = "YL" + Random.Shared.Next(100000, 999999),
            ["townshipCode"] = Township,
            ["nursingBeds"] = 2,
        }, HttpStatusCode.Created)).Id();
        var f = await JinhuaElder();
        var g = await JinhuaElder();
        foreach (var (elder, kind) in new[] { (f, "hospitalised"), (g, "personal") })
        {
            var stay = await Admit(admin, org, elder, First.AddDays(-20));
            // a 长护险 period rests on a signed assessment valid on its first day: assessed first
            await Assessment(elder, "ltc-2021", 4, "重度失能二级", First.AddDays(-25), First.AddYears(1));
            using (var r = await Cover(admin, elder, "ltc-institution", First.AddDays(-20), null, org)) await r.ShouldBe(HttpStatusCode.Created);
            // away from the 10th, back on the 15th: the 10th..14th are 5 leave days
            await admin.PostJson($"/api/institutions/stays/{stay}/leaves", new { kind, startOn = D(First.AddDays(9)), expectedReturnOn = D(First.AddDays(14)) },
                HttpStatusCode.Created);
            await admin.PostJson($"/api/institutions/stays/{stay}/leaves/return", new { returnedOn = D(First.AddDays(14)) }, HttpStatusCode.OK);
        }

        var claim = await admin.PostJson(Base, new { organizationId = org, payerClass = "ltc-institution", month = Month }, HttpStatusCode.Created);
        var lines = claim["lines"]!.AsArray().ToDictionary(l => (long)l!["elderId"]!);
        // in hospital (医保 pays the in-patient days): 5 fewer bed-days; on personal leave: the whole month
        Assert.Equal(Last.Day - 5, (int)lines[f]!["bedDays"]!);
        Assert.Equal(80m * (Last.Day - 5), (decimal)lines[f]!["amount"]!);
        Assert.Equal(Last.Day, (int)lines[g]!["bedDays"]!);
        Assert.Equal(2 * Last.Day - 5, (int)claim["bedDays"]!);
    }

    [DbFact]
    public async Task A_monthly_claim_bills_covered_bed_days_at_the_grade_rate_and_lists_the_excluded()
    {
        var org = await OrgId("王益区社会福利院");
        var admin = await As("city");
        var a = await JinhuaElder();
        var b = await JinhuaElder();
        var c = await JinhuaElder();
        var d = await JinhuaElder();
        var e = await JinhuaElder();
        // a: in on the 5th, out on the 15th → 10 bed-days at ltc-2021 grade 4 (80 元) = 800
        var stayA = await Admit(admin, org, a, First.AddDays(4));
        await admin.PostJson($"/api/institutions/stays/{stayA}/discharge", new { dischargedOn = D(First.AddDays(14)), reason = "discharged" }, HttpStatusCode.OK);
        await Assessment(a, "ltc-2021", 4, "重度失能二级", First.AddDays(-30), First.AddYears(1));
        await Cover(admin, a, "ltc-institution", First.AddDays(-30), null, org);
        // b: resident all month, covered from the 11th → (days in month − 10) at GB/T 42195 level 3 (70 元)
        await Admit(admin, org, b, First.AddDays(-20));
        await Assessment(b, "gbt42195-2022", 3, "重度失能", First.AddDays(-40), null);
        await Cover(admin, b, "ltc-institution", First.AddDays(10), null, org);
        // c: covered, no assessment; d: no coverage; e: assessment expired before the end of the month
        await Admit(admin, org, c, First.AddDays(-5));
        await CoverInDb(c, PayerClass.LtcInstitution, First.AddDays(-5), org); // recorded before periods needed an assessment
        await Admit(admin, org, d, First.AddDays(-5));
        await Admit(admin, org, e, First.AddDays(-5));
        await Assessment(e, "ltc-2021", 3, "重度失能一级", First.AddMonths(-12), First.AddDays(19));
        await Cover(admin, e, "ltc-institution", First.AddDays(-5), null, org);

        var claim = await admin.PostJson(Base, new { organizationId = org, payerClass = "ltc-institution", month = Month }, HttpStatusCode.Created);
        Assert.Equal("草稿", (string)claim["statusName"]!);
        var lines = claim["lines"]!.AsArray().ToDictionary(l => (long)l!["elderId"]!);
        Assert.Equal(10, (int)lines[a]!["bedDays"]!);
        Assert.Equal(80m, (decimal)lines[a]!["dailyRate"]!);
        Assert.Equal(800m, (decimal)lines[a]!["amount"]!);
        var bDays = Last.Day - 10;
        Assert.Equal(bDays, (int)lines[b]!["bedDays"]!);
        Assert.Equal(70m * bDays, (decimal)lines[b]!["amount"]!);
        Assert.Equal("重度失能", (string)lines[b]!["gradeName"]!);
        var excluded = claim["excluded"]!.AsArray().ToDictionary(l => (long)l!["elderId"]!, l => (string)l!["excludedReason"]!);
        Assert.StartsWith("无有效的失能等级评估", excluded[c]);
        Assert.StartsWith("本月无长护险（机构）待遇期", excluded[d]);
        Assert.Equal($"失能等级评估已于 {D(First.AddDays(19))} 到期，请重新评估。", excluded[e]);
        Assert.Equal(800m + 70m * bDays, (decimal)claim["amount"]!);
        Assert.Equal(10 + bDays, (int)claim["bedDays"]!);

        // once per institution, payer and month
        using (var r = await admin.PostAsJsonAsync(Base, new { organizationId = org, payerClass = "ltc-institution", month = Month }, Tests.Infrastructure.Api.Json))
            Assert.Equal("claim-exists", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        using (var r = await admin.PostAsJsonAsync(Base, new { organizationId = org, payerClass = "care-self-pay", month = "2026-13" }, Tests.Infrastructure.Api.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("month"));
            Assert.NotEmpty(p.FieldErrors("payerClass"));
        }

        var timeline = (await admin.GetJson($"/api/elders/{a}/timeline")).AsArray().Select(x => (string)x!["summary"]!).ToList();
        Assert.Contains(timeline, s => s.StartsWith($"长护险（机构）结算 {Month}：10 床日 × 80.00 元", StringComparison.Ordinal));

        // export and read back
        using var export = await admin.GetAsync($"{Base}/{claim.Id()}/export");
        await export.ShouldBe(HttpStatusCode.OK);
        await using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        using var doc = SpreadsheetDocument.Open(stream, false);
        var wb = doc.WorkbookPart!;
        Assert.Equal(new[] { "结算明细", "未纳入" }, wb.Workbook.Sheets!.Elements<Sheet>().Select(x => x.Name!.Value));
        string[][] Rows(string sheet)
        {
            var part = (WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<Sheet>().Single(x => x.Name == sheet).Id!);
            return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(x => x.InlineString?.InnerText ?? x.CellValue?.Text ?? "").ToArray()).ToArray();
        }
        var rows = Rows("结算明细");
        Assert.Contains(rows, r => r[0] == a.ToString() && r[2] == "10" && r[^1] == "800.00");
        Assert.Equal(new[] { "合计", (10 + bDays).ToString(), (800m + 70m * bDays).ToString("0.00") }, rows[^1]);
        Assert.Contains(Rows("未纳入"), r => r[0] == d.ToString());

        // submit with If-Match
        using (var req = new HttpRequestMessage(HttpMethod.Post, $"{Base}/{claim.Id()}/submit"))
        {
            req.Headers.TryAddWithoutValidation("If-Match", $"\"{(int)claim["version"]!}\"");
            using var r = await admin.SendAsync(req);
            await r.ShouldBe(HttpStatusCode.OK);
            Assert.Equal("已提交", (string)(await r.ReadJson())["statusName"]!);
        }
        // a regulator of the district reads it; a nurse may not
        Assert.Contains((await (await As("ybj")).GetJson(Base)).AsArray(), x => x!.Id() == claim.Id());
        using (var r = await (await As("nurse")).GetAsync(Base)) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ClaimsApiTestsSqlite(SqliteAppFixture f) : ClaimsApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ClaimsApiTestsPostgres(PostgresAppFixture f) : ClaimsApiTests(f), IPostgresTests;
