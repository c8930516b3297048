using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>The console event stream of the emergency centre, written by triggers with each change.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261210300000_EmergencyConsoleEvents")]
public sealed class EmergencyConsoleEvents : SqlScriptMigration
{
    protected override string ScriptName => "20261210300000_EmergencyConsoleEvents";
}
