using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Institution care: leave of residents (one open leave per stay), admission contract, bed conversion requests.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123152000_InstitutionCare")]
public sealed class InstitutionCare : SqlScriptMigration
{
    protected override string ScriptName => "20261123152000_InstitutionCare";
}
