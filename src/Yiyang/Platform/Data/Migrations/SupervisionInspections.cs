using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>On-site inspections, their items, photos and evidence, and the 整改 findings.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261209100000_SupervisionInspections")]
public sealed class SupervisionInspections : SqlScriptMigration
{
    protected override string ScriptName => "20261209100000_SupervisionInspections";
}
