using Microsoft.EntityFrameworkCore;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;

namespace Yiyang.Modules.Billing;

/// <summary>A completed visit as billing needs it: who, where, when, how far, and the services done.</summary>
public sealed record VisitToCharge(long VisitId, long ElderId, long? OrganizationId, string TownshipCode, string CountyCode, DateOnly ServiceDate,
    decimal? DistanceKm, IReadOnlyList<(string Code, string Name)> DoneServices, string Actor);

/// <summary>
/// Charges of a home visit (issue 3, must-have 4): 医疗服务价格 + 上门服务费, written by the completion of the visit in its
/// own transaction. Coverage order (domain rules §5): the elder's active family-doctor package while a quota slot of
/// the item is left in the current period → ¥0 to the elder, attributed to the package; else a long-term-care
/// insurance plan (<see cref="ILtcPlanCoverage"/>) → ¥0, attributed to the insurer; else the elder pays.
/// </summary>
public sealed class VisitCharging(YiyangDb db, IEnumerable<ILtcPlanCoverage> ltcSources, TimeProvider clock)
{
    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    // the bands of the institution, read once per request (the distance check and the charging both need them)
    private (long Org, List<FeeBand> Bands)? _bands;

    private async Task<List<FeeBand>> BandsAsync(long organizationId, CancellationToken ct)
    {
        if (_bands is { } b && b.Org == organizationId) return b.Bands;
        var bands = (await db.Set<BillingServiceFeeBand>().AsNoTracking().Where(x => x.OrganizationId == organizationId).ToListAsync(ct))
            .OrderBy(x => x.FromKm).Select(x => new FeeBand(x.FromKm, x.ToKm, x.FeeYuan)).ToList();
        _bands = (organizationId, bands);
        return bands;
    }

    /// <summary>Whether the institution charges a 上门服务费 by distance (then a visit needs its distance).</summary>
    public async Task<bool> NeedsDistanceAsync(long? organizationId, CancellationToken ct) =>
        organizationId is { } o && await db.Set<BillingServiceFeeBand>().AnyAsync(b => b.OrganizationId == o, ct);

    /// <summary>
    /// Checks the visit's distance before anything is written: required (0–1000 km, two decimals) when the institution
    /// has fee bands, and within its bands.
    /// </summary>
    public async Task CheckDistanceAsync(long? organizationId, decimal? distanceKm, CancellationToken ct)
    {
        if (distanceKm is { } d && (d < 0 || d > BillingRules.MaxKm || !BillingRules.HasAtMostTwoDecimals(d)))
            throw Invalid("distanceKm", $"上门距离应为 0 至 {BillingRules.MaxKm:0} 公里，最多两位小数。");
        if (organizationId is not { } org) return;
        var bands = await BandsAsync(org, ct);
        if (bands.Count == 0) return;
        if (distanceKm is not { } km) throw Invalid("distanceKm", "本机构按距离收取上门服务费，请填写上门距离（公里）。");
        if (BillingRules.BandFor(bands, km) is null)
            throw Invalid("distanceKm", $"超出本机构上门服务费的距离档（最远 {BillingRules.Km(bands[^1].ToKm ?? 0)} 公里），请核对距离。");
    }

    /// <summary>
    /// Writes the charge lines of a visit inside the caller's transaction (the completion), after the visit row was
    /// updated. Quota slots are taken one by one: a racing visit that took the same slot makes the insert collide
    /// (unique slot index); the loser tries the next slot, and with none left the item is not covered by the package.
    /// </summary>
    public async Task<IReadOnlyList<ChargeDto>> ChargeAsync(VisitToCharge v, CancellationToken ct)
    {
        if (v.OrganizationId is not { } org) return [];
        var now = clock.GetUtcNow();
        var codes = v.DoneServices.Select(s => s.Code).Distinct().ToList();
        var prices = (await db.Set<BillingPriceItem>().AsNoTracking()
                .Where(p => p.OrganizationId == org && p.Active && codes.Contains(p.Code)).ToListAsync(ct))
            .ToDictionary(p => p.Code);
        var bands = await BandsAsync(org, ct);
        var feePayer = await db.Set<BillingServiceFeeSetting>().AsNoTracking().Where(s => s.OrganizationId == org)
            .Select(s => s.Payer).FirstOrDefaultAsync(ct) ?? Payers.Elder;

        // the elder's contract in effect on the service date, its package and items
        // (one query: the contract with its package's name and the package items of the services done)
        var found = await (
                from c in db.Set<FamilyDoctorContract>().AsNoTracking()
                where c.ElderId == v.ElderId && c.Status == ContractStatus.Active && c.StartDate <= v.ServiceDate && c.EndDate >= v.ServiceDate
                join p in db.Set<FamilyDoctorPackage>().AsNoTracking() on c.PackageId equals p.Id
                select new { Contract = c, p.Name, Items = p.Items.Where(i => codes.Contains(i.ServiceCode)).ToList() })
            .FirstOrDefaultAsync(ct);
        var contract = found?.Contract;
        var packageName = found?.Name;
        var packageItems = found?.Items.ToDictionary(i => i.ServiceCode) ?? [];
        // quota slots already used per item in its current period, in one query
        var periods = new Dictionary<string, DateOnly>();
        foreach (var i in packageItems.Values)
            if (BillingRules.PeriodStart(contract!.StartDate, i.Period, v.ServiceDate) is { } start) periods[i.ServiceCode] = start;
        var usedSlots = new Dictionary<(string, DateOnly), int>();
        if (periods.Count > 0)
        {
            var itemCodes = periods.Keys.ToList();
            var starts = periods.Values.Distinct().ToList();
            var rows = await db.Set<BillingQuotaUse>().AsNoTracking()
                .Where(u => u.ContractId == contract!.Id && itemCodes.Contains(u.ServiceCode) && starts.Contains(u.PeriodStart))
                .GroupBy(u => new { u.ServiceCode, u.PeriodStart })
                .Select(g => new { g.Key.ServiceCode, g.Key.PeriodStart, Count = g.Count() }).ToListAsync(ct);
            foreach (var r in rows) usedSlots[(r.ServiceCode, r.PeriodStart)] = r.Count;
        }

        var lines = new List<BillingCharge>();
        // a fixed order (by code) so that two visits taking slots of several items never wait on each other in a cycle
        foreach (var (code, name) in v.DoneServices.Where(s => prices.ContainsKey(s.Code)).DistinctBy(s => s.Code).OrderBy(s => s.Code, StringComparer.Ordinal))
        {
            var price = prices[code];
            string? packageCover = null;
            long? quotaUseId = null;
            if (contract is not null && packageItems.TryGetValue(code, out var item))
            {
                var use = periods.TryGetValue(code, out var period)
                    ? await TakeSlotAsync(contract, item, period, usedSlots.GetValueOrDefault((code, period)), v, now, ct)
                    : null;
                if (use is not null)
                {
                    quotaUseId = use.Id;
                    packageCover = Cut($"签约服务包“{packageName}”（{item.ServiceName} 第 {use.Ordinal}/{use.Quantity} 次，{use.PeriodStart:yyyy-MM-dd} 起的服务周期）");
                }
            }
            LtcPlanCover? ltc = null;
            if (packageCover is null)
            {
                foreach (var source in ltcSources)
                    if ((ltc = await source.FindAsync(v.ElderId, code, v.ServiceDate, ct)) is not null) break;
            }
            var a = BillingRules.Attribute(price.PriceYuan, packageCover, ltc);
            var line = Line(v, org, code, price.Name, ChargeKind.Item, price.Unit, a, now);
            lines.Add(line);
            line.ContractId = a.Payer == Payers.FamilyDoctor ? contract!.Id : null;
            line.QuotaUseId = quotaUseId;
            line.CarePlanId = a.Payer != Payers.FamilyDoctor ? ltc?.CarePlanId : null;
            line.CarePlanItemId = a.Payer != Payers.FamilyDoctor ? ltc?.CarePlanItemId : null;
        }

        if (bands.Count > 0 && v.DistanceKm is { } km && BillingRules.BandFor(bands, km) is { } band)
        {
            var byPackage = feePayer == Payers.FamilyDoctor && contract is not null;
            var a = BillingRules.Attribute(band.Fee, byPackage ? Cut($"签约服务包“{packageName}”（机构设定：上门服务费由签约服务包承担）") : null, null);
            var line = Line(v, org, BillingRules.ServiceFeeCode, BillingRules.ServiceFeeName, ChargeKind.ServiceFee, "次", a, now);
            line.DistanceKm = km;
            line.ContractId = byPackage ? contract!.Id : null;
            lines.Add(line);
        }
        if (lines.Count == 0) return [];

        db.AddRange(lines);
        var list = lines.Sum(l => l.ListPriceYuan);
        var patient = lines.Sum(l => l.PatientAmountYuan);
        var covered = lines.Where(l => l.Payer != Payers.Elder).GroupBy(l => l.Payer)
            .Select(g => $"{Payers.Name(g.Key)}承担 {BillingRules.Yuan(g.Sum(l => l.CoveredAmountYuan))}");
        db.TimelineEvents.Add(TimelineEvent.Create(v.ElderId, now, "billing.charged", "billing",
            $"上门服务收费：{lines.Count} 项，标价合计 {BillingRules.Yuan(list)}，个人自付 {BillingRules.Yuan(patient)}" +
            string.Concat(covered.Select(c => "；" + c)), v.Actor));
        await db.SaveChangesAsync(ct);
        return lines.Select(ToDto).ToList();
    }

    private static string Cut(string s) => s.Length > 100 ? s[..99] + "…" : s;

    private static BillingCharge Line(VisitToCharge v, long org, string code, string name, ChargeKind kind, string unit, Attribution a,
        DateTimeOffset now) => new()
        {
            VisitId = v.VisitId,
            ElderId = v.ElderId,
            OrganizationId = org,
            ServiceDate = v.ServiceDate,
            ItemCode = code,
            ItemName = name,
            Kind = kind,
            Unit = unit,
            ListPriceYuan = a.ListPrice,
            PatientAmountYuan = a.PatientAmount,
            CoveredAmountYuan = a.CoveredAmount,
            Payer = a.Payer,
            CoveredBy = a.CoveredBy,
            TownshipCode = v.TownshipCode,
            CountyCode = v.CountyCode,
            CreatedByUser = v.Actor,
            CreatedAt = now,
        };

    /// <summary>
    /// Takes the next free slot of the item's quota in the period starting on <paramref name="start"/> (<paramref name="used"/>
    /// slots were taken when the charging began), or returns null when the quota is used up. Each attempt is its own save (EF wraps it in a savepoint of the caller's transaction), so a
    /// collision with a racing visit only undoes that insert.
    /// </summary>
    private async Task<BillingQuotaUse?> TakeSlotAsync(FamilyDoctorContract contract, FamilyDoctorPackageItem item, DateOnly start, int used,
        VisitToCharge v, DateTimeOffset now, CancellationToken ct)
    {
        var ordinal = BillingRules.NextOrdinal(used, item.Quantity);
        while (ordinal is { } n)
        {
            var use = new BillingQuotaUse
            {
                ContractId = contract.Id,
                ServiceCode = item.ServiceCode,
                PeriodStart = start,
                Ordinal = n,
                Quantity = item.Quantity,
                VisitId = v.VisitId,
                ElderId = v.ElderId,
                CountyCode = v.CountyCode,
                CreatedAt = now,
            };
            db.Add(use);
            // the caller's transaction may run without automatic savepoints: a savepoint of our own around the insert
            var tx = db.Database.CurrentTransaction;
            if (tx is not null) await tx.CreateSavepointAsync("quota_slot", ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return use;
            }
            catch (DbUpdateException e) when (ProblemDetailsHandler.IsUniqueViolation(e))
            {
                if (tx is not null) await tx.RollbackToSavepointAsync("quota_slot", ct);
                db.Entry(use).State = EntityState.Detached;
                ordinal = BillingRules.NextOrdinal(n, item.Quantity);
            }
        }
        return null;
    }

    public static ChargeDto ToDto(BillingCharge c) => new(
        c.ItemCode, c.ItemName, c.Kind == ChargeKind.ServiceFee ? "service-fee" : "item", c.Unit, c.ListPriceYuan, c.PatientAmountYuan,
        c.PatientAmountYuan, c.CoveredAmountYuan, c.Payer, Payers.Name(c.Payer), c.CoveredBy, c.DistanceKm);

    /// <summary>The charge lines of a visit (items first, then the 上门服务费), for the visit's own readers.</summary>
    public async Task<IReadOnlyList<ChargeDto>> ForVisitAsync(long visitId, CancellationToken ct)
    {
        var rows = await db.Set<BillingCharge>().AsNoTracking().Where(c => c.VisitId == visitId).ToListAsync(ct);
        return rows.OrderBy(c => c.Kind).ThenBy(c => c.ItemCode, StringComparer.Ordinal).Select(ToDto).ToList();
    }
}
