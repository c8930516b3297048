using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Modules.HealthManagement;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.HealthManagement;

/// <summary>
/// ADR 0008: a yearly health-management record carries the region its elder lives in now, and the database
/// keeps it so — a move carries the records along (PostgreSQL: a foreign key to the elder's region with ON UPDATE
/// CASCADE; SQLite: triggers), and a record written with another region than its elder's is refused. The indicator
/// drill-through of a district or a township reads the records by that region, so it must follow the elder exactly as
/// the counts do. The elders live in 印台区 (610203) 金锁关镇 / 阿庄镇 and move to 耀州区 孙原镇, where no other test
/// registers anyone.
/// </summary>
public abstract class RecordsFollowElderTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Indicators = "/api/indicators/health-management";
    private const string From = "610203104"; // 印台区 金锁关镇
    private const string Neighbour = "610203106"; // 印台区 阿庄镇
    private const string To = "610204108"; // 耀州区 孙原镇
    private static int Year => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;

    private async Task<HashSet<long>> Drill(HttpClient admin, string region, string drill)
    {
        var ids = new HashSet<long>();
        for (var page = 1; ; page++)
        {
            var records = (await admin.GetJson($"{Indicators}?regionCode={region}&year={Year}&drill={drill}&page={page}&pageSize=100"))["records"]!;
            foreach (var r in records["items"]!.AsArray()) ids.Add((long)r!["recordId"]!);
            if (page >= (int)records["pageCount"]!) return ids;
        }
    }

    private static async Task Move(HttpClient admin, JsonNode elder, string township, int version)
    {
        using var put = await admin.PutJson($"/api/elders/{elder.Id()}", new { name = (string?)elder["name"], townshipCode = township },
            $"W/\"{version}\"");
        await put.ShouldBe(HttpStatusCode.OK);
    }

    [DbFact]
    public async Task A_move_carries_the_yearly_records_and_the_drill_through_follows()
    {
        var admin = await As("city");
        var elder = await CreateElder(ElderBody(id: TestData.IdNumberBornOn(new DateOnly(1950, 6, 1), male: false), township: From));
        var stays = await CreateElder(ElderBody(id: TestData.IdNumberBornOn(new DateOnly(1951, 7, 2), male: true), township: From));
        var check = (await admin.PostJson("/api/health-checks", HealthManagementApiTests.CompleteCheck(elder.Id()), HttpStatusCode.Created)).Id();
        var tcm = (await admin.PostJson("/api/tcm-management", HealthManagementApiTests.TcmBody(elder.Id()), HttpStatusCode.Created)).Id();
        var staysCheck = (await admin.PostJson("/api/health-checks", HealthManagementApiTests.CompleteCheck(stays.Id()), HttpStatusCode.Created)).Id();

        foreach (var region in new[] { From, "610203", "6102" })
        {
            Assert.Contains(check, await Drill(admin, region, IndicatorCodes.HealthManagement));
            Assert.Contains(tcm, await Drill(admin, region, IndicatorCodes.TcmManagement));
        }
        Assert.DoesNotContain(check, await Drill(admin, To, IndicatorCodes.HealthManagement));

        // a move within the district, then to another district: the records go along, the neighbour's stays
        await Move(admin, elder, Neighbour, 0);
        Assert.Equal(Neighbour, (string)(await admin.GetJson($"/api/health-checks/{check}"))["townshipCode"]!);
        Assert.DoesNotContain(check, await Drill(admin, From, IndicatorCodes.HealthManagement));
        Assert.Contains(check, await Drill(admin, Neighbour, IndicatorCodes.HealthManagement));
        Assert.Contains(check, await Drill(admin, "610203", IndicatorCodes.HealthManagement));

        await Move(admin, elder, To, 1);
        Assert.Equal(To, (string)(await admin.GetJson($"/api/health-checks/{check}"))["townshipCode"]!);
        Assert.Equal(To, (string)(await admin.GetJson($"/api/tcm-management/{tcm}"))["townshipCode"]!);
        Assert.Equal(From, (string)(await admin.GetJson($"/api/health-checks/{staysCheck}"))["townshipCode"]!);
        foreach (var region in new[] { Neighbour, "610203" })
        {
            Assert.DoesNotContain(check, await Drill(admin, region, IndicatorCodes.HealthManagement));
            Assert.DoesNotContain(tcm, await Drill(admin, region, IndicatorCodes.TcmManagement));
        }
        foreach (var region in new[] { To, "610204", "6102" })
        {
            Assert.Contains(check, await Drill(admin, region, IndicatorCodes.HealthManagement));
            Assert.Contains(tcm, await Drill(admin, region, IndicatorCodes.TcmManagement));
        }
        Assert.Contains(staysCheck, await Drill(admin, "610203", IndicatorCodes.HealthManagement));

        // the drill-through lists exactly the records its numerator counts, in both districts
        foreach (var region in new[] { From, To, "610203", "610204" })
        {
            var report = await admin.GetJson($"{Indicators}?regionCode={region}&year={Year}");
            var numerator = (int)report["indicators"]!.AsArray().Single(i => (string)i!["code"]! == IndicatorCodes.HealthManagement)!["numerator"]!;
            Assert.Equal(numerator, (await Drill(admin, region, IndicatorCodes.HealthManagement)).Count);
        }
    }

    [DbFact]
    public async Task The_database_refuses_a_record_whose_region_is_not_its_elders()
    {
        var elder = await CreateElder(ElderBody(id: TestData.IdNumberBornOn(new DateOnly(1949, 2, 3), male: true), township: From));
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiyangDb>();
        HealthCheck Check(string township) => new()
        {
            ElderId = elder.Id(),
            TownshipCode = township,
            CountyCode = township[..6],
            Year = Year - 3,
            CheckedOn = new DateOnly(Year - 3, 5, 1),
            ContentJson = "{}",
            Status = RecordStatus.Draft,
            CreatedBy = "test",
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };

        db.Add(Check(To));
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(Yiyang.Platform.Data.DbErrors.IsRegionMoved(refused));
        db.ChangeTracker.Clear();
        Assert.False(await db.Set<HealthCheck>().AnyAsync(c => c.ElderId == elder.Id()));

        // the elder's own region is accepted; changing the record's region alone is refused
        var ok = Check(From);
        db.Add(ok);
        await db.SaveChangesAsync();
        ok.TownshipCode = Neighbour;
        ok.CountyCode = Neighbour[..6];
        var moved = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(Yiyang.Platform.Data.DbErrors.IsRegionMoved(moved));
        db.ChangeTracker.Clear();
        Assert.Equal(From, (await db.Set<HealthCheck>().AsNoTracking().SingleAsync(c => c.Id == ok.Id)).TownshipCode);

        var tcm = new TcmRecord
        {
            ElderId = elder.Id(),
            TownshipCode = To,
            CountyCode = To[..6],
            Year = Year - 3,
            AssessedOn = new DateOnly(Year - 3, 5, 1),
            AnswersJson = "{}",
            ResultJson = "{}",
            Identified = "",
            GuidanceJson = "[]",
            Status = RecordStatus.Draft,
            CreatedBy = "test",
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Add(tcm);
        Assert.True(Yiyang.Platform.Data.DbErrors.IsRegionMoved(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync())));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RecordsFollowElderTestsSqlite(SqliteAppFixture f) : RecordsFollowElderTests(f);

[Collection(PostgresCollection.Name)]
public sealed class RecordsFollowElderTestsPostgres(PostgresAppFixture f) : RecordsFollowElderTests(f), IPostgresTests;
