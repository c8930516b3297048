using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Admission desk safeguards: miss counts, cross-organization admission reviews, security alerts.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261208120000_AdmissionSafeguards")]
public sealed class AdmissionSafeguards : SqlScriptMigration
{
    protected override string ScriptName => "20261208120000_AdmissionSafeguards";
}
