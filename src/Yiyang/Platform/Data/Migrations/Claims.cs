using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Claims: coverage periods with their exclusion-group slots (PostgreSQL EXCLUDE / SQLite triggers), monthly bed-day claims and their lines, daily rates by care grade.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123151000_Claims")]
public sealed class Claims : SqlScriptMigration
{
    protected override string ScriptName => "20261123151000_Claims";
}
