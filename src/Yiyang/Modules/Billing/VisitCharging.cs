using Microsoft.EntityFrameworkCore.Storage;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.Billing;

/// <summary>A completed visit as billing needs it: who, where, when, how far, and the services done.</summary>
public sealed record VisitToCharge(long VisitId, long ElderId, long? OrganizationId, string TownshipCode, string CountyCode, DateOnly ServiceDate,
    decimal? DistanceKm, IReadOnlyList<(string Code, string Name)> DoneServices, string Actor);

/// <summary>
/// Charges of a home visit: 医疗服务价格 + 上门服务费, written by the completion of the visit in its own transaction.
/// Coverage order (docs/domain/home-visits-and-billing.md#coverage-order): the elder's active family-doctor package while a quota slot of
/// the item is left in the current period → ¥0 to the elder, attributed to the package; else a long-term-care
/// insurance plan (<see cref="ILtcPlanCoverage"/>) → ¥0, attributed to the insurer; else the elder pays.
/// </summary>
public sealed class VisitCharging(YiyangDb db, IEnumerable<ILtcPlanCoverage> ltcSources, TimeProvider clock, BillingSettingsCache settings)
{
    // the institution's bands (and prices, fee payer) from the settings cache: read at most once per 30 s per institution
    private async Task<IReadOnlyList<FeeBand>> BandsAsync(long organizationId, CancellationToken ct) =>
        (await settings.GetAsync(db, organizationId, ct)).Bands;

    /// <summary>Whether the institution charges a 上门服务费 by distance (then a visit needs its distance).</summary>
    public async Task<bool> NeedsDistanceAsync(long? organizationId, CancellationToken ct) =>
        organizationId is { } o && (await BandsAsync(o, ct)).Count > 0;

    /// <summary>
    /// Checks the visit's distance before anything is written: required (0–1000 km, two decimals) when the institution
    /// has fee bands, and within its bands.
    /// </summary>
    public async Task CheckDistanceAsync(long? organizationId, decimal? distanceKm, CancellationToken ct)
    {
        if (distanceKm is { } d && (d < 0 || d > BillingRules.MaxKm || !BillingRules.HasAtMostTwoDecimals(d)))
            throw ValidationFailedException.For("distanceKm", $"上门距离应为 0 至 {BillingRules.MaxKm:0} 公里，最多两位小数。");
        if (organizationId is not { } org) return;
        var bands = await BandsAsync(org, ct);
        if (bands.Count == 0) return;
        if (distanceKm is not { } km) throw ValidationFailedException.For("distanceKm", "本机构按距离收取上门服务费，请填写上门距离（公里）。");
        if (BillingRules.BandFor(bands, km) is null)
            throw ValidationFailedException.For("distanceKm", $"超出本机构上门服务费的距离档（最远 {BillingRules.Km(bands[^1].ToKm ?? 0)} 公里），请核对距离。");
    }

    /// <summary>
    /// Writes the charge lines of a visit inside the caller's transaction (the completion), after the visit row was
    /// updated (its row lock serialises concurrent completions of one visit before any quota slot is taken — saving the
    /// visit with the lines instead was tried: concurrent completions of one visit then reached the slot insert together
    /// and the four-concurrent-completions test failed now and then with a 500). Quota
    /// slots are taken in one statement: a racing visit that took the same slot makes that row's insert
    /// collide (unique slot index) and be skipped; the loser tries the next slot, and with none left the item is not
    /// covered by the package.
    /// </summary>
    public async Task<IReadOnlyList<ChargeDto>> ChargeAsync(VisitToCharge v, CancellationToken ct)
    {
        if (v.OrganizationId is not { } org) return [];
        var now = clock.GetUtcNow();
        var orgSettings = await settings.GetAsync(db, org, ct);
        var prices = orgSettings.ActivePrices;
        var package = await PackageCoverAsync(v, ct);
        var slots = package is null ? new Dictionary<string, SlotTaken>() : await TakePackageSlotsAsync(v, package, prices, now, ct);
        var ltcCovers = await LtcCoversAsync(v, prices, slots, ct);
        var lines = ItemLines(v, org, prices, package, slots, ltcCovers, now);
        if (ServiceFeeLine(v, org, orgSettings, package, now) is { } fee) lines.Add(fee);
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

    /// <summary>The elder's contract in effect on the service date, its package's name and the package items of the services done.</summary>
    private sealed record PackageCover(FamilyDoctorContract Contract, string PackageName, Dictionary<string, FamilyDoctorPackageItem> Items);

    private async Task<PackageCover?> PackageCoverAsync(VisitToCharge v, CancellationToken ct)
    {
        var codes = v.DoneServices.Select(s => s.Code).Distinct().ToList();
        // one query: the contract with its package's name and the package items of the services done
        var found = await (
                from c in db.Set<FamilyDoctorContract>().AsNoTracking()
                where c.ElderId == v.ElderId && c.Status == ContractStatus.Active && c.StartDate <= v.ServiceDate && c.EndDate >= v.ServiceDate
                join p in db.Set<FamilyDoctorPackage>().AsNoTracking() on c.PackageId equals p.Id
                select new { Contract = c, p.Name, Items = p.Items.Where(i => codes.Contains(i.ServiceCode)).ToList() })
            .FirstOrDefaultAsync(ct);
        return found is null ? null : new PackageCover(found.Contract, found.Name, found.Items.ToDictionary(i => i.ServiceCode));
    }

    /// <summary>The next free quota slot of every priced service the package covers, taken in one statement (see <see cref="TakeSlotsAsync"/>).</summary>
    private async Task<Dictionary<string, SlotTaken>> TakePackageSlotsAsync(VisitToCharge v, PackageCover package,
        IReadOnlyDictionary<string, BillingPriceItem> prices, DateTimeOffset now, CancellationToken ct)
    {
        var contract = package.Contract;
        // quota slots already used per item in its current period, in one query
        var periods = new Dictionary<string, DateOnly>();
        foreach (var i in package.Items.Values)
            if (BillingRules.PeriodStart(contract.StartDate, i.Period, v.ServiceDate) is { } start) periods[i.ServiceCode] = start;
        var usedSlots = new Dictionary<(string, DateOnly), int>();
        if (periods.Count > 0)
        {
            var itemCodes = periods.Keys.ToList();
            var starts = periods.Values.Distinct().ToList();
            var rows = await db.Set<BillingQuotaUse>().AsNoTracking()
                .Where(u => u.ContractId == contract.Id && itemCodes.Contains(u.ServiceCode) && starts.Contains(u.PeriodStart))
                .GroupBy(u => new { u.ServiceCode, u.PeriodStart })
                .Select(g => new { g.Key.ServiceCode, g.Key.PeriodStart, Count = g.Count() }).ToListAsync(ct);
            foreach (var r in rows) usedSlots[(r.ServiceCode, r.PeriodStart)] = r.Count;
        }
        var wanted = new List<SlotWanted>();
        foreach (var (code, _) in v.DoneServices.Where(s => prices.ContainsKey(s.Code)).DistinctBy(s => s.Code))
            if (package.Items.TryGetValue(code, out var item) && periods.TryGetValue(code, out var period)
                && BillingRules.NextOrdinal(usedSlots.GetValueOrDefault((code, period)), item.Quantity) is { } next)
                wanted.Add(new SlotWanted(code, period, item.Quantity, next));
        return wanted.Count == 0 ? new Dictionary<string, SlotTaken>() : await TakeSlotsAsync(contract.Id, wanted, v, now, ct);
    }

    /// <summary>
    /// 长护险 cover of the priced services the package does not cover: one lookup per source for all of them; a service
    /// takes the first source (registration order) that covers it.
    /// </summary>
    private async Task<Dictionary<string, LtcPlanCover>> LtcCoversAsync(VisitToCharge v, IReadOnlyDictionary<string, BillingPriceItem> prices,
        Dictionary<string, SlotTaken> slots, CancellationToken ct)
    {
        var ltcCovers = new Dictionary<string, LtcPlanCover>(StringComparer.Ordinal);
        var uncovered = v.DoneServices.Select(s => s.Code).Where(c => prices.ContainsKey(c) && !slots.ContainsKey(c)).Distinct().ToList();
        foreach (var source in ltcSources)
        {
            var missing = uncovered.Where(c => !ltcCovers.ContainsKey(c)).ToList();
            if (missing.Count == 0) break;
            foreach (var (code, cover) in await source.FindManyAsync(v.ElderId, missing, v.ServiceDate, ct))
                ltcCovers.TryAdd(code, cover);
        }
        return ltcCovers;
    }

    /// <summary>One line per priced service done: the package (a quota slot taken), else 长护险, else the elder pays.</summary>
    private static List<BillingCharge> ItemLines(VisitToCharge v, long org, IReadOnlyDictionary<string, BillingPriceItem> prices, PackageCover? package,
        Dictionary<string, SlotTaken> slots, Dictionary<string, LtcPlanCover> ltcCovers, DateTimeOffset now)
    {
        var lines = new List<BillingCharge>();
        foreach (var (code, _) in v.DoneServices.Where(s => prices.ContainsKey(s.Code)).DistinctBy(s => s.Code).OrderBy(s => s.Code, StringComparer.Ordinal))
        {
            var price = prices[code];
            string? packageCover = null;
            long? quotaUseId = null;
            if (slots.TryGetValue(code, out var slot))
            {
                var item = package!.Items[code];
                quotaUseId = slot.Id;
                packageCover = Cut($"签约服务包“{package.PackageName}”（{item.ServiceName} 第 {slot.Ordinal}/{item.Quantity} 次，{slot.PeriodStart:yyyy-MM-dd} 起的服务周期）");
            }
            var ltc = packageCover is null ? ltcCovers.GetValueOrDefault(code) : null;
            var a = BillingRules.Attribute(price.PriceYuan, packageCover, ltc);
            var line = Line(v, org, code, price.Name, ChargeKind.Item, price.Unit, a, now);
            lines.Add(line);
            line.ContractId = a.Payer == Payers.FamilyDoctor ? package!.Contract.Id : null;
            line.QuotaUseId = quotaUseId;
            line.CarePlanId = a.Payer != Payers.FamilyDoctor ? ltc?.CarePlanId : null;
            line.CarePlanItemId = a.Payer != Payers.FamilyDoctor ? ltc?.CarePlanItemId : null;
        }
        return lines;
    }

    /// <summary>The 上门服务费 of the distance's band, borne by the package when the institution says so and there is one.</summary>
    private static BillingCharge? ServiceFeeLine(VisitToCharge v, long org, BillingSettings orgSettings, PackageCover? package, DateTimeOffset now)
    {
        var bands = orgSettings.Bands;
        if (bands.Count == 0 || v.DistanceKm is not { } km || BillingRules.BandFor(bands, km) is not { } band) return null;
        var byPackage = orgSettings.FeePayer == Payers.FamilyDoctor && package is not null;
        var a = BillingRules.Attribute(band.Fee, byPackage ? Cut($"签约服务包“{package!.PackageName}”（机构设定：上门服务费由签约服务包承担）") : null, null);
        var line = Line(v, org, BillingRules.ServiceFeeCode, BillingRules.ServiceFeeName, ChargeKind.ServiceFee, "次", a, now);
        line.DistanceKm = km;
        line.ContractId = byPackage ? package!.Contract.Id : null;
        return line;
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

    private sealed record SlotWanted(string Code, DateOnly PeriodStart, int Quantity, int Ordinal);

    private sealed record SlotTaken(long Id, int Ordinal, DateOnly PeriodStart);

    private const string SlotColumns = "contract_id, service_code, period_start, ordinal, quantity, visit_id, elder_id, county_code, created_at";

    /// <summary>
    /// Takes the next free slot of each wanted item's quota in one multi-row <c>INSERT … ON CONFLICT (slot) DO NOTHING
    /// RETURNING</c> (PostgreSQL and SQLite alike): a slot a racing visit took first is skipped without aborting the
    /// transaction (so no savepoints), and only those items try again with their next ordinal; an item whose quota is
    /// used up is not covered by the package. The unique slot index stays the arbiter.
    /// </summary>
    private async Task<Dictionary<string, SlotTaken>> TakeSlotsAsync(long contractId, List<SlotWanted> wanted, VisitToCharge v,
        DateTimeOffset now, CancellationToken ct)
    {
        var taken = new Dictionary<string, SlotTaken>();
        // instants go through the model's converter (UTC on PostgreSQL, the binary form on SQLite), like EF's own inserts
        var createdAt = db.Model.FindEntityType(typeof(BillingQuotaUse))!.FindProperty(nameof(BillingQuotaUse.CreatedAt))!
            .GetTypeMapping().Converter?.ConvertToProvider(now) ?? now;
        var pending = wanted.OrderBy(w => w.Code, StringComparer.Ordinal).ToList();
        var conn = db.Database.GetDbConnection();
        while (pending.Count > 0)
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var values = new List<string>();
            cmd.AddParameter("contract", contractId);
            cmd.AddParameter("visit", v.VisitId);
            cmd.AddParameter("elder", v.ElderId);
            cmd.AddParameter("county", v.CountyCode);
            cmd.AddParameter("at", createdAt);
            for (var i = 0; i < pending.Count; i++)
            {
                cmd.AddParameter($"c{i}", pending[i].Code);
                cmd.AddParameter($"p{i}", pending[i].PeriodStart);
                cmd.AddParameter($"o{i}", pending[i].Ordinal);
                cmd.AddParameter($"q{i}", pending[i].Quantity);
                values.Add($"(@contract, @c{i}, @p{i}, @o{i}, @q{i}, @visit, @elder, @county, @at)");
            }
            cmd.CommandText = $"INSERT INTO billing_quota_use ({SlotColumns}) VALUES {string.Join(", ", values)} "
                              + "ON CONFLICT (contract_id, service_code, period_start, ordinal) DO NOTHING RETURNING id, service_code";
            var inserted = new Dictionary<string, long>();
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) inserted[r.GetString(1)] = r.GetInt64(0);
            var again = new List<SlotWanted>();
            foreach (var w in pending)
            {
                if (inserted.TryGetValue(w.Code, out var id)) taken[w.Code] = new SlotTaken(id, w.Ordinal, w.PeriodStart);
                else if (BillingRules.NextOrdinal(w.Ordinal, w.Quantity) is { } next) again.Add(w with { Ordinal = next });
            }
            pending = again;
        }
        return taken;
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
