using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Modules.HealthManagement;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.HealthManagement;

/// <summary>
/// ADR 0005: the indicator set pre-aggregated per township (<see cref="IndicatorAggregator"/>) is exactly the live count at
/// its moment, is read by regulators and the platform admin while fresh, and is left for the live count once older than
/// the freshness limit. The population lives in 耀州区 (610204), where no other test registers elders.
/// </summary>
public abstract class IndicatorAggregateTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Indicators = "/api/indicators/health-management";
    private static int Year => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;

    private async Task<long> Elder(string township, DateOnly born, string[]? flags = null) =>
        (await CreateElder(ElderBody(id: TestData.IdNumberBornOn(born, male: false), township: township, flags: flags))).Id();

    private static (int Aged, int Checked, int Tcm, int Disabled, int Assessed) Counts(JsonNode report)
    {
        JsonNode I(string code) => report["indicators"]!.AsArray().Single(i => (string)i!["code"]! == code)!;
        var hm = I(IndicatorCodes.HealthManagement);
        var tcm = I(IndicatorCodes.TcmManagement);
        var da = I(IndicatorCodes.DisabledAssessment);
        return ((int)hm["denominator"]!, (int)hm["numerator"]!, (int)tcm["numerator"]!, (int)da["denominator"]!, (int)da["numerator"]!);
    }

    private static async Task<IndicatorRefresh> Refresh(IServiceProvider services, int year)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IndicatorAggregator>().RefreshAsync(year, CancellationToken.None);
    }

    private async Task<(int, int, int, int, int)> Summed(string region, int year)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiyangDb>();
        var rows = await db.Set<IndicatorCount>().AsNoTracking().Where(x => x.Year == year).ToListAsync();
        var mine = rows.Where(x => x.TownshipCode.StartsWith(region, StringComparison.Ordinal)).ToList();
        return (mine.Sum(x => x.Aged), mine.Sum(x => x.Checked), mine.Sum(x => x.Tcm), mine.Sum(x => x.Disabled), mine.Sum(x => x.Assessed));
    }

    [DbFact]
    public async Task Refreshed_counts_equal_the_live_counts_at_every_region_level()
    {
        const string township = "610204102"; // 耀州区 庙湾镇
        var admin = await As("city");
        var e0 = await Elder(township, new DateOnly(1955, 3, 1), ["disabled"]);
        var e1 = await Elder(township, new DateOnly(1956, 4, 2));
        var e2 = await Elder(township, new DateOnly(1957, 5, 3));
        await Elder(township, new DateOnly(Year - 64, 1, 1), ["disabled"]); // turns 65 next year: disabled, not aged
        await admin.PostJson("/api/health-checks", HealthManagementApiTests.CompleteCheck(e0), HttpStatusCode.Created);
        await admin.PostJson("/api/health-checks", HealthManagementApiTests.IncompleteCheck(e1), HttpStatusCode.Created);
        await admin.PostJson("/api/tcm-management", HealthManagementApiTests.TcmBody(e2), HttpStatusCode.Created);
        var signed = await admin.PostJson("/api/assessments", HealthManagementApiTests.AssessmentBody(e0), HttpStatusCode.Created);
        await admin.PostJson($"/api/assessments/{signed.Id()}/sign", new { }, HttpStatusCode.OK);

        var refresh = await Refresh(Factory.Services, Year);
        Assert.Equal(IndicatorAggregator.RuleOf(new HealthManagementOptions()), refresh.Rule);

        // counted by hand: aged e0 e1 e2; complete check e0 (e1's is incomplete); TCM e2; disabled e0 and the 64-year-old; assessed e0
        Assert.Equal((3, 1, 1, 2, 1), await Summed(township, Year));
        // the factory counts live (pre-aggregation is off in tests): every level sums to the same numbers
        foreach (var region in new[] { township, "610204", "610202", "6102", "61" })
            Assert.Equal(Counts(await admin.GetJson($"{Indicators}?regionCode={region}&year={Year}")), await Summed(region, Year));

        // a refresh replaces the year's rows (no double counting) and leaves other years alone
        await Refresh(Factory.Services, Year);
        Assert.Equal((3, 1, 1, 2, 1), await Summed(township, Year));
        Assert.Equal((0, 0, 0, 0, 0), await Summed(township, Year - 5));
    }

    [DbFact]
    public async Task Regulators_and_the_admin_read_fresh_counts_and_live_counts_after_the_freshness_limit()
    {
        const string township = "610204103"; // 耀州区 瑶曲镇
        var started = Factory.Clock.GetUtcNow().AddSeconds(-1);
        await using var app = Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("HealthManagement:Indicators:PreAggregate", "true");
            b.UseSetting("HealthManagement:Indicators:RefreshMinutes", "600");
        });
        HttpClient Client(HttpClient like)
        {
            var c = app.CreateClient();
            c.DefaultRequestHeaders.Authorization = like.DefaultRequestHeaders.Authorization;
            return c;
        }
        var admin = Client(await As("city"));
        var wjw = Client(await As("wjw"));
        var doctor = Client(await As("doctor"));

        // the refresher counts the current and the previous year when the app starts
        for (var i = 0; i < 300; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<YiyangDb>();
            if (await db.Set<IndicatorRefresh>().CountAsync(r => (r.Year == Year || r.Year == Year - 1) && r.ComputedAt >= started) == 2) break;
            await Task.Delay(100);
        }
        var before = await admin.GetJson($"{Indicators}?regionCode={township}&year={Year}");
        Assert.NotNull((string?)before["countedAt"]);
        Assert.Contains("统计数据截至", (string)before["basis"]!);

        // a new 失能 elder is not in the counts until the next refresh, then is
        await Elder(township, new DateOnly(1950, 1, 1), ["disabled"]);
        Assert.Equal(Counts(before), Counts(await admin.GetJson($"{Indicators}?regionCode={township}&year={Year}")));
        await Refresh(app.Services, Year);
        var after = await admin.GetJson($"{Indicators}?regionCode={township}&year={Year}");
        var (aged, check, tcm, disabled, assessed) = Counts(before);
        Assert.Equal((aged + 1, check, tcm, disabled + 1, assessed), Counts(after));

        // a regulator of 王益区 asking for the city gets their district's counts, as the live count of their scope does
        var regulator = await wjw.GetJson($"{Indicators}?regionCode=6102&year={Year}");
        Assert.NotNull((string?)regulator["countedAt"]);
        Assert.Equal(Counts(await (await As("wjw")).GetJson($"{Indicators}?regionCode=6102&year={Year}")), Counts(regulator));
        Assert.Equal((0, 0, 0, 0, 0), Counts(await wjw.GetJson($"{Indicators}?regionCode=610204&year={Year}")));
        // institution staff always count live (their scope is not a region)
        Assert.Null((string?)(await doctor.GetJson($"{Indicators}?regionCode=610202&year={Year}"))["countedAt"]);

        // older than the limit (5 minutes): counted live, with the same numbers
        try
        {
            Factory.Clock.Offset = TimeSpan.FromMinutes(6);
            var live = await admin.GetJson($"{Indicators}?regionCode={township}&year={Year}");
            Assert.Null((string?)live["countedAt"]);
            Assert.Equal(Counts(after), Counts(live));
        }
        finally
        {
            Factory.Clock.Offset = TimeSpan.Zero;
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class IndicatorAggregateTestsSqlite(SqliteAppFixture f) : IndicatorAggregateTests(f);

[Collection(PostgresCollection.Name)]
public sealed class IndicatorAggregateTestsPostgres(PostgresAppFixture f) : IndicatorAggregateTests(f), IPostgresTests;
