using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>The publication of finished inspections' results (一公开).</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261209101000_SupervisionPublication")]
public sealed class SupervisionPublication : SqlScriptMigration
{
    protected override string ScriptName => "20261209101000_SupervisionPublication";
}
