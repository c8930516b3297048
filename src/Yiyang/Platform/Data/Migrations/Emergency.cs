using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>The emergency centre: devices and their secrets' hashes, alarms, readings, incidents and dispatches.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261208110000_Emergency")]
public sealed class Emergency : SqlScriptMigration
{
    protected override string ScriptName => "20261208110000_Emergency";
}
