using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Emergency calls: the call record (number encrypted and hashed), triage and outcome; the known callers of elders.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261209110000_EmergencyCalls")]
public sealed class EmergencyCalls : SqlScriptMigration
{
    protected override string ScriptName => "20261209110000_EmergencyCalls";
}
