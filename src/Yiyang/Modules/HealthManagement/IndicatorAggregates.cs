using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;

using Yiyang.Platform.Hosting;

namespace Yiyang.Modules.HealthManagement;

/// <summary>
/// The five counts of the health-management indicator set for one township and year, as computed from the records by
/// <see cref="IndicatorAggregator"/> (ADR 0005: pre-aggregation, exact and at most a few minutes old). Summing the rows of
/// the townships of a region gives exactly what the live count over the region's elders gives at <see cref="IndicatorRefresh.ComputedAt"/>.
/// </summary>
public sealed class IndicatorCount
{
    public int Year { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public int Aged { get; set; }
    public int Checked { get; set; }
    public int Tcm { get; set; }
    public int Disabled { get; set; }
    public int Assessed { get; set; }
}

/// <summary>When the counts of a year were last computed, under which age rule, and how long it took.</summary>
public sealed class IndicatorRefresh
{
    public int Year { get; set; }
    /// <summary>The age rule the counts were made with (e.g. "65/during"): a changed setting makes them unusable.</summary>
    public required string Rule { get; set; }
    /// <summary>The moment the counting started (the data are as of this moment).</summary>
    public DateTimeOffset ComputedAt { get; set; }
    public int DurationMs { get; set; }
}

internal sealed class IndicatorCountConfiguration : IEntityTypeConfiguration<IndicatorCount>
{
    public void Configure(EntityTypeBuilder<IndicatorCount> b)
    {
        b.ToTable("healthmgmt_indicator_count", t =>
        {
            t.HasCheckConstraint("ck_healthmgmt_indicator_count_region", "county_code = substr(township_code, 1, 6)");
            t.HasCheckConstraint("ck_healthmgmt_indicator_count_numbers",
                "checked >= 0 AND tcm >= 0 AND assessed >= 0 AND checked <= aged AND tcm <= aged AND assessed <= disabled");
        });
        b.HasKey(x => new { x.Year, x.TownshipCode });
    }
}

internal sealed class IndicatorRefreshConfiguration : IEntityTypeConfiguration<IndicatorRefresh>
{
    public void Configure(EntityTypeBuilder<IndicatorRefresh> b)
    {
        b.ToTable("healthmgmt_indicator_refresh", t => t.HasCheckConstraint("ck_healthmgmt_indicator_refresh_duration", "duration_ms >= 0"));
        b.HasKey(x => x.Year);
        b.Property(x => x.Year).ValueGeneratedNever();
        b.Property(x => x.Rule).HasMaxLength(32);
    }
}

/// <summary>Settings of the indicator pre-aggregation (<c>HealthManagement:Indicators</c>).</summary>
public sealed class IndicatorAggregateOptions
{
    /// <summary>Whether regulators' and the city operator's indicator sets are read from the per-township counts.</summary>
    public bool PreAggregate { get; set; } = true;
    /// <summary>Minutes between two refreshes of the current and the previous year's counts.</summary>
    public double RefreshMinutes { get; set; } = 4;
    /// <summary>Counts older than this are not used (the set is counted live instead): the freshness promise.</summary>
    public double MaxAgeMinutes { get; set; } = 5;
}

/// <summary>
/// Counts the indicator set per township for a year in one statement (left joins on the one-record-per-elder-and-year
/// tables, so no row is counted twice) and replaces that year's rows in one transaction. The rules are those of
/// <see cref="IndicatorService"/>: denominators from the elders' birth dates and 失能 flag, numerators from complete
/// health checks and TCM records of the year and signed (or superseded) ability assessments made during it.
/// </summary>
public sealed class IndicatorAggregator(YiyangDb db, TimeProvider clock, IOptions<HealthManagementOptions> options)
{
    public static string RuleOf(HealthManagementOptions o) => $"{o.ManagementAge}/{(o.CountAgeReachedDuringYear ? "during" : "jan1")}";

    private const string CountSql = """
        SELECT e.township_code, MIN(e.county_code),
          SUM(CASE WHEN e.birth_date <= @latest THEN 1 ELSE 0 END),
          SUM(CASE WHEN e.birth_date <= @latest AND c.elder_id IS NOT NULL THEN 1 ELSE 0 END),
          SUM(CASE WHEN e.birth_date <= @latest AND t.elder_id IS NOT NULL THEN 1 ELSE 0 END),
          SUM(CASE WHEN (e.flags & @disabled) <> 0 THEN 1 ELSE 0 END),
          SUM(CASE WHEN (e.flags & @disabled) <> 0 AND a.elder_id IS NOT NULL THEN 1 ELSE 0 END)
        FROM elders_elder e
        LEFT JOIN healthmgmt_check c ON c.elder_id = e.id AND c.year = @year AND c.complete
        LEFT JOIN healthmgmt_tcm t ON t.elder_id = e.id AND t.year = @year AND t.complete
        LEFT JOIN (SELECT DISTINCT elder_id FROM assessments_assessment
                   WHERE instrument_code IN (@i1, @i2) AND status IN (@signed, @superseded)
                     AND assessed_on >= @from AND assessed_on <= @to) a ON a.elder_id = e.id
        GROUP BY e.township_code
        """;

    /// <summary>Recomputes the counts of <paramref name="year"/>; returns the refresh record.</summary>
    public async Task<IndicatorRefresh> RefreshAsync(int year, CancellationToken ct)
    {
        var o = options.Value;
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var latest = ContractRules.LatestBirthFor65Plus(year, o.ManagementAge, o.CountAgeReachedDuringYear);
        var rows = new List<IndicatorCount>();
        await using var tx = await db.BeginUseCaseTransactionAsync(ct);
        var conn = db.Database.GetDbConnection();
        await using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            cmd.CommandText = CountSql;
            cmd.CommandTimeout = 600;
            cmd.AddParameter("latest", latest); // DateOnly: a date on PostgreSQL, 'yyyy-MM-dd' text on SQLite (as EF stores it)
            cmd.AddParameter("disabled", (int)RiskFlags.Disabled);
            cmd.AddParameter("year", year);
            cmd.AddParameter("i1", Gbt42195Scorer.Code);
            cmd.AddParameter("i2", Ltc2021Scorer.Code);
            cmd.AddParameter("signed", (int)AssessmentStatus.Signed);
            cmd.AddParameter("superseded", (int)AssessmentStatus.Superseded);
            cmd.AddParameter("from", new DateOnly(year, 1, 1));
            cmd.AddParameter("to", new DateOnly(year, 12, 31));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                rows.Add(new IndicatorCount
                {
                    Year = year,
                    TownshipCode = r.GetString(0),
                    CountyCode = r.GetString(1),
                    Aged = Convert.ToInt32(r.GetValue(2)),
                    Checked = Convert.ToInt32(r.GetValue(3)),
                    Tcm = Convert.ToInt32(r.GetValue(4)),
                    Disabled = Convert.ToInt32(r.GetValue(5)),
                    Assessed = Convert.ToInt32(r.GetValue(6)),
                });
        }
        await db.Set<IndicatorCount>().Where(x => x.Year == year).ExecuteDeleteAsync(ct);
        db.AddRange(rows);
        var refresh = await db.Set<IndicatorRefresh>().FirstOrDefaultAsync(x => x.Year == year, ct);
        if (refresh is null) db.Add(refresh = new IndicatorRefresh { Year = year, Rule = "" });
        refresh.Rule = RuleOf(o);
        refresh.ComputedAt = started;
        refresh.DurationMs = (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return refresh;
    }
}

/// <summary>
/// Keeps the counts of the current and the previous year fresh: run at start and then every
/// <see cref="IndicatorAggregateOptions.RefreshMinutes"/> by the platform's periodic checks.
/// </summary>
public sealed class IndicatorRefresher(IndicatorAggregator aggregator, TimeProvider clock) : IPeriodicCheck
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var year = clock.ChinaToday().Year;
        await aggregator.RefreshAsync(year, ct);
        await aggregator.RefreshAsync(year - 1, ct);
        return 0; // nothing to report beyond a failure, which the runner logs
    }
}
