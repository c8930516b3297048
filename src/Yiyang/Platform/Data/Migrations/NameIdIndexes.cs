using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>
/// The three indexes that serve lists of elders by name end in id, the lists' tie-breaker, so a page reads
/// only the entries it shows however many namesakes a district has (growth from the 1/16 to the full city).
/// </summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261206050000_NameIdIndexes")]
public sealed class NameIdIndexes : SqlScriptMigration
{
    protected override string ScriptName => "20261206050000_NameIdIndexes";
}
