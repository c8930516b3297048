using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Policy task tables: tasks, yearly milestones, linked indicators and progress reports.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261209121000_PolicyTasks")]
public sealed class PolicyTasks : SqlScriptMigration
{
    protected override string ScriptName => "20261209121000_PolicyTasks";
}
