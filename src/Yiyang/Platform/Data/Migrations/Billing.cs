using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Billing: price catalogs, 上门服务费 bands and payer, package quota uses, charge lines (one per visit and item); the visit's distance.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123140000_Billing")]
public sealed class Billing : SqlScriptMigration
{
    protected override string ScriptName => "20261123140000_Billing";
}
