using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Modules.Demo;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Demo;

public abstract class DemoSeedTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task The_demo_seed_registers_200_elders_of_Wangyi_district()
    {
        var (seeded, inDistrict) = await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            var ids = db.TimelineEvents.Where(t => t.Actor == "demo-seed" && t.Kind == "elder.registered").Select(t => t.ElderId);
            return (await ids.CountAsync(), await db.Elders.CountAsync(e => ids.Contains(e.Id) && e.CountyCode == DemoSeeder.District));
        });
        Assert.Equal(200, seeded);
        Assert.Equal(200, inDistrict);
    }

    [DbFact]
    public async Task The_demo_seed_creates_one_user_per_role()
    {
        var users = (await (await As("security")).GetJson("/api/users")).AsArray();
        foreach (var name in new[] { "admin", "city", "security", "auditor", "wjw", "mzj", "ybj", "doctor", "nurse", "caregiver", "orgadmin", "hbdoctor", "operator", "jdy1" })
            Assert.Contains(users, u => (string?)u!["userName"] == name);
        var roles = users.Select(u => (string?)u!["role"]).ToHashSet();
        Assert.Superset(new HashSet<string?>(Yiyang.Platform.Security.Roles.All), roles);
    }

    [DbFact]
    public async Task Seeding_again_does_nothing_on_a_database_that_holds_data()
    {
        var seededAgain = await Factory.WithScope(sp =>
            ActivatorUtilities.CreateInstance<DemoSeeder>(sp).SeedIfEmptyAsync(CancellationToken.None));
        Assert.False(seededAgain);
        var count = await Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Users.CountAsync(u => u.UserName == "city"));
        Assert.Equal(1, count);
    }

    [DbFact]
    public async Task The_database_is_fully_migrated_after_startup()
    {
        var pending = await Factory.WithScope(async sp => (await sp.GetRequiredService<YiyangDb>().Database.GetPendingMigrationsAsync()).ToList());
        Assert.Empty(pending);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DemoSeedTestsSqlite(SqliteAppFixture f) : DemoSeedTests(f);

[Collection(PostgresCollection.Name)]
public sealed class DemoSeedTestsPostgres(PostgresAppFixture f) : DemoSeedTests(f), IPostgresTests;
