using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Daily care: care records (one per stay, care-plan item, date and occurrence), medical-room encounters, infection-control zoning.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123161000_DailyCare")]
public sealed class DailyCare : SqlScriptMigration
{
    protected override string ScriptName => "20261123161000_DailyCare";
}
