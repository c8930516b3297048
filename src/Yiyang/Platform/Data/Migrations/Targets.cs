using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Targets of the indicators per region and year.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261209120000_Targets")]
public sealed class Targets : SqlScriptMigration
{
    protected override string ScriptName => "20261209120000_Targets";
}
