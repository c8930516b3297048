using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Elders;

/// <summary>台账: home-bound elders of a township (flags from settings) with the date of their last visit.</summary>
public sealed class GetLedger(YiyangDb db, CurrentUser user, RegionCatalog regions, AuditTrail audit, TimeProvider clock,
    IVisitHistory visits, IOptions<ElderOptions> options)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/ledger/{townshipCode}", async Task<Ok<IReadOnlyList<LedgerItem>>> (string townshipCode, GetLedger handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(townshipCode, ct)))
            .WithSummary("台账：乡镇（街道）行动不便老年人及最近一次随访日期");

    public async Task<IReadOnlyList<LedgerItem>> HandleAsync(string townshipCode, CancellationToken ct)
    {
        if (!regions.IsTownship(townshipCode)) throw ValidationFailedException.For("townshipCode", "请选择一个乡镇（街道）。");
        var bits = options.Value.LedgerFlags.Select(c => RiskFlagCatalog.Parse(c) ?? RiskFlags.None).Aggregate(RiskFlags.None, (a, b) => a | b);
        var mask = (int)bits;
        var today = clock.ChinaToday();
        var cutoff80 = today.AddYears(-80);
        var includeAge = bits.HasFlag(RiskFlags.OldestOld);
        var rows = await ElderScope.Apply(db.Elders.AsNoTracking(), user)
            .Where(e => e.TownshipCode == townshipCode && (((int)e.Flags & mask) != 0 || (includeAge && e.BirthDate <= cutoff80)))
            .OrderBy(e => e.Name).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Name, e.Sex, e.BirthDate, e.PhoneMasked, e.Flags })
            .ToListAsync(ct);
        var last = await visits.LastVisitDatesAsync(rows.Select(r => r.Id).ToList(), ct);
        await audit.RecordListAsync("elder.ledger.view", "township", townshipCode, 1, rows.Select(r => r.Id));
        return rows.Select(r =>
        {
            DateOnly? lv = last.TryGetValue(r.Id, out var d) ? d : null;
            var flags = r.Flags | (r.BirthDate <= cutoff80 ? RiskFlags.OldestOld : RiskFlags.None);
            return new LedgerItem(r.Id, r.Name, CodeLists.SexName(r.Sex), ElderAccess.Age(r.BirthDate, today), r.PhoneMasked,
                RiskFlagCatalog.Names(flags & (bits | RiskFlags.OldestOld)), lv, lv is { } x ? today.DayNumber - x.DayNumber : null);
        }).ToList();
    }
}
