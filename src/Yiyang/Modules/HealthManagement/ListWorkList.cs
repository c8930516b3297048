using System.Globalization;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.HealthManagement;

/// <summary>
/// 健康管理工作清单 (the module's index page): the elders in scope who count as 65+ in a year, with the state of their
/// yearly record, TCM record and follow-ups; those without a yearly record first, then those with an incomplete one, then
/// the complete ones, each by name (or only one of these groups). Names are shown (staff of the elders' organization;
/// regulators see masked names). Each group is read in name order up to the page, so a page costs the same for a
/// township's staff and for a city's regulator (whose scope holds millions of elders); the total comes from
/// <see cref="Paging.TotalAsync"/> (counted up to <c>Lists:MaxCountedResults</c> when the page is full).
/// </summary>
public sealed class ListWorkList(
    YiyangDb db, CurrentUser user, HealthManagementAccess access, AuditTrail audit, IOptions<HealthManagementOptions> options, RegionCatalog regions,
    IOptions<ListOptions> lists)
{
    private const int Size = 20;

    /// <summary>The work list's filter by the state of the yearly record (<c>null</c>: all, those without a complete record first).</summary>
    public static readonly IReadOnlyDictionary<string, string> States = new Dictionary<string, string>
    {
        ["none"] = "未建立",
        ["incomplete"] = "不完整",
        ["complete"] = "完整",
    };

    private sealed record Row(long Id, string Name, DateOnly BirthDate, string TownshipCode, long? CheckId, bool? CheckComplete, long? TcmId,
        bool? TcmComplete, int Followups);

    public async Task<PagedList<ElderYearStatus>> HandleAsync(int? year, int? page, CancellationToken ct, string? state = null)
    {
        var y = access.Year(year);
        state = string.IsNullOrWhiteSpace(state) ? null : state.Trim();
        if (state is not null && !States.ContainsKey(state))
            throw ValidationFailedException.For("state", "年度体检状态应为 none（未建立）、incomplete（不完整）或 complete（完整）。");
        var p = Math.Max(1, page ?? 1);
        var o = options.Value;
        var latest = ContractRules.LatestBirthFor65Plus(y, o.ManagementAge, o.CountAgeReachedDuringYear);
        var checks = db.Set<HealthCheck>().AsNoTracking().Where(c => c.Year == y);
        var inScope = ElderScope.Apply(db.Elders.AsNoTracking(), user).Where(e => e.BirthDate <= latest);
        // the three groups in the list's order (an elder has at most one yearly record a year: unique index)
        var groups = new Dictionary<string, IQueryable<Elder>>
        {
            ["none"] = inScope.Where(e => !checks.Any(c => c.ElderId == e.Id)),
            ["incomplete"] = inScope.Where(e => checks.Any(c => c.ElderId == e.Id && !c.Complete)),
            ["complete"] = inScope.Where(e => checks.Any(c => c.ElderId == e.Id && c.Complete)),
        };
        var shown = state is null ? [.. groups.Values] : new[] { groups[state] };
        var rows = await ReadPageAsync(shown, y, (p - 1) * Size, ct);
        var (total, capped) = await Paging.TotalAsync(state is null ? inScope : shown[0], p, Size, rows.Count, lists.Value.MaxCountedResults, ct);
        var mask = user.Can(HealthManagementPolicies.MaskedNames);
        await audit.RecordListAsync("healthmgmt.worklist.view", "year", y.ToString(CultureInfo.InvariantCulture), p, rows.Select(r => r.Id),
            state is null ? null : $"state={state}");
        static string State(long? id, bool complete) => id is null ? "未建立" : complete ? "完整" : "不完整";
        return new PagedList<ElderYearStatus>([.. rows.Select(x => new ElderYearStatus(x.Id, mask ? Masking.Name(x.Name) : x.Name,
            y - x.BirthDate.Year, regions.Find(x.TownshipCode)?.Name ?? x.TownshipCode, State(x.CheckId, x.CheckComplete == true), x.CheckId,
            State(x.TcmId, x.TcmComplete == true), x.TcmId, x.Followups))], total, p, Size, capped);
    }

    /// <summary>The page's rows: the groups in order, each read in name order, skipping the rows of earlier pages.</summary>
    private async Task<List<Row>> ReadPageAsync(IQueryable<Elder>[] shown, int y, int skip, CancellationToken ct)
    {
        var checks = db.Set<HealthCheck>().AsNoTracking().Where(c => c.Year == y);
        var tcm = db.Set<TcmRecord>().AsNoTracking().Where(t => t.Year == y);
        var from = new DateOnly(y, 1, 1);
        var to = new DateOnly(y, 12, 31);
        var followups = db.Set<ChronicFollowup>().AsNoTracking().Where(f => f.FollowedOn >= from && f.FollowedOn <= to);
        var rows = new List<Row>();
        for (var i = 0; i < shown.Length && rows.Count < Size; i++)
        {
            var want = Size - rows.Count;
            if (i < shown.Length - 1)
            {
                // how many of this group lie before the page: the count stops at what the page needs
                var n = await shown[i].Take(skip + want).CountAsync(ct);
                if (n <= skip)
                {
                    skip -= n;
                    continue;
                }
            }
            rows.AddRange(await shown[i].OrderBy(e => e.Name).ThenBy(e => e.Id).Skip(skip).Take(want).Select(e => new Row(
                e.Id,
                e.Name,
                e.BirthDate,
                e.TownshipCode,
                // scalar subqueries by (elder, year) for the page's rows only (an EXISTS here became a hashed scan of the
                // whole year's records on PostgreSQL: 270 ms at 190k elders)
                checks.Where(c => c.ElderId == e.Id).Select(c => (long?)c.Id).FirstOrDefault(),
                checks.Where(c => c.ElderId == e.Id).Select(c => (bool?)c.Complete).FirstOrDefault(),
                tcm.Where(t => t.ElderId == e.Id).Select(t => (long?)t.Id).FirstOrDefault(),
                tcm.Where(t => t.ElderId == e.Id).Select(t => (bool?)t.Complete).FirstOrDefault(),
                followups.Count(f => f.ElderId == e.Id))).ToListAsync(ct));
            skip = 0;
        }
        return rows;
    }
}
