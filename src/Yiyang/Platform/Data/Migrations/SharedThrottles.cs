using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Throttles counted in the database, shared by every app node (exact elder searches).</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261211200000_SharedThrottles")]
public sealed class SharedThrottles : SqlScriptMigration
{
    protected override string ScriptName => "20261211200000_SharedThrottles";
}
