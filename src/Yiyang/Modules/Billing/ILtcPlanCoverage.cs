namespace Yiyang.Modules.Billing;

/// <summary>
/// An item of an elder's confirmed care plan that long-term-care insurance (长护险) pays for, found for one service on
/// one date. The billing rule charges such a service at ¥0 to the elder and attributes it to the insurer.
/// </summary>
/// <param name="CarePlanId">The care plan.</param>
/// <param name="CarePlanItemId">The plan item marked as covered by long-term-care insurance.</param>
/// <param name="Payer">The payer code the charge line is attributed to (for example <c>ltc</c>).</param>
/// <param name="Description">Short Chinese description for the charge line, e.g. "长护险护理计划 第3项".</param>
public sealed record LtcPlanCover(long CarePlanId, long CarePlanItemId, string Payer, string Description);

/// <summary>
/// Seam between billing and care plans (docs/domain/care-plans-and-ltc.md#ltc-covered-items): billing asks every registered source, in registration
/// order, whether an active long-term-care insurance service plan covers <paramref name="serviceCode"/> for the elder
/// on <paramref name="serviceDate"/>. With no source registered nothing is covered by long-term-care insurance.
/// Implementations read only; they must not write.
/// </summary>
public interface ILtcPlanCoverage
{
    Task<LtcPlanCover?> FindAsync(long elderId, string serviceCode, DateOnly serviceDate, CancellationToken ct);

    /// <summary>
    /// <see cref="FindAsync"/> for several services of one visit: the cover of each service code that has one (codes
    /// without a cover are absent). Sources that can answer in one query override this; the default asks one by one.
    /// </summary>
    async Task<IReadOnlyDictionary<string, LtcPlanCover>> FindManyAsync(long elderId, IReadOnlyCollection<string> serviceCodes,
        DateOnly serviceDate, CancellationToken ct)
    {
        var found = new Dictionary<string, LtcPlanCover>(StringComparer.Ordinal);
        foreach (var code in serviceCodes)
            if (await FindAsync(elderId, code, serviceDate, ct) is { } cover) found[code] = cover;
        return found;
    }
}
