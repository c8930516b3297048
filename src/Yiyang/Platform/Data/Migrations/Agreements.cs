using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Agreements: cooperation agreements with attachment metadata; one effective agreement per pair (partial unique index).</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123150000_Agreements")]
public sealed class Agreements : SqlScriptMigration
{
    protected override string ScriptName => "20261123150000_Agreements";
}
