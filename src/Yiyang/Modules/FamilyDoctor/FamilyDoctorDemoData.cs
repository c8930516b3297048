using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.FamilyDoctor;

/// <summary>
/// Demo family-doctor data: one team and one package for each community health centre / township hospital given,
/// and contracts for about a third of the elders that organization is responsible for. Called by the demo seeder
/// inside its transaction, after the elders exist.
/// </summary>
public static class FamilyDoctorDemoData
{
    public static async Task SeedAsync(YiyangDb db, IReadOnlyDictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        var today = now.ChinaDate();
        var rng = new Random(3);
        foreach (var key in new[] { "jinhua", "huangbao", "qiyilu", "wangjiahe" })
        {
            if (!orgIds.TryGetValue(key, out var orgId)) continue;
            var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == orgId, ct);
            var team = Team(org, now);
            var package = Package(org, now);
            db.Add(team);
            db.Add(package);
            await db.SaveChangesAsync(ct);

            var elders = await db.Elders.AsNoTracking().Where(e => e.ResponsibleOrganizationId == org.Id)
                .OrderBy(e => e.Id).Select(e => new { e.Id, e.TownshipCode, e.CountyCode }).ToListAsync(ct);
            var contracts = elders.Where((_, i) => i % 3 == 0)
                .Select(e => Contract(e.Id, e.TownshipCode, e.CountyCode, team, package, today, rng, now)).ToList();
            db.AddRange(contracts);
            db.TimelineEvents.AddRange(contracts.Select(c => new TimelineEvent
            {
                ElderId = c.ElderId,
                At = now,
                Kind = "familydoctor.signed",
                Module = "familydoctor",
                Summary = $"签约家庭医生：{team.Name}，服务包“{package.Name}”，{c.StartDate:yyyy-MM-dd} 至 {c.EndDate:yyyy-MM-dd}（演示数据）",
                Actor = "demo-seed",
            }));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private static FamilyDoctorTeam Team(Organization org, DateTimeOffset now) => new FamilyDoctorTeam
    {
        Name = "家庭医生一团队",
        OrganizationId = org.Id,
        TownshipCode = org.TownshipCode,
        CountyCode = org.CountyCode,
        CreatedAt = now,
        UpdatedAt = now,
        Members =
        [
            new() { Name = "刘文斌", Role = "general-practitioner", IsLeader = true, CountyCode = org.CountyCode },
            new() { Name = "陈春梅", Role = "nurse", CountyCode = org.CountyCode },
            new() { Name = "孙志刚", Role = "public-health", CountyCode = org.CountyCode },
        ],
    };

    private static FamilyDoctorPackage Package(Organization org, DateTimeOffset now) => new FamilyDoctorPackage
    {
        Name = "老年人基础签约服务包",
        OrganizationId = org.Id,
        TownshipCode = org.TownshipCode,
        CountyCode = org.CountyCode,
        AnnualFeeYuan = 120m,
        InsuranceFundYuan = 60m,
        PublicHealthFundYuan = 40m,
        ElderPaysYuan = 20m,
        CreatedAt = now,
        UpdatedAt = now,
        Items =
        [
            new() { ServiceCode = "FD-BP", ServiceName = "血压测量", Quantity = 4, Period = "year", CountyCode = org.CountyCode },
            new() { ServiceCode = "FD-GLU", ServiceName = "血糖检测", Quantity = 4, Period = "year", CountyCode = org.CountyCode },
            new() { ServiceCode = "FD-HV", ServiceName = "上门巡诊", Quantity = 12, Period = "year", CountyCode = org.CountyCode },
            new() { ServiceCode = "FD-HA", ServiceName = "健康评估与指导", Quantity = 1, Period = "year", CountyCode = org.CountyCode },
        ],
    };

    private static FamilyDoctorContract Contract(long elderId, string townshipCode, string countyCode, FamilyDoctorTeam team,
        FamilyDoctorPackage package, DateOnly today, Random rng, DateTimeOffset now)
    {
        var start = today.AddDays(-rng.Next(0, 330));
        var proxy = rng.Next(10) == 0;
        return new FamilyDoctorContract
        {
            ElderId = elderId,
            TeamId = team.Id,
            PackageId = package.Id,
            OrganizationId = team.OrganizationId,
            TownshipCode = townshipCode,
            CountyCode = countyCode,
            StartDate = start,
            EndDate = ContractRules.EndOf(start),
            Status = ContractStatus.Active,
            SignedBy = proxy ? SignedBy.Proxy : SignedBy.Self,
            ProxyName = proxy ? "王建军" : null,
            ProxyRelation = proxy ? "儿子" : null,
            AnnualFeeYuan = package.AnnualFeeYuan,
            ElderPaysYuan = package.ElderPaysYuan,
            SignedByUser = "demo-seed",
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
