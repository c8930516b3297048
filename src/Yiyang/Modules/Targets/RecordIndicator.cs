using System.Linq.Expressions;

namespace Yiyang.Modules.Targets;

/// <summary>
/// A member of an indicator's population as read from the database, before masking (set by member initialization, so that
/// the database can order and page the projection).
/// </summary>
public sealed class MemberRow
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string TownshipCode { get; init; } = "";
}

/// <summary>
/// An indicator counted over a population of records (elders, organizations, referrals…) located in a township: a rate
/// (members meeting <see cref="Counted"/> ÷ the population) or, when <see cref="IsCount"/>, the number of members meeting it.
/// The modules owning the records derive from this and state the population and the rule in LINQ; the counts are grouped
/// by township in the database, on the read-only replica when one is configured (<see cref="Staleness.Indicators"/>).
/// </summary>
public abstract class RecordIndicator<T>(StaleReads reads) : IIndicator where T : class
{
    /// <summary>The context of the counts: the replica once <see cref="CountAsync"/> or <see cref="MembersAsync"/> chose it.</summary>
    protected YiyangDb Db => reads.Current;

    public abstract IndicatorDefinition Definition { get; }

    /// <summary>The kind of member shown in the drill-through: elder, organization, referral…</summary>
    protected abstract string MemberKind { get; }

    /// <summary>The township of a record.</summary>
    protected abstract Expression<Func<T, string>> Township { get; }

    /// <summary>The records of the denominator (all regions: the region filter is added here).</summary>
    protected abstract IQueryable<T> Population(IndicatorPeriod period);

    /// <summary>The rule of the numerator.</summary>
    protected abstract Expression<Func<T, bool>> Counted(IndicatorPeriod period);

    /// <summary>The drill-through row of a record.</summary>
    protected abstract Expression<Func<T, MemberRow>> Member { get; }

    /// <summary>What is shown of a member (persons: a masked name).</summary>
    protected virtual IndicatorMember Show(MemberRow row) => new(MemberKind, row.Id, row.Name, row.TownshipCode, null);

    protected virtual bool IsCount => Definition.Unit == IndicatorUnit.Count;

    public virtual async Task<IndicatorCounts> CountAsync(IndicatorPeriod period, CancellationToken ct)
    {
        await reads.WithinAsync(Staleness.Indicators, ct);
        var population = InRegion(Population(period), period.RegionCode);
        var numerator = await ByTownshipAsync(population.Where(Counted(period)), ct);
        return IsCount ? IndicatorCounts.Count(numerator) : IndicatorCounts.Rate(numerator, await ByTownshipAsync(population, ct));
    }

    public virtual async Task<IReadOnlyList<IndicatorMember>?> MembersAsync(IndicatorPeriod period, bool counted, int skip, int take,
        CancellationToken ct)
    {
        await reads.WithinAsync(Staleness.Indicators, ct);
        var rule = Counted(period);
        var q = InRegion(Population(period), period.RegionCode)
            .Where(counted ? rule : Expression.Lambda<Func<T, bool>>(Expression.Not(rule.Body), rule.Parameters));
        var rows = await q.Select(Member).OrderBy(m => m.TownshipCode).ThenBy(m => m.Id).Skip(skip).Take(take).ToListAsync(ct);
        return [.. rows.Select(Show)];
    }

    private IQueryable<T> InRegion(IQueryable<T> q, string regionCode)
    {
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        Expression<Func<string>> region = () => regionCode; // a parameter: one plan for every region
        var township = Township; // one tree: its body and its parameter must belong together
        var body = Expression.Call(township.Body, startsWith, region.Body);
        return q.Where(Expression.Lambda<Func<T, bool>>(body, township.Parameters));
    }

    private async Task<Dictionary<string, int>> ByTownshipAsync(IQueryable<T> q, CancellationToken ct) =>
        await q.GroupBy(Township).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
}

/// <summary>An indicator the platform cannot count yet: it always answers no-data with the reason.</summary>
public abstract class PendingIndicator : IIndicator
{
    public abstract IndicatorDefinition Definition { get; }

    /// <summary>Why the platform cannot count it (shown instead of a 0).</summary>
    protected abstract string Reason { get; }

    public Task<IndicatorCounts> CountAsync(IndicatorPeriod period, CancellationToken ct) => Task.FromResult(IndicatorCounts.NoData(Reason));

    public Task<IReadOnlyList<IndicatorMember>?> MembersAsync(IndicatorPeriod period, bool counted, int skip, int take, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<IndicatorMember>?>(null);
}
