using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>The working-day calendar (holidays and make-up working days per year), seeded with the 2025 and 2026 notices.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261208100000_SupervisionCalendar")]
public sealed class SupervisionCalendar : SqlScriptMigration
{
    protected override string ScriptName => "20261208100000_SupervisionCalendar";
}
