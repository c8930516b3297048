using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Family notifications of the emergency centre: per-elder settings, the notices (an outbox of the events), the notifier's cursor.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261210400000_EmergencyNotifications")]
public sealed class EmergencyNotifications : SqlScriptMigration
{
    protected override string ScriptName => "20261210400000_EmergencyNotifications";
}
