using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Demo;
using Yiyang.Platform.Data;
using Yiyang.Platform.Identifiers;
using Yiyang.Platform.Regions;
using Yiyang.Platform.Security;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Demo;

/// <summary><c>seed-city</c> on a real PostgreSQL (it is PostgreSQL-only: binary COPY).</summary>
[Collection(PostgresCollection.Name)]
public sealed class CitySeederPostgresTests : IPostgresTests
{
    private static readonly byte[] EncKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] HashKey = Enumerable.Range(40, 32).Select(i => (byte)i).ToArray();
    private static readonly CitySeedOptions Options = new("610202", 600, 42, new DateOnly(2026, 11, 23));

    private static async Task<(CitySeedSummary Summary, List<string> Hashes)> SeedAsync(TestDatabase database, CitySeedOptions options)
    {
        await using var db = database.CreateContext();
        await MigrationRunner.MigrateAsync(db, CancellationToken.None);
        var pii = new PiiProtector(EncKey, HashKey);
        var seeder = new CitySeeder(db, new RegionCatalog(), pii, new InstrumentCatalog(Microsoft.Extensions.Options.Options.Create(new AssessmentOptions())));
        var progress = new List<CitySeedProgress>();
        var summary = await seeder.RunAsync(options, progress.Add, CancellationToken.None);
        Assert.Equal(options.Elders, progress[^1].EldersDone);
        // the same people per township on every run; surrogate ids depend on which worker reserved its range first
        // (townships are seeded in parallel), so they are not compared
        var rows = await db.Elders.Select(e => new { e.TownshipCode, e.IdNumberHash }).ToListAsync();
        var hashes = rows.Select(e => e.TownshipCode + ":" + Convert.ToHexString(e.IdNumberHash)).Order(StringComparer.Ordinal).ToList();
        return (summary, hashes);
    }

    [DbFact]
    public async Task Seeds_a_valid_deterministic_city_and_resumes_without_duplicating()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var (summary, hashes) = await SeedAsync(database, Options);
        Assert.Equal(600, summary.Elders);
        Assert.Equal(600, hashes.Count);
        Assert.Equal(600, hashes.Distinct().Count());
        Assert.True(summary.Contracts > 0 && summary.Visits > summary.Contracts / 2 && summary.Assessments > 0);
        Assert.Equal(summary.Visits * 2, summary.Services);
        // every visit: one line per service and the 上门服务费
        Assert.Equal(summary.Visits * 3, summary.Charges);
        Assert.True(summary.HealthChecks > 0);

        await using (var db = database.CreateContext())
        {
            var pii = new PiiProtector(EncKey, HashKey);
            var townships = new RegionCatalog().TownshipsUnder("610202").Select(t => t.Code).ToHashSet();
            foreach (var e in await db.Elders.AsNoTracking().ToListAsync())
            {
                var id = pii.Decrypt(e.IdNumberCipher);
                var info = ChineseIdNumber.TryParse(id, Options.AsOf, out var error);
                Assert.True(info is not null, error);
                Assert.Equal(e.BirthDate, info!.BirthDate);
                Assert.Equal(e.Sex, info.Sex);
                Assert.Contains(e.TownshipCode, townships);
                Assert.True(Options.AsOf.AddYears(-60) >= e.BirthDate, "every elder is 60 or older");
            }
            // every contracted elder has exactly one contract in effect (the partial unique index holds), and the
            // renewal points at the previous, expired contract
            var active = await db.FamilyDoctorContracts.CountAsync(c => c.Status == Modules.FamilyDoctor.ContractStatus.Active);
            Assert.Equal(summary.Contracts / 2, active);
            Assert.Equal(active, await db.FamilyDoctorContracts.CountAsync(c => c.PreviousContractId != null));

            // the charges follow the billing rule: a package line holds a quota slot within the item's yearly quantity
            await using var conn = new NpgsqlConnection(database.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                SELECT count(*) FILTER (WHERE c.payer = 'family-doctor' AND c.kind = 1 AND q.id IS NULL),
                       count(*) FILTER (WHERE c.payer = 'elder' AND c.patient_amount_yuan <> c.list_price_yuan),
                       (SELECT count(*) FROM billing_quota_use WHERE ordinal > quantity)
                FROM billing_charge c LEFT JOIN billing_quota_use q ON q.id = c.quota_use_id
                """, conn);
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            Assert.Equal(0L, r.GetInt64(0));
            Assert.Equal(0L, r.GetInt64(1));
            Assert.Equal(0L, r.GetInt64(2));

        }

        // same parameters again: every township is already done, nothing is written
        var again = await SeedAsync(database, Options);
        Assert.Equal(0, again.Summary.Elders);
        Assert.Equal(again.Summary.Townships, again.Summary.TownshipsSkipped);
        Assert.Equal(hashes, again.Hashes);

        // other parameters on the same database are refused with a clear message
        var e2 = await Assert.ThrowsAsync<InvalidOperationException>(() => SeedAsync(database, Options with { Seed = 7 }));
        Assert.Contains("--seed 42", e2.Message, StringComparison.Ordinal);

        // a second database with the same parameters gets exactly the same people
        await using var other = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var twin = await SeedAsync(other, Options);
        Assert.Equal(hashes, twin.Hashes);
    }

    [DbFact]
    public async Task Interrupted_run_resumes_at_the_next_township()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var full = await SeedAsync(database, Options);
        // simulate a run cut off after the first townships: forget the last township's rows and its progress mark
        var plan = new CitySeeder(null!, new RegionCatalog(), null!, null!).MakePlan(Options);
        var last = plan.Townships[^1].Township.Code;
        await using (var conn = new NpgsqlConnection(database.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"""
                DELETE FROM elders_timeline_event WHERE elder_id IN (SELECT id FROM elders_elder WHERE township_code = '{last}');
                DELETE FROM assessments_assessment WHERE township_code = '{last}';
                DELETE FROM billing_charge WHERE township_code = '{last}';
                DELETE FROM healthmgmt_check WHERE township_code = '{last}';
                DELETE FROM healthmgmt_tcm WHERE township_code = '{last}';
                DELETE FROM billing_quota_use WHERE visit_id IN (SELECT id FROM homecare_visit WHERE township_code = '{last}');
                DELETE FROM billing_price_item WHERE organization_id IN (SELECT id FROM org_organization WHERE township_code = '{last}');
                DELETE FROM billing_service_fee_band WHERE organization_id IN (SELECT id FROM org_organization WHERE township_code = '{last}');
                DELETE FROM billing_service_fee_setting WHERE organization_id IN (SELECT id FROM org_organization WHERE township_code = '{last}');
                DELETE FROM homecare_visit WHERE township_code = '{last}';
                UPDATE familydoctor_contract SET previous_contract_id = NULL WHERE township_code = '{last}';
                DELETE FROM familydoctor_contract WHERE township_code = '{last}';
                DELETE FROM familydoctor_package WHERE township_code = '{last}';
                DELETE FROM familydoctor_team WHERE township_code = '{last}';
                DELETE FROM elders_elder WHERE township_code = '{last}';
                DELETE FROM org_organization WHERE township_code = '{last}';
                DELETE FROM seed_city_progress WHERE township_code = '{last}';
                """, conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var resumed = await SeedAsync(database, Options);
        Assert.Equal(plan.Townships.Count - 1, resumed.Summary.TownshipsSkipped);
        Assert.Equal(plan.Townships[^1].Elders, resumed.Summary.Elders);
        Assert.Equal(full.Hashes.Order(StringComparer.Ordinal), resumed.Hashes.Order(StringComparer.Ordinal));
    }
}
