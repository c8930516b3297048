using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Escalations of incidents not acknowledged and of tasks not accepted in time.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261209112000_EmergencyEscalation")]
public sealed class EmergencyEscalation : SqlScriptMigration
{
    protected override string ScriptName => "20261209112000_EmergencyEscalation";
}
