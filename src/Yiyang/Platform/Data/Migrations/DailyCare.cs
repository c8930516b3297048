using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Daily care records (issue 5 item 3): one record per stay, care-plan item, date and occurrence (unique index).</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123161000_DailyCare")]
public sealed class DailyCare : SqlScriptMigration
{
    protected override string ScriptName => "20261123161000_DailyCare";
}
