using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Licensing and registration applications on the working-day clock, their documents and the licences issued.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261210200000_SupervisionLicensing")]
public sealed class SupervisionLicensing : SqlScriptMigration
{
    protected override string ScriptName => "20261210200000_SupervisionLicensing";
}
