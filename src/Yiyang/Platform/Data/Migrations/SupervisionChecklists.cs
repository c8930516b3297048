using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Versioned checklists per bureau and organization kind, seeded with version 1 of each.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261208102000_SupervisionChecklists")]
public sealed class SupervisionChecklists : SqlScriptMigration
{
    protected override string ScriptName => "20261208102000_SupervisionChecklists";
}
