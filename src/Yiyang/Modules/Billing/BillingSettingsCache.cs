using System.Collections.Concurrent;

namespace Yiyang.Modules.Billing;

/// <summary>An institution's billing settings as visit charging reads them: active prices by code, fee bands, fee payer.</summary>
public sealed record BillingSettings(IReadOnlyDictionary<string, BillingPriceItem> ActivePrices, IReadOnlyList<FeeBand> Bands, string FeePayer);

/// <summary>
/// Per-institution billing settings kept in memory for <see cref="Lifetime"/> (a visit completion read them with
/// three queries). The price and service-fee use cases (<see cref="CreatePrice"/>, <see cref="UpdatePrice"/>, <see cref="SetServiceFees"/>) drop an institution's entry after every change it commits, so on one
/// node a change applies to the next completion; other nodes of a cluster pick it up within the lifetime (documented in
/// docs/history/notes/billing.md). A load that raced with a change is not kept (generation check).
/// </summary>
public sealed class BillingSettingsCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<long, (BillingSettings Settings, DateTimeOffset LoadedAt, long Generation)> _byOrg = new();
    private readonly ConcurrentDictionary<long, long> _generation = new();

    public async Task<BillingSettings> GetAsync(YiyangDb db, long organizationId, CancellationToken ct)
    {
        var generation = _generation.GetValueOrDefault(organizationId);
        if (_byOrg.TryGetValue(organizationId, out var hit) && hit.Generation == generation && clock.GetUtcNow() - hit.LoadedAt < Lifetime)
            return hit.Settings;
        var loadedAt = clock.GetUtcNow();
        var prices = await db.Set<BillingPriceItem>().AsNoTracking().Where(p => p.OrganizationId == organizationId && p.Active).ToListAsync(ct);
        var bands = (await db.Set<BillingServiceFeeBand>().AsNoTracking().Where(x => x.OrganizationId == organizationId).ToListAsync(ct))
            .OrderBy(x => x.FromKm).Select(x => new FeeBand(x.FromKm, x.ToKm, x.FeeYuan)).ToList();
        var payer = await db.Set<BillingServiceFeeSetting>().AsNoTracking().Where(s => s.OrganizationId == organizationId)
            .Select(s => s.Payer).FirstOrDefaultAsync(ct) ?? Payers.Elder;
        var settings = new BillingSettings(prices.ToDictionary(p => p.Code), bands, payer);
        if (_generation.GetValueOrDefault(organizationId) == generation) _byOrg[organizationId] = (settings, loadedAt, generation);
        return settings;
    }

    /// <summary>Forgets the institution's settings (call after committing a change to them).</summary>
    public void Invalidate(long organizationId)
    {
        _generation.AddOrUpdate(organizationId, 1, (_, g) => g + 1);
        _byOrg.TryRemove(organizationId, out _);
    }
}
