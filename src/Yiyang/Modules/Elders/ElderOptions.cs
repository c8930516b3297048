namespace Yiyang.Modules.Elders;

/// <summary>
/// Seam for the date of each elder's last home visit, used by the 台账; implemented by the home-care module
/// (HomeVisitHistory), so the elder registry does not depend on it.
/// </summary>
public interface IVisitHistory
{
    Task<IReadOnlyDictionary<long, DateOnly>> LastVisitDatesAsync(IReadOnlyCollection<long> elderIds, CancellationToken ct);
}

/// <summary>Settings of the elder registry.</summary>
public sealed class ElderOptions
{
    /// <summary>Flags that put an elder on the home-bound ledger (docs/domain/elders-and-identifiers.md#ledger-flags); codes of <see cref="RiskFlagCatalog"/>.</summary>
    public List<string> LedgerFlags { get; set; } = ["disabled", "dementia", "oldest-old", "disability", "living-alone"];
    public int MaxPageSize { get; set; } = 200;

    /// <summary>
    /// Exact searches by full ID number or phone one user may make per <see cref="ExactSearchWindowMinutes"/>
    /// (<see cref="ExactSearchThrottle"/>; counted in the database, shared by all app nodes); beyond it 429 with Retry-After.
    /// </summary>
    public int ExactSearchLimit { get; set; } = 20;

    public int ExactSearchWindowMinutes { get; set; } = 60;
}
