using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Saved assessments: drafts, signed immutable versions, corrections linked by a unique previous_id.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123120000_Assessments")]
public sealed class Assessments : SqlScriptMigration
{
    protected override string ScriptName => "20261123120000_Assessments";
}
