using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Emergency dispatches to responding organizations with their inbox steps.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261209111000_EmergencyResponders")]
public sealed class EmergencyResponders : SqlScriptMigration
{
    protected override string ScriptName => "20261209111000_EmergencyResponders";
}
