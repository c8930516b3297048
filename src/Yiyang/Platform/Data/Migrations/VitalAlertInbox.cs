using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Vital alerts: the abnormal vitals of a home visit, each user's inbox, and where an incident not from a device came from.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261211100000_VitalAlertInbox")]
public sealed class VitalAlertInbox : SqlScriptMigration
{
    protected override string ScriptName => "20261211100000_VitalAlertInbox";
}
