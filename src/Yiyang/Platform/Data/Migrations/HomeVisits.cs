using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Home visits: visits, their services and vitals, and Idempotency-Keys unique per user.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123121000_HomeVisits")]
public sealed class HomeVisits : SqlScriptMigration
{
    protected override string ScriptName => "20261123121000_HomeVisits";
}
