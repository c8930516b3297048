using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Health management: yearly 65+ records and TCM records (one per elder and year), chronic follow-ups, vaccinations.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123143000_HealthManagement")]
public sealed class HealthManagement : SqlScriptMigration
{
    protected override string ScriptName => "20261123143000_HealthManagement";
}
