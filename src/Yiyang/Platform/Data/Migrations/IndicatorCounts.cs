using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>
/// ADR 0005: the health-management indicator set pre-aggregated per township and year (exact counts, refreshed every few
/// minutes), with the moment and rule of each year's refresh.
/// </summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123180000_IndicatorCounts")]
public sealed class IndicatorCounts : SqlScriptMigration
{
    protected override string ScriptName => "20261123180000_IndicatorCounts";
}
