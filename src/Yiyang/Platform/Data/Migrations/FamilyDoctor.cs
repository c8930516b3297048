using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Family-doctor teams, service packages and contracts; one active contract per elder by a partial unique index.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123110000_FamilyDoctor")]
public sealed class FamilyDoctor : SqlScriptMigration
{
    protected override string ScriptName => "20261123110000_FamilyDoctor";
}
