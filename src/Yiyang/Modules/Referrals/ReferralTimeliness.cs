using Yiyang.Modules.Targets;

namespace Yiyang.Modules.Referrals;

/// <summary>
/// 转诊及时率: referrals requested in the year and answered (accepted or rejected) within
/// <see cref="TimelyHours"/> hours ÷ referrals requested in the year that were not withdrawn before an answer, by the
/// elder's township (docs/domain/targets.md#referral-timeliness). Counted in memory: a year's referrals of a region are
/// a few thousand rows, and the hour arithmetic on instants does not translate to both databases alike.
/// </summary>
public sealed class ReferralTimeliness(StaleReads reads) : IIndicator
{
    /// <summary>The answer time counted as timely: a platform decision (docs/domain/targets.md#indicator-catalogue).</summary>
    public const int TimelyHours = 24;

    public IndicatorDefinition Definition { get; } = new("referral-timeliness", "双向转诊及时率", IndicatorUnit.Percent,
        $"年内提出、{TimelyHours} 小时内被接收方接收或拒绝的转诊数", "年内提出的转诊数（答复前撤回的除外）", "双向转诊记录（提出、接收、拒绝时间）",
        "阜新（双向转诊机制）；台州（转诊合作机制）；平台定义 24 小时", Bureaus.Health);

    private sealed record Row(long Id, string TownshipCode, bool Timely, string Label);

    private async Task<List<Row>> RowsAsync(IndicatorPeriod period, CancellationToken ct)
    {
        var from = new DateTimeOffset(period.YearStart.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
        var to = period.AsOfEnd;
        var region = period.RegionCode;
        var db = await reads.WithinAsync(Staleness.Indicators, ct);
        var rows = await db.Set<Referral>().AsNoTracking()
            .Where(r => r.RequestedAt >= from && r.RequestedAt <= to && r.TownshipCode.StartsWith(region)
                && !(r.Status == ReferralStatus.Withdrawn && r.AcceptedAt == null && r.RejectedAt == null))
            .Select(r => new { r.Id, r.TownshipCode, r.RequestedAt, Answered = r.AcceptedAt ?? r.RejectedAt, r.Direction, r.Indication })
            .ToListAsync(ct);
        var limit = TimeSpan.FromHours(TimelyHours);
        return [.. rows.Select(r => new Row(r.Id, r.TownshipCode, r.Answered is { } a && a - r.RequestedAt <= limit,
            $"{(r.Direction == ReferralDirection.Up ? "上转" : "下转")} {r.RequestedAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}"))];
    }

    public async Task<IndicatorCounts> CountAsync(IndicatorPeriod period, CancellationToken ct)
    {
        var rows = await RowsAsync(period, ct);
        return IndicatorCounts.Rate(
            rows.Where(r => r.Timely).GroupBy(r => r.TownshipCode).ToDictionary(g => g.Key, g => g.Count()),
            rows.GroupBy(r => r.TownshipCode).ToDictionary(g => g.Key, g => g.Count()));
    }

    public async Task<IReadOnlyList<IndicatorMember>?> MembersAsync(IndicatorPeriod period, bool counted, int skip, int take, CancellationToken ct) =>
        [.. (await RowsAsync(period, ct)).Where(r => r.Timely == counted).OrderBy(r => r.TownshipCode).ThenBy(r => r.Id).Skip(skip).Take(take)
            .Select(r => new IndicatorMember("referral", r.Id, r.Label, r.TownshipCode, r.Timely ? "及时答复" : "超时或未答复"))];
}
