using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Institutions: beds and residents' stays, one open stay per bed and per elder (partial unique indexes).</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123130000_Institutions")]
public sealed class Institutions : SqlScriptMigration
{
    protected override string ScriptName => "20261123130000_Institutions";
}
