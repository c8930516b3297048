using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>双随机 supervision: inspector certificates and conflicts, inspection plans, draws with their snapshots, assignments.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261208101000_SupervisionDraws")]
public sealed class SupervisionDraws : SqlScriptMigration
{
    protected override string ScriptName => "20261208101000_SupervisionDraws";
}
