using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Platform foundation: accounts, organizations, elders, timeline, audit, data-protection keys.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123000000_Foundation")]
public sealed class Foundation : SqlScriptMigration
{
    protected override string ScriptName => "20261123000000_Foundation";
}
