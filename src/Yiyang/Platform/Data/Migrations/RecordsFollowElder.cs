using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>
/// ADR 0008: the yearly health-management records carry their elder's current region, kept by the database, so a
/// district's or township's drill-through reads its own newest-records index.
/// </summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261206070000_RecordsFollowElder")]
public sealed class RecordsFollowElder : SqlScriptMigration
{
    protected override string ScriptName => "20261206070000_RecordsFollowElder";
}
