using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Family sickbeds: sickbeds, plan services, cycles, rounds linked to home visits, orders, nursing records; one open sickbed per elder (partial unique index).</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123141000_Sickbeds")]
public sealed class Sickbeds : SqlScriptMigration
{
    protected override string ScriptName => "20261123141000_Sickbeds";
}
