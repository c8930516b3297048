namespace Yiyang.Modules.Billing;

/// <summary>
/// Demo prices: the catalog of the four health centres that offer family-doctor packages (the package items FD-* plus
/// items no package covers: 换药, 导尿管护理, 肌内注射), 上门服务费 distance bands, and who pays the fee (金华 and 七一路:
/// the elder; 黄堡 and 王家河: the package). Called by the demo seeder inside its transaction.
/// </summary>
public static class BillingDemoData
{
    private static readonly (string Code, string Name, string Unit, decimal Price)[] Items =
    [
        ("FD-BP", "血压测量", "次", 5.00m),
        ("FD-GLU", "血糖检测", "次", 10.00m),
        ("FD-HV", "上门巡诊", "次", 30.00m),
        ("FD-HA", "健康评估与指导", "次", 20.00m),
        ("NS-DRESS", "换药", "次", 25.00m),
        ("NS-CATH", "导尿管护理", "次", 40.00m),
        ("NS-IM", "肌内注射", "次", 8.00m),
    ];

    private static readonly FeeBand[] Bands = [new(0m, 3m, 20.00m), new(3m, 10m, 35.00m), new(10m, null, 50.00m)];

    public static async Task SeedAsync(YiyangDb db, IReadOnlyDictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (key, payer) in new[] { ("jinhua", Payers.Elder), ("qiyilu", Payers.Elder), ("huangbao", Payers.FamilyDoctor), ("wangjiahe", Payers.FamilyDoctor) })
        {
            if (!orgIds.TryGetValue(key, out var org)) continue;
            db.AddRange(Items.Select(i => new BillingPriceItem
            {
                OrganizationId = org,
                Code = i.Code,
                Name = i.Name,
                Unit = i.Unit,
                PriceYuan = i.Price,
                CreatedAt = now,
                UpdatedAt = now,
            }));
            db.AddRange(Bands.Select(b => new BillingServiceFeeBand { OrganizationId = org, FromKm = b.FromKm, ToKm = b.ToKm, FeeYuan = b.Fee }));
            db.Add(new BillingServiceFeeSetting { OrganizationId = org, Payer = payer, UpdatedAt = now });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
